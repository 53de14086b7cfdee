# ruff: noqa: RUF001 - the Chinese text uses Chinese punctuation
"""The default plan catalogue, and the seed that puts it into a database that has none.

Operators change plans in the console (a new :class:`PlanVersion` each time); this catalogue only seeds
a fresh platform. ``None`` means unlimited. Soft-limited meters bill what is over at the overage price.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction

from billing.meters import Feature, Meter
from billing.models import Enforcement, Entitlement, Interval, Plan, PlanPrice, PlanVersion

CURRENCIES = ("CNY", "USD", "EUR")


@dataclass(frozen=True)
class Limit:
    included: int | None
    enforcement: str = Enforcement.HARD
    overage: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class PlanSpec:
    code: str
    name_en: str
    name_zh: str
    description_en: str
    description_zh: str
    trial_days: int
    monthly: dict[str, str]
    yearly: dict[str, str]
    limits: dict[str, Limit]
    features: tuple[str, ...]
    is_free: bool = False


ORDER_OVERAGE = {"CNY": "1.00", "USD": "0.15", "EUR": "0.14"}
RFQ_OVERAGE = {"CNY": "5.00", "USD": "0.75", "EUR": "0.70"}
LISTING_OVERAGE = {"CNY": "0.20", "USD": "0.03", "EUR": "0.03"}
ALL_FEATURES = tuple(f.value for f in Feature)

CATALOGUE: tuple[PlanSpec, ...] = (
    PlanSpec(
        code="free",
        name_en="Free",
        name_zh="免费版",
        description_en="For a small team trying the marketplace.",
        description_zh="适合小团队试用市场。",
        trial_days=0,
        monthly={"CNY": "0", "USD": "0", "EUR": "0"},
        yearly={"CNY": "0", "USD": "0", "EUR": "0"},
        limits={
            Meter.MEMBERS: Limit(3),
            Meter.LISTINGS: Limit(20),
            Meter.RFQS_PUBLISHED: Limit(5),
            Meter.PURCHASE_ORDERS: Limit(20),
            Meter.SALES_ORDERS: Limit(20),
            Meter.API_REQUESTS: Limit(0),
            Meter.STORAGE_MB: Limit(200),
        },
        features=(),
        is_free=True,
    ),
    PlanSpec(
        code="growth",
        name_en="Growth",
        name_zh="成长版",
        description_en="Procurement with approvals, a catalog and the API for a growing company.",
        description_zh="带审批的采购、产品目录和 API，适合成长中的企业。",
        trial_days=14,
        monthly={"CNY": "399.00", "USD": "59.00", "EUR": "55.00"},
        yearly={"CNY": "3990.00", "USD": "590.00", "EUR": "550.00"},
        limits={
            Meter.MEMBERS: Limit(10),
            Meter.LISTINGS: Limit(500, Enforcement.SOFT, LISTING_OVERAGE),
            Meter.RFQS_PUBLISHED: Limit(50, Enforcement.SOFT, RFQ_OVERAGE),
            Meter.PURCHASE_ORDERS: Limit(300, Enforcement.SOFT, ORDER_OVERAGE),
            Meter.SALES_ORDERS: Limit(300, Enforcement.SOFT, ORDER_OVERAGE),
            Meter.API_REQUESTS: Limit(10_000),
            Meter.STORAGE_MB: Limit(5_120),
        },
        features=(Feature.API_KEYS, Feature.APPROVALS_MULTI_LEVEL),
    ),
    PlanSpec(
        code="business",
        name_en="Business",
        name_zh="商业版",
        description_en="Sealed RFQs, finance and supply-chain collaboration for a trading business.",
        description_zh="密封询价、财务和供应链协同，适合贸易型企业。",
        trial_days=30,
        monthly={"CNY": "1299.00", "USD": "189.00", "EUR": "175.00"},
        yearly={"CNY": "12990.00", "USD": "1890.00", "EUR": "1750.00"},
        limits={
            Meter.MEMBERS: Limit(50),
            Meter.LISTINGS: Limit(5_000, Enforcement.SOFT, LISTING_OVERAGE),
            Meter.RFQS_PUBLISHED: Limit(300, Enforcement.SOFT, RFQ_OVERAGE),
            Meter.PURCHASE_ORDERS: Limit(3_000, Enforcement.SOFT, ORDER_OVERAGE),
            Meter.SALES_ORDERS: Limit(3_000, Enforcement.SOFT, ORDER_OVERAGE),
            Meter.API_REQUESTS: Limit(100_000),
            Meter.STORAGE_MB: Limit(51_200),
        },
        features=ALL_FEATURES,
    ),
    PlanSpec(
        code="enterprise",
        name_en="Enterprise",
        name_zh="企业版",
        description_en="No limits, for groups with many sites and integrations.",
        description_zh="不限量，适合多工厂、多系统集成的集团。",
        trial_days=30,
        monthly={"CNY": "4999.00", "USD": "729.00", "EUR": "679.00"},
        yearly={"CNY": "49990.00", "USD": "7290.00", "EUR": "6790.00"},
        limits={meter: Limit(None) for meter in Meter},
        features=ALL_FEATURES,
    ),
)


def plan_version_build(
    *,
    plan: Plan,
    trial_days: int,
    features: list[str],
    prices: list[tuple[str, str, Decimal]],
    entitlements: list[tuple[str, int | None, str, dict[str, str]]],
    created_by_id: int | None = None,
    note: str = "",
) -> PlanVersion:
    """Write a new version of ``plan`` (the next number) with its prices and entitlements, and make it the
    plan's current version. ``prices``: (currency, interval, amount); ``entitlements``: (meter, included,
    enforcement, overage prices by currency). Runs inside the caller's transaction; locks the plan row."""
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    last = plan.versions.order_by("-number").values_list("number", flat=True).first() or 0
    version = PlanVersion.objects.create(
        plan=plan,
        number=last + 1,
        trial_days=trial_days,
        features=sorted(set(features)),
        created_by_id=created_by_id,
        note=note,
    )
    PlanPrice.objects.bulk_create(
        PlanPrice(version=version, currency=currency, interval=interval, amount=amount)
        for currency, interval, amount in prices
    )
    Entitlement.objects.bulk_create(
        Entitlement(
            version=version, meter=meter, included=included, enforcement=enforcement, overage_prices=overage
        )
        for meter, included, enforcement, overage in entitlements
    )
    plan.current_version = version
    plan.save(update_fields=["current_version", "updated_at"])
    return version


@transaction.atomic
def plans_ensure() -> int:
    """Create the catalogue's plans that do not exist yet; returns how many were created. Idempotent."""
    created = 0
    for order, spec in enumerate(CATALOGUE):
        plan, made = Plan.objects.get_or_create(
            code=spec.code,
            defaults={
                "name_en": spec.name_en,
                "name_zh": spec.name_zh,
                "description_en": spec.description_en,
                "description_zh": spec.description_zh,
                "sort_order": order,
                "is_free": spec.is_free,
            },
        )
        if not made and plan.current_version_id is not None:
            continue
        plan_version_build(
            plan=plan,
            trial_days=spec.trial_days,
            features=[str(f) for f in spec.features],
            prices=[(c, str(Interval.MONTH), Decimal(a)) for c, a in spec.monthly.items()]
            + [(c, str(Interval.YEAR), Decimal(a)) for c, a in spec.yearly.items()],
            entitlements=[
                (str(meter), limit.included, str(limit.enforcement), dict(limit.overage))
                for meter, limit in spec.limits.items()
            ],
            note="Default catalogue",
        )
        created += 1
    return created
