"""Supply-chain collaboration: shipment tracking (tenant schema).

Supplier side: a company's carrier accounts (the webhook secret of each carrier, encrypted at rest), the
tracking of each of its sales shipments (status, ETA, promised date, the late alert) and the events of
that tracking, entered by hand or posted by a carrier through the signed webhook.

Buyer side: the tracking of each shipment announced to one of its purchase orders, kept from the
supplier's ``tracking_update`` documents (events idempotent by the supplier's event reference).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from kernel.fields import EncryptedTextField


class EventType(models.TextChoices):
    PICKED_UP = "picked_up", "Picked up"
    IN_TRANSIT = "in_transit", "In transit"
    OUT_FOR_DELIVERY = "out_for_delivery", "Out for delivery"
    DELIVERED = "delivered", "Delivered"
    EXCEPTION = "exception", "Exception"


class EventSource(models.TextChoices):
    CARRIER = "carrier", "Carrier (webhook)"
    MANUAL = "manual", "Entered by hand"


class TrackingStatus(models.TextChoices):
    SHIPPED = "shipped", "Shipped (no event yet)"
    PICKED_UP = "picked_up", "Picked up"
    IN_TRANSIT = "in_transit", "In transit"
    OUT_FOR_DELIVERY = "out_for_delivery", "Out for delivery"
    DELIVERED = "delivered", "Delivered"
    EXCEPTION = "exception", "Exception"


class CarrierAccount(models.Model):
    """A carrier that posts events to this company's webhook: ``/api/supplychain/carriers/<code>/webhook/``."""

    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=200)
    adapter = models.CharField(max_length=40)
    # Encrypted at rest (kernel.fields); shown once, when made or rotated.
    webhook_secret = EncryptedTextField()
    active = models.BooleanField(default=True)
    last_event_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["code", "id"]

    def __str__(self) -> str:
        return self.code


class ShipmentTracking(models.Model):
    """The tracking of one of the company's sales shipments (made with its first event or ETA)."""

    shipment = models.OneToOneField("sales.Shipment", on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=20, choices=TrackingStatus.choices, default=TrackingStatus.SHIPPED)
    eta = models.DateTimeField(null=True, blank=True)
    eta_source = models.CharField(max_length=10, choices=EventSource.choices, blank=True, default="")
    promised_date = models.DateField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    late_alerted_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-id"]
        indexes = [models.Index(fields=["late_alerted_at", "promised_date"], name="sctrack_late_idx")]

    def __str__(self) -> str:
        return f"tracking of shipment {self.shipment_id}"


class TrackingEvent(models.Model):
    """One event of a shipment's tracking. ``reference`` is the carrier's event id (unique per carrier
    account: a replayed delivery writes nothing) or a fresh uuid for an event entered by hand."""

    tracking = models.ForeignKey(ShipmentTracking, on_delete=models.CASCADE, related_name="events")
    reference = models.CharField(max_length=100)
    type = models.CharField(max_length=20, choices=EventType.choices)
    occurred_at = models.DateTimeField()
    location = models.CharField(max_length=300, blank=True, default="")
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    reason = models.CharField(max_length=1000, blank=True, default="")
    source = models.CharField(max_length=10, choices=EventSource.choices)
    carrier_account = models.ForeignKey(
        CarrierAccount, on_delete=models.PROTECT, null=True, blank=True, related_name="events"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
    )
    document_id = models.UUIDField(null=True, blank=True, help_text="The tracking_update that carried it.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["occurred_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["carrier_account", "reference"],
                name="sctrack_event_carrier_ref_uniq",
                condition=models.Q(carrier_account__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["reference"],
                name="sctrack_event_manual_ref_uniq",
                condition=models.Q(carrier_account__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.type} {self.occurred_at:%Y-%m-%d %H:%M}"


class InboundTracking(models.Model):
    """Buyer side: the tracking of a shipment a supplier announced to one of our purchase orders."""

    order = models.ForeignKey("procurement.PurchaseOrder", on_delete=models.CASCADE, related_name="+")
    supplier_shipment_id = models.BigIntegerField()
    shipment_number = models.CharField(max_length=64, blank=True, default="")
    so_number = models.CharField(max_length=64, blank=True, default="")
    carrier = models.CharField(max_length=200, blank=True, default="")
    tracking_number = models.CharField(max_length=200, blank=True, default="")
    status = models.CharField(max_length=20, choices=TrackingStatus.choices, default=TrackingStatus.SHIPPED)
    eta = models.DateTimeField(null=True, blank=True)
    eta_source = models.CharField(max_length=10, choices=EventSource.choices, blank=True, default="")
    promised_date = models.DateField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    late_alerted_at = models.DateTimeField(null=True, blank=True)
    # The newest update applied (updates may be ingested out of order: an older one never wins).
    sent_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-id"]
        constraints = [
            models.UniqueConstraint(fields=["order", "supplier_shipment_id"], name="sctrack_inbound_uniq")
        ]

    def __str__(self) -> str:
        return f"{self.order_id} {self.shipment_number}"


class InboundEvent(models.Model):
    """Buyer side: one event as the supplier reported it (``reference`` unique per tracking)."""

    tracking = models.ForeignKey(InboundTracking, on_delete=models.CASCADE, related_name="events")
    reference = models.CharField(max_length=100)
    type = models.CharField(max_length=20, choices=EventType.choices)
    occurred_at = models.DateTimeField()
    location = models.CharField(max_length=300, blank=True, default="")
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    reason = models.CharField(max_length=1000, blank=True, default="")
    source = models.CharField(max_length=10, choices=EventSource.choices)
    document_id = models.UUIDField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["occurred_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["tracking", "reference"], name="sctrack_inbound_event_uniq")
        ]

    def __str__(self) -> str:
        return f"{self.type} {self.occurred_at:%Y-%m-%d %H:%M}"
