"""Two operators acting on one company at the same moment get one consistent outcome."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from django.db import connections

from console.exceptions import CompanyStatusChangeRefused
from console.services import company_change_plan, company_set_status
from identity.models import AuditEntry, User
from tenants.models import Company

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def drop_created_schemas():
    before = set(Company.objects.values_list("schema_name", flat=True))
    yield
    for company in Company.objects.exclude(schema_name__in=before):
        company.delete(force_drop=True)


def _race(*work: Callable[[], object]) -> list[object]:
    """Runs each callable in its own thread, released together; returns what each returned or raised."""
    barrier = threading.Barrier(len(work))
    outcomes: list[object] = [None] * len(work)

    def run(i: int) -> None:
        try:
            barrier.wait()
            outcomes[i] = work[i]()
        except Exception as error:  # the outcome under test
            outcomes[i] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(work))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return outcomes


@pytest.fixture
def operators() -> list[User]:
    return [
        User.objects.create_user(email=f"op{i}@race.test", password="operator-pass-123", is_operator=True)
        for i in range(2)
    ]


def test_two_operators_suspending_at_once_suspend_once(make_company, drop_created_schemas, operators):
    company = make_company().company

    outcomes = _race(
        *(
            lambda op=op: company_set_status(
                company_id=company.pk, status="suspended", reason=f"by {op.email}", actor=op
            )
            for op in operators
        )
    )

    assert sum(isinstance(o, Company) for o in outcomes) == 1
    assert sum(isinstance(o, CompanyStatusChangeRefused) for o in outcomes) == 1
    assert Company.objects.get(pk=company.pk).status == "suspended"
    assert (
        AuditEntry.objects.filter(action="console.company_suspended", target_id=str(company.pk)).count() == 1
    )


def test_suspend_and_reactivate_at_once_end_as_the_audit_log_says(
    make_company, drop_created_schemas, operators
):
    """Whichever runs second sees the first's status: either both succeed (suspended, then reactivated) or
    the reactivation is refused (the company was still active). The audit log tells which."""
    company = make_company().company
    suspend, reactivate = operators

    outcomes = _race(
        lambda: company_set_status(
            company_id=company.pk, status="suspended", reason="chargeback", actor=suspend
        ),
        lambda: company_set_status(
            company_id=company.pk, status="active", reason="resolved", actor=reactivate
        ),
    )

    entries = list(AuditEntry.objects.filter(target_type="company", target_id=str(company.pk)).order_by("id"))
    final = Company.objects.get(pk=company.pk).status
    assert isinstance(outcomes[0], Company)  # active -> suspended is always allowed
    if isinstance(outcomes[1], Company):
        assert [e.action for e in entries] == ["console.company_suspended", "console.company_reactivated"]
        assert final == "active"
    else:
        assert isinstance(outcomes[1], CompanyStatusChangeRefused)
        assert [e.action for e in entries] == ["console.company_suspended"]
        assert final == "suspended"
    assert entries[-1].after == {"status": final}


def test_a_plan_change_and_a_suspension_at_once_both_land_in_order(
    make_company, drop_created_schemas, operators
):
    company = make_company(plan="growth").company

    outcomes = _race(
        lambda: company_change_plan(
            company_id=company.pk, plan_code="business", interval=None, reason="upsell", actor=operators[0]
        ),
        lambda: company_set_status(
            company_id=company.pk, status="suspended", reason="abuse", actor=operators[1]
        ),
    )

    assert all(isinstance(o, Company) for o in outcomes), outcomes
    assert Company.objects.get(pk=company.pk).status == "suspended"
    assert Company.objects.get(pk=company.pk).subscription.plan_version.plan.code == "business"
    assert AuditEntry.objects.filter(target_id=str(company.pk), action__startswith="console.").count() == 2
