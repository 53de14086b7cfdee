import { describe, expect, it } from "vitest";
import { CATEGORY_TREE, rfq } from "@/test/marketplace";
import { linkedSuppliers } from "./SuppliersPanel";
import { categoryIds, emptyLine, lineFieldMap, rfqBody, rfqValues } from "./rfqFormValues";

describe("the RFQ form and the API's draft", () => {
  const ids = categoryIds(CATEGORY_TREE);

  it("starts a new draft from the buyer's screening preset and a listing", () => {
    const values = rfqValues({
      rfq: null,
      screening: { top_n: 5, weight_price: 70, weight_reputation: 10, weight_lead_time: 10, weight_verified: 10 },
      currency: "CNY",
      listing: {
        id: 11,
        sku: "6205-2RS",
        name_en: "Ball bearing",
        name_zh: "球轴承",
        category: { code: "10.01.01", name_en: "Ball bearings", name_zh: "球轴承" },
        unit: "pcs",
        moq: "100.000",
      } as never,
      listingLabel: "Ball bearing · 6205-2RS",
    });
    expect(values.top_n).toBe(5);
    expect(values.weight_price).toBe(70);
    expect(values.lines).toEqual([
      expect.objectContaining({ listing_id: 11, category_code: "10.01.01", quantity: "100", unit: "pcs" }),
    ]);
  });

  it("sends a described line's category by id and leaves a linked line's to its listing", () => {
    const values = rfqValues({ rfq: null, screening: undefined, currency: "EUR" });
    values.title = "  Seals  ";
    values.lines = [
      { ...emptyLine(), description: "Oil seal 25x52x7", category_code: "10.01.02", quantity: "500", target_price: "" },
      { ...emptyLine(), listing_id: 11, category_code: "10.01.01", quantity: "2000" },
    ];
    const body = rfqBody(values, new Map([["10.01.02", 4]]));
    expect(body.title).toBe("Seals");
    expect(body.currency).toBe("EUR");
    expect(body.lines).toEqual([
      expect.objectContaining({ category_id: 4, listing_id: null, quantity: "500", target_price: null }),
      expect.objectContaining({ category_id: null, listing_id: 11, quantity: "2000" }),
    ]);
    expect(ids.get("10.01.01")).toBe(3);
  });

  it("edits a saved draft with its own values and maps line errors to the category picker", () => {
    const values = rfqValues({ rfq: rfq(), screening: undefined, currency: "CNY" });
    expect(values.lines[0]).toEqual(expect.objectContaining({ quantity: "2000", category_code: "10.01.01" }));
    expect(lineFieldMap(2)).toEqual({
      "lines.0.category_id": "lines.0.category_code",
      "lines.1.category_id": "lines.1.category_code",
    });
    expect(linkedSuppliers(rfq())).toEqual([
      { companyId: 70, nameEn: "Suzhou Precision Bearings", nameZh: "苏州精密轴承" },
    ]);
  });
});
