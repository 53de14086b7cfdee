"""The API vocabulary that tests/api/test_conventions.py enforces (docs/api-conventions.md explains it).

Change a list here only together with the conventions page: a name added to ``IDS`` must say what kind
of object it names, and a name dropped from the API belongs in ``FORBIDDEN`` so it cannot come back.
"""

from __future__ import annotations

# Names that must not appear as a property or a parameter: the one name to use instead.
FORBIDDEN: dict[str, str] = {
    "category_id": "category_code",
    "category_ids": "category_codes",
    "supplier_company_id": "supplier_id",
    "supplier_profile_id": "supplier_id (a company id)",
    "buyer_company_id": "buyer_id",
    "hansa_company_id": "buyer_id",
    "company_id": "supplier_id or buyer_id (or the object's id)",
    "profile_id": "supplier_id (a company id)",
    "tax_percent": "tax_rate",
    "tax_pct": "tax_rate",
    "vat": "tax_rate / tax_amount",
    "vat_rate": "tax_rate",
    "tax": "tax_amount",
    "net": "net_amount / total_net",
    "gross": "gross_amount / total_gross",
    "amount": "a named amount: net_amount, tax_amount, freight_amount, total",
    "qty": "quantity",
    "quantity_open": "open_quantity",
    "quantity_received": "received_quantity",
    "quantity_rejected": "rejected_quantity",
    "quantity_offered": "offered_quantity",
    "quantity_shipped": "shipped_quantity",
    "price": "unit_price",
    "created": "created_at",
    "updated": "updated_at",
    "modified": "updated_at",
    "modified_at": "updated_at",
    "timestamp": "at / <event>_at",
    "data": "details (free-form event data) or a named field",
}
# Names allowed only for a nested object (never for a bare id): ``"supplier": {"id": ...}``.
NESTED_ONLY = {"supplier", "buyer", "customer", "item", "warehouse", "order", "category", "company", "quote"}

# Every ``*_id`` name and the kind of object it names: one name, one kind, everywhere.
IDS: dict[str, str] = {
    "account_id": "ledger account (finance: the company's chart of accounts)",
    "entry_id": "journal entry (finance)",
    "event_id": "business event posted to the books (finance posting event)",
    "parent_id": "the parent of the object in a tree (a ledger account's summary account)",
    "partner_company_id": "company (a trading partner, as named on a journal line or invoice)",
    "partner_customer_id": "customer (the supplier's customer record, as named on a journal line)",
    "period_id": "fiscal period (finance)",
    "period_to_id": "fiscal period (finance: the last period of a statement's range)",
    "compare_period_id": "fiscal period (finance: the first period of a statement's comparative range)",
    "compare_period_to_id": "fiscal period (finance: the last period of a statement's comparative range)",
    "posting_event_id": "business event posted to the books (finance posting event)",
    "posting_rule_id": "posting rule (finance: which account an event's component posts to)",
    "project_id": "project (an accounting dimension)",
    "reversal_of_id": "journal entry (the one this entry reverses)",
    "reversed_by_id": "journal entry (the reversal of this entry)",
    "source_id": "the business document an entry or event comes from, as text (its kind in source_kind)",
    "tax_id": "a tax registration number (统一社会信用代码 / VAT number): text, not a Hansa object",
    "bank_account_id": "company bank account (finance settlement)",
    "payment_id": "payment received or made (finance settlement)",
    "statement_id": "imported bank statement (finance settlement)",
    "statement_line_id": "line of an imported bank statement (finance settlement)",
    "bill_id": "commercial bill, 商业汇票 (finance settlement)",
    "intent_id": "the online gateway's checkout (text, the gateway's id)",
    "buyer_tax_id": "the buyer's tax registration number on an invoice (发票): text",
    "seller_tax_id": "the seller's tax registration number on an invoice (发票): text",
    "partner_tax_id": "the trading partner's tax registration number: text",
    "actor_id": "user",
    "amendment_id": "sales amendment",
    "assignee_id": "user",
    "attachment_id": "attachment",
    "back_order_id": "back order",
    "buyer_id": "company (the buyer)",
    "commitment_id": "forecast commitment (supply-chain planning: the supplier's answer to a forecast version)",
    "forecast_id": "forecast (supply-chain planning, in this company's schema)",
    "certification_id": "certification",
    "change_id": "order change (uuid, shared by buyer and supplier)",
    "company_id": "company as such: only in the operators' console (/api/console/), elsewhere forbidden",
    "contact_id": "customer contact",
    "created_by_id": "user",
    "customer_id": "customer (the supplier's customer record)",
    "delegate_id": "user",
    "delegation_id": "approval delegation",
    "delegator_id": "user",
    "department_id": "department",
    "document_id": "trade document (uuid)",
    "exchange_document_id": "trade document (uuid)",
    "follow_up_id": "follow-up",
    "from_warehouse_id": "warehouse",
    "image_id": "listing image",
    "invitation_id": "member invitation",
    "invoice_id": "the platform's invoice to a company (billing) or a company's own invoice (finance)",
    "original_id": "invoice (finance: the invoice a credit or debit note corrects)",
    "sales_order_id": "sales order (the supplier's)",
    "purchase_order_id": "purchase order (the buyer's)",
    "item_id": "inventory item",
    "grant_id": "inventory-sharing grant (supply chain: what an owner lets a trading partner see)",
    "owner_id": "company (the owner of shared stock: the company that gave an inventory-sharing grant)",
    "partner_id": "company (a trading partner: the company an inventory-sharing grant is given to)",
    "job_id": "import job",
    "backup_id": "company backup (public schema; operators' console)",
    "export_id": "the company's data export (its owner's ZIP)",
    "key_id": "API key",
    "line_id": "RFQ line",
    "listing_id": "catalog listing",
    "member_id": "membership",
    "notification_id": "notification",
    "on_behalf_of_id": "user",
    "order_id": "the order of the path or document (purchase or sales order)",
    "plan_id": "billing plan (public schema; operators' console)",
    "po_id": "purchase order (the buyer's)",
    "quote_id": "quote",
    "received_by_id": "user",
    "reservation_id": "stock reservation",
    "rfq_id": "RFQ",
    "rfq_line_id": "RFQ line",
    "rule_id": "approval rule",
    "rate_id": "exchange rate (an entry of the company's rate table)",
    "settlement_id": "rejection settlement (the order's; its shared uuid is settlement_uuid)",
    "created_by_api_key_id": "API key",
    "submitted_by_api_key_id": "API key",
    "decided_by_id": "user",
    "stock_item_id": "inventory item (the one feeding a listing's stock)",
    "subject_id": "the object a notification is about, of the kind subject_type names",
    "shipment_id": "shipment",
    "step_id": "approval step",
    "submitted_by_id": "user",
    "supplier_id": "company (the supplier)",
    "target_id": "audited object (any kind: see target_type)",
    "to_warehouse_id": "warehouse",
    "transfer_id": "stock transfer (uuid)",
    "user_id": "user",
    "warehouse_id": "warehouse",
    "work_order_id": "work order",
    "receipt_id": "goods receipt (procurement)",
    "receipt_line_id": "goods receipt line (procurement)",
    "site_id": "delivery site of a customer (supply-chain routing)",
    "depot_id": "depot: a warehouse with coordinates and opening hours (supply-chain routing)",
    "vehicle_id": "vehicle type of a depot (supply-chain routing)",
    "route_plan_id": "route plan of a day's deliveries (supply-chain routing)",
    "carrier_account_id": "carrier account (supply-chain tracking: a carrier posting to the webhook)",
    "tracking_event_id": "shipment tracking event (supply-chain tracking)",
    # Supply-chain replenishment.
    "policy_id": "replenishment policy (supply chain, agreed by both sides)",
    "proposal_id": "replenishment proposal (the supplier's sent, or the buyer's received, one)",
    "acceptance_rule_id": "replenishment acceptance rule (the buyer's)",
    "po_document_id": "trade document (uuid: the purchase order's)",
}
ID_LISTS: dict[str, str] = {
    "policy_ids": "replenishment policy (supply chain)",
    "account_ids": "ledger account (finance)",
    "invoice_ids": "a company's own invoice (finance)",
    "receipt_ids": "goods receipt (procurement)",
    "line_ids": "RFQ line",
    "shipment_ids": "shipment",
    "member_ids": "user",
    "user_ids": "user",
    "item_ids": "inventory item (the owner's items an inventory-sharing grant covers)",
    "warehouse_ids": "warehouse (the owner's warehouses an inventory-sharing grant covers; empty: all)",
}
# Parameters that name a company as such, not as a supplier or buyer: in any path, and as a query
# parameter of the operators' console (``/api/console/...?company_id=``).
COMPANY_PATH_PARAMETERS = {"company_id"}

# The scale of each decimal kind (kernel.serializers.KIND_SCALES must agree).
KIND_SCALES: dict[str, int | str] = {
    "money": "currency",
    "unit_price": 4,
    "quantity": 4,
    "percent": 2,
    "exchange_rate": 8,
    "ratio": 3,
    "rating": 3,
    "score": 2,
    "coordinate": 6,
}

# A decimal whose name says its kind must be of that kind.
MONEY_NAMES = {"total", "total_net", "total_tax", "total_gross", "approved_total", "average_order",
               "min_amount", "max_amount", "min_order_value"}  # fmt: skip
PERCENT_NAMES = {"tax_rate", "discount_percent"}


def kind_by_name(name: str) -> str | None:
    """The decimal kind a property's name promises, if it promises one."""
    if name in MONEY_NAMES or name.endswith("_amount"):
        return "money"
    if name in PERCENT_NAMES:
        return "percent"
    if name == "exchange_rate" or name.endswith("_exchange_rate"):
        return "exchange_rate"
    if name.endswith("unit_price") or name in ("base_price", "target_price", "price_min", "price_max"):
        return "unit_price"
    if name == "quantity" or name.endswith("_quantity") or name in ("moq", "moq_max", "min_quantity"):
        return "quantity"
    if name.endswith("_rate") and name != "tax_rate":
        return "ratio"
    return None


# GET operations that answer a bare array although the rule is a page, and why.
BARE_ARRAY_GETS: dict[str, str] = {
    "/api/marketplace/categories/": "the category tree: one nested document, not a list of records",
}
