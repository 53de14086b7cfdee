"""Factories for RFQ tests (and the isolation probes): categories, suppliers, RFQs, quotes.

Everything goes through the services, as a user would, except where a test needs a state no user can
reach directly (a deadline in the past: ``force_close``).
"""

from __future__ import annotations

import uuid
from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from identity.access import Actor
from identity.models import Membership
from identity.roles import permissions_for
from marketplace.directory.models import Category, Certification, CompanyRole, SupplierProfile
from marketplace.rfq import services
from marketplace.rfq.models import Quote, Rfq, RfqStatus
from marketplace.rfq.services import LineInput, QuoteInput, QuoteLineInput
from tenants.models import Company, CompanyStatus


def actor_for(company: Company, user: Any = None, roles: list[str] | None = None) -> Actor:
    """The actor of ``user`` in ``company`` (its membership's roles), or a system actor with ``roles``."""
    membership = Membership.objects.filter(company=company, user=user).first() if user else None
    granted = roles if roles is not None else (membership.roles if membership else ["owner"])
    return Actor(company=company, permissions=permissions_for(granted), user=user, membership=membership)


def category(name: str = "Test category", parent: Category | None = None) -> Category:
    code = f"{parent.code}.{uuid.uuid4().hex[:4]}" if parent else f"T{uuid.uuid4().hex[:8]}"
    return Category.objects.create(
        code=code,
        parent=parent,
        name_en=name,
        name_zh=name,
        path=f"{parent.path}/{code}" if parent else code,
        depth=parent.depth + 1 if parent else 0,
    )


def bare_company(name: str) -> Company:
    """An active company row without a schema (enough for a supplier that only needs to be matched)."""
    slug = f"bare-{uuid.uuid4().hex[:10]}"
    return Company.objects.bulk_create(
        [
            Company(
                schema_name=f"t_bare{uuid.uuid4().hex[:12]}",
                status=CompanyStatus.ACTIVE,
                name=name,
                slug=slug,
            )
        ]
    )[0]


def supplier_profile(
    company: Company,
    *,
    categories: list[Category],
    regions: tuple[str, ...] = ("CN",),
    certifications: dict[str, Any] | None = None,
    verified: bool = False,
    listed: bool = True,
    role: str = CompanyRole.BOTH,
) -> SupplierProfile:
    """The company's supplier profile (made or updated), serving ``categories`` in ``regions``.

    ``certifications``: type -> valid-until date.
    """
    profile, _ = SupplierProfile.objects.get_or_create(company=company)
    profile.display_name_en = profile.display_name_en or company.name
    profile.regions_served = sorted(set(profile.regions_served) | set(regions))
    profile.verified = verified
    profile.is_listed = listed
    profile.role = role
    profile.save()
    profile.categories.add(*categories)
    for cert_type, valid_until in (certifications or {}).items():
        Certification.objects.create(
            supplier=profile,
            type=cert_type,
            number=f"N-{uuid.uuid4().hex[:6]}",
            issuer="Test",
            valid_until=valid_until,
        )
    return profile


def line(
    cat: Category, *, quantity: str = "100", description: str = "Deep groove ball bearing 6205", **extra: Any
) -> LineInput:
    return LineInput(
        quantity=Decimal(quantity), unit="pcs", category_code=cat.code, description=description, **extra
    )


def rfq_draft(
    actor: Actor,
    *,
    lines: list[LineInput],
    title: str = "Bearings for Q3",
    closing_in: timedelta = timedelta(days=7),
    region: str = "CN-JS",
    **values: Any,
) -> Rfq:
    closing_at = timezone.now() + closing_in
    values.setdefault("delivery_date", (closing_at + timedelta(days=30)).date())
    return services.rfq_create(
        actor=actor,
        lines=lines,
        title=title,
        currency=values.pop("currency", "CNY"),
        closing_at=closing_at,
        delivery_region=region,
        **values,
    )


def rfq_open(actor: Actor, *, lines: list[LineInput], **values: Any) -> Rfq:
    rfq = rfq_draft(actor, lines=lines, **values)
    return services.rfq_publish(actor=actor, rfq_id=rfq.pk).rfq


def quote_input(
    rfq: Rfq,
    *,
    unit_price: str = "12.5000",
    lead_time_days: int = 14,
    status: str = "submitted",
    notes: str = "",
    only_lines: list[int] | None = None,
    **line_extra: Any,
) -> QuoteInput:
    rows = [
        QuoteLineInput(
            rfq_line_id=rfq_line.pk,
            unit_price=Decimal(unit_price),
            quantity_offered=rfq_line.quantity,
            lead_time_days=lead_time_days,
            **line_extra,
        )
        for rfq_line in rfq.lines.order_by("position")
        if only_lines is None or rfq_line.position in only_lines
    ]
    valid_until = ((rfq.closing_at or timezone.now()) + timedelta(days=30)).date()
    return QuoteInput(lines=rows, status=status, valid_until=valid_until, notes=notes)


def quote(actor: Actor, rfq: Rfq, **kwargs: Any) -> Quote:
    return services.quote_create(actor=actor, rfq_id=rfq.pk, data=quote_input(rfq, **kwargs))


def force_close(rfq: Rfq) -> Rfq:
    """Move the deadline into the past and let the beat's service close it."""
    Rfq.objects.filter(pk=rfq.pk).update(closing_at=timezone.now() - timedelta(seconds=1))
    services.rfq_close_due()
    rfq.refresh_from_db()
    assert rfq.status == RfqStatus.CLOSED
    return rfq


def deliver_pending() -> int:
    """Run every unprocessed RFQ outbox message, as the worker would after commit."""
    from kernel import outbox
    from kernel.models import OutboxMessage

    ran = 0
    pending = OutboxMessage.objects.filter(processed_at__isnull=True, topic__startswith="rfq.")
    for message in pending.order_by("created_at"):
        ran += outbox.outbox_deliver_message(message_id=str(message.pk))
    return ran


def quote_body(rfq: Rfq, *, unit_price: str = "9.9900", **extra: Any) -> dict[str, Any]:
    """An API body quoting every line of ``rfq``."""
    return {
        "lines": [
            {
                "rfq_line_id": rfq_line.pk,
                "unit_price": unit_price,
                "offered_quantity": str(rfq_line.quantity),
                "lead_time_days": 5,
            }
            for rfq_line in rfq.lines.order_by("position")
        ],
        "valid_until": ((rfq.closing_at or timezone.now()) + timedelta(days=30)).date().isoformat(),
        **extra,
    }


def listing(
    actor: Actor,
    cat: Category,
    *,
    sku: str | None = None,
    price: str = "10.00",
    lead_time_days: int = 7,
    unit: str = "pcs",
    currency: str = "CNY",
    status: str = "active",
    name_en: str = "Deep groove ball bearing 6205",
    name_zh: str = "深沟球轴承 6205",
) -> Any:
    """A catalog listing of the actor's company (which has a supplier profile), made by the catalog's
    services; one price tier at ``price`` from a MOQ of 1."""
    from marketplace.catalog.services import category_index, listing_create
    from marketplace.catalog.validation import listing_clean

    data = listing_clean(
        {
            "sku": sku or f"SKU-{uuid.uuid4().hex[:8]}",
            "name_en": name_en,
            "name_zh": name_zh,
            "category_code": cat.code,
            "unit": unit,
            "currency": currency,
            "price_tiers": f"1:{price}",
            "moq": "1",
            "lead_time_days": str(lead_time_days),
            "availability": "made_to_order",
            "stock_quantity": "",
            "attributes": "",
            "description_en": "",
            "description_zh": "",
            "status": status,
        },
        categories=category_index(),
    )
    return listing_create(actor=actor, data=data)


def listing_reprice(actor: Actor, listing_id: int, *, price: str, lead_time_days: int) -> Any:
    """Change a listing's single price tier and lead time through the catalog's update service."""
    from marketplace.catalog.models import Listing
    from marketplace.catalog.services import category_index, listing_update
    from marketplace.catalog.validation import listing_clean

    current = Listing.objects.select_related("category").get(pk=listing_id)
    data = listing_clean(
        {
            "sku": current.sku,
            "name_en": current.name_en,
            "name_zh": current.name_zh,
            "category_code": current.category.code,
            "unit": current.unit,
            "currency": current.currency,
            "price_tiers": f"1:{price}",
            "moq": "1",
            "lead_time_days": str(lead_time_days),
            "availability": current.availability,
            "stock_quantity": "",
            "attributes": "",
            "description_en": "",
            "description_zh": "",
            "status": current.status,
        },
        categories=category_index(),
    )
    return listing_update(actor=actor, listing_id=listing_id, data=data)
