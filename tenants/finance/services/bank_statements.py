"""Bank-statement CSV import, matching lines to open invoices, and confirming a line as a payment.

The CSV layout (docs/finance.md, "Bank statement CSV"): a header row naming the columns, in any order:

=============  =========================================  ========
column         also accepted (Chinese bank exports)        required
=============  =========================================  ========
date           交易日期, 日期, 记账日期                      yes
amount         金额, 交易金额                               yes (signed: positive = money in)
currency       币种, 货币                                   no (default: the bank account's)
counterparty   对方户名, 对方名称, 对方账户名称              no
reference      摘要, 附言, 用途, 备注                        no
=============  =========================================  ========

Dates are ``YYYY-MM-DD``, ``YYYY/MM/DD`` or ``YYYYMMDD``; amounts may carry thousands separators.
UTF-8 (with or without BOM) or GB18030 (what Chinese banks export). A file with any bad row is refused
whole, with an error per row and column. A line already imported into the same bank account (the same
date, amount, currency, counterparty and reference, counted by occurrence in the file) is skipped.
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import IO

from django.db import transaction

from identity.access import Actor
from identity.services import audit_record
from tenants.finance.exceptions import PaymentExceedsOpen, StatementLineNotOpen, StatementMalformed
from tenants.finance.models import (
    ZERO,
    BankAccount,
    BankStatement,
    BankStatementLine,
    Invoice,
    InvoiceDirection,
    InvoiceStatus,
    Payment,
    PaymentDirection,
    PaymentSource,
    StatementLineStatus,
)
from tenants.finance.services.settlement import (
    FINANCE_POST,
    AllocationIn,
    _invoices_lock,
    _payment_create,
    remittance_send,
)

HEADERS = {
    "date": ("date", "交易日期", "日期", "记账日期"),
    "amount": ("amount", "金额", "交易金额"),
    "currency": ("currency", "币种", "货币"),
    "counterparty": ("counterparty", "对方户名", "对方名称", "对方账户名称"),
    "reference": ("reference", "摘要", "附言", "用途", "备注"),
}
REQUIRED = ("date", "amount")
MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 20_000


@dataclass(frozen=True)
class ParsedLine:
    row: int
    date: date
    amount: Decimal
    currency: str
    counterparty: str
    reference: str


def _decode(raw: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise StatementMalformed(errors={"file": ["Use UTF-8 or GB18030 text."]})


def _parse_date(text: str) -> date | None:
    for fmt in ("%Y-%m-%d", "%Y/%m/%d", "%Y%m%d"):
        try:
            return datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
    return None


def _parse_amount(text: str) -> Decimal | None:
    cleaned = text.strip().replace(",", "").replace("¥", "").replace("￥", "").replace(" ", "")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        return None
    if not value.is_finite() or value == 0 or abs(value) >= Decimal("1e15"):
        return None
    if isinstance(value.as_tuple().exponent, int) and -value.as_tuple().exponent > 2:  # type: ignore[operator]
        return None
    return value


def statement_parse(*, raw: bytes, currency: str) -> list[ParsedLine]:
    """Parse a statement CSV into lines, or raise StatementMalformed with every error found
    (``errors`` keys: ``file``, ``columns``, ``row <n>.<column>``)."""
    if len(raw) > MAX_BYTES:
        raise StatementMalformed(errors={"file": ["The file is larger than 5 MB."]})
    text = _decode(raw)
    reader = csv.reader(io.StringIO(text))
    try:
        header = next(reader)
    except StopIteration:
        raise StatementMalformed(errors={"file": ["The file is empty."]}) from None
    except csv.Error as exc:
        raise StatementMalformed(errors={"file": [str(exc)]}) from exc
    names = [h.strip().lower() for h in header]
    index: dict[str, int] = {}
    for column, aliases in HEADERS.items():
        for position, name in enumerate(names):
            if name in aliases:
                index.setdefault(column, position)
    missing = [c for c in REQUIRED if c not in index]
    if missing:
        raise StatementMalformed(errors={"columns": [f"Missing column: {', '.join(missing)}."]})
    errors: dict[str, list[str]] = {}
    lines: list[ParsedLine] = []
    try:
        rows = list(reader)
    except csv.Error as exc:
        raise StatementMalformed(errors={"file": [str(exc)]}) from exc
    if len(rows) > MAX_ROWS:
        raise StatementMalformed(errors={"file": [f"At most {MAX_ROWS} lines per file."]})
    for number, row in enumerate(rows, start=2):
        if not any(cell.strip() for cell in row):
            continue

        def cell(column: str, row: list[str] = row) -> str:
            position = index.get(column)
            return row[position].strip() if position is not None and position < len(row) else ""

        day = _parse_date(cell("date"))
        if day is None:
            errors[f"row {number}.date"] = ["Use a date YYYY-MM-DD, YYYY/MM/DD or YYYYMMDD."]
        amount = _parse_amount(cell("amount"))
        if amount is None:
            errors[f"row {number}.amount"] = ["Enter a non-zero amount with at most 2 decimals."]
        line_currency = (cell("currency") or currency).upper()
        if line_currency in ("人民币", "RMB"):
            line_currency = "CNY"
        if line_currency != currency:
            errors[f"row {number}.currency"] = [f"The bank account is in {currency}, not {line_currency}."]
        if day is not None and amount is not None and line_currency == currency:
            lines.append(
                ParsedLine(
                    row=number,
                    date=day,
                    amount=amount,
                    currency=currency,
                    counterparty=cell("counterparty")[:200],
                    reference=cell("reference")[:500],
                )
            )
    if errors:
        raise StatementMalformed(errors=errors)
    if not lines:
        raise StatementMalformed(errors={"file": ["The file has no lines."]})
    return lines


def _hash(bank_account_id: int, line: ParsedLine, occurrence: int) -> str:
    key = "|".join(
        [
            str(bank_account_id),
            line.date.isoformat(),
            format(line.amount.normalize(), "f"),
            line.currency,
            line.counterparty,
            line.reference,
            str(occurrence),
        ]
    )
    return hashlib.sha256(key.encode()).hexdigest()


def statement_import(
    *, actor: Actor, bank_account: BankAccount, file: IO[bytes], filename: str = ""
) -> BankStatement:
    """Import a bank-statement CSV into ``bank_account``; lines imported before are skipped.

    Raises:
        PermissionMissing: the actor may not post.
        StatementMalformed: the file cannot be read (nothing is written), with errors per row/column.
    """
    actor.require(FINANCE_POST)
    lines = statement_parse(raw=file.read(MAX_BYTES + 1), currency=bank_account.currency)
    seen: Counter[tuple[object, ...]] = Counter()
    hashed = []
    for line in lines:
        key = (line.date, line.amount, line.counterparty, line.reference)
        seen[key] += 1
        hashed.append((line, _hash(bank_account.pk, line, seen[key])))
    with transaction.atomic():
        statement = BankStatement.objects.create(
            bank_account=bank_account, filename=filename[:255], imported_by_label=actor.label
        )
        created = BankStatementLine.objects.bulk_create(
            [
                BankStatementLine(
                    statement=statement,
                    bank_account=bank_account,
                    line_no=line.row - 1,
                    date=line.date,
                    amount=line.amount,
                    currency=line.currency,
                    counterparty=line.counterparty,
                    reference=line.reference,
                    line_hash=digest,
                )
                for line, digest in hashed
            ],
            ignore_conflicts=True,
        )
        count = BankStatementLine.objects.filter(statement=statement).count()
        statement.line_count = count
        statement.duplicate_count = len(created) - count
        statement.save(update_fields=["line_count", "duplicate_count"])
        audit_record(
            action="finance.statement.import",
            company=actor.company,
            actor=actor.user,
            actor_label=actor.label,
            target_type="finance.bankstatement",
            target_id=statement.pk,
            after={"lines": count, "duplicates": statement.duplicate_count, "file": filename[:100]},
        )
    return statement


@dataclass(frozen=True)
class MatchSuggestion:
    invoice: Invoice
    rank: int  # 1 best
    reason: str  # "amount_and_number" | "amount_and_partner" | "number"


def statement_match(*, line: BankStatementLine) -> list[MatchSuggestion]:
    """Open invoices the line may pay, best first: the exact open amount with the invoice number in the
    reference, then the exact amount with the partner's name as counterparty, then the number alone."""
    direction = InvoiceDirection.OUT if line.amount > 0 else InvoiceDirection.IN
    amount = abs(line.amount)
    candidates = Invoice.objects.filter(
        direction=direction, status=InvoiceStatus.OPEN, currency=line.currency, amount_open__gt=0
    ).order_by("due_date", "id")
    reference = line.reference.lower()
    counterparty = line.counterparty.strip().lower()
    found: list[MatchSuggestion] = []
    for invoice in candidates[:2000]:
        numbers = [n.lower() for n in (invoice.number, invoice.partner_number) if n]
        has_number = any(n in reference for n in numbers)
        same_amount = invoice.amount_open == amount
        partner = invoice.partner_name.strip().lower()
        same_partner = (
            bool(counterparty) and bool(partner) and (partner in counterparty or counterparty in partner)
        )
        if same_amount and has_number:
            found.append(MatchSuggestion(invoice, 1, "amount_and_number"))
        elif same_amount and same_partner:
            found.append(MatchSuggestion(invoice, 2, "amount_and_partner"))
        elif has_number:
            found.append(MatchSuggestion(invoice, 3, "number"))
    found.sort(key=lambda m: (m.rank, m.invoice.due_date or date.max, m.invoice.pk))
    return found[:20]


def statement_line_confirm(
    *, actor: Actor, line: BankStatementLine, invoice_ids: Sequence[int], rate: Decimal | None = None
) -> Payment:
    """Record the line as a payment of ``invoice_ids`` (spread over them in the order given, each up to
    what is open), and mark it confirmed. Money in pays issued invoices; money out, received ones.

    Raises:
        StatementLineNotOpen: the line was confirmed or ignored before.
        PaymentExceedsOpen: the line is more than the invoices' open amount.
        ValidationFailed, InvoiceNotSettleable: as ``payment_record``.
    """
    actor.require(FINANCE_POST)
    with transaction.atomic():
        locked = BankStatementLine.objects.select_for_update().select_related("bank_account").get(pk=line.pk)
        if locked.status != StatementLineStatus.UNMATCHED:
            raise StatementLineNotOpen(f"Line {locked.line_no} is {locked.status}.", line_id=locked.pk)
        invoices = _invoices_lock(invoice_ids)
        rest, allocations = abs(locked.amount), []
        for invoice_id in invoice_ids:
            invoice = invoices.get(invoice_id)
            part = min(rest, invoice.amount_open) if invoice is not None else ZERO
            if part > 0 or invoice is None:
                allocations.append(AllocationIn(invoice_id=invoice_id, amount=part))
            rest -= part
        if rest > 0 and invoice_ids and all(i in invoices for i in invoice_ids):
            raise PaymentExceedsOpen(
                f"The line is {rest} more than the invoices' open amount.",
                invoice_id=invoice_ids[-1],
                amount_open=str(sum((i.amount_open for i in invoices.values()), ZERO)),
            )
        direction = PaymentDirection.IN if locked.amount > 0 else PaymentDirection.OUT
        payment = _payment_create(
            direction=direction,
            amount=abs(locked.amount),
            currency=locked.currency,
            day=locked.date,
            allocations=allocations,
            bank_account=locked.bank_account,
            rate=rate,
            reference=locked.reference or locked.counterparty,
            source=PaymentSource.STATEMENT,
            actor_id=actor.user.pk if actor.user else None,
            actor_label=actor.label,
        )
        locked.payment = payment
        locked.invoice_id = allocations[0].invoice_id
        locked.status = StatementLineStatus.CONFIRMED
        locked.save(update_fields=["payment", "invoice", "status"])
        audit_record(
            action="finance.statement.confirm",
            company=actor.company,
            actor=actor.user,
            actor_label=actor.label,
            target_type="finance.bankstatementline",
            target_id=locked.pk,
            after={"payment": payment.number, "invoices": list(invoice_ids)},
        )
        if direction == PaymentDirection.OUT:
            remittance_send(payment=payment, sender=actor.company)
    return payment
