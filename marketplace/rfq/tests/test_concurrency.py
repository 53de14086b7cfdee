"""Real threads against the real database: awards of one line at once, quote revisions racing closing."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest
from django.db import connection

from identity.models import Membership, User
from marketplace.rfq import services
from marketplace.rfq.exceptions import LineAlreadyAwarded, RfqClosed
from marketplace.rfq.models import Award, Quote, Rfq
from marketplace.rfq.services import quotes as quote_services
from marketplace.rfq.tests import factories as f


@pytest.fixture
def made(django_db_setup: Any, django_db_blocker: Any) -> Any:
    """Committed data for real threads, deleted again afterwards.

    Not ``django_db(transaction=True)``: its closing flush empties every table, the warm pool of tenant
    schemas included, and every later test on the worker would then build schemas on the spot. These
    tests run in autocommit on the test database and delete exactly what they made.
    """
    from kernel.models import OutboxMessage
    from marketplace.directory.models import Category
    from tenants.models import Company

    registry: dict[str, list[int]] = {"companies": [], "users": [], "categories": []}
    with django_db_blocker.unblock():
        try:
            yield registry
        finally:
            OutboxMessage.objects.filter(topic__startswith="rfq.").delete()
            Rfq.objects.filter(buyer_id__in=registry["companies"]).delete()
            Company.objects.filter(pk__in=registry["companies"]).delete()
            User.objects.filter(pk__in=registry["users"]).delete()
            Category.objects.filter(pk__in=registry["categories"]).delete()


def company_with_member(made: dict[str, list[int]], name: str) -> tuple[Any, Any]:
    company = f.bare_company(name)
    user = User.objects.create_user(email=f"{company.slug}@example.test", password="x-password-123")
    Membership.objects.create(user=user, company=company, roles=["owner"])
    made["companies"].append(company.pk)
    made["users"].append(user.pk)
    return company, f.actor_for(company, user)


def category(made: dict[str, list[int]], name: str) -> Any:
    cat = f.category(name)
    made["categories"].append(cat.pk)
    return cat


def run_together(*targets: Any) -> list[Any]:
    barrier = threading.Barrier(len(targets))
    results: list[Any] = [None] * len(targets)

    def run(index: int, target: Any) -> None:
        try:
            barrier.wait()
            results[index] = target()
        except Exception as exc:
            results[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, t)) for i, t in enumerate(targets)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


def test_two_awards_of_one_line_at_once_exactly_one_wins(made):
    cat = category(made, "Valves")
    _, buyer = company_with_member(made, "Buyer")
    s1, s1_actor = company_with_member(made, "Supplier one")
    s2, s2_actor = company_with_member(made, "Supplier two")
    f.supplier_profile(s1, categories=[cat])
    f.supplier_profile(s2, categories=[cat])
    rfq = f.rfq_open(buyer, lines=[f.line(cat)])
    q1 = f.quote(s1_actor, rfq)
    q2 = f.quote(s2_actor, rfq)
    f.force_close(rfq)
    line_id = rfq.lines.get().pk

    results = run_together(
        lambda: services.rfq_award(
            actor=buyer, rfq_id=rfq.pk, quote_id=q1.pk, line_ids=[line_id], reason="A"
        ),
        lambda: services.rfq_award(
            actor=buyer, rfq_id=rfq.pk, quote_id=q2.pk, line_ids=[line_id], reason="B"
        ),
    )

    winners = [r for r in results if isinstance(r, services.AwardResult)]
    losers = [r for r in results if isinstance(r, LineAlreadyAwarded)]
    assert len(winners) == 1 and len(losers) == 1, results
    assert Award.objects.filter(line_id=line_id).count() == 1
    assert Rfq.objects.get(pk=rfq.pk).status == "awarded"


def test_a_revision_in_flight_when_the_rfq_closes_commits_first_and_later_ones_are_refused(made, monkeypatch):
    cat = category(made, "Pumps")
    _, buyer = company_with_member(made, "Buyer")
    supplier, supplier_actor = company_with_member(made, "Supplier")
    f.supplier_profile(supplier, categories=[cat])
    rfq = f.rfq_open(buyer, lines=[f.line(cat)])
    f.quote(supplier_actor, rfq)

    in_flight = threading.Event()
    real_write = quote_services._write
    calls = {"n": 0}

    def slow_write(quote: Quote, data: Any, rows: Any) -> None:
        calls["n"] += 1
        if calls["n"] == 3:  # the third revision holds the RFQ row while the close arrives
            in_flight.set()
            time.sleep(0.5)
        real_write(quote, data, rows)

    monkeypatch.setattr(quote_services, "_write", slow_write)
    outcome: dict[str, Any] = {"revised": 0, "refused": None}

    def keep_revising() -> None:
        for price in range(1, 50):
            try:
                services.quote_revise(
                    actor=supplier_actor, rfq_id=rfq.pk, data=f.quote_input(rfq, unit_price=f"{price}.0000")
                )
                outcome["revised"] += 1
            except RfqClosed as exc:
                outcome["refused"] = exc
                return

    def close_when_in_flight() -> Rfq:
        assert in_flight.wait(timeout=10)
        return services.rfq_close(actor=buyer, rfq_id=rfq.pk)

    run_together(keep_revising, close_when_in_flight)

    quote = Quote.objects.get(rfq=rfq)
    rfq.refresh_from_db()
    assert outcome["revised"] == 3, outcome  # the in-flight third revision committed ...
    assert isinstance(outcome["refused"], RfqClosed)  # ... the fourth found the RFQ closed
    assert quote.revision == 1 + 3
    assert str(quote.lines.get().unit_price) == "3.0000"
    assert quote.updated_at <= rfq.closed_at
