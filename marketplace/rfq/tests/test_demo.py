"""The demo data has open and closed RFQs with quotes among the demo companies, once.

Only the demo companies and members are made here (as ``hansa.demo.demo_create`` makes them), not the
other apps' demo data, so that this test depends on nothing but the RFQ part of the demo.
"""

from __future__ import annotations

import pytest

from hansa.demo import DEMO_COMPANIES, DEMO_PASSWORD
from marketplace.rfq.demo import demo_rfqs_create
from marketplace.rfq.models import Award, Quote, Rfq

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_companies():
    from identity.services import membership_create, user_create
    from tenants.services import company_signup

    for demo in DEMO_COMPANIES:
        company = company_signup(
            company_name=demo.name,
            slug=demo.slug,
            country=demo.country,
            currency=demo.currency,
            locale=demo.locale,
            full_name=demo.owner[1],
            email=demo.owner[0],
            password=DEMO_PASSWORD,
            plan=demo.plan,
        ).company
        for email, full_name, roles in demo.members:
            user = user_create(
                email=email, password=DEMO_PASSWORD, full_name=full_name, preferred_language=demo.locale
            )
            membership_create(user=user, company=company, roles=roles)


def test_demo_rfqs(demo_companies):
    assert demo_rfqs_create() == 6

    by_reference = {r.reference: r for r in Rfq.objects.filter(reference__startswith="DEMO-")}
    assert {ref: r.status for ref, r in by_reference.items()} == {
        "DEMO-RFQ-001": "open",
        "DEMO-RFQ-002": "closed",
        "DEMO-RFQ-003": "awarded",
        "DEMO-RFQ-101": "open",
        "DEMO-RFQ-102": "awarded",
        "DEMO-RFQ-103": "draft",
    }
    assert by_reference["DEMO-RFQ-001"].sealed
    assert Quote.objects.filter(rfq=by_reference["DEMO-RFQ-002"], status="submitted").count() == 2
    assert Award.objects.filter(rfq=by_reference["DEMO-RFQ-003"]).get().supplier.slug == "precision-bearings"
    # The suppliers' ratings reflect the demo's closed and awarded RFQs at once.
    from marketplace.directory.models import SupplierProfile

    ratings = dict(SupplierProfile.objects.values_list("company__slug", "reputation"))
    assert ratings["precision-bearings"] is not None and ratings["northsteel"] is not None
    assert demo_rfqs_create() == 0  # idempotent


def test_demo_rfqs_wait_for_the_demo_companies(db):
    assert demo_rfqs_create() == 0
    assert not Rfq.objects.exists()
