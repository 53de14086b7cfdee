# ruff: noqa: RUF001  (Chinese demo texts use full-width punctuation)
"""Demo RFQs among the demo companies (hansa.demo): open and closed ones, with quotes and awards.

Made through the services, as the demo members would make them. Deadlines in the past are reached the
only way there is: an RFQ is published with a future deadline, quoted, then its deadline is moved back and
the beat's closing service closes it. Idempotent: nothing is made when the demo RFQs exist.

Uses the seeded category tree; a demo supplier without a supplier profile (the directory's demo data not
loaded) gets a minimal one, and every demo RFQ invites its suppliers explicitly, so the RFQs are the same
whatever the directory's demo data holds.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from identity.access import Actor
from identity.models import Membership
from identity.roles import permissions_for
from marketplace.directory.models import Category, Certification, CompanyRole, SupplierProfile
from marketplace.rfq import services
from marketplace.rfq.models import Rfq, RfqStatus
from marketplace.rfq.services import LineInput, QuoteInput, QuoteLineInput
from tenants.models import Company

logger = logging.getLogger(__name__)

BUYERS = {"huaxia-machinery": "buyer@huaxia.demo", "freshmart": "buyer@freshmart.demo"}
SUPPLIERS = {
    "precision-bearings": ("sales@bearings.demo", ["10.01.01", "10.01.02", "10.01.04"], "ISO 9001"),
    "northsteel": ("sales@northsteel.demo", ["20.01.01", "20.01.02", "10.01.04"], "ISO 9001"),
    "goldenfoods": ("sales@goldenfoods.demo", ["30.01.01", "30.01.03"], "HACCP"),
}


@dataclass
class DemoLine:
    category: str
    description: str
    quantity: str
    unit: str
    target_price: str | None = None
    certifications: list[str] = field(default_factory=list)
    # Link a public catalog listing of this demo supplier in the line's category whose English name holds
    # ``listing_name`` (the first by SKU), when the supplier's demo catalog exists.
    listing_of: str | None = None
    listing_name: str = ""


@dataclass
class DemoQuote:
    supplier: str
    prices: dict[int, tuple[str, int]]  # line position -> (unit price, lead time days)
    notes: str = ""
    status: str = "submitted"


@dataclass
class DemoRfq:
    reference: str
    buyer: str
    title: str
    lines: list[DemoLine]
    invite: list[str]
    quotes: list[DemoQuote]
    state: str  # draft | open | closed | awarded
    sealed: bool = False
    visibility: str = "open"
    region: str = "CN-JS"
    payment_terms: str = "月结30天 / 30 days net"
    award_to: str | None = None
    award_reason: str = ""


DEMO_RFQS = [
    DemoRfq(
        "DEMO-RFQ-001",
        "huaxia-machinery",
        "深沟球轴承年度采购 Deep groove ball bearings, annual supply",
        [
            DemoLine(
                "10.01.01",
                "深沟球轴承 6205-2RS / Deep groove ball bearing 6205-2RS",
                "20000",
                "pcs",
                "3.20",
                ["ISO 9001"],
                listing_of="precision-bearings",
                listing_name="deep groove ball bearing 6205",
            ),
            DemoLine(
                "10.01.01",
                "深沟球轴承 6308-ZZ / Deep groove ball bearing 6308-ZZ",
                "5000",
                "pcs",
                "11.50",
                ["ISO 9001"],
            ),
        ],
        invite=["precision-bearings"],
        quotes=[
            DemoQuote(
                "precision-bearings", {1: ("3.05", 21), 2: ("10.90", 28)}, "含税价 / prices incl. packing"
            )
        ],
        state="open",
        sealed=True,
    ),
    DemoRfq(
        "DEMO-RFQ-002",
        "huaxia-machinery",
        "Q235热轧钢板及轴承座 Hot-rolled plate Q235 and bearing housings",
        [
            DemoLine("20.01.01", "Q235B 热轧钢板 12mm / Hot-rolled plate Q235B 12 mm", "60", "t", "4300"),
            DemoLine("10.01.04", "立式轴承座 UCP208 / Pillow block UCP208", "400", "pcs", "38"),
        ],
        invite=["northsteel", "precision-bearings"],
        quotes=[
            DemoQuote("northsteel", {1: ("4180", 35), 2: ("41.00", 30)}, "Ex works Duisburg plus freight"),
            DemoQuote("precision-bearings", {2: ("36.50", 14)}),
        ],
        state="closed",
        visibility="invited",
    ),
    DemoRfq(
        "DEMO-RFQ-003",
        "huaxia-machinery",
        "圆锥滚子轴承 Tapered roller bearings 30208",
        [DemoLine("10.01.02", "圆锥滚子轴承 30208 / Tapered roller bearing 30208", "3000", "pcs", "9.80")],
        invite=["precision-bearings", "northsteel"],
        quotes=[
            DemoQuote("precision-bearings", {1: ("9.40", 20)}),
            DemoQuote("northsteel", {1: ("10.20", 45)}),
        ],
        state="awarded",
        sealed=True,
        award_to="precision-bearings",
        award_reason="价格最低、交期最短 / Lowest price and shortest lead time",
    ),
    DemoRfq(
        "DEMO-RFQ-101",
        "freshmart",
        "春节坚果礼盒 Nut gift boxes for the Spring Festival",
        [
            DemoLine(
                "30.01.03", "每日坚果礼盒 750g / Mixed nuts gift box 750 g", "8000", "box", "68", ["HACCP"]
            )
        ],
        invite=["goldenfoods"],
        quotes=[
            DemoQuote("goldenfoods", {1: ("62.50", 25)}, "可定制礼盒印刷 / custom box printing available")
        ],
        state="open",
        visibility="invited",
        region="CN-SH",
    ),
    DemoRfq(
        "DEMO-RFQ-102",
        "freshmart",
        "促销装饼干 Biscuits, promotional packs",
        [
            DemoLine("30.01.01", "苏打饼干 400g / Soda crackers 400 g", "12000", "bag", "6.80"),
            DemoLine("30.01.01", "夹心饼干 300g / Sandwich cookies 300 g", "9000", "bag", "7.50"),
        ],
        invite=["goldenfoods"],
        quotes=[DemoQuote("goldenfoods", {1: ("6.40", 10), 2: ("7.10", 10)})],
        state="awarded",
        region="CN-SH",
        award_to="goldenfoods",
        award_reason="Meets target prices; reliable deliveries last season",
    ),
    DemoRfq(
        "DEMO-RFQ-103",
        "freshmart",
        "瓶装饮用水 Bottled drinking water 550 ml",
        [DemoLine("30.02.01", "饮用天然水 550ml×24 / Natural water 550 ml x 24", "5000", "case")],
        invite=[],
        quotes=[],
        state="draft",
        region="CN-SH",
    ),
]


def _actor(company: Company, email: str) -> Actor:
    membership = Membership.objects.select_related("user").get(company=company, user__email=email)
    return Actor(
        company=company,
        permissions=permissions_for(membership.roles),
        user=membership.user,
        membership=membership,
    )


def _ensure_profile(company: Company, codes: list[str], certification: str) -> None:
    profile, created = SupplierProfile.objects.get_or_create(
        company=company,
        defaults={
            "role": CompanyRole.SUPPLIER,
            "display_name_en": company.name,
            "display_name_zh": company.name,
            "regions_served": ["CN", "DE"],
        },
    )
    if created:
        profile.categories.add(*Category.objects.filter(code__in=codes))
        Certification.objects.create(
            supplier=profile,
            type=certification,
            number=f"DEMO-{company.slug}",
            issuer="Demo certification body",
            valid_until=timezone.now().date() + timedelta(days=700),
        )


@transaction.atomic
def demo_rfqs_create() -> int:
    """Create the demo RFQs; returns how many (0 when they exist or the demo companies are missing)."""
    companies = {c.slug: c for c in Company.objects.filter(slug__in=[*BUYERS, *SUPPLIERS])}
    if len(companies) < len(BUYERS) + len(SUPPLIERS):
        logger.warning("demo RFQs skipped: the demo companies are missing")
        return 0
    if Rfq.objects.filter(buyer=companies["huaxia-machinery"], reference__startswith="DEMO-").exists():
        return 0
    from marketplace.directory.categories import category_tree_ensure

    category_tree_ensure()
    categories = {c.code: c for c in Category.objects.all()}
    for slug, (_email, codes, certification) in SUPPLIERS.items():
        _ensure_profile(companies[slug], codes, certification)
    now = timezone.now()
    made: list[int] = []
    for index, demo in enumerate(DEMO_RFQS):
        buyer = _actor(companies[demo.buyer], BUYERS[demo.buyer])
        closing_at = now + timedelta(days=10 + index)
        rfq = services.rfq_create(
            actor=buyer,
            reference=demo.reference,
            title=demo.title,
            currency="CNY",
            payment_terms=demo.payment_terms,
            delivery_region=demo.region,
            delivery_date=(closing_at + timedelta(days=30)).date(),
            closing_at=closing_at,
            visibility=demo.visibility,
            sealed=demo.sealed,
            top_n=10,
            lines=[
                LineInput(
                    quantity=Decimal(line.quantity),
                    unit=line.unit,
                    category_code=categories[line.category].code,
                    description=line.description,
                    target_price=Decimal(line.target_price) if line.target_price else None,
                    required_certifications=line.certifications,
                    listing_id=_demo_listing(companies, line),
                )
                for line in demo.lines
            ],
        )
        if demo.state == "draft":
            continue
        for slug in demo.invite:
            services.invitation_add(actor=buyer, rfq_id=rfq.pk, supplier_id=companies[slug].pk)
        services.rfq_publish(actor=buyer, rfq_id=rfq.pk)
        lines = {line.position: line for line in rfq.lines.all()}
        quotes = {}
        for demo_quote in demo.quotes:
            supplier = _actor(companies[demo_quote.supplier], SUPPLIERS[demo_quote.supplier][0])
            quotes[demo_quote.supplier] = services.quote_create(
                actor=supplier,
                rfq_id=rfq.pk,
                data=QuoteInput(
                    lines=[
                        QuoteLineInput(
                            rfq_line_id=lines[position].pk,
                            unit_price=Decimal(price),
                            quantity_offered=lines[position].quantity,
                            lead_time_days=lead_time,
                            tax_rate=Decimal("13"),
                        )
                        for position, (price, lead_time) in demo_quote.prices.items()
                    ],
                    status=demo_quote.status,
                    valid_until=(closing_at + timedelta(days=45)).date(),
                    notes=demo_quote.notes,
                ),
            )
        if demo.state in ("closed", "awarded"):
            # Published a fortnight ago, closed yesterday.
            Rfq.objects.filter(pk=rfq.pk).update(
                closing_at=now - timedelta(days=1 + index), published_at=now - timedelta(days=14 + index)
            )
            services.rfq_close_due(now=now)
        if demo.state == "awarded" and demo.award_to:
            services.rfq_award(
                actor=buyer, rfq_id=rfq.pk, quote_id=quotes[demo.award_to].pk, reason=demo.award_reason
            )
        rfq.refresh_from_db()
        assert (
            rfq.status
            == {"open": RfqStatus.OPEN, "closed": RfqStatus.CLOSED, "awarded": RfqStatus.AWARDED}[demo.state]
        ), (demo.reference, rfq.status)
        made.append(rfq.pk)
    # The worker would do this after commit (outbox rfq.history); the demo shows the ratings at once.
    services.supplier_ratings_refresh(rfq_ids=made)
    return len(DEMO_RFQS)


def _demo_listing(companies: dict[str, Company], line: DemoLine) -> int | None:
    """The id of the listing ``line`` asks to link (see DemoLine), if the demo catalog has one."""
    if line.listing_of is None:
        return None
    from marketplace.catalog.selectors import listing_list_own

    listing = (
        listing_list_own(company=companies[line.listing_of], status="active", category=line.category)
        .filter(is_public=True, name_en__icontains=line.listing_name)
        .order_by("sku")
        .first()
    )
    return listing.pk if listing else None
