"""Factories of settlement tests: invoices created directly (their own postings are not under test)."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal
from typing import Any

from tenants.finance.models import Invoice, InvoiceStatus, JournalEntry

_counter = iter(range(1, 10**9))


def invoice_make(
    *,
    direction: str,
    total: Decimal | str,
    partner_name: str = "Partner Ltd",
    partner_company_id: int | None = None,
    currency: str = "CNY",
    rate: Decimal | str = "1",
    issue_date: date | None = None,
    payment_terms: str = "",
    document_id: uuid.UUID | None = None,
    number: str = "",
    **extra: Any,
) -> Invoice:
    total = Decimal(total)
    n = next(_counter)
    return Invoice.objects.create(
        direction=direction,
        number=number or f"{'INV' if direction == 'out' else 'AP'}-T-{n:06d}",
        partner_name=partner_name,
        partner_company_id=partner_company_id,
        currency=currency,
        exchange_rate=Decimal(rate),
        issue_date=issue_date or date.today(),
        payment_terms=payment_terms,
        total_net=total,
        total=total,
        amount_open=total,
        status=InvoiceStatus.OPEN,
        document_id=document_id,
        **extra,
    )


def lines_of(entry: JournalEntry) -> list[tuple[str, str, str, str]]:
    """(account role, debit, credit, cash flow tag) per line, in line order."""
    return [
        (line.account.role or line.account.code, str(line.debit), str(line.credit), line.cash_flow_tag)
        for line in entry.lines.select_related("account").order_by("line_no")
    ]
