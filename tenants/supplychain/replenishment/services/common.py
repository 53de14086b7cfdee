"""What the replenishment services share: the current company, the approver check, constants."""

from __future__ import annotations

from decimal import Decimal

from identity.access import Actor
from tenants.models import Company

APPROVE = "po.approve"
QUANTITY_STEP = Decimal("0.0001")
MAX_VALUE = Decimal("1e13")


def this_company() -> Company:
    from tenants.procurement.services.common import this_company as current

    return current()


def member_required(actor: Actor) -> None:
    from tenants.procurement.exceptions import NotStepApprover

    actor.require(APPROVE)
    if actor.user is None:
        raise NotStepApprover(detail="Proposals are accepted by members, not API keys.")
