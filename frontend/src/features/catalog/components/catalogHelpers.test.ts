import { describe, expect, it } from "vitest";
import { CATALOG_COLUMNS, catalogTemplate } from "./catalogColumns";
import { importPercent } from "./importProgress";
import { listingBody, listingValues } from "./ListingForm";
import { SKU_PATTERN, tierProblem } from "./listingRules";

describe("catalog rules on the client", () => {
  it("checks price tiers as the API does", () => {
    expect(tierProblem([], "1")).toBe("catalog.validation.tiersRequired");
    expect(
      tierProblem(
        [
          { min_quantity: "100", unit_price: "9" },
          { min_quantity: "50", unit_price: "8" },
        ],
        "10",
      ),
    ).toBe("catalog.validation.tiersIncreasing");
    expect(tierProblem([{ min_quantity: "200", unit_price: "9" }], "100")).toBe("catalog.validation.firstTierAboveMoq");
    expect(
      tierProblem(
        [
          { min_quantity: "1", unit_price: "12.5" },
          { min_quantity: "500", unit_price: "11" },
        ],
        "100",
      ),
    ).toBeNull();
    expect(SKU_PATTERN.test("6205-2RS")).toBe(true);
    expect(SKU_PATTERN.test("6205 2RS")).toBe(false);
  });

  it("sends a listing's numbers as decimal strings and no stock for made-to-order", () => {
    const values = listingValues(null, "CNY");
    const body = listingBody({
      ...values,
      sku: " 6205-2RS ",
      name_zh: "深沟球轴承",
      category_code: "10.01.01",
      unit: "pcs",
      price_tiers: [{ min_quantity: "1", unit_price: "12.5" }],
      moq: "100",
      stock_quantity: "5000",
      attributes: [
        { key: " Bore ", value: "25 mm" },
        { key: "", value: "" },
      ],
    });
    expect(body).toEqual(
      expect.objectContaining({
        sku: "6205-2RS",
        currency: "CNY",
        price_tiers: [{ min_quantity: "1", unit_price: "12.5" }],
        moq: "100",
        availability: "made_to_order",
        stock_quantity: null,
        attributes: [{ key: "Bore", value: "25 mm" }],
        status: "draft",
      }),
    );
  });

  it("shows an import's progress and offers a template with every column", async () => {
    expect(importPercent({ state: "validating", rows_done: 250, total_rows: 1000 })).toBe(25);
    expect(importPercent({ state: "done", rows_done: 0, total_rows: 0 })).toBe(100);
    const text = await catalogTemplate().text();
    expect(text.split("\r\n")[0]?.replace("\ufeff", "")).toBe(CATALOG_COLUMNS.join(","));
  });
});
