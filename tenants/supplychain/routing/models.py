"""Supply-chain routing (tenant schema): where customers take deliveries, depots and vehicles, route plans.

A delivery site is a customer's drop point (coordinates, the time window in which a vehicle may arrive,
minutes of service there); a depot is a warehouse with coordinates and opening hours; a vehicle type belongs
to a depot (capacity in the load unit, which is the sum of the ordered quantities, an optional average
speed, how many of them). A route plan of a day keeps what was planned (vehicles, ordered stops with
arrival times and loads, total distance) together with the naive order's and the nearest-neighbour
baseline's distance, as snapshots: editing a site or a vehicle later does not change a plan.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q


def coordinate() -> models.DecimalField:
    return models.DecimalField(max_digits=9, decimal_places=6)


def quantity(**kwargs: object) -> models.DecimalField:
    return models.DecimalField(max_digits=18, decimal_places=4, **kwargs)  # type: ignore[arg-type]


class DeliverySite(models.Model):
    customer = models.OneToOneField("sales.Customer", on_delete=models.CASCADE, related_name="delivery_site")
    latitude = coordinate()
    longitude = coordinate()
    window_start = models.TimeField()
    window_end = models.TimeField()
    service_minutes = models.PositiveIntegerField(default=10)
    note = models.CharField(max_length=500, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["customer__name", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(window_start__lt=F("window_end")), name="site_window_ordered"),
            models.CheckConstraint(condition=Q(latitude__gte=-90, latitude__lte=90), name="site_latitude"),
            models.CheckConstraint(
                condition=Q(longitude__gte=-180, longitude__lte=180), name="site_longitude"
            ),
        ]

    def __str__(self) -> str:
        return f"site of customer {self.customer_id}"


class Depot(models.Model):
    warehouse = models.OneToOneField("inventory.Warehouse", on_delete=models.CASCADE, related_name="depot")
    latitude = coordinate()
    longitude = coordinate()
    open_from = models.TimeField()
    open_until = models.TimeField()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["warehouse__code", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(open_from__lt=F("open_until")), name="depot_hours_ordered"),
            models.CheckConstraint(condition=Q(latitude__gte=-90, latitude__lte=90), name="depot_latitude"),
            models.CheckConstraint(
                condition=Q(longitude__gte=-180, longitude__lte=180), name="depot_longitude"
            ),
        ]

    def __str__(self) -> str:
        return f"depot of warehouse {self.warehouse_id}"


class Vehicle(models.Model):
    """A vehicle type of a depot: ``count`` identical vehicles."""

    depot = models.ForeignKey(Depot, on_delete=models.CASCADE, related_name="vehicles")
    name = models.CharField(max_length=100)
    capacity = quantity()
    speed_kmh = models.PositiveIntegerField(null=True, blank=True)
    count = models.PositiveIntegerField(default=1)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["depot_id", "name", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(capacity__gt=0), name="vehicle_capacity_positive"),
            models.CheckConstraint(condition=Q(count__gte=1), name="vehicle_count_positive"),
            models.CheckConstraint(
                condition=Q(speed_kmh__isnull=True) | Q(speed_kmh__gt=0), name="vehicle_speed_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class RoutePlan(models.Model):
    depot = models.ForeignKey(Depot, on_delete=models.SET_NULL, null=True, related_name="plans")
    depot_label = models.CharField(max_length=300)
    delivery_date = models.DateField()
    distance_source = models.CharField(max_length=40)
    time_limit_seconds = models.PositiveIntegerField()
    solve_ms = models.PositiveIntegerField()
    stop_count = models.PositiveIntegerField()
    vehicles_available = models.PositiveIntegerField()
    total_load = quantity()
    total_distance_m = models.PositiveBigIntegerField()
    naive_distance_m = models.PositiveBigIntegerField()
    naive_trips = models.PositiveIntegerField()
    nearest_neighbour_distance_m = models.PositiveBigIntegerField()
    nearest_neighbour_trips = models.PositiveIntegerField()
    nearest_neighbour_meets_windows = models.BooleanField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
    )
    created_by_label = models.CharField(max_length=300, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["delivery_date", "-created_at"], name="routeplan_date_idx")]

    def __str__(self) -> str:
        return f"route plan {self.pk} of {self.delivery_date}"


class PlannedRoute(models.Model):
    """One vehicle's route in a plan (only vehicles that have stops)."""

    plan = models.ForeignKey(RoutePlan, on_delete=models.CASCADE, related_name="routes")
    sequence = models.PositiveIntegerField()
    vehicle = models.ForeignKey(Vehicle, on_delete=models.SET_NULL, null=True, related_name="+")
    vehicle_name = models.CharField(max_length=100)
    unit_no = models.PositiveIntegerField()
    capacity = quantity()
    departure_time = models.TimeField()
    return_time = models.TimeField()
    distance_m = models.PositiveBigIntegerField()
    load = quantity()

    class Meta:
        ordering = ["plan_id", "sequence"]
        constraints = [models.UniqueConstraint(fields=["plan", "sequence"], name="plannedroute_seq_uniq")]

    def __str__(self) -> str:
        return f"{self.vehicle_name} #{self.unit_no}"


class PlannedStop(models.Model):
    route = models.ForeignKey(PlannedRoute, on_delete=models.CASCADE, related_name="stops")
    sequence = models.PositiveIntegerField()
    customer = models.ForeignKey("sales.Customer", on_delete=models.SET_NULL, null=True, related_name="+")
    customer_name = models.CharField(max_length=200)
    order_numbers = models.JSONField(default=list)
    latitude = coordinate()
    longitude = coordinate()
    window_start = models.TimeField()
    window_end = models.TimeField()
    arrival_time = models.TimeField()
    service_start_time = models.TimeField()
    departure_time = models.TimeField()
    distance_m = models.PositiveBigIntegerField()  # from the previous point
    load = quantity(default=Decimal(0))  # delivered here
    load_after = quantity(default=Decimal(0))  # still on board after the stop

    class Meta:
        ordering = ["route_id", "sequence"]
        constraints = [models.UniqueConstraint(fields=["route", "sequence"], name="plannedstop_seq_uniq")]

    def __str__(self) -> str:
        return f"{self.route_id}/{self.sequence} {self.customer_name}"
