"""The demo data: two reference buyers, three suppliers, members with roles, an operator with MFA."""

from __future__ import annotations

import pytest

from hansa import demo
from identity.models import Membership, User
from identity.selectors import user_has_mfa
from tenants.models import Company

pytestmark = pytest.mark.django_db


def test_demo_create_is_complete_and_idempotent_and_reset_removes_it():
    assert not demo.demo_present()

    demo.demo_create()
    demo.demo_create()  # a second run adds nothing

    companies = Company.objects.filter(slug__in=[c.slug for c in demo.DEMO_COMPANIES])
    assert companies.count() == 5 and set(companies.values_list("status", flat=True)) == {"active"}
    assert demo.demo_present()
    for spec in demo.DEMO_COMPANIES:
        company = companies.get(slug=spec.slug)
        members = Membership.objects.filter(company=company, status="active")
        assert members.count() == 1 + len(spec.members)
        assert members.get(user__email=spec.owner[0]).roles == ["owner"]
        assert User.objects.get(email=spec.owner[0]).check_password(demo.DEMO_PASSWORD)
    operator = User.objects.get(email=demo.OPERATOR_EMAIL)
    assert operator.is_operator and user_has_mfa(user=operator)
    assert "huaxia-machinery.localhost:8000" in demo.banner()

    demo.demo_delete()
    assert not demo.demo_present() and not User.objects.filter(email=demo.OPERATOR_EMAIL).exists()
