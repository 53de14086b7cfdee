"""Real threads against the real database: parallel purchase orders against a hard monthly limit.

The data is committed (threads have their own connections), made once for the module and removed after:
the company's schema is dropped and the warm pool refilled, so later tests still find pooled schemas.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from billing.exceptions import QuotaExceeded
from billing.meters import Meter
from billing.models import Subscription, UsageCounter, UsageEvent
from billing.selectors import free_plan
from billing.services.metering import USAGE_TOPIC, usage_record
from billing.services.usage_ledger import usage_relay_all
from billing.tests.limits import used
from conftest import PASSWORD, unique
from kernel.tenancy import company_context
from tenants.procurement.models import PurchaseOrder
from tenants.procurement.tests import factories as f
from tenants.procurement.tests.test_concurrency import together

# The test reads in its own (rolled back) transaction; the threads commit in theirs.
pytestmark = pytest.mark.django_db

THREADS = 8
LEFT = 3  # orders the month still has room for when the threads start


@pytest.fixture(scope="module")
def world(django_db_setup: Any, django_db_blocker: Any) -> Iterator[dict[str, Any]]:
    from kernel.models import OutboxMessage
    from notifications.models import Notification
    from tenants.models import Company
    from tenants.services import company_signup, pool_add_schema

    with django_db_blocker.unblock():
        slug = unique("quota")
        result = company_signup(
            company_name="Quota Buyer",
            slug=slug,
            country="CN",
            currency="CNY",
            locale="en",
            full_name="Owner",
            email=f"owner@{slug}.test",
            password=PASSWORD,
        )
        company = result.company
        plan = free_plan()
        assert plan is not None and plan.current_version is not None
        Subscription.objects.filter(company=company).update(plan_version=plan.current_version)
        limit = plan.current_version.entitlements.get(meter=Meter.PURCHASE_ORDERS).included
        usage_record(company_id=company.pk, meter=Meter.PURCHASE_ORDERS, quantity=limit - LEFT)
        try:
            yield {"company": company, "owner": f.actor_for(company, result.user), "limit": limit}
        finally:
            Notification.objects.filter(company=company).delete()
            OutboxMessage.objects.filter(topic=USAGE_TOPIC, payload__company_id=company.pk).delete()
            OutboxMessage.objects.filter(schema_name=company.schema_name).delete()
            Company.objects.get(pk=company.pk).delete(force_drop=True)
            type(result.user).objects.filter(pk=result.user.pk).delete()  # a fresh database stays fresh
            pool_add_schema()


def test_parallel_orders_at_a_hard_limit_pass_exactly_up_to_it(world):
    company, owner, limit = world["company"], world["owner"], world["limit"]
    results = together(company, *[lambda: f.draft(owner) for _ in range(THREADS)])
    made = [r for r in results if isinstance(r, PurchaseOrder)]
    refused = [r for r in results if isinstance(r, QuotaExceeded)]
    assert (len(made), len(refused)) == (LEFT, THREADS - LEFT), results
    assert {e.extra["limit"] for e in refused} == {limit}
    with company_context(company):
        assert PurchaseOrder.objects.count() == LEFT
    assert used(company_id=company.pk, meter=Meter.PURCHASE_ORDERS) == limit
    # The ledger gets every committed event once, and nothing of the refused ones.
    usage_relay_all()
    usage_relay_all()
    quantities = list(
        UsageEvent.objects.filter(company=company, meter=Meter.PURCHASE_ORDERS).values_list(
            "quantity", flat=True
        )
    )
    assert sorted(quantities) == sorted([limit - LEFT] + [1] * LEFT)
    counter = UsageCounter.objects.get(company=company, meter=Meter.PURCHASE_ORDERS)
    assert counter.warned_at_percent == 100
