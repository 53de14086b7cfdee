import { describe, expect, it } from "vitest";
import { en, zhCN } from "@/locales";
import { LEDGER_KINDS } from "./api/ledger";
import { MOVEMENT_KINDS } from "./components/StockActions";

function keysOf(value: unknown, prefix = ""): string[] {
  if (typeof value !== "object" || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => keysOf(child, prefix ? `${prefix}.${key}` : key));
}

describe("the inventory messages built from codes", () => {
  it("name every ledger kind, every movement and every problem the inventory API raises, in both languages", () => {
    const wanted = [
      ...LEDGER_KINDS.map((kind) => `inventory.kind.${kind}`),
      ...["action", "title", "submit", "help", "done"].flatMap((part) =>
        MOVEMENT_KINDS.map((kind) => `inventory.movement.${part}.${kind}`),
      ),
      ...["active", "inactive", "all"].map((filter) => `inventory.items.filter.${filter}`),
      ...["insufficient_stock", "reservation_closed", "item_in_use", "duplicate_sku", "duplicate_warehouse_code"].map(
        (code) => `problem.${code}`,
      ),
    ];
    for (const catalog of [keysOf(en), keysOf(zhCN)])
      expect(wanted.filter((key) => !catalog.includes(key))).toEqual([]);
  });
});
