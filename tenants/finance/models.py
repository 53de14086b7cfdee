"""The books of one company (tenant schema): chart of accounts, fiscal periods, journals, entries, balances,
posting rules and the business events they post.

What the database guarantees whatever the code does (migration 0002):

- the lines of every journal entry balance in the functional currency (``sum(debit) = sum(credit)``, at
  least two lines): a DEFERRABLE INITIALLY DEFERRED constraint trigger checks each entry touched by a
  transaction at its commit, so an unbalanced entry cannot be committed even by raw SQL;
- a posted entry and its lines are never updated or deleted (corrections are reversals);
- an entry is never written into a closed period;
- a line is a debit or a credit, never both, never negative.

Money: ``debit``/``credit`` are in the company's functional currency (``FinanceSettings.functional_currency``);
``amount_currency``/``currency``/``rate`` keep the transaction currency amount (signed, debit positive).
Partners and people are referred to by id plus a label: no foreign key leaves the schema.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import models
from django.db.models import F, Q

from kernel.fields import EncryptedTextField

MONEY = {"max_digits": 20, "decimal_places": 4}
RATE = {"max_digits": 18, "decimal_places": 8}
ZERO = Decimal(0)


def money(**kwargs: Any) -> models.DecimalField:
    return models.DecimalField(**MONEY, **kwargs)  # type: ignore[arg-type]


class AccountType(models.TextChoices):
    ASSET = "asset", "Asset"
    LIABILITY = "liability", "Liability"
    EQUITY = "equity", "Equity"
    REVENUE = "revenue", "Revenue"
    EXPENSE = "expense", "Expense"


DEBIT_NORMAL = {AccountType.ASSET, AccountType.EXPENSE}


class ChartTemplate(models.TextChoices):
    CAS_SMALL = "cas_small", "小企业会计准则 (CAS for Small Enterprises)"
    CAS = "cas", "企业会计准则 (CAS for Business Enterprises)"
    IFRS = "ifrs", "IFRS"


class FinanceSettings(models.Model):
    """One row per company (pk=1): how its books are kept."""

    chart_template = models.CharField(max_length=12, choices=ChartTemplate.choices)
    functional_currency = models.CharField(max_length=3)
    fiscal_year_start_month = models.PositiveSmallIntegerField(default=1)
    # Three-way match tolerances (supplier invoices against PO price and received quantity).
    price_tolerance_percent = models.DecimalField(max_digits=6, decimal_places=2, default=Decimal("2.00"))
    quantity_tolerance_percent = models.DecimalField(max_digits=6, decimal_places=2, default=Decimal("0.00"))
    # Company tax identity printed on invoices (统一社会信用代码 / VAT number).
    tax_id = models.CharField(max_length=64, blank=True, default="")
    default_vat_rate = models.DecimalField(max_digits=6, decimal_places=3, default=Decimal("13.000"))
    # Every received invoice waits for an approval before it is posted and payable, even when it matches.
    approve_matched_invoices = models.BooleanField(default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.CheckConstraint(condition=Q(pk=1), name="financesettings_singleton")]

    def __str__(self) -> str:
        return f"books in {self.functional_currency} ({self.chart_template})"


class Account(models.Model):
    code = models.CharField(max_length=20, unique=True)
    name_zh = models.CharField(max_length=200)
    name_en = models.CharField(max_length=200)
    type = models.CharField(max_length=10, choices=AccountType.choices)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    # A parent (summary) account is never posted to.
    is_postable = models.BooleanField(default=True)
    # What posting rules and statements know it by ("receivable", "vat_output"...): at most one account.
    role = models.CharField(max_length=40, blank=True, default="")
    report_line = models.CharField(max_length=60)
    is_cash = models.BooleanField(default=False, help_text="Cash and cash equivalents (cash-flow statement).")
    # Empty: any currency; otherwise lines must be in this currency (a USD bank account).
    currency = models.CharField(max_length=3, blank=True, default="")
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["role"], condition=~Q(role=""), name="account_role_uniq"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name_en}"

    @property
    def debit_normal(self) -> bool:
        return self.type in DEBIT_NORMAL


class PeriodStatus(models.TextChoices):
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


class FiscalYear(models.Model):
    name = models.CharField(max_length=20, unique=True)
    start = models.DateField()
    end = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["start"]
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="fiscalyear_end_after_start")
        ]

    def __str__(self) -> str:
        return self.name


class Period(models.Model):
    fiscal_year = models.ForeignKey(FiscalYear, on_delete=models.PROTECT, related_name="periods")
    number = models.PositiveSmallIntegerField()
    start = models.DateField()
    end = models.DateField()
    status = models.CharField(max_length=8, choices=PeriodStatus.choices, default=PeriodStatus.OPEN)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by_label = models.CharField(max_length=254, blank=True, default="")

    class Meta:
        ordering = ["start"]
        constraints = [
            models.UniqueConstraint(fields=["fiscal_year", "number"], name="period_year_number_uniq"),
            models.UniqueConstraint(fields=["start"], name="period_start_uniq"),
            models.CheckConstraint(condition=Q(end__gte=F("start")), name="period_end_gte_start"),
        ]

    def __str__(self) -> str:
        return f"{self.fiscal_year.name}-{self.number:02d}"

    @property
    def label(self) -> str:
        return f"{self.start:%Y-%m}"


class Journal(models.Model):
    """A book of original entry: GJ general, PUR purchases, SAL sales, BNK bank, BIL bills, INV stock."""

    code = models.CharField(max_length=8, unique=True)
    name_zh = models.CharField(max_length=100)
    name_en = models.CharField(max_length=100)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return self.code


class Project(models.Model):
    """An accounting dimension (departments are procurement's; partners are companies or customers)."""

    code = models.CharField(max_length=40, unique=True)
    name = models.CharField(max_length=200)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class NumberSequence(models.Model):
    """Gapless numbers per series and year (journal entries, invoices): the row is locked while used."""

    series = models.CharField(max_length=20)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["series", "year"], name="finance_numberseq_uniq")]

    def __str__(self) -> str:
        return f"{self.series}-{self.year}: {self.last}"


class EventStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    POSTED = "posted", "Posted"
    SKIPPED = "skipped", "Nothing to post"
    FAILED = "failed", "Failed (retried)"


class PostingEvent(models.Model):
    """A business event that posts to the books once: recorded in the transaction of the event itself.

    ``(kind, source_id)`` is unique, so recording it twice has no effect; the posting task locks the row
    and writes at most one entry for it (``JournalEntry.event`` is unique too).
    """

    kind = models.CharField(max_length=40)
    source_id = models.CharField(max_length=64)
    occurred_on = models.DateField()
    payload = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=8, choices=EventStatus.choices, default=EventStatus.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    posted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["kind", "source_id"], name="postingevent_source_uniq")]
        indexes = [
            models.Index(fields=["status", "created_at"], name="postingevent_status_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.source_id}"


class PostingRule(models.Model):
    """Which account each component of a business event posts to; the company may change the account."""

    event_kind = models.CharField(max_length=40)
    component = models.CharField(max_length=40)
    side = models.CharField(max_length=6, choices=[("debit", "Debit"), ("credit", "Credit")])
    account = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="+")
    description_zh = models.CharField(max_length=200, blank=True, default="")
    description_en = models.CharField(max_length=200, blank=True, default="")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["event_kind", "id"]
        constraints = [
            models.UniqueConstraint(fields=["event_kind", "component"], name="postingrule_uniq"),
        ]

    def __str__(self) -> str:
        return f"{self.event_kind}.{self.component} -> {self.account_id}"


class EntryStatus(models.TextChoices):
    POSTED = "posted", "Posted"


class JournalEntry(models.Model):
    number = models.CharField(max_length=30, unique=True)
    journal = models.ForeignKey(Journal, on_delete=models.PROTECT, related_name="entries")
    period = models.ForeignKey(Period, on_delete=models.PROTECT, related_name="entries")
    date = models.DateField()
    description = models.CharField(max_length=500, blank=True, default="")
    status = models.CharField(max_length=8, choices=EntryStatus.choices, default=EntryStatus.POSTED)
    # What it was posted from: "manual", "reversal", or a business event kind.
    source_kind = models.CharField(max_length=40)
    source_id = models.CharField(max_length=64, blank=True, default="")
    event = models.OneToOneField(
        PostingEvent, on_delete=models.PROTECT, null=True, blank=True, related_name="entry"
    )
    reversal_of = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="reversed_by"
    )
    total = money(default=ZERO)
    created_by_id = models.BigIntegerField(null=True, blank=True)
    created_by_label = models.CharField(max_length=254, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-id"]
        indexes = [
            models.Index(fields=["source_kind", "source_id"], name="entry_source_idx"),
            models.Index(fields=["period", "journal"], name="entry_period_journal_idx"),
        ]

    def __str__(self) -> str:
        return self.number


class JournalLine(models.Model):
    entry = models.ForeignKey(JournalEntry, on_delete=models.PROTECT, related_name="lines")
    line_no = models.PositiveSmallIntegerField()
    account = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="lines")
    # Denormalised from the entry, so balances and reports read one table.
    period = models.ForeignKey(Period, on_delete=models.PROTECT, related_name="+")
    date = models.DateField()
    debit = money(default=ZERO)
    credit = money(default=ZERO)
    currency = models.CharField(max_length=3)
    amount_currency = money(default=ZERO)  # signed, debit positive, in ``currency``
    rate = models.DecimalField(**RATE, default=Decimal(1))  # type: ignore[arg-type]
    description = models.CharField(max_length=500, blank=True, default="")
    # Dimensions.
    department_id = models.BigIntegerField(null=True, blank=True)
    project = models.ForeignKey(Project, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    partner_company_id = models.BigIntegerField(null=True, blank=True)
    partner_customer_id = models.BigIntegerField(null=True, blank=True)
    partner_name = models.CharField(max_length=200, blank=True, default="")
    # Direct-method cash-flow category of a line on a cash account (see services.posting.CASH_FLOW_TAGS).
    cash_flow_tag = models.CharField(max_length=40, blank=True, default="")

    class Meta:
        ordering = ["entry_id", "line_no"]
        constraints = [
            models.UniqueConstraint(fields=["entry", "line_no"], name="journalline_no_uniq"),
            models.CheckConstraint(
                condition=Q(debit__gte=0) & Q(credit__gte=0) & (Q(debit=0) | Q(credit=0)),
                name="journalline_one_side",
            ),
        ]
        indexes = [
            models.Index(fields=["account", "date"], name="journalline_account_date_idx"),
            models.Index(fields=["period", "account"], name="journalline_period_account_idx"),
            models.Index(fields=["partner_company_id"], name="journalline_partner_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.entry_id}/{self.line_no} {self.account_id} {self.debit}/{self.credit}"


class AccountBalance(models.Model):
    """Debit and credit totals per account and period, kept in the posting transaction (one statement)."""

    account = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="balances")
    period = models.ForeignKey(Period, on_delete=models.PROTECT, related_name="balances")
    debit = money(default=ZERO)
    credit = money(default=ZERO)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["account", "period"], name="accountbalance_uniq"),
        ]

    def __str__(self) -> str:
        return f"{self.account_id}@{self.period_id}: {self.debit}/{self.credit}"


# --- invoices (receivable and payable): the documents that the settlement side pays ---------------------


class InvoiceDirection(models.TextChoices):
    OUT = "out", "Issued to a customer (receivable)"
    IN = "in", "Received from a supplier (payable)"


class InvoiceKind(models.TextChoices):
    INVOICE = "invoice", "Invoice"
    CREDIT_NOTE = "credit_note", "Credit note"
    DEBIT_NOTE = "debit_note", "Debit note"


class InvoiceStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    OPEN = "open", "Open (posted, awaiting payment)"
    PAID = "paid", "Paid"
    CANCELLED = "cancelled", "Cancelled"
    REJECTED = "rejected", "Rejected by the buyer"


class MatchStatus(models.TextChoices):
    NONE = "", "Not matched (issued invoice)"
    MATCHED = "matched", "Matched within tolerance"
    MISMATCH = "mismatch", "Outside tolerance: waiting for approval"
    APPROVED = "approved", "Mismatch approved"
    REJECTED = "rejected", "Rejected"


class FapiaoType(models.TextChoices):
    NONE = "", "None"
    SPECIAL = "special", "增值税专用发票 (special VAT invoice)"
    ORDINARY = "ordinary", "增值税普通发票 (ordinary VAT invoice)"


class Invoice(models.Model):
    """An invoice, credit note or debit note, issued (``out``) or received (``in``).

    ``amount_open`` is what remains to be settled (payments, bills and credit notes allocated to it); it is
    changed only under a row lock by the settlement services, and the database keeps it within
    ``0..total`` for an invoice.
    """

    direction = models.CharField(max_length=3, choices=InvoiceDirection.choices)
    kind = models.CharField(max_length=12, choices=InvoiceKind.choices, default=InvoiceKind.INVOICE)
    # Ours: gapless per series and year (INV-2026-000001, CN-..., DN-...; received: AP-2026-000001).
    number = models.CharField(max_length=40, unique=True)
    # The supplier's own number of a received invoice.
    partner_number = models.CharField(max_length=60, blank=True, default="")
    status = models.CharField(max_length=10, choices=InvoiceStatus.choices, default=InvoiceStatus.DRAFT)
    match_status = models.CharField(max_length=10, choices=MatchStatus.choices, blank=True, default="")
    original = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="adjustments",
        help_text="The invoice a credit or debit note corrects.",
    )
    # The trading partner: a Hansa company (id in public) and/or a customer of sales (out).
    partner_company_id = models.BigIntegerField(null=True, blank=True)
    customer_id = models.BigIntegerField(null=True, blank=True)
    partner_name = models.CharField(max_length=200)
    partner_tax_id = models.CharField(max_length=64, blank=True, default="")
    partner_address = models.CharField(max_length=500, blank=True, default="")
    # The orders it bills: a sales order (out) or a purchase order (in) of this workspace.
    sales_order_id = models.BigIntegerField(null=True, blank=True)
    purchase_order_id = models.BigIntegerField(null=True, blank=True)
    order_number = models.CharField(max_length=64, blank=True, default="")
    issue_date = models.DateField()
    due_date = models.DateField(null=True, blank=True)
    payment_terms = models.CharField(max_length=200, blank=True, default="")
    currency = models.CharField(max_length=3)
    exchange_rate = models.DecimalField(**RATE, default=Decimal(1))  # type: ignore[arg-type]
    total_net = money(default=ZERO)
    total_tax = money(default=ZERO)
    total = money(default=ZERO)
    amount_paid = money(default=ZERO)
    amount_open = money(default=ZERO)
    # 发票: the Chinese VAT invoice fields; clearance with the tax authority (e-fapiao) is an integration
    # point (docs/finance.md), the number it returns is kept here.
    fapiao_type = models.CharField(max_length=10, choices=FapiaoType.choices, blank=True, default="")
    seller_tax_id = models.CharField(max_length=64, blank=True, default="")
    buyer_tax_id = models.CharField(max_length=64, blank=True, default="")
    fapiao_number = models.CharField(max_length=40, blank=True, default="")
    notes = models.TextField(blank=True, default="")
    # invoices: why a credit/debit note was made, or the buyer's reason for rejecting (or approving) it.
    reason = models.TextField(blank=True, default="")
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by_label = models.CharField(max_length=254, blank=True, default="")
    # The trade document that carried it (sent for ``out``, received for ``in``): unique, so the same
    # document delivered twice makes one invoice.
    document_id = models.UUIDField(null=True, blank=True, unique=True)
    created_by_id = models.BigIntegerField(null=True, blank=True)
    created_by_label = models.CharField(max_length=254, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    issued_at = models.DateTimeField(null=True, blank=True)
    paid_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-issue_date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount_open__gte=0) & Q(amount_open__lte=F("total")), name="invoice_open_in_range"
            ),
            models.CheckConstraint(condition=Q(amount_paid__gte=0), name="invoice_paid_gte_0"),
        ]
        indexes = [
            models.Index(fields=["direction", "status", "due_date"], name="invoice_open_items_idx"),
            models.Index(fields=["partner_company_id"], name="invoice_partner_idx"),
            models.Index(fields=["sales_order_id"], name="invoice_so_idx"),
            models.Index(fields=["purchase_order_id"], name="invoice_po_idx"),
        ]

    def __str__(self) -> str:
        return self.number


class InvoiceLine(models.Model):
    invoice = models.ForeignKey(Invoice, on_delete=models.CASCADE, related_name="lines")
    line_no = models.PositiveIntegerField()
    sku = models.CharField(max_length=100, blank=True, default="")
    description = models.CharField(max_length=1000)
    quantity = models.DecimalField(max_digits=18, decimal_places=4)
    unit = models.CharField(max_length=32, blank=True, default="")
    unit_price = models.DecimalField(max_digits=18, decimal_places=6)
    tax_rate = models.DecimalField(max_digits=6, decimal_places=3, default=ZERO, help_text="Percent.")
    net_amount = money(default=ZERO)
    tax_amount = money(default=ZERO)
    # What it bills: a sales order line and shipment (out), a purchase order line (in).
    sales_order_line_id = models.BigIntegerField(null=True, blank=True)
    shipment_id = models.BigIntegerField(null=True, blank=True)
    purchase_order_line_id = models.BigIntegerField(null=True, blank=True)
    item_id = models.BigIntegerField(null=True, blank=True)
    # Three-way match of a received invoice's line: what was found and why it did not match.
    match = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["invoice_id", "line_no"]
        constraints = [models.UniqueConstraint(fields=["invoice", "line_no"], name="invoiceline_no_uniq")]

    def __str__(self) -> str:
        return f"{self.invoice_id}/{self.line_no}"


# --- settlement: payment terms, bank accounts, payments, bank statements, online payments, bills ----------


class PaymentTerm(models.Model):
    """When an invoice falls due, and the early-payment (cash) discount it offers.

    ``end_of_month``: the days run from the last day of the issue month (月结), not from the issue date.
    ``discount_percent`` off the invoice total when paid within ``discount_days`` of the issue date.
    An invoice names its terms by ``Invoice.payment_terms`` = the term's ``code``.
    """

    code = models.CharField(max_length=40, unique=True)
    name_zh = models.CharField(max_length=100)
    name_en = models.CharField(max_length=100)
    days = models.PositiveSmallIntegerField(default=0)
    end_of_month = models.BooleanField(default=False)
    discount_percent = models.DecimalField(max_digits=6, decimal_places=3, default=ZERO)
    discount_days = models.PositiveSmallIntegerField(default=0)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["days", "code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(discount_percent__gte=0) & Q(discount_percent__lt=100),
                name="paymentterm_discount",
            ),
        ]

    def __str__(self) -> str:
        return self.code


class BankAccount(models.Model):
    """A company bank account and the cash account of the ledger its movements post to."""

    name = models.CharField(max_length=100)
    bank = models.CharField(max_length=200, blank=True, default="")
    # Encrypted at rest; ``number_last4`` is what lists show.
    account_number = EncryptedTextField(blank=True, default="")
    number_last4 = models.CharField(max_length=4, blank=True, default="")
    currency = models.CharField(max_length=3)
    account = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="bank_accounts")
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.currency})"


class PaymentDirection(models.TextChoices):
    IN = "in", "Received from a customer"
    OUT = "out", "Paid to a supplier"


class PaymentMethod(models.TextChoices):
    BANK_TRANSFER = "bank_transfer", "Bank transfer"
    ONLINE = "online", "Online payment"
    BILL = "bill", "Commercial bill"
    CASH = "cash", "Cash"


class PaymentStatus(models.TextChoices):
    POSTED = "posted", "Posted"


class PaymentSource(models.TextChoices):
    MANUAL = "manual", "Recorded by hand"
    STATEMENT = "statement", "Bank statement line"
    ONLINE = "online", "Online payment"
    REMITTANCE = "remittance", "Remittance advice of the buyer"


class Payment(models.Model):
    """Money received (``in``) or paid (``out``), allocated to invoices of one partner."""

    number = models.CharField(max_length=40, unique=True)
    direction = models.CharField(max_length=3, choices=PaymentDirection.choices)
    method = models.CharField(
        max_length=16, choices=PaymentMethod.choices, default=PaymentMethod.BANK_TRANSFER
    )
    status = models.CharField(max_length=10, choices=PaymentStatus.choices, default=PaymentStatus.POSTED)
    source = models.CharField(max_length=12, choices=PaymentSource.choices, default=PaymentSource.MANUAL)
    partner_company_id = models.BigIntegerField(null=True, blank=True)
    customer_id = models.BigIntegerField(null=True, blank=True)
    partner_name = models.CharField(max_length=200)
    currency = models.CharField(max_length=3)
    amount = money()
    exchange_rate = models.DecimalField(**RATE, default=Decimal(1))  # type: ignore[arg-type]
    discount_total = money(default=ZERO)
    writeoff_total = money(default=ZERO)
    bank_account = models.ForeignKey(
        BankAccount, on_delete=models.PROTECT, null=True, blank=True, related_name="payments"
    )
    date = models.DateField()
    reference = models.CharField(max_length=200, blank=True, default="")
    # The remittance advice: sent (ours, ``out``) or received (the buyer's, ``in``): one payment per document.
    document_id = models.UUIDField(null=True, blank=True, unique=True)
    # The online gateway's event that completed it: one payment per event.
    gateway_event_id = models.CharField(max_length=200, null=True, blank=True, unique=True)
    posting_event = models.ForeignKey(
        PostingEvent, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_by_id = models.BigIntegerField(null=True, blank=True)
    created_by_label = models.CharField(max_length=254, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-id"]
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="payment_amount_gt_0")]
        indexes = [models.Index(fields=["partner_company_id"], name="payment_partner_idx")]

    def __str__(self) -> str:
        return self.number


class PaymentAllocation(models.Model):
    """What one payment settles of one invoice: cash ``amount`` + ``discount_taken`` + ``writeoff``."""

    payment = models.ForeignKey(Payment, on_delete=models.PROTECT, related_name="allocations")
    invoice = models.ForeignKey(Invoice, on_delete=models.PROTECT, related_name="allocations")
    amount = money(default=ZERO)
    discount_taken = money(default=ZERO)
    writeoff = money(default=ZERO)
    # What was still open on the invoice after this allocation (0: it closed it; more: short payment).
    open_after = money(default=ZERO)

    class Meta:
        ordering = ["payment_id", "id"]
        constraints = [
            models.UniqueConstraint(fields=["payment", "invoice"], name="paymentallocation_uniq"),
            models.CheckConstraint(
                condition=Q(amount__gte=0) & Q(discount_taken__gte=0) & Q(writeoff__gte=0),
                name="paymentallocation_non_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.payment_id}->{self.invoice_id}: {self.amount}"


class StatementLineStatus(models.TextChoices):
    UNMATCHED = "unmatched", "Not matched"
    CONFIRMED = "confirmed", "Confirmed (payment recorded)"
    IGNORED = "ignored", "Ignored"


class BankStatement(models.Model):
    bank_account = models.ForeignKey(BankAccount, on_delete=models.PROTECT, related_name="statements")
    filename = models.CharField(max_length=255, blank=True, default="")
    line_count = models.PositiveIntegerField(default=0)
    duplicate_count = models.PositiveIntegerField(default=0)
    imported_by_label = models.CharField(max_length=254, blank=True, default="")
    imported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-imported_at", "-id"]

    def __str__(self) -> str:
        return f"{self.bank_account_id}: {self.filename}"


class BankStatementLine(models.Model):
    """One line of a statement: ``amount`` signed (positive money in). ``line_hash`` dedupes re-imports."""

    statement = models.ForeignKey(BankStatement, on_delete=models.CASCADE, related_name="lines")
    bank_account = models.ForeignKey(BankAccount, on_delete=models.PROTECT, related_name="+")
    line_no = models.PositiveIntegerField()
    date = models.DateField()
    amount = money()
    currency = models.CharField(max_length=3)
    counterparty = models.CharField(max_length=200, blank=True, default="")
    reference = models.CharField(max_length=500, blank=True, default="")
    line_hash = models.CharField(max_length=64)
    status = models.CharField(
        max_length=10, choices=StatementLineStatus.choices, default=StatementLineStatus.UNMATCHED
    )
    payment = models.OneToOneField(
        Payment, on_delete=models.PROTECT, null=True, blank=True, related_name="statement_line"
    )
    invoice = models.ForeignKey(Invoice, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["statement_id", "line_no"]
        constraints = [
            models.UniqueConstraint(fields=["bank_account", "line_hash"], name="statementline_hash_uniq"),
        ]

    def __str__(self) -> str:
        return f"{self.statement_id}/{self.line_no} {self.amount}"


class OnlinePaymentStatus(models.TextChoices):
    CREATED = "created", "Waiting for the payer"
    SUCCEEDED = "succeeded", "Paid"


class OnlinePayment(models.Model):
    """A checkout opened at the online gateway for an issued invoice; the gateway's webhook completes it."""

    invoice = models.ForeignKey(Invoice, on_delete=models.PROTECT, related_name="online_payments")
    gateway = models.CharField(max_length=20)
    intent_id = models.CharField(max_length=200, unique=True)
    checkout_url = models.CharField(max_length=1000)
    amount = money()
    currency = models.CharField(max_length=3)
    status = models.CharField(
        max_length=10, choices=OnlinePaymentStatus.choices, default=OnlinePaymentStatus.CREATED
    )
    payment = models.OneToOneField(
        Payment, on_delete=models.PROTECT, null=True, blank=True, related_name="online_payment"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.intent_id


class BillType(models.TextChoices):
    BANK_ACCEPTANCE = "bank_acceptance", "银行承兑汇票 (bank acceptance bill)"
    COMMERCIAL_ACCEPTANCE = "commercial_acceptance", "商业承兑汇票 (commercial acceptance bill)"


class BillDirection(models.TextChoices):
    RECEIVABLE = "receivable", "Receivable (we hold it)"
    PAYABLE = "payable", "Payable (we drew it)"


class BillStatus(models.TextChoices):
    ISSUED = "issued", "Issued"
    ACCEPTED = "accepted", "Accepted"
    HELD = "held", "Held"
    ENDORSED = "endorsed", "Endorsed to another company"
    DISCOUNTED = "discounted", "Discounted at a bank"
    PRESENTED = "presented", "Presented for payment"
    SETTLED = "settled", "Settled"
    DISHONOURED = "dishonoured", "Dishonoured"


class Bill(models.Model):
    """A commercial bill (商业汇票) we drew (payable) or hold (receivable). Steps: ``BillEvent``."""

    number = models.CharField(max_length=60)
    type = models.CharField(max_length=24, choices=BillType.choices)
    direction = models.CharField(max_length=10, choices=BillDirection.choices)
    status = models.CharField(max_length=12, choices=BillStatus.choices)
    drawer_name = models.CharField(max_length=200)
    payee_name = models.CharField(max_length=200)
    acceptor_name = models.CharField(max_length=200)
    # The counterparty we got it from (receivable) or gave it to (payable).
    partner_company_id = models.BigIntegerField(null=True, blank=True)
    customer_id = models.BigIntegerField(null=True, blank=True)
    partner_name = models.CharField(max_length=200)
    amount = money()
    currency = models.CharField(max_length=3)
    issue_date = models.DateField()
    maturity_date = models.DateField()
    # "us" while we hold it (receivable, held or presented); otherwise who does.
    holder = models.CharField(max_length=8, default="us")
    holder_company_id = models.BigIntegerField(null=True, blank=True)
    holder_name = models.CharField(max_length=200, blank=True, default="")
    bank_account = models.ForeignKey(
        BankAccount, on_delete=models.PROTECT, null=True, blank=True, related_name="bills"
    )
    # The trade document it arrived with (remittance advice or endorsement): one bill per document.
    document_id = models.UUIDField(null=True, blank=True, unique=True)
    created_by_label = models.CharField(max_length=254, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["maturity_date", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="bill_amount_gt_0"),
            models.CheckConstraint(
                condition=Q(maturity_date__gt=F("issue_date")), name="bill_maturity_after_issue"
            ),
        ]

    def __str__(self) -> str:
        return self.number


class BillAllocation(models.Model):
    """The invoices a bill settles (received in payment, or given in payment)."""

    bill = models.ForeignKey(Bill, on_delete=models.PROTECT, related_name="allocations")
    invoice = models.ForeignKey(Invoice, on_delete=models.PROTECT, related_name="bill_allocations")
    amount = money()
    # Which step settled it: "received"/"issued" on the bill's own invoices, "endorsed" on ours we paid.
    step = models.CharField(max_length=12)

    class Meta:
        ordering = ["bill_id", "id"]
        constraints = [
            models.UniqueConstraint(fields=["bill", "invoice", "step"], name="billallocation_uniq"),
        ]

    def __str__(self) -> str:
        return f"{self.bill_id}->{self.invoice_id}: {self.amount}"


class BillEvent(models.Model):
    """One step of a bill's life, with the business event that posts it (``posting_event.entry``)."""

    bill = models.ForeignKey(Bill, on_delete=models.PROTECT, related_name="events")
    action = models.CharField(max_length=12)
    from_status = models.CharField(max_length=12, blank=True, default="")
    to_status = models.CharField(max_length=12)
    date = models.DateField()
    amount = money(default=ZERO)
    details = models.JSONField(default=dict, blank=True)
    posting_event = models.ForeignKey(
        PostingEvent, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    actor_label = models.CharField(max_length=254, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["bill_id", "id"]

    def __str__(self) -> str:
        return f"{self.bill_id}:{self.action}"


# --- cost: moving-average cost per item and warehouse, landed costs, work-order cost, logistics cost -------
#
# Items, warehouses, receipts, shipments and work orders live in other apps of the same schema: they are
# referred to by id (no foreign key), so cost records survive whatever those apps do with their rows.


def quantity_field(**kwargs: Any) -> models.DecimalField:
    return models.DecimalField(max_digits=18, decimal_places=4, **kwargs)


def unit_cost_field(**kwargs: Any) -> models.DecimalField:
    return models.DecimalField(max_digits=20, decimal_places=6, **kwargs)


class CostSettings(models.Model):
    """One row per company (pk=1): the rates work orders are costed at (functional currency)."""

    labour_rate = unit_cost_field(default=ZERO, help_text="Per labour hour.")
    overhead_rate = unit_cost_field(default=ZERO, help_text="Overhead absorbed per labour hour.")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(pk=1), name="costsettings_singleton"),
            models.CheckConstraint(
                condition=Q(labour_rate__gte=0) & Q(overhead_rate__gte=0), name="costsettings_rates_gte_0"
            ),
        ]

    def __str__(self) -> str:
        return f"labour {self.labour_rate}/h, overhead {self.overhead_rate}/h"


class ItemCost(models.Model):
    """Quantity and value of one item in one warehouse: ``average`` = value / quantity (the moving average,
    kept as the last one known while nothing is on hand). Changed only under a row lock by the cost
    services, together with one :class:`CostMovement`."""

    item_id = models.BigIntegerField()
    warehouse_id = models.BigIntegerField()
    quantity = quantity_field(default=ZERO)
    value = money(default=ZERO)
    average = unit_cost_field(default=ZERO)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["item_id", "warehouse_id"]
        constraints = [
            models.UniqueConstraint(fields=["item_id", "warehouse_id"], name="itemcost_item_warehouse_uniq"),
            models.CheckConstraint(condition=Q(quantity__gte=0), name="itemcost_quantity_gte_0"),
            models.CheckConstraint(condition=Q(value__gte=0), name="itemcost_value_gte_0"),
        ]

    def __str__(self) -> str:
        return f"{self.item_id}@{self.warehouse_id}: {self.quantity} = {self.value}"


class CostMovementKind(models.TextChoices):
    RECEIPT = "receipt", "Goods receipt"
    ISSUE = "issue", "Shipment (cost of goods sold)"
    ADJUSTMENT = "adjustment", "Stock adjustment"
    TRANSFER_OUT = "transfer_out", "Transfer out"
    TRANSFER_IN = "transfer_in", "Transfer in"
    LANDED_COST = "landed_cost", "Landed cost"
    MATERIAL = "material", "Material issued to a work order"
    PRODUCTION = "production", "Work order completed"
    UNTRACKED = "untracked", "Stock moved outside costing (valued at the average)"


class CostMovement(models.Model):
    """One change of an item's cost in a warehouse, never changed once written (the database refuses).

    ``quantity`` and ``value`` are signed (in positive, out negative); ``unit_cost`` is what one unit moved
    at; ``quantity_after``/``value_after`` the item cost right after. ``source_kind``/``source_id`` name
    the document (goods_receipt, shipment, stock_adjustment, stock_transfer, landed_cost, work_order), and
    ``order_id``/``line_id`` its order and line (a sales order for a shipment, a purchase order for a
    receipt), so margins read one table.
    """

    item_id = models.BigIntegerField()
    warehouse_id = models.BigIntegerField()
    kind = models.CharField(max_length=16, choices=CostMovementKind.choices)
    quantity = quantity_field()
    unit_cost = unit_cost_field()
    value = money()
    quantity_after = quantity_field()
    value_after = money()
    source_kind = models.CharField(max_length=20)
    source_id = models.BigIntegerField()
    order_id = models.BigIntegerField(null=True, blank=True)
    line_id = models.BigIntegerField(null=True, blank=True)
    reference = models.CharField(max_length=200, blank=True, default="")
    occurred_at = models.DateTimeField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-occurred_at", "-id"]
        indexes = [
            models.Index(fields=["item_id", "warehouse_id", "id"], name="costmovement_item_idx"),
            models.Index(fields=["source_kind", "source_id"], name="costmovement_source_idx"),
            models.Index(fields=["source_kind", "order_id"], name="costmovement_order_idx"),
            models.Index(fields=["occurred_at"], name="costmovement_occurred_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.item_id}@{self.warehouse_id} {self.quantity} {self.value}"


class LandedCostAllocation(models.TextChoices):
    VALUE = "value", "By value"
    QUANTITY = "quantity", "By quantity"
    WEIGHT = "weight", "By weight"


class LandedCostKind(models.TextChoices):
    FREIGHT = "freight", "Freight"
    DUTY = "duty", "Duty"
    INSURANCE = "insurance", "Insurance"


class LandedCost(models.Model):
    """Freight, duty and insurance of one or more goods receipts, allocated to their lines."""

    receipt_ids = models.JSONField(default=list)
    allocation = models.CharField(max_length=10, choices=LandedCostAllocation.choices)
    total = money()  # functional currency
    to_inventory = money(default=ZERO)
    to_cogs = money(default=ZERO)
    note = models.CharField(max_length=500, blank=True, default="")
    occurred_on = models.DateField()
    created_by_id = models.BigIntegerField(null=True, blank=True)
    created_by_label = models.CharField(max_length=254, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"landed cost {self.pk}: {self.total}"


class LandedCostComponent(models.Model):
    landed_cost = models.ForeignKey(LandedCost, on_delete=models.CASCADE, related_name="components")
    kind = models.CharField(max_length=10, choices=LandedCostKind.choices)
    amount = money()
    currency = models.CharField(max_length=3)
    rate = models.DecimalField(**RATE, default=Decimal(1))  # type: ignore[arg-type]
    amount_functional = money()

    class Meta:
        ordering = ["id"]
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="landedcostcomponent_gt_0")]

    def __str__(self) -> str:
        return f"{self.kind} {self.amount} {self.currency}"


class LandedCostLine(models.Model):
    """A receipt line's share: ``to_inventory`` for the part of its quantity still on hand, ``to_cogs`` for
    the part already issued."""

    landed_cost = models.ForeignKey(LandedCost, on_delete=models.CASCADE, related_name="lines")
    receipt_id = models.BigIntegerField()
    receipt_line_id = models.BigIntegerField()
    item_id = models.BigIntegerField()
    warehouse_id = models.BigIntegerField()
    quantity = quantity_field()
    basis = models.DecimalField(max_digits=24, decimal_places=6)
    allocated = money()
    to_inventory = money(default=ZERO)
    to_cogs = money(default=ZERO)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.receipt_line_id}: {self.allocated}"


class WorkOrderCostStatus(models.TextChoices):
    OPEN = "open", "Collecting cost"
    COMPLETED = "completed", "Completed"


class WorkOrderCost(models.Model):
    """The cost sheet of a sales work order: materials, labour and overhead collected in WIP, moved to the
    finished item's stock value when the work order completes."""

    work_order_id = models.BigIntegerField(unique=True)
    number = models.CharField(max_length=20)
    status = models.CharField(
        max_length=10, choices=WorkOrderCostStatus.choices, default=WorkOrderCostStatus.OPEN
    )
    materials = money(default=ZERO)
    labour_hours = models.DecimalField(max_digits=12, decimal_places=2, default=ZERO)
    labour = money(default=ZERO)
    overhead = money(default=ZERO)
    total = money(default=ZERO)
    quantity = quantity_field(default=ZERO)
    unit_cost = unit_cost_field(default=ZERO)
    item_id = models.BigIntegerField(null=True, blank=True)
    warehouse_id = models.BigIntegerField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.number}: {self.total}"


class WorkOrderCostLineKind(models.TextChoices):
    MATERIAL = "material", "Material"
    LABOUR = "labour", "Labour"
    OVERHEAD = "overhead", "Overhead"


class WorkOrderCostLine(models.Model):
    sheet = models.ForeignKey(WorkOrderCost, on_delete=models.CASCADE, related_name="lines")
    kind = models.CharField(max_length=10, choices=WorkOrderCostLineKind.choices)
    item_id = models.BigIntegerField(null=True, blank=True)
    warehouse_id = models.BigIntegerField(null=True, blank=True)
    quantity = quantity_field()
    unit_cost = unit_cost_field()
    value = money()
    note = models.CharField(max_length=500, blank=True, default="")
    occurred_on = models.DateField()
    created_by_label = models.CharField(max_length=254, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.sheet_id} {self.kind} {self.value}"


class ShipmentCostKind(models.TextChoices):
    FREIGHT = "freight", "Freight"
    HANDLING = "handling", "Handling"


class ShipmentCost(models.Model):
    """Freight or handling paid for a sales shipment (a selling expense, in margins)."""

    shipment_id = models.BigIntegerField()
    sales_order_id = models.BigIntegerField()
    customer_id = models.BigIntegerField(null=True, blank=True)
    kind = models.CharField(max_length=10, choices=ShipmentCostKind.choices)
    amount = money()
    currency = models.CharField(max_length=3)
    rate = models.DecimalField(**RATE, default=Decimal(1))  # type: ignore[arg-type]
    amount_functional = money()
    paid = models.BooleanField(default=False, help_text="Paid from the bank (else accrued as payable).")
    note = models.CharField(max_length=500, blank=True, default="")
    occurred_on = models.DateField()
    created_by_label = models.CharField(max_length=254, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-occurred_on", "-id"]
        indexes = [
            models.Index(fields=["shipment_id"], name="shipmentcost_shipment_idx"),
            models.Index(fields=["sales_order_id"], name="shipmentcost_order_idx"),
        ]
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="shipmentcost_amount_gt_0")]

    def __str__(self) -> str:
        return f"{self.shipment_id} {self.kind} {self.amount} {self.currency}"
