import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import type { OwnQuote } from "@/features/rfqInbox/api/inboxRfq";
import { problem } from "@/test/fixtures";
import { CATEGORY_TREE, inboxRfq } from "@/test/marketplace";
import { makeMe, renderRoute } from "@/test/render";
import { server } from "@/test/server";

const SALES = ["company.view", "rfq.quote", "catalog.manage"];

const QUOTE: OwnQuote = {
  id: 41,
  rfq_id: 21,
  status: "submitted",
  revision: 1,
  supplier: { id: 70, name: "Suzhou Precision Bearings" },
  supplier_reference: "Q-001",
  currency: "CNY",
  valid_until: "2099-07-01",
  delivery_date: null,
  payment_terms: "",
  terms: "",
  notes: "",
  min_order_value: null,
  custom_fields: {},
  attachments: [],
  submitted_at: "2026-05-02T08:00:00Z",
  withdrawn_at: null,
  updated_at: "2026-05-02T08:00:00Z",
  total_net: "21600.0000",
  total_gross: "21600.0000",
  lines: [
    {
      id: 51,
      rfq_line_id: 31,
      position: 1,
      unit_price: "10.8000",
      offered_quantity: "2000.0000",
      lead_time_days: 6,
      discount_percent: "0.00",
      freight_amount: "0.0000",
      tax_rate: "0.00",
      warranty_months: null,
      min_order_quantity: null,
      notes: "",
      net_amount: "21600.0000",
      gross_amount: "21600.0000",
    },
  ],
};

function common() {
  server.use(
    http.get("/api/me/", () => HttpResponse.json(makeMe({ permissions: SALES, roles: ["sales"] }))),
    http.get("/api/marketplace/categories/", () => HttpResponse.json(CATEGORY_TREE)),
  );
}

describe("an RFQ in the supplier's inbox", () => {
  it("saves a quote of some lines as a draft and shows the API's errors on the right line", async () => {
    common();
    const posts: Record<string, unknown>[] = [];
    server.use(
      http.get("/api/rfq-inbox/21/", () => HttpResponse.json(inboxRfq())),
      http.post("/api/rfq-inbox/21/quote/", async ({ request }) => {
        posts.push((await request.json()) as Record<string, unknown>);
        return problem(400, "validation_error", { errors: { "lines.0.unit_price": ["Too many decimals."] } });
      }),
    );
    const user = userEvent.setup({ delay: null });
    renderRoute("tenant", "/rfq-inbox/21");

    expect(await screen.findByTestId("quote-outcome")).toHaveAttribute("data-outcome", "open");
    await user.click(screen.getByTestId("quote-line-0-include"));
    await user.type(screen.getByTestId("quote-line-1-price"), "3.25");
    await user.type(screen.getByTestId("quote-line-1-lead-time"), "12");
    await user.click(screen.getByTestId("quote-save-draft"));

    await waitFor(() => expect(posts).toHaveLength(1));
    expect(posts[0]).toEqual(
      expect.objectContaining({
        status: "draft",
        lines: [expect.objectContaining({ rfq_line_id: 32, unit_price: "3.25", lead_time_days: 12 })],
      }),
    );
    const line = screen.getByTestId("quote-line-1");
    expect(await within(line).findByText("Too many decimals.")).toBeInTheDocument();
  });

  it("revises a submitted quote and withdraws it", async () => {
    common();
    const puts: Record<string, unknown>[] = [];
    let withdrawn = false;
    server.use(
      http.get("/api/rfq-inbox/21/", () => HttpResponse.json(inboxRfq({ quote: QUOTE }))),
      http.put("/api/rfq-inbox/21/quote/", async ({ request }) => {
        puts.push((await request.json()) as Record<string, unknown>);
        return HttpResponse.json({ ...QUOTE, revision: 2 });
      }),
      http.post("/api/rfq-inbox/21/quote/withdraw/", () => {
        withdrawn = true;
        return HttpResponse.json({ ...QUOTE, status: "withdrawn" });
      }),
    );
    const user = userEvent.setup({ delay: null });
    renderRoute("tenant", "/rfq-inbox/21");

    const price = await screen.findByTestId("quote-line-0-price");
    expect(price).toHaveValue("10.8");
    expect(screen.getByTestId("quote-line-1-include")).not.toBeChecked();
    await user.clear(price);
    await user.type(price, "10.5");
    await user.click(screen.getByTestId("quote-submit"));
    await waitFor(() => expect(puts).toHaveLength(1));
    expect(puts[0]).toEqual(
      expect.objectContaining({
        status: "submitted",
        valid_until: "2099-07-01",
        supplier_reference: "Q-001",
        lines: [expect.objectContaining({ rfq_line_id: 31, unit_price: "10.5", offered_quantity: "2000" })],
      }),
    );

    await user.click(screen.getByTestId("quote-withdraw"));
    await user.click(await screen.findByTestId("quote-withdraw-confirm"));
    await waitFor(() => expect(withdrawn).toBe(true));
  });

  it("is read-only once closed, and tells the winner", async () => {
    common();
    server.use(
      http.get("/api/rfq-inbox/21/", () =>
        HttpResponse.json(
          inboxRfq({
            status: "awarded",
            accepting_quotes: false,
            outcome: "awarded",
            quote: QUOTE,
            awards: [
              { line_id: 31, line_position: 1, scope: "rfq", reason: "Best price", created_at: "2026-06-02T08:00:00Z" },
            ],
          }),
        ),
      ),
    );
    renderRoute("tenant", "/rfq-inbox/21", { language: "zh-CN" });
    const outcome = await screen.findByTestId("quote-outcome");
    expect(outcome).toHaveAttribute("data-outcome", "awarded");
    expect(outcome).toHaveTextContent("Best price");
    expect(screen.getByTestId("quote-view")).toHaveTextContent("21,600.00");
    expect(screen.queryByTestId("quote-form")).toBeNull();
    expect(screen.queryByTestId("quote-attachment-upload")).toBeNull();
  });
});
