/** Marketplace answers shaped as the OpenAPI documents say (typed, so drift fails the typecheck). */
import type { ImportJob } from "@/features/catalog/api/imports";
import type { SearchPage } from "@/features/marketplace/api/search";
import type { InboxRfq } from "@/features/rfqInbox/api/inboxRfq";
import type { Comparison } from "@/features/rfqs/api/comparison";
import type { MatchPage } from "@/features/rfqs/api/matches";
import type { Rfq } from "@/features/rfqs/api/rfqs";
import type { CategoryNode } from "@/lib/categories";

export const CATEGORY_TREE: CategoryNode[] = [
  {
    id: 1,
    code: "10",
    name_en: "Machinery parts",
    name_zh: "机械零部件",
    depth: 0,
    children: [
      {
        id: 2,
        code: "10.01",
        name_en: "Bearings",
        name_zh: "轴承",
        depth: 1,
        children: [
          { id: 3, code: "10.01.01", name_en: "Ball bearings", name_zh: "球轴承", depth: 2, children: [] },
          { id: 4, code: "10.01.02", name_en: "Roller bearings", name_zh: "滚子轴承", depth: 2, children: [] },
        ],
      },
    ],
  },
  { id: 5, code: "20", name_en: "Steel and metals", name_zh: "钢材与金属", depth: 0, children: [] },
];

const BALL = { code: "10.01.01", name_en: "Ball bearings", name_zh: "球轴承" };

export function searchPage(overrides: Partial<SearchPage> = {}): SearchPage {
  return {
    count: 2,
    count_capped: false,
    next: null,
    previous: null,
    prices_visible: true,
    facets: {
      categories: [
        { code: "10", name_en: "Machinery parts", name_zh: "机械零部件", depth: 0, count: 2 },
        { code: "10.01", name_en: "Bearings", name_zh: "轴承", depth: 1, count: 2 },
        { ...BALL, depth: 2, count: 2 },
      ],
      regions: [{ value: "CN", count: 2 }],
      availability: [
        { value: "in_stock", count: 1 },
        { value: "made_to_order", count: 1 },
      ],
      verified: [{ value: "true", count: 2 }],
    },
    results: [
      {
        id: 11,
        sku: "6205-2RS",
        name_en: "Deep groove ball bearing 6205-2RS",
        name_zh: "深沟球轴承 6205-2RS",
        category: BALL,
        unit: "pcs",
        currency: "CNY",
        base_price: "12.5000",
        moq: "100.000",
        lead_time_days: 7,
        availability: "in_stock",
        stock_quantity: "5000.000",
        stock_source: "declared",
        image_url: null,
        supplier: {
          id: 7,
          display_name_en: "Suzhou Precision Bearings",
          display_name_zh: "苏州精密轴承",
          verified: true,
          rating: null,
          reputation: "4.200",
          regions_served: ["CN"],
        },
      },
      {
        id: 12,
        sku: "6206-ZZ",
        name_en: "Deep groove ball bearing 6206-ZZ",
        name_zh: "深沟球轴承 6206-ZZ",
        category: BALL,
        unit: "pcs",
        currency: "CNY",
        base_price: "15.8000",
        moq: "100.000",
        lead_time_days: 10,
        availability: "made_to_order",
        stock_quantity: null,
        stock_source: "declared",
        image_url: null,
        supplier: {
          id: 7,
          display_name_en: "Suzhou Precision Bearings",
          display_name_zh: "苏州精密轴承",
          verified: true,
          rating: null,
          reputation: null,
          regions_served: ["CN"],
        },
      },
    ],
    ...overrides,
  };
}

export function importJob(overrides: Partial<ImportJob> = {}): ImportJob {
  return {
    id: 3,
    file_name: "catalog.csv",
    format: "csv",
    state: "validated",
    run_in_background: false,
    total_rows: 3,
    rows_done: 3,
    valid_rows: 2,
    error_count: 1,
    errors: [{ row: 4, column: "moq", message: "Give the minimum order quantity: a number greater than 0." }],
    only_valid: false,
    created_count: 0,
    updated_count: 0,
    skipped_count: 0,
    failure: "",
    created_at: "2026-05-01T08:00:00Z",
    created_by: "zhou@bearings.test",
    validated_at: "2026-05-01T08:00:01Z",
    finished_at: null,
    ...overrides,
  };
}

const LINE = {
  id: 31,
  position: 1,
  description: "Deep groove ball bearing 6205-2RS",
  category: BALL,
  listing_id: 11,
  listing_snapshot: {
    listing_id: 11,
    supplier_id: 70,
    supplier_name_en: "Suzhou Precision Bearings",
    supplier_name_zh: "苏州精密轴承",
    sku: "6205-2RS",
    name_en: "Deep groove ball bearing 6205-2RS",
    name_zh: "深沟球轴承 6205-2RS",
    category_code: "10.01.01",
    unit: "pcs",
    currency: "CNY",
    base_price: "4.2000",
    price_tiers: [{ min_quantity: "100.0000", unit_price: "4.2000" }],
    moq: "100.0000",
    lead_time_days: 14,
    availability: "in_stock",
    taken_at: "2026-06-01T08:00:00Z",
  },
  quantity: "2000.0000",
  unit: "pcs",
  target_price: null,
  quality_standard: "",
  required_certifications: [],
};

export function rfq(overrides: Partial<Rfq> = {}): Rfq {
  return {
    id: 21,
    reference: "PR-2026-17",
    title: "Bearings for line 3",
    description: "",
    status: "draft",
    currency: "CNY",
    delivery_date: "2026-06-30",
    delivery_region: "CN",
    payment_terms: "30 days net",
    closing_at: "2026-06-01T02:00:00Z",
    visibility: "open",
    sealed: false,
    top_n: 20,
    weight_price: 40,
    weight_reputation: 30,
    weight_lead_time: 20,
    weight_verified: 10,
    lines: [LINE],
    attachments: [],
    awards: [],
    accepting_quotes: false,
    quotes_visible: false,
    quote_count: 0,
    invited_count: 0,
    matched_count: 0,
    cancel_reason: "",
    created_at: "2026-05-01T08:00:00Z",
    updated_at: "2026-05-01T08:00:00Z",
    published_at: null,
    closed_at: null,
    awarded_at: null,
    cancelled_at: null,
    ...overrides,
  };
}

export function matchPage(): MatchPage {
  return {
    count: 1,
    next: null,
    previous: null,
    results: [
      {
        supplier_id: 70,
        name: "Suzhou Precision Bearings Co., Ltd.",
        display_name_en: "Suzhou Precision Bearings",
        display_name_zh: "苏州精密轴承",
        verified: true,
        rank: 1,
        score: "82.50",
        would_invite: true,
        reasons: {
          categories: ["10.01"],
          lines_covered: 1,
          lines_total: 1,
          regions: ["CN"],
          certifications: ["ISO 9001"],
          verified: true,
          components: { price_level: "0.556", reputation: "0.840", lead_time: "0.667", verified: "1.000" },
          sources: { price_level: "catalog", reputation: "history", lead_time: "catalog" },
        },
      },
    ],
  };
}

const CELL = {
  discount_percent: "0.00",
  freight_amount: "0.0000",
  tax_rate: "0.00",
  warranty_months: null,
  min_order_quantity: null,
  offered_quantity: "2000.0000",
  awarded: false,
};

export function comparison(): Comparison {
  return {
    rfq_id: 21,
    currency: "CNY",
    status: "closed",
    rows: [
      {
        line: LINE,
        best_landed_unit_price: "10.8000",
        cells: [
          {
            ...CELL,
            quote_id: 41,
            supplier_id: 70,
            unit_price: "10.8000",
            landed_unit_price: "10.8000",
            lead_time_days: 6,
            net_amount: "21600.0000",
            gross_amount: "21600.0000",
            best: true,
          },
          {
            ...CELL,
            quote_id: 42,
            supplier_id: 80,
            unit_price: "11.2000",
            landed_unit_price: "11.2000",
            lead_time_days: 4,
            net_amount: "22400.0000",
            gross_amount: "22400.0000",
            best: false,
          },
        ],
      },
    ],
    suppliers: [
      {
        supplier_id: 70,
        quote_id: 41,
        name: "Suzhou Precision Bearings",
        revision: 2,
        supplier_reference: "Q-001",
        total_net: "21600.0000",
        total_gross: "21600.0000",
        lines_quoted: 1,
        best_lines: 1,
        awarded_lines: 0,
        max_lead_time_days: 6,
        score: "82.50",
        valid_until: "2026-07-01",
        delivery_date: null,
        payment_terms: "",
        submitted_at: "2026-05-02T08:00:00Z",
      },
      {
        supplier_id: 80,
        quote_id: 42,
        name: "Nordstahl",
        revision: 1,
        supplier_reference: "",
        total_net: "22400.0000",
        total_gross: "22400.0000",
        lines_quoted: 1,
        best_lines: 0,
        awarded_lines: 0,
        max_lead_time_days: 4,
        score: "61.00",
        valid_until: "2026-07-01",
        delivery_date: null,
        payment_terms: "",
        submitted_at: "2026-05-02T09:00:00Z",
      },
    ],
  };
}

export function inboxRfq(overrides: Partial<InboxRfq> = {}): InboxRfq {
  return {
    id: 21,
    reference: "PR-2026-17",
    title: "Bearings for line 3",
    description: "",
    status: "open",
    buyer: { id: 1, name: "Huaxia Machinery" },
    currency: "CNY",
    delivery_date: "2026-06-30",
    delivery_region: "CN",
    payment_terms: "30 days net",
    closing_at: "2099-06-01T02:00:00Z",
    visibility: "open",
    sealed: true,
    lines: [LINE, { ...LINE, id: 32, position: 2, description: "Seals", listing_id: null, listing_snapshot: null }],
    attachments: [],
    awards: [],
    accepting_quotes: true,
    invitation_status: "invited",
    outcome: "pending",
    quote: null,
    cancel_reason: "",
    published_at: "2026-05-01T09:00:00Z",
    closed_at: null,
    awarded_at: null,
    cancelled_at: null,
    ...overrides,
  };
}
