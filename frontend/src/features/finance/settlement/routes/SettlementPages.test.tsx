import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import { page } from "@/test/fixtures";
import { makeMe, renderRoute } from "@/test/render";
import { server } from "@/test/server";

const ME = makeMe({ permissions: ["company.view", "finance.view", "finance.post"] });

function bill(status: string, allowed: string[], events: { action: string; to_status: string }[]) {
  return {
    id: 7,
    number: "230000000000042",
    type: "bank_acceptance",
    direction: "receivable",
    status,
    drawer_name: "Buyer Co",
    payee_name: "Acme Trading",
    acceptor_name: "中国银行",
    partner_company_id: null,
    customer_id: null,
    partner_name: "Buyer Co",
    face_amount: "500.00",
    currency: "CNY",
    issue_date: "2026-11-01",
    maturity_date: "2026-12-01",
    holder: "us",
    holder_name: "",
    bank_account_id: null,
    document_id: null,
    allowed_actions: allowed,
    events: events.map((event, index) => ({
      id: index + 1,
      action: event.action,
      from_status: "",
      to_status: event.to_status,
      event_date: "2026-12-01",
      face_amount: "500.00",
      interest_amount: null,
      endorsee_name: null,
      posting_event_id: null,
      entry_id: null,
      entry_number: index === 0 ? "BIL-2026-000001" : null,
      actor_label: "li.wei@acme.test",
      created_at: "2026-12-01T00:00:00Z",
    })),
    allocations: [{ invoice_id: 3, invoice_number: "INV-2026-000003", paid_amount: "500.00", step: "received" }],
    created_at: "2026-12-01T00:00:00Z",
  };
}

describe("bill page", () => {
  it("shows the chain of steps and takes the next step", async () => {
    let posted: unknown = null;
    let current = bill("held", ["endorse", "discount", "present"], [{ action: "receive", to_status: "held" }]);
    server.use(
      http.get("/api/me/", () => HttpResponse.json(ME)),
      http.get("/api/finance/bills/7/", () => HttpResponse.json(current)),
      http.post("/api/finance/bills/7/present/", async ({ request }) => {
        posted = await request.json();
        current = bill(
          "presented",
          ["settle", "dishonour"],
          [
            { action: "receive", to_status: "held" },
            { action: "present", to_status: "presented" },
          ],
        );
        return HttpResponse.json(current);
      }),
    );
    renderRoute("tenant", "/finance/bills/7");
    expect(await screen.findByText(/BIL-2026-000001/)).toBeInTheDocument();
    expect(screen.getByTestId("bill-endorse")).toBeInTheDocument();
    expect(screen.getByTestId("bill-discount")).toBeInTheDocument();
    expect(screen.queryByTestId("bill-settle")).not.toBeInTheDocument();
    await userEvent.click(screen.getByTestId("bill-present"));
    const dialog = await screen.findByRole("dialog");
    await userEvent.click(within(dialog).getByRole("button", { name: "Present" }));
    await waitFor(() => expect(posted).not.toBeNull(), { timeout: 5000 });
    await waitFor(() => expect(screen.getByTestId("bill-settle")).toBeInTheDocument(), { timeout: 5000 });
    expect(posted).toMatchObject({ invoice_ids: [], interest_percent: null, bank_account_id: null });
    expect(screen.getAllByTestId("bill-event")).toHaveLength(2);
  });
});

describe("payments page", () => {
  it("records a short payment of an open invoice", async () => {
    let posted: Record<string, unknown> | null = null;
    server.use(
      http.get("/api/me/", () => HttpResponse.json(ME)),
      http.get("/api/finance/payments/", () => HttpResponse.json(page([]))),
      http.get("/api/finance/bank-accounts/", () => HttpResponse.json(page([]))),
      http.get("/api/finance/open-items/", () =>
        HttpResponse.json(
          page([
            {
              id: 3,
              number: "INV-2026-000003",
              partner_number: "",
              direction: "out",
              partner_company_id: null,
              customer_id: 9,
              partner_name: "Buyer Co",
              currency: "CNY",
              exchange_rate: "1.00000000",
              issue_date: "2026-12-01",
              due_date: "2026-12-31",
              payment_terms: "2_10_net30",
              total: "1000.00",
              paid_amount: "0.00",
              open_amount: "1000.00",
              discount_date: "2026-12-11",
              discount_available_amount: "20.00",
              settlements: [],
            },
          ]),
        ),
      ),
      http.post("/api/finance/payments/", async ({ request }) => {
        posted = (await request.json()) as Record<string, unknown>;
        return HttpResponse.json({ id: 1, number: "REC-2026-000001" }, { status: 201 });
      }),
    );
    renderRoute("tenant", "/finance/payments");
    const row = (await screen.findByText("INV-2026-000003")).closest("tr") as HTMLElement;
    await userEvent.click(within(row).getByRole("checkbox"));
    expect(within(row).getByText("Closes the invoice")).toBeInTheDocument();
    const paid = within(row).getByTestId("paid-3");
    fireEvent.change(paid, { target: { value: "500" } });
    fireEvent.blur(paid);
    expect(await within(row).findByText(/Short payment/)).toBeInTheDocument();
    await userEvent.click(screen.getByTestId("payment-submit"));
    await waitFor(() => expect(posted).not.toBeNull(), { timeout: 5000 });
    expect(posted).toMatchObject({
      direction: "in",
      currency: "CNY",
      total: "500.00",
      allocations: [{ invoice_id: 3, paid_amount: "500.00", discount_amount: "20.00" }],
    });
  });
});
