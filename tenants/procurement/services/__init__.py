"""Writes of procurement. One module per concern; re-exported here."""

from tenants.procurement.services.approvals import (
    StepInput,
    approval_reminders_send,
    approval_rule_create,
    approval_rule_delete,
    approval_rule_update,
    delegation_create,
    delegation_revoke,
    department_create,
    department_delete,
    member_department_set,
    po_approve,
    po_reject,
)
from tenants.procurement.services.changes import (
    ChangeLineInput,
    change_accept,
    change_reject,
    change_request_create,
)
from tenants.procurement.services.orders import (
    LineInput,
    po_acknowledge,
    po_cancel,
    po_close,
    po_create,
    po_create_from_award,
    po_send,
    po_submit,
    po_update,
)
from tenants.procurement.services.rates import exchange_rate_delete, exchange_rate_set
from tenants.procurement.services.rates import settings_update as procurement_settings_update
from tenants.procurement.services.receipts import ReceiptLineInput, po_receive
from tenants.procurement.services.settlements import SettlementLineInput, settlement_create

__all__ = [
    "ChangeLineInput",
    "LineInput",
    "ReceiptLineInput",
    "SettlementLineInput",
    "StepInput",
    "approval_reminders_send",
    "approval_rule_create",
    "approval_rule_delete",
    "approval_rule_update",
    "change_accept",
    "change_reject",
    "change_request_create",
    "delegation_create",
    "delegation_revoke",
    "department_create",
    "department_delete",
    "exchange_rate_delete",
    "exchange_rate_set",
    "member_department_set",
    "po_acknowledge",
    "po_approve",
    "po_cancel",
    "po_close",
    "po_create",
    "po_create_from_award",
    "po_receive",
    "po_reject",
    "po_send",
    "po_submit",
    "po_update",
    "procurement_settings_update",
    "settlement_create",
]
