import { describe, expect, it } from "vitest";
import { inboxRfq } from "@/test/marketplace";
import { quoteBody, quoteFieldMap, quoteValues } from "./quoteFormValues";

describe("the quote form", () => {
  it("starts from the requested quantities and sends only the lines quoted", () => {
    const values = quoteValues(inboxRfq());
    expect(values.lines.map((line) => [line.rfq_line_id, line.offered_quantity, line.include])).toEqual([
      [31, "2000", true],
      [32, "2000", true],
    ]);
    values.lines[0] = { ...values.lines[0]!, unit_price: "10.8", lead_time_days: 6, discount_percent: "2" };
    values.lines[1] = { ...values.lines[1]!, include: false };
    values.valid_until = "2099-07-01";
    const body = quoteBody(values, "submitted");
    expect(body.status).toBe("submitted");
    expect(body.lines).toEqual([
      expect.objectContaining({
        rfq_line_id: 31,
        unit_price: "10.8",
        offered_quantity: "2000",
        lead_time_days: 6,
        discount_percent: "2",
        freight_amount: "0",
        tax_rate: "0",
      }),
    ]);
  });

  it("puts the API's errors on the row of the line they concern", () => {
    const values = quoteValues(inboxRfq());
    values.lines[0] = { ...values.lines[0]!, include: false };
    // Only the second row is sent, as lines.0.
    expect(quoteFieldMap(values)["lines.0.unit_price"]).toBe("lines.1.unit_price");
  });
});
