import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import { page } from "@/test/fixtures";
import { makeMe, renderRoute } from "@/test/render";
import { server } from "@/test/server";
import type { Invoice } from "../api/invoices";

const FINANCE = ["finance.view", "finance.post"];

function invoice(overrides: Partial<Invoice> = {}): Invoice {
  return {
    id: 7,
    direction: "in",
    kind: "invoice",
    number: "AP-2026-000003",
    partner_number: "INV-2026-000011",
    status: "draft",
    match_status: "mismatch",
    original_id: null,
    original_number: null,
    partner_company_id: 12,
    customer_id: null,
    partner_name: "Wuxi Bearings",
    partner_tax_id: "",
    partner_address: "",
    sales_order_id: null,
    purchase_order_id: 4,
    order_number: "PO-000004",
    issue_date: "2026-06-01",
    due_date: "2026-07-01",
    payment_terms: "30 days net",
    currency: "CNY",
    exchange_rate: "1.00000000",
    total_net: "105.00",
    total_tax: "13.65",
    total: "118.65",
    amount_paid: "0.00",
    amount_open: "118.65",
    fapiao_type: "special",
    fapiao_number: "",
    seller_tax_id: "9132X",
    buyer_tax_id: "9131Y",
    notes: "",
    reason: "",
    decided_at: null,
    decided_by: "",
    document_id: null,
    created_by: "Wuxi Bearings",
    created_at: "2026-06-01T02:00:00Z",
    issued_at: null,
    paid_at: null,
    lines: [
      {
        line_no: 1,
        sku: "BRG-1",
        description: "Deep groove ball bearing",
        quantity: "10.0000",
        unit: "pcs",
        unit_price: "10.5000",
        tax_rate: "13.00",
        net_amount: "105.00",
        tax_amount: "13.65",
        order_line_no: 1,
        sales_order_line_no: null,
        shipment_id: null,
        item_id: null,
        match: {
          matched: false,
          reasons: ["price_above_tolerance"],
          expected_unit_price: "10.0000",
          actual_unit_price: "10.5000",
          price_difference: "0.5000",
          price_difference_percent: "5.00",
          price_tolerance_percent: "2.00",
          received_quantity: "10.0000",
          invoiced_quantity: "0.0000",
          expected_quantity: "10.0000",
          actual_quantity: "10.0000",
          quantity_difference: "0.0000",
          quantity_tolerance_percent: "0.00",
        },
      },
    ],
    adjustments: [],
    ...overrides,
  } as Invoice;
}

describe("the invoices pages", () => {
  it("lists issued invoices, then received ones with the match filter on the server", async () => {
    const queries: string[] = [];
    server.use(
      http.get("/api/me/", () => HttpResponse.json(makeMe({ permissions: FINANCE, roles: ["finance"] }))),
      http.get("/api/finance/invoices/", ({ request }) => {
        const params = new URL(request.url).searchParams;
        queries.push(params.toString());
        const { lines: _lines, adjustments: _adjustments, ...summary } = invoice();
        return HttpResponse.json(
          page(
            params.get("direction") === "in"
              ? [summary]
              : [{ ...summary, id: 8, direction: "out", number: "INV-2026-000001", status: "open", match_status: "" }],
          ),
        );
      }),
    );
    const user = userEvent.setup({ delay: null });
    renderRoute("tenant", "/finance/invoices");

    expect(await screen.findByTestId("invoice-row-8")).toHaveTextContent("INV-2026-000001");
    expect(screen.getByTestId("invoice-status-8")).toHaveTextContent("Open");
    expect(screen.getByTestId("invoice-create")).toBeInTheDocument();
    await user.click(screen.getByTestId("invoice-tab-in"));
    const row = await screen.findByTestId("invoice-row-7");
    expect(within(row).getByTestId("invoice-status-7")).toHaveTextContent("Waiting for approval");
    expect(row).toHaveTextContent("Mismatch");
    expect(queries.at(-1)).toBe("page=1&page_size=20&direction=in");
    await user.click(screen.getByTestId("invoice-match-filter").querySelector(".ant-select-selector")!);
    await user.click(await screen.findByTitle("Mismatch"));
    await waitFor(() => expect(queries.at(-1)).toBe("page=1&page_size=20&direction=in&match_status=mismatch"));
  });

  it("shows the match table with the difference highlighted and rejects with a reason", async () => {
    let rejectedWith = "";
    server.use(
      http.get("/api/me/", () => HttpResponse.json(makeMe({ permissions: FINANCE, roles: ["finance"] }))),
      http.get("/api/finance/invoices/7/", () =>
        HttpResponse.json(
          rejectedWith
            ? invoice({ status: "rejected", match_status: "rejected", reason: rejectedWith, decided_by: "Li Wei" })
            : invoice(),
        ),
      ),
      http.post("/api/finance/invoices/7/reject/", async ({ request }) => {
        rejectedWith = ((await request.json()) as { reason: string }).reason;
        return HttpResponse.json(invoice({ status: "rejected", match_status: "rejected", reason: rejectedWith }));
      }),
    );
    const user = userEvent.setup({ delay: null });
    renderRoute("tenant", "/finance/invoices/7");

    const row = await screen.findByTestId("match-row-1");
    expect(row).toHaveAttribute("data-matched", "false");
    expect(within(row).getByTestId("match-reason-1-price_above_tolerance")).toHaveTextContent("Price above tolerance");
    expect(row.querySelector(".ant-typography-danger")).toHaveTextContent("10.50");
    expect(screen.getByTestId("invoice-approve")).toBeInTheDocument();

    await user.click(screen.getByTestId("invoice-reject"));
    await user.type(await screen.findByTestId("invoice-reject-dialog-text"), "Price not agreed");
    await user.click(screen.getByTestId("invoice-reject-dialog-submit"));
    await waitFor(() => expect(rejectedWith).toBe("Price not agreed"));
    expect(await screen.findByTestId("invoice-reason")).toHaveTextContent("Price not agreed");
    expect(screen.queryByTestId("invoice-approve")).not.toBeInTheDocument();
  });
});
