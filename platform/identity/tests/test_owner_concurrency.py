"""Two owners removing each other at the same moment: the company still keeps an owner."""

from __future__ import annotations

import threading

import pytest
from django.db import connections

from identity.access import Actor
from identity.exceptions import LastOwner
from identity.models import Membership, User
from identity.roles import permissions_for
from identity.services import member_remove, membership_create
from tenants.models import Company

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def drop_created_schemas():
    before = set(Company.objects.values_list("schema_name", flat=True))
    yield
    for company in Company.objects.exclude(schema_name__in=before):
        company.delete(force_drop=True)


def test_owners_removing_each_other_at_once_leave_one_owner(make_company, drop_created_schemas):
    result = make_company()
    company, first = result.company, Membership.objects.get(user=result.user)
    second_user = User.objects.create_user(email="second-owner@race.test", password="x-long-password-1")
    second = membership_create(user=second_user, company=company, roles=["owner"])
    actors = [
        Actor(company=company, permissions=permissions_for(["owner"]), user=m.user, membership=m)
        for m in (first, second)
    ]
    targets = [second.pk, first.pk]  # each removes the other
    barrier = threading.Barrier(2)
    outcomes: list[object] = []

    def work(i: int) -> None:
        try:
            barrier.wait()
            member_remove(actor=actors[i], membership_id=targets[i])
            outcomes.append("removed")
        except LastOwner as exc:
            outcomes.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)

    owners = Membership.objects.filter(company=company, status="active", roles__contains=["owner"]).count()
    assert owners == 1
    assert sorted(map(str, outcomes)) == sorted(["removed", str(LastOwner())])
