"""Domain errors of sales. Codes are published: never change them."""

from __future__ import annotations

from kernel.errors import Conflict


class OrderNotAwaitingAcceptance(Conflict):
    code = "order_not_awaiting_acceptance"
    title = "This sales order is not waiting for acceptance"


class OrderNotCancellable(Conflict):
    code = "order_not_cancellable"
    title = "This sales order can no longer be cancelled: shipping has started or it is closed"


class OrderNotShippable(Conflict):
    code = "order_not_shippable"
    title = "Only an accepted sales order that is not fully shipped can be shipped"


class OrderClosed(Conflict):
    code = "order_closed"
    title = "This sales order is closed: its terms can no longer change"


class NotFromHansa(Conflict):
    code = "order_not_from_hansa"
    title = "This order was entered by hand: there is no buyer on Hansa to send changes to"


class NotManualOrder(Conflict):
    code = "order_not_manual"
    title = "Only an order entered by hand can be edited; a buyer's order changes through amendments"


class ShipmentExceedsOrder(Conflict):
    code = "shipment_exceeds_order"
    title = "A line would ship more than accepted minus already shipped"


class StockNotReserved(Conflict):
    code = "stock_not_reserved"
    title = "Not enough stock is reserved for this line yet (a work order or back-order is still open)"


class AmendmentPending(Conflict):
    code = "amendment_pending"
    title = "A change of this order is already waiting for an answer"


class AmendmentNotPending(Conflict):
    code = "amendment_not_pending"
    title = "This change is no longer waiting for an answer"


class AmendmentNotYours(Conflict):
    code = "amendment_own_proposal"
    title = "Your own proposal is answered by the buyer, not by you"


class WorkOrderState(Conflict):
    code = "work_order_state"
    title = "The work order is not in a state that allows this"


class BackOrderNotOpen(Conflict):
    code = "back_order_not_open"
    title = "This back-order is no longer open"


class FollowUpDone(Conflict):
    code = "follow_up_done"
    title = "This follow-up is already done"


class OrderNotAccepted(Conflict):
    code = "order_not_accepted"
    title = "This order is not accepted yet: propose changes with the order response instead"


class SettlementNotPending(Conflict):
    code = "settlement_not_pending"
    title = "This settlement was already answered"
