/** Answers of the inventory API for this feature's unit tests, typed by the generated OpenAPI types. */
import type { Item } from "./api/items";
import type { LedgerEntry } from "./api/ledger";
import type { ReorderRow } from "./api/reorderList";
import type { StockLevel } from "./api/stockLevels";
import type { Warehouse } from "./api/warehouses";

export const BEARING = { id: 5, sku: "6205-2RS", name_zh: "深沟球轴承", name_en: "Ball bearing", unit: "pcs" };
export const BOLT = { id: 6, sku: "M8-40", name_zh: "六角螺栓", name_en: "Hex bolt", unit: "pcs" };

export function warehouse(overrides: Partial<Warehouse> = {}): Warehouse {
  return {
    id: 1,
    code: "MAIN",
    name: "Main warehouse",
    address: "",
    is_default: true,
    is_active: true,
    created_at: "2026-03-01T08:00:00Z",
    ...overrides,
  };
}

export const MAIN = warehouse();
export const EAST = warehouse({ id: 2, code: "EAST", name: "East", is_default: false });

export function item(overrides: Partial<Item> = {}): Item {
  return {
    ...BEARING,
    category_code: "",
    listing_id: null,
    reorder_point: "50.0000",
    reorder_quantity: "200.0000",
    is_active: true,
    on_hand: "40.0000",
    reserved: "10.0000",
    available: "30.0000",
    below_reorder_point: true,
    created_at: "2026-03-01T08:00:00Z",
    updated_at: "2026-03-02T08:00:00Z",
    ...overrides,
  };
}

export function level(overrides: Partial<StockLevel> = {}): StockLevel {
  return {
    item: BEARING,
    warehouse: { id: MAIN.id, code: MAIN.code, name: MAIN.name },
    on_hand: "40.0000",
    reserved: "10.0000",
    available: "30.0000",
    updated_at: "2026-03-02T08:00:00Z",
    ...overrides,
  };
}

export function reorderRow(overrides: Partial<ReorderRow> = {}): ReorderRow {
  return {
    item: BEARING,
    on_hand: "40.0000",
    reserved: "10.0000",
    available: "30.0000",
    reorder_point: "50.0000",
    reorder_quantity: "200.0000",
    shortfall: "20.0000",
    ...overrides,
  };
}

export function entry(overrides: Partial<LedgerEntry> = {}): LedgerEntry {
  return {
    id: 101,
    item: BEARING,
    warehouse: { id: MAIN.id, code: MAIN.code, name: MAIN.name },
    kind: "receipt",
    quantity: "100.0000",
    on_hand_delta: "100.0000",
    reserved_delta: "0.0000",
    on_hand_after: "100.0000",
    reserved_after: "0.0000",
    reason: "",
    reference: "PO-2026-0001 GRN-2026-0001",
    reservation_id: null,
    transfer_id: null,
    actor: "li.wei@acme.test",
    created_at: "2026-03-01T09:00:00Z",
    ...overrides,
  };
}
