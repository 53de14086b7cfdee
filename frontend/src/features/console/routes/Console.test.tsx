import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import { page, problem } from "@/test/fixtures";
import { makeMe, renderRoute } from "@/test/render";
import { server } from "@/test/server";
import { consoleNavKey } from "../components/ConsoleLayout";

function operator(overrides: { has_mfa?: boolean; is_operator?: boolean } = {}) {
  const me = makeMe({ has_mfa: overrides.has_mfa ?? true });
  return {
    ...me,
    user: { ...me.user, email: "ops@hansa.test", is_operator: overrides.is_operator ?? true },
    company: null,
    roles: [],
    permissions: [],
  };
}

const COMPANY = {
  id: 7,
  name: "Acme Trading",
  slug: "acme",
  schema_name: "t_x",
  country: "CN",
  currency: "CNY",
  status: "active",
  billing_lock: "",
  members: 3,
  created_at: "2026-01-02T03:04:05Z",
  activated_at: "2026-01-02T03:04:05Z",
  plan: { code: "growth", name_en: "Growth", name_zh: "成长版", version: 1 },
  subscription_status: "active",
  subscription_interval: "month",
  subscription_currency: "USD",
  trial_ends_at: null,
  mrr_amount: "59.00",
  mrr_cny_amount: "424.80",
  last_active_at: "2026-06-01T08:00:00Z",
  usage: [
    {
      meter: "purchase_orders",
      period: "month",
      period_start: "2026-06-01",
      used: 270,
      included: 300,
      enforcement: "soft",
      percent: "90.00",
    },
    {
      meter: "members",
      period: "total",
      period_start: null,
      used: 3,
      included: 10,
      enforcement: "hard",
      percent: "30.00",
    },
  ],
};

const DETAIL = {
  company: COMPANY,
  subscription: {
    plan_code: "growth",
    plan_name_en: "Growth",
    plan_name_zh: "成长版",
    plan_version: 1,
    plan_version_current: false,
    status: "active",
    interval: "month",
    currency: "USD",
    gateway: "offline",
    trial_ends_at: null,
    current_period_start: "2026-06-01T00:00:00Z",
    current_period_end: "2026-07-01T00:00:00Z",
    cancel_at_period_end: false,
    converted_at: "2026-02-01T00:00:00Z",
    past_due_since: null,
    credit_balance_amount: "0.00",
  },
  events: [
    {
      id: 2,
      kind: "converted",
      from_plan: null,
      from_plan_version: null,
      to_plan: "growth",
      to_plan_version: 1,
      from_status: "trialing",
      to_status: "active",
      proration_amount: "59.00",
      currency: "USD",
      actor_email: "li.wei@acme.test",
      source: "owner",
      reason: "",
      created_at: "2026-02-01T00:00:00Z",
    },
  ],
  events_count: 1,
  usage: COMPANY.usage,
  invoices_count: 2,
};

const INVOICE = {
  id: 31,
  number: "HB-2026-000031",
  status: "open",
  currency: "USD",
  period_start: "2026-06-01T00:00:00Z",
  period_end: "2026-07-01T00:00:00Z",
  issued_at: "2026-06-01T00:00:00Z",
  due_at: "2026-06-15T00:00:00Z",
  paid_at: null,
  subtotal: "59.00",
  tax_rate: "0.00",
  tax_amount: "0.00",
  total: "59.00",
  paid_amount: "0.00",
  open_amount: "59.00",
};

describe("operator console", () => {
  it("sends someone signed out to the operator sign-in page", async () => {
    server.use(http.get("/api/me/", () => problem(401, "not_authenticated")));
    renderRoute("public", "/console");
    expect(await screen.findByTestId("console-signin-page")).toBeInTheDocument();
    expect(screen.getByText("Operator sign-in")).toBeInTheDocument();
  });

  it("refuses a signed-in person who is not an operator, and says why", async () => {
    server.use(http.get("/api/me/", () => HttpResponse.json(operator({ is_operator: false }))));
    renderRoute("public", "/console");
    const refused = await screen.findByTestId("console-refused");
    expect(refused).toHaveAttribute("data-reason", "notOperator");
    expect(refused).toHaveTextContent("The console is for platform operators");
  });

  it("refuses an operator without an authenticator", async () => {
    server.use(http.get("/api/me/", () => HttpResponse.json(operator({ has_mfa: false }))));
    renderRoute("public", "/console");
    expect(await screen.findByTestId("console-refused")).toHaveAttribute("data-reason", "noMfa");
  });

  it("lists the fleet with plan, usage and MRR, and searches and sorts on the server", async () => {
    const queries: string[] = [];
    server.use(
      http.get("/api/me/", () => HttpResponse.json(operator())),
      http.get("/api/console/plans/", () => HttpResponse.json(page([]))),
      http.get("/api/console/companies/", ({ request }) => {
        queries.push(new URL(request.url).searchParams.toString());
        return HttpResponse.json(page([COMPANY]));
      }),
    );
    const user = userEvent.setup({ delay: null, pointerEventsCheck: 0 });
    renderRoute("public", "/console");
    const row = await screen.findByTestId("fleet-row-acme");
    expect(within(row).getByText("Growth")).toBeInTheDocument();
    expect(within(row).getByTestId("usage-peak")).toHaveTextContent("Purchase orders");
    expect(within(row).getByTestId("fleet-mrr")).toHaveTextContent("59.00");
    expect(row).toHaveTextContent("424.80");
    expect(queries[0]).toBe("ordering=name&page=1&page_size=50");

    await user.type(screen.getByPlaceholderText("Name or address (slug)"), "acme{Enter}");
    await waitFor(() => expect(queries.at(-1)).toBe("ordering=name&q=acme&page=1&page_size=50"));
    await user.click(screen.getByRole("columnheader", { name: /MRR/ }));
    await waitFor(() => expect(queries.at(-1)).toContain("ordering=mrr"));
  });

  it("suspends a company only with a reason", async () => {
    const posted: unknown[] = [];
    server.use(
      http.get("/api/me/", () => HttpResponse.json(operator())),
      http.get("/api/console/plans/", () => HttpResponse.json(page([]))),
      http.get("/api/console/companies/7/", () => HttpResponse.json(DETAIL)),
      http.get("/api/console/companies/7/audit/", () => HttpResponse.json(page([]))),
      http.get("/api/console/invoices/", ({ request }) => {
        expect(new URL(request.url).searchParams.get("company_id")).toBe("7");
        return HttpResponse.json(page([INVOICE]));
      }),
      http.post("/api/console/companies/7/status/", async ({ request }) => {
        posted.push(await request.json());
        return HttpResponse.json({ ...COMPANY, status: "suspended" });
      }),
    );
    const user = userEvent.setup({ delay: null });
    renderRoute("public", "/console/companies/7");
    expect(await screen.findByTestId("company-name")).toHaveTextContent("Acme Trading");
    expect(screen.getByText("older version (moves at renewal)")).toBeInTheDocument();
    expect(screen.getByTestId("subscription-history")).toHaveTextContent("Converted to paid");
    await user.click(screen.getByRole("tab", { name: /Invoices/ }));
    const invoices = await screen.findByTestId("company-invoices");
    expect(invoices).toHaveTextContent("HB-2026-000031");
    expect(within(invoices).getByTestId("invoice-pdf-31")).toHaveAttribute("href", "/api/console/invoices/31/pdf/");

    await user.click(screen.getByTestId("action-suspend"));
    await user.click(await screen.findByTestId("suspend-dialog-confirm"));
    expect(await screen.findByText("Give a reason: it is kept in the platform audit log.")).toBeInTheDocument();
    expect(posted).toEqual([]);

    await user.type(screen.getByTestId("suspend-dialog-reason"), "Chargeback under review");
    await user.click(screen.getByTestId("suspend-dialog-confirm"));
    await waitFor(() => expect(posted).toEqual([{ status: "suspended", reason: "Chargeback under review" }]));
  });

  it("records a bank transfer against an open invoice", async () => {
    const posted: { body: unknown; key: string | null }[] = [];
    server.use(
      http.get("/api/me/", () => HttpResponse.json(operator())),
      http.get("/api/console/plans/", () => HttpResponse.json(page([]))),
      http.get("/api/console/companies/7/", () => HttpResponse.json(DETAIL)),
      http.get("/api/console/companies/7/audit/", () => HttpResponse.json(page([]))),
      http.get("/api/console/invoices/", () => HttpResponse.json(page([INVOICE]))),
      http.post("/api/console/invoices/31/payments/", async ({ request }) => {
        posted.push({ body: await request.json(), key: request.headers.get("Idempotency-Key") });
        return HttpResponse.json({ ...INVOICE, status: "paid" }, { status: 201 });
      }),
    );
    const user = userEvent.setup({ delay: null, pointerEventsCheck: 0 });
    renderRoute("public", "/console/companies/7");
    await user.click(await screen.findByRole("tab", { name: /Invoices/ }));
    await user.click(await screen.findByTestId("invoice-record-31"));
    expect(await screen.findByTestId("payment-amount")).toHaveValue("59.00");
    await user.type(screen.getByTestId("payment-reference"), "ICBC 20260605-77");
    await user.type(screen.getByTestId("payment-dialog-reason"), "Transfer seen on the statement");
    await user.click(screen.getByTestId("payment-dialog-confirm"));
    await waitFor(() => expect(posted).toHaveLength(1));
    expect(posted[0]!.key).toBeTruthy();
    expect(posted[0]!.body).toMatchObject({
      paid_amount: "59.00",
      reference: "ICBC 20260605-77",
      reason: "Transfer seen on the statement",
    });
    expect((posted[0]!.body as { received_on: string }).received_on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it("maps console paths to their menu entries", () => {
    expect(consoleNavKey("/console")).toBe("fleet");
    expect(consoleNavKey("/console/companies/7")).toBe("fleet");
    expect(consoleNavKey("/console/plans")).toBe("plans");
    expect(consoleNavKey("/console/revenue")).toBe("revenue");
  });
});
