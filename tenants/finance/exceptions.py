"""Domain errors of finance. Codes are published: never change them."""

from __future__ import annotations

from kernel.errors import Conflict, DomainError


class EntryUnbalanced(DomainError):
    code = "entry_unbalanced"
    status = 400
    title = "The debits and credits of this journal entry are not equal"


class PeriodClosed(Conflict):
    code = "period_closed"
    title = "The accounting period of this date is closed"


class NoPeriod(DomainError):
    code = "no_fiscal_period"
    status = 400
    title = "There is no fiscal period for this date"


class PeriodNotClosable(Conflict):
    code = "period_not_closable"
    title = "This period cannot be closed now"


class PeriodNotReopenable(Conflict):
    code = "period_not_reopenable"
    title = "This period cannot be reopened now"


class AccountNotPostable(DomainError):
    code = "account_not_postable"
    status = 400
    title = "This account cannot be posted to"


class AccountCodeTaken(Conflict):
    code = "account_code_taken"
    title = "An account with this code already exists"


class AccountInUse(Conflict):
    code = "account_in_use"
    title = "This account has postings or rules; deactivate it instead"


class EntryAlreadyReversed(Conflict):
    code = "entry_already_reversed"
    title = "This journal entry has already been reversed"


class PostingRuleMissing(DomainError):
    code = "posting_rule_missing"
    status = 409
    title = "No posting rule gives an account for this part of the event"


class FiscalYearOverlaps(Conflict):
    code = "fiscal_year_overlaps"
    title = "This fiscal year overlaps one that exists"


# --- invoices ---------------------------------------------------------------------------------------------


class InvoiceNotDraft(Conflict):
    code = "invoice_not_draft"
    title = "Only a draft invoice can be changed, issued or cancelled"


class InvoiceNotOpen(Conflict):
    code = "invoice_not_open"
    title = "This invoice is not open"


class InvoiceNotCreditable(Conflict):
    code = "invoice_not_creditable"
    title = "A credit or debit note corrects an issued invoice only"


class OverInvoiced(Conflict):
    code = "over_invoiced"
    title = "This quantity is more than was shipped and not yet invoiced"


class NothingToInvoice(Conflict):
    code = "nothing_to_invoice"
    title = "Nothing shipped is left to invoice on this sales order"


class InvoiceNotPendingApproval(Conflict):
    code = "invoice_not_pending_approval"
    title = "This invoice is not waiting for an approval"


class CreditExceedsInvoice(Conflict):
    code = "credit_exceeds_invoice"
    title = "A credit note cannot credit more than the invoice still carries"


# --- settlement: payments, bank statements, online payments, bills -----------------------------------------


class PaymentExceedsOpen(Conflict):
    code = "payment_exceeds_open"
    title = "The amount is more than what is open on the invoice"


class InvoiceNotSettleable(Conflict):
    code = "invoice_not_settleable"
    title = "This invoice cannot be settled by this payment"


class DiscountNotAllowed(Conflict):
    code = "discount_not_allowed"
    title = "No early-payment discount is available on this invoice at this date"


class PaymentTermCodeTaken(Conflict):
    code = "payment_term_code_taken"
    title = "Payment terms with this code already exist"


class StatementMalformed(DomainError):
    code = "statement_malformed"
    status = 400
    title = "The bank statement file cannot be read"


class StatementLineNotOpen(Conflict):
    code = "statement_line_not_open"
    title = "This statement line has already been confirmed"


class OnlinePaymentUnavailable(Conflict):
    code = "online_payment_unavailable"
    title = "Online payment is not available"


class WebhookSignatureInvalid(DomainError):
    code = "payment_webhook_signature_invalid"
    status = 400
    title = "The payment webhook signature is missing or wrong"


class BillTransitionNotAllowed(Conflict):
    code = "bill_transition_not_allowed"
    title = "This step is not allowed in the bill's current state"


class BillNotHeld(Conflict):
    code = "bill_not_held"
    title = "The company does not hold this bill"


# --- cost accounting --------------------------------------------------------------------------------------


class WorkOrderNotCostable(Conflict):
    code = "work_order_not_costable"
    title = "Cost can no longer be added to this work order"
