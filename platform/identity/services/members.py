"""Changing and removing members. A company always keeps at least one active owner."""

from __future__ import annotations

from django.db import transaction
from django.http import HttpRequest

from billing.meters import Meter
from billing.services.metering import usage_record
from identity.access import Actor
from identity.exceptions import LastOwner, MemberNotFound, OwnerRoleReserved
from identity.models import Membership, MembershipStatus
from identity.roles import ROLES
from identity.services.audit import audit_record
from kernel.errors import ValidationFailed


def validate_roles(roles: list[str]) -> list[str]:
    unknown = sorted(set(roles) - set(ROLES))
    if unknown or not roles:
        raise ValidationFailed(
            errors={
                "roles": [f"Unknown role(s): {', '.join(unknown)}." if unknown else "Give at least one role."]
            }
        )
    return sorted(set(roles))


def _locked_members(actor: Actor) -> dict[int, Membership]:
    # Lock every active membership of the company: two owners demoting each other at once are serialised,
    # so the last-owner rule holds under concurrency.
    rows = (
        Membership.objects.select_for_update()
        .filter(company=actor.company, status=MembershipStatus.ACTIVE)
        .select_related("user")
        .order_by("pk")
    )
    return {m.pk: m for m in rows}


def _owners_after(members: dict[int, Membership], changed: Membership, new_roles: list[str] | None) -> int:
    count = 0
    for m in members.values():
        roles = (new_roles or []) if m.pk == changed.pk else m.roles
        if "owner" in roles:
            count += 1
    return count


@transaction.atomic
def member_update_roles(
    *, actor: Actor, membership_id: int, roles: list[str], request: HttpRequest | None = None
) -> Membership:
    """Replace a member's roles.

    Raises:
        PermissionMissing: actor lacks members.manage.
        MemberNotFound: no active member with that id in the actor's company (another company's too).
        OwnerRoleReserved: a non-owner grants or removes the owner role.
        LastOwner: the change would leave the company without an owner.
    """
    actor.require("members.manage")
    roles = validate_roles(roles)
    members = _locked_members(actor)
    membership = members.get(membership_id)
    if membership is None:
        raise MemberNotFound()
    touches_owner = ("owner" in roles) != ("owner" in membership.roles)
    if touches_owner and "owner" not in actor.roles:
        raise OwnerRoleReserved()
    if _owners_after(members, membership, roles) == 0:
        raise LastOwner()
    before = {"roles": membership.roles}
    membership.roles = roles
    membership.save(update_fields=["roles", "updated_at"])
    audit_record(
        action="member.roles_changed",
        company=actor.company,
        actor=actor.user,
        actor_label=actor.label,
        request=request,
        target_type="member",
        target_id=membership.user.email,
        before=before,
        after={"roles": roles},
    )
    return membership


@transaction.atomic
def member_remove(*, actor: Actor, membership_id: int, request: HttpRequest | None = None) -> None:
    """Remove a member from the company; their sessions on its host stop working at once.

    Raises:
        PermissionMissing, MemberNotFound, OwnerRoleReserved (removing an owner takes an owner), LastOwner.
    """
    actor.require("members.manage")
    members = _locked_members(actor)
    membership = members.get(membership_id)
    if membership is None:
        raise MemberNotFound()
    if "owner" in membership.roles and "owner" not in actor.roles:
        raise OwnerRoleReserved()
    if _owners_after(members, membership, None) == 0:
        raise LastOwner()
    membership.status = MembershipStatus.REMOVED
    membership.save(update_fields=["status", "updated_at"])
    usage_record(company_id=actor.company.pk, meter=Meter.MEMBERS, quantity=-1)
    audit_record(
        action="member.removed",
        company=actor.company,
        actor=actor.user,
        actor_label=actor.label,
        request=request,
        target_type="member",
        target_id=membership.user.email,
        before={"roles": membership.roles},
        after=None,
    )
