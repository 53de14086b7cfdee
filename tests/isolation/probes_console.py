"""Probes of the operator console's billing operations: no company's member reaches them (401/403,
nothing changes), operators do. Subscriptions are part of each side's fingerprint, so a refused plan
change or trial extension is seen to have changed nothing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tests.isolation.world import Probe, Side


def _subscription(side: Side) -> Any:
    from billing.models import Subscription

    return list(
        Subscription.objects.filter(company=side.company).values_list(
            "plan_version_id", "status", "interval", "trial_ends_at"
        )
    )


def _plans(side: Side) -> Any:
    from billing.models import Plan, PlanVersion

    return [list(Plan.objects.values_list("code", "current_version_id")), PlanVersion.objects.count()]


FINGERPRINTS = {"subscription": _subscription, "plans": _plans}


def _growth_id(side: Side) -> int:
    from billing.models import Plan

    return Plan.objects.get(code="growth").pk


def _version_body(side: Side) -> dict[str, Any]:
    """The growth plan's current version again, with a longer trial (a valid, complete version)."""
    from billing.models import Plan

    version = Plan.objects.get(code="growth").current_version
    assert version is not None
    return {
        "trial_days": 21,
        "features": list(version.features),
        "prices": [
            {"currency": p.currency, "interval": p.interval, "base_amount": str(p.amount)}
            for p in version.prices.all()
        ],
        "entitlements": [
            {
                "meter": e.meter,
                "included": e.included,
                "enforcement": e.enforcement,
                "overage_prices": e.overage_prices,
            }
            for e in version.entitlements.all()
        ],
        "note": f"{side.marker} probe version",
    }


def _trial_company_id(side: Side) -> int:
    """A second company of the side, still in its trial on the default plan (growth): the billing probes
    convert the side's own trial and change its plan, and only a trial can be extended."""
    if "console_trial_company_id" not in side.extra:
        from conftest import PASSWORD, unique
        from tenants.services import company_signup

        slug = unique(f"{side.marker}-trial")
        result = company_signup(
            company_name=f"{side.marker} Trial Company",
            slug=slug,
            country="CN",
            currency="CNY",
            locale="en",
            full_name=f"{side.marker} Trial Owner",
            email=f"owner@{slug}.test",
            password=PASSWORD,
        )
        side.extra["console_trial_company_id"] = result.company.pk
    return int(side.extra["console_trial_company_id"])


COMPANY: dict[str, Callable[[Side], object]] = {"company_id": lambda s: s.company.pk}
TRIAL_COMPANY: dict[str, Callable[[Side], object]] = {"company_id": _trial_company_id}
PLAN: dict[str, Callable[[Side], object]] = {"plan_id": _growth_id}

PUBLIC_PROBES: dict[str, Probe] = {
    "console_company_get": Probe("GET", "/api/console/companies/{company_id}/", ids=COMPANY),
    "console_company_change_plan": Probe(
        "POST",
        "/api/console/companies/{company_id}/change-plan/",
        ids=TRIAL_COMPANY,
        body=lambda s: {"plan_code": "business", "reason": f"{s.marker} probe"},
    ),
    "console_company_extend_trial": Probe(
        "POST",
        "/api/console/companies/{company_id}/extend-trial/",
        ids=TRIAL_COMPANY,
        body=lambda s: {"days": 7, "reason": f"{s.marker} probe"},
    ),
    "console_plans_list": Probe("GET", "/api/console/plans/"),
    "console_plan_version_create": Probe(
        "POST", "/api/console/plans/{plan_id}/versions/", ids=PLAN, body=_version_body, ok=201
    ),
    "console_plan_migrate": Probe(
        "POST",
        "/api/console/plans/{plan_id}/migrate/",
        ids=PLAN,
        body=lambda s: {"reason": f"{s.marker} probe"},
    ),
    "console_revenue_get": Probe("GET", "/api/console/revenue/", query=lambda s: "months=3"),
}
