import { fireEvent, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import { problem, page } from "@/test/fixtures";
import { makeMe, renderRoute } from "@/test/render";
import { server } from "@/test/server";
import {
  addDecimal,
  lineAmounts,
  linesChanged,
  minorUnits,
  multiplyDecimal,
  orderAmounts,
  poBody,
  poValues,
} from "../components/poFormValues";
import { order, poLine } from "../testing";

/** A whole value at once (one change event): the form re-renders once, not on every key. */
function fill(element: HTMLElement, value: string) {
  fireEvent.change(element, { target: { value } });
}

describe("a new purchase order", () => {
  it("goes to a supplier outside Hansa and shows the currency's price precision on the line", async () => {
    const posts: { body: Record<string, unknown>; key: string | null }[] = [];
    server.use(
      http.get("/api/me/", () =>
        HttpResponse.json(makeMe({ permissions: ["company.view", "po.create"], roles: ["buyer"] })),
      ),
      http.get("/api/marketplace/categories/", () => HttpResponse.json([])),
      http.get("/api/trading-partners/", () =>
        HttpResponse.json({ count: 0, next: null, previous: null, results: [] }),
      ),
      http.post("/api/purchase-orders/", async ({ request }) => {
        posts.push({
          body: (await request.json()) as Record<string, unknown>,
          key: request.headers.get("Idempotency-Key"),
        });
        if (posts.length === 1) {
          return problem(400, "price_precision", {
            errors: { "lines.0.unit_price": ["CNY allows at most 2 decimals."] },
          });
        }
        return HttpResponse.json(order({ id: 7, supplier_id: null, on_hansa: false }), { status: 201 });
      }),
      http.get("/api/purchase-orders/7/", () =>
        HttpResponse.json(order({ id: 7, supplier_id: null, on_hansa: false })),
      ),
      http.get("/api/purchase-orders/7/timeline/", () => HttpResponse.json(page([]))),
      http.get("/api/approvals/inbox/", () => HttpResponse.json(page([]))),
      http.get("/api/members/", () => HttpResponse.json({ count: 0, next: null, previous: null, results: [] })),
    );
    const user = userEvent.setup({ delay: null });
    const { router } = renderRoute("tenant", "/purchase-orders/new");

    await user.click(await screen.findByTestId("po-supplier-kind-outside"));
    fill(await screen.findByTestId("po-supplier-name"), "Green Valley Farm");
    fill(screen.getByTestId("po-supplier-email"), "orders@farm.test");
    fill(screen.getByTestId("po-line-0-description"), "Rice 25 kg");
    fill(screen.getByTestId("po-line-0-quantity"), "3");
    fill(screen.getByTestId("po-line-0-price"), "12.5");
    expect(await screen.findByTestId("po-line-0-amount")).toHaveTextContent(/Net \D*37\.50 · tax \D*4\.88/); // 13 % by default
    expect(screen.getByTestId("po-form-total")).toHaveTextContent("42.38");
    await user.click(screen.getByTestId("po-save"));

    // The server's field error lands on the line's price field.
    expect(await screen.findByText("CNY allows at most 2 decimals.")).toBeInTheDocument();
    expect(screen.getByTestId("form-error")).toHaveTextContent(
      "A price has more decimals than the order's currency allows.",
    );
    expect(posts[0]?.body).toEqual({
      supplier_id: null,
      supplier_name: "Green Valley Farm",
      supplier_email: "orders@farm.test",
      currency: "CNY",
      exchange_rate: null,
      requested_date: null,
      payment_terms: "",
      ship_to: "",
      notes: "",
      category_code: "",
      lines: [
        {
          sku: "",
          description: "Rice 25 kg",
          item_id: null,
          listing_id: null,
          quantity: "3",
          unit: "pcs",
          unit_price: "12.5",
          tax_rate: "13",
          requested_date: null,
        },
      ],
    });

    await user.click(screen.getByTestId("po-save"));
    await waitFor(() => expect(router.state.location.pathname).toBe("/purchase-orders/7"));
    expect(posts[1]?.key).toBe(posts[0]?.key); // a retry of the same draft
  });
});

describe("order amounts, computed exactly as the server does", () => {
  it("rounds each line's net and then its tax half-up to the currency's minor unit", () => {
    expect(minorUnits("CNY")).toBe(2);
    expect(minorUnits("JPY")).toBe(0);
    expect(minorUnits("KWD")).toBe(3);
    // 3 × 0.105 = 0.315 → 0.32; tax 13 % of 0.32 = 0.0416 → 0.04
    expect(lineAmounts({ quantity: "3", unit_price: "0.105", tax_rate: "13" }, "CNY")).toEqual({
      net: "0.32",
      tax: "0.04",
      total: "0.36",
    });
    // 0.1 + 0.2 is not 0.30000000000000004 here
    expect(
      orderAmounts(
        [
          { ...poValues(null, "CNY").lines[0]!, quantity: "1", unit_price: "0.1", tax_rate: "0" },
          { ...poValues(null, "CNY").lines[0]!, quantity: "1", unit_price: "0.2", tax_rate: "0" },
        ],
        "CNY",
      ),
    ).toEqual({ net: "0.30", tax: "0.00", total: "0.30" });
    expect(lineAmounts({ quantity: "7", unit_price: "333", tax_rate: "10" }, "JPY")).toEqual({
      net: "2331",
      tax: "233",
      total: "2564",
    });
    expect(lineAmounts({ quantity: "", unit_price: "1", tax_rate: "0" }, "CNY")).toBeNull();
    expect(addDecimal("40", "2.5")).toBe("42.5");
    expect(multiplyDecimal("1412.50", "7.12345678", 2)).toBe("10061.88");
  });

  it("leaves a saved draft's unchanged lines out, so lines from an RFQ award keep their link", () => {
    const saved = order({ currency: "USD", exchange_rate: "7.10000000", lines: [poLine()] });
    const values = poValues(saved, "CNY");
    expect(linesChanged(values.lines, saved.lines)).toBe(false);
    const body = poBody({ ...values, exchange_rate: "7.2" }, "CNY", saved);
    expect(body).not.toHaveProperty("lines");
    expect(body).toEqual(expect.objectContaining({ exchange_rate: "7.2", supplier_id: 70, currency: "USD" }));

    const changed = poBody({ ...values, lines: [{ ...values.lines[0]!, quantity: "120" }] }, "CNY", saved);
    expect(changed.lines).toEqual([expect.objectContaining({ quantity: "120", listing_id: 11, unit_price: "12.5" })]);
  });
});
