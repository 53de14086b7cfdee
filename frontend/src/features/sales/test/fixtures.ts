/** Answers of the sales API shaped as the OpenAPI document says, for this feature's unit tests. */
import type { Amendment } from "../api/amendments";
import type { FollowUp } from "../api/followUps";
import type { Customer } from "../api/customers";
import type { CustomerHistory } from "../api/customer";
import type { SalesOrder, SalesOrderLine } from "../api/salesOrders";
import type { Shipment } from "../api/shipments";
import type { StockRow } from "../api/stockCheck";
import type { TimelineEvent } from "../api/timeline";

export const SUPPLIER = [
  "company.view",
  "so.accept",
  "so.manage",
  "so.ship",
  "catalog.manage",
  "rfq.quote",
  "stock.view",
];

export function line(overrides: Partial<SalesOrderLine> = {}): SalesOrderLine {
  return {
    id: 501,
    line_no: 1,
    sku: "BRG-6204",
    description: "Deep groove ball bearing",
    listing_id: 9,
    item_id: null,
    unit: "pcs",
    ordered_quantity: "10.0000",
    ordered_unit_price: "12.5000",
    quantity: "10.0000",
    unit_price: "12.5000",
    tax_rate: "13.000",
    requested_date: "2026-07-01",
    promised_date: null,
    shipped_quantity: "0.0000",
    open_quantity: "10.0000",
    received_quantity: "0.0000",
    rejected_quantity: "0.0000",
    settled_quantity: "0.0000",
    replacement_quantity: "0.0000",
    reserved: "0.0000",
    in_production: "0.0000",
    back_ordered: "0.0000",
    net_amount: "125.00",
    tax_amount: "16.25",
    ...overrides,
  };
}

export function salesOrder(overrides: Partial<SalesOrder> = {}): SalesOrder {
  return {
    id: 31,
    number: "SO-000031",
    status: "awaiting_acceptance",
    source: "hansa",
    customer: { id: 7, name: "Acme Trading", buyer_id: 1 },
    buyer_id: 1,
    po_id: 12,
    po_number: "PO-2026-0012",
    rfq_id: null,
    customer_reference: "",
    currency: "CNY",
    order_date: "2026-06-01",
    requested_date: "2026-07-01",
    payment_terms: "30 days net",
    ship_to: "Suzhou plant, gate 2",
    notes: "",
    buyer_contact: { name: "Li Wei", email: "li.wei@acme.test" },
    reject_reason: "",
    cancel_reason: "",
    cancelled_by: "",
    cancellation_refused_reason: "",
    created_at: "2026-06-01T02:00:00Z",
    updated_at: "2026-06-01T02:00:00Z",
    accepted_at: null,
    rejected_at: null,
    shipped_at: null,
    completed_at: null,
    cancelled_at: null,
    total_net: "165.00",
    total_tax: "21.45",
    total: "186.45",
    pending_amendments: 0,
    actions: ["accept", "reject", "propose", "cancel"],
    lines: [
      line(),
      line({
        id: 502,
        line_no: 2,
        sku: "SEAL-40",
        description: "Oil seal",
        ordered_quantity: "4.0000",
        quantity: "4.0000",
        open_quantity: "4.0000",
        ordered_unit_price: "10.0000",
        unit_price: "10.0000",
        net_amount: "40.00",
        tax_amount: "5.20",
      }),
    ],
    ...overrides,
  };
}

export function stockRows(): StockRow[] {
  return [
    {
      line_no: 1,
      sku: "BRG-6204",
      unit: "pcs",
      open_quantity: "10.0000",
      reserved: "0.0000",
      in_production: "0.0000",
      back_ordered: "0.0000",
      available: "25.0000",
      shortfall: "0.0000",
    },
    {
      line_no: 2,
      sku: "SEAL-40",
      unit: "pcs",
      open_quantity: "4.0000",
      reserved: "0.0000",
      in_production: "0.0000",
      back_ordered: "0.0000",
      available: "1.0000",
      shortfall: "3.0000",
    },
  ];
}

export function shipment(overrides: Partial<Shipment> = {}): Shipment {
  return {
    id: 61,
    number: "SH-000061",
    order_id: 31,
    order_number: "SO-000031",
    customer_name: "Acme Trading",
    carrier: "SF Express",
    tracking_number: "SF1234567",
    packages: 2,
    notes: "",
    shipped_at: "2026-06-03T08:00:00Z",
    lines: [{ line_no: 1, sku: "BRG-6204", unit: "pcs", quantity: "6.0000" }],
    created_at: "2026-06-03T08:00:00Z",
    ...overrides,
  };
}

export function event(kind: TimelineEvent["kind"], at: string, data: Record<string, unknown> = {}): TimelineEvent {
  return { kind, at, summary: kind, details: data };
}

export function amendment(overrides: Partial<Amendment> = {}): Amendment {
  return {
    id: 81,
    version: 1,
    kind: "change",
    change_id: "5b0d5d1e-1c1e-4f43-9d55-3f0d7d3b9a10",
    proposed_by: "buyer",
    reason: "Demand went up",
    lines: [{ line_no: 1, quantity: "12", unit_price: null, promised_date: null }],
    before: [{ line_no: 1, quantity: "10.0000", unit_price: "12.5000", promised_date: "2026-07-01" }],
    status: "pending",
    response_reason: "",
    created_at: "2026-06-02T02:00:00Z",
    decided_at: null,
    ...overrides,
  };
}

export function customer(overrides: Partial<Customer> = {}): Customer {
  return {
    id: 7,
    name: "Chengdu Pumps",
    buyer_id: null,
    email: "orders@pumps.test",
    phone: "+86 28 1234 5678",
    address: "Chengdu, Sichuan",
    currency: "CNY",
    payment_terms: "60 days",
    notes: "Prefers deliveries on Mondays.",
    contacts: [{ id: 3, name: "Ms Tang", title: "Buyer", email: "tang@pumps.test", phone: "", is_primary: true }],
    created_at: "2026-01-10T02:00:00Z",
    updated_at: "2026-01-10T02:00:00Z",
    ...overrides,
  };
}

export function followUp(overrides: Partial<FollowUp> = {}): FollowUp {
  return {
    id: 91,
    customer: { id: 7, name: "Chengdu Pumps", buyer_id: null },
    title: "Ask about Q3 volumes",
    note: "",
    due_date: "2026-05-01",
    status: "open",
    overdue: true,
    assignee: { id: 1, email: "li.wei@acme.test", full_name: "Li Wei" },
    created_at: "2026-04-20T02:00:00Z",
    done_at: null,
    ...overrides,
  };
}

export function history(overrides: Partial<CustomerHistory> = {}): CustomerHistory {
  return {
    order_count: 3,
    open_order_count: 1,
    first_order_date: "2026-02-01",
    last_order_date: "2026-05-20",
    last_order_number: "SO-000029",
    totals: [{ currency: "CNY", order_count: 3, total_net: "3000.00", total: "3390.00", average_order: "1130.00" }],
    top_items: [
      {
        sku: "P-1",
        description: "Pump seal",
        unit: "pcs",
        quantity: "40.0000",
        order_count: 3,
        last_ordered: "2026-05-20",
      },
    ],
    usual_payment_terms: "60 days",
    recent_orders: [],
    ...overrides,
  };
}
