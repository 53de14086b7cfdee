"""Domain errors of procurement. Codes are published: never change them."""

from __future__ import annotations

from kernel.errors import Conflict, DomainError, ValidationFailed


class PriceTooPrecise(ValidationFailed):
    code = "price_precision"
    title = "A price has more decimals than the order's currency allows"


class InvalidTransition(Conflict):
    """The order's status does not allow this action (``status`` names the current one)."""

    code = "invalid_transition"
    title = "This action is not possible in the order's current status"


class OrderNotEditable(Conflict):
    code = "order_not_editable"
    title = "Only a draft order can be edited"


class ApprovalNotPending(Conflict):
    code = "approval_not_pending"
    title = "This order is not waiting for an approval"


class NotStepApprover(DomainError):
    code = "not_step_approver"
    status = 403
    title = "You are not an approver of the order's current step"


class OwnOrder(DomainError):
    code = "own_order"
    status = 403
    title = "Nobody approves an order that they, or an API key of theirs, requested or submitted"


class AlreadyDecided(Conflict):
    code = "already_decided"
    title = "You already decided on this step"


class NoEligibleApprover(Conflict):
    code = "no_eligible_approver"
    title = "A step of the matching approval rule has nobody who may approve this order"


class OverReceipt(Conflict):
    code = "over_receipt"
    title = "More would be received than was ordered"


class ChangePending(Conflict):
    code = "change_pending"
    title = "A change of this order is already waiting for an answer"


class ChangeNotPending(Conflict):
    code = "change_not_pending"
    title = "This change is not waiting for your answer"


class SupplierNotOnHansa(Conflict):
    code = "supplier_not_on_hansa"
    title = "This supplier is not on Hansa; record its answer by hand"


class SupplierOnHansa(Conflict):
    code = "supplier_on_hansa"
    title = "This supplier answers through Hansa; its answer arrives by itself"


class RuleInUse(Conflict):
    code = "rule_in_use"
    title = "This is referred to by something still in use"


class ChangeNeedsApproval(DomainError):
    code = "change_needs_approval"
    status = 403
    title = (
        "This change raises the order above its approved total: a member who may approve it must accept it"
    )


class NothingAwarded(Conflict):
    code = "nothing_awarded"
    title = "No line of this RFQ is awarded yet: there is nothing to order"


class AwardAlreadyOrdered(Conflict):
    code = "award_already_ordered"
    title = "Every awarded line of this RFQ is on a purchase order already: nothing was made"


class NothingToSettle(Conflict):
    """``line_no``: the line; ``settleable``: the rejected quantity still open to a settlement there."""

    code = "nothing_to_settle"
    title = "No rejected quantity is left to settle on this line"


class ExchangeRateMissing(Conflict):
    """The company's rate table has no rate for the order's currency (``currency``) on or before today."""

    code = "exchange_rate_missing"
    title = "The company's rate table has no rate for this currency"
