/** Procurement answers shaped as the OpenAPI document says (typed, so drift fails the typecheck). Tests only. */
import type { InboxEntry } from "./api/inbox";
import type { Member } from "./api/members";
import type { PoLine, PurchaseOrder } from "./api/purchaseOrders";
import type { OrderEvent } from "./api/timeline";

export function member(userId: number, fullName: string, roles: string[]): Member {
  return {
    id: 100 + userId,
    user_id: userId,
    email: `${fullName.split(" ")[0]?.toLowerCase()}@acme.test`,
    full_name: fullName,
    roles: roles as Member["roles"],
    status: "active",
    joined_at: "2026-01-01T00:00:00Z",
  };
}

export const MEMBERS: Member[] = [
  member(1, "Li Wei", ["approver"]),
  member(2, "Zhang Min", ["buyer"]),
  member(3, "Wang Fang", ["owner"]),
];

export function membersPage(members: Member[] = MEMBERS) {
  return { count: members.length, next: null, previous: null, results: members };
}

export function poLine(overrides: Partial<PoLine> = {}): PoLine {
  return {
    id: 51,
    line_no: 1,
    sku: "6205-2RS",
    description: "Deep groove ball bearing 6205-2RS",
    item_id: null,
    listing_id: 11,
    quantity: "100.0000",
    unit: "pcs",
    unit_price: "12.5000",
    tax_rate: "13.00",
    requested_date: "2026-07-01",
    promised_date: null,
    net_amount: "1250.00",
    tax_amount: "162.50",
    received_quantity: "0.0000",
    rejected_quantity: "0.0000",
    open_quantity: "100.0000",
    settled_quantity: "0.0000",
    closed_quantity: "0.0000",
    settleable_quantity: "0.0000",
    rfq_line_id: 31,
    ...overrides,
  };
}

export function order(overrides: Partial<PurchaseOrder> = {}): PurchaseOrder {
  return {
    id: 5,
    number: "PO-2026-00005",
    status: "draft",
    version: 1,
    supplier_id: 70,
    supplier_name: "Suzhou Precision Bearings Co., Ltd.",
    on_hansa: true,
    currency: "CNY",
    total_net: "1250.0000",
    total_tax: "162.5000",
    total: "1412.5000",
    order_date: "2026-06-01",
    requested_date: "2026-07-01",
    rfq_id: 21,
    created_at: "2026-06-01T02:00:00Z",
    updated_at: "2026-06-01T02:00:00Z",
    supplier_email: "",
    exchange_rate: "1.00000000",
    payment_terms: "30 days net",
    ship_to: "",
    notes: "",
    category_code: "10.01.01",
    department_id: null,
    approved_total: null,
    created_by_id: 2,
    submitted_by_id: null,
    created_by_api_key_id: null,
    approval_exchange_rate: null,
    submitted_by_api_key_id: null,
    approval_rule_name: "",
    approval_round: 0,
    rejection_reason: "",
    exchange_document_id: null,
    supplier_order_number: "",
    cancel_reason: "",
    cancelled_by: "",
    close_reason: "",
    submitted_at: null,
    approved_at: null,
    sent_at: null,
    acknowledged_at: null,
    received_at: null,
    closed_at: null,
    cancelled_at: null,
    lines: [poLine()],
    approval_steps: [],
    changes: [],
    shipments: [],
    receipts: [],
    ...overrides,
  };
}

/** Waiting at level 1 of 2: an approver, then the owner. */
export function pendingOrder(): PurchaseOrder {
  return order({
    status: "pending_approval",
    submitted_by_id: 2,
    submitted_at: "2026-06-01T03:00:00Z",
    approval_rule_name: "From 1,000 CNY: two levels",
    approval_round: 1,
    approval_steps: [
      {
        id: 81,
        position: 1,
        mode: "any",
        user_ids: [],
        roles: ["approver"],
        status: "pending",
        activated_at: "2026-06-01T03:00:00Z",
        decided_at: null,
        decisions: [],
      },
      {
        id: 82,
        position: 2,
        mode: "any",
        user_ids: [3],
        roles: [],
        status: "waiting",
        activated_at: null,
        decided_at: null,
        decisions: [],
      },
    ],
  });
}

export function inboxEntry(po: PurchaseOrder, stepIndex = 0): InboxEntry {
  const step = po.approval_steps[stepIndex];
  if (!step) throw new Error("no such step");
  return {
    order: {
      id: po.id,
      number: po.number,
      status: po.status,
      version: po.version,
      supplier_id: po.supplier_id,
      supplier_name: po.supplier_name,
      on_hansa: po.on_hansa,
      currency: po.currency,
      total_net: po.total_net,
      total_tax: po.total_tax,
      total: po.total,
      order_date: po.order_date,
      requested_date: po.requested_date,
      rfq_id: po.rfq_id,
      created_at: po.created_at,
      updated_at: po.updated_at,
    },
    step,
    on_behalf_of_id: null,
    waiting_since: step.activated_at,
  };
}

export function event(
  id: number,
  kind: string,
  details: Record<string, unknown> = {},
  actor = "li.wei@acme.test",
): OrderEvent {
  return {
    id,
    kind,
    at: `2026-06-0${Math.min(9, id)}T08:00:00Z`,
    actor_id: null,
    actor_label: actor,
    details,
  };
}
