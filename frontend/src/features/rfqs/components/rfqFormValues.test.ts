import { describe, expect, it } from "vitest";
import { rfq } from "@/test/marketplace";
import { linkedSuppliers } from "./SuppliersPanel";
import { emptyLine, rfqBody, rfqValues } from "./rfqFormValues";

describe("the RFQ form and the API's draft", () => {
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

  it("sends each line's category by its code; a linked line without one leaves it to its listing", () => {
    const values = rfqValues({ rfq: null, screening: undefined, currency: "EUR" });
    values.title = "  Seals  ";
    values.lines = [
      { ...emptyLine(), description: "Oil seal 25x52x7", category_code: "10.01.02", quantity: "500", target_price: "" },
      { ...emptyLine(), listing_id: 11, category_code: "10.01.01", quantity: "2000" },
      { ...emptyLine(), listing_id: 12, category_code: undefined, quantity: "10" },
    ];
    const body = rfqBody(values);
    expect(body.title).toBe("Seals");
    expect(body.currency).toBe("EUR");
    expect(body.lines).toEqual([
      expect.objectContaining({ category_code: "10.01.02", listing_id: null, quantity: "500", target_price: null }),
      expect.objectContaining({ category_code: "10.01.01", listing_id: 11, quantity: "2000" }),
      expect.objectContaining({ category_code: null, listing_id: 12, quantity: "10" }),
    ]);
  });

  it("edits a saved draft with its own values", () => {
    const values = rfqValues({ rfq: rfq(), screening: undefined, currency: "CNY" });
    expect(values.lines[0]).toEqual(expect.objectContaining({ quantity: "2000", category_code: "10.01.01" }));
    expect(linkedSuppliers(rfq())).toEqual([
      { companyId: 70, nameEn: "Suzhou Precision Bearings", nameZh: "苏州精密轴承" },
    ]);
  });
});
