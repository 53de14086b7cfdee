import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { http, HttpResponse } from "msw";
import { describe, expect, it, vi } from "vitest";
import { page, problem } from "@/test/fixtures";
import { makeMe, renderRoute } from "@/test/render";
import { server } from "@/test/server";

// jsdom has no canvas: the chart is ECharts' business, not this page's.
vi.mock("../components/UsageChart", () => ({ default: () => <div data-testid="usage-chart" /> }));

const OVERVIEW = {
  plan: { code: "growth", name_en: "Growth", name_zh: "成长版", version: 1, is_free: false },
  status: "trialing",
  interval: "month",
  currency: "CNY",
  gateway: "offline",
  lock: "",
  trial_ends_at: "2026-12-20T00:00:00Z",
  trial_days_left: 14,
  current_period_start: "2026-12-06T00:00:00Z",
  current_period_end: "2026-12-20T00:00:00Z",
  cancel_at_period_end: false,
  converted_at: null,
  past_due_since: null,
  read_only_on: null,
  suspend_on: null,
  base_amount: "399.00",
  credit_amount: "0.00",
  payment_instructions: "Hansa Platform Ltd. · Account 6222",
  online_payment: false,
  features: ["api_keys"],
};

function plan(code: string, name: string, monthly: string, members: number | null) {
  return {
    code,
    name_en: name,
    name_zh: name,
    description_en: `${name} plan`,
    description_zh: `${name} plan`,
    is_free: monthly === "0.00",
    version: 1,
    trial_days: 14,
    features: [],
    prices: [{ currency: "CNY", interval: "month", base_amount: monthly }],
    entitlements: [{ meter: "members", period: "total", included: members, enforcement: "hard", overage_prices: [] }],
  };
}

const PLANS = page([
  plan("free", "Free", "0.00", 3),
  plan("growth", "Growth", "399.00", 10),
  plan("business", "Business", "1299.00", 50),
]);

function usage(members: number, included: number, listings: number) {
  return page([
    {
      meter: "members",
      period: "total",
      period_start: null,
      used: members,
      included,
      enforcement: "hard",
      percent: ((members * 100) / included).toFixed(2),
    },
    {
      meter: "listings",
      period: "total",
      period_start: null,
      used: listings,
      included: 500,
      enforcement: "soft",
      percent: ((listings * 100) / 500).toFixed(2),
    },
    {
      meter: "api_requests",
      period: "day",
      period_start: "2026-12-06",
      used: 5,
      included: null,
      enforcement: "soft",
      percent: null,
    },
  ]);
}

function serve({
  changePlan,
  onlinePayment = false,
}: { changePlan?: Parameters<typeof http.post>[1]; onlinePayment?: boolean } = {}) {
  let overview = { ...OVERVIEW, online_payment: onlinePayment };
  let current = usage(4, 10, 450);
  server.use(
    http.get("/api/me/", () => HttpResponse.json(makeMe({ permissions: ["company.view", "billing.manage"] }))),
    http.get("/api/billing/", () => HttpResponse.json(overview)),
    http.get("/api/billing/plans/", () => HttpResponse.json(PLANS)),
    http.get("/api/billing/usage/", () => HttpResponse.json(current)),
    http.get("/api/billing/subscription/events/", () =>
      HttpResponse.json(
        page([
          {
            id: 1,
            kind: "trial_started",
            created_at: "2026-12-06T00:00:00Z",
            from_plan: null,
            to_plan: "growth",
            from_status: "",
            to_status: "trialing",
            charged_amount: null,
            currency: "",
            source: "system",
            actor_name: "",
            reason: "",
          },
        ]),
      ),
    ),
    http.get("/api/billing/invoices/", () =>
      HttpResponse.json(
        page([
          {
            id: 7,
            number: "HB-2026-000007",
            status: "open",
            currency: "CNY",
            period_start: null,
            period_end: null,
            subtotal: "399.00",
            tax_rate: "6.00",
            tax_amount: "23.94",
            total: "422.94",
            paid_amount: "0.00",
            open_amount: "422.94",
            issued_at: "2026-12-06T00:00:00Z",
            due_at: "2026-12-20T00:00:00Z",
            paid_at: null,
            buyer: { name: "Acme", tax_id: "", country: "CN" },
          },
        ]),
      ),
    ),
    http.post(
      "/api/billing/subscription/change-plan/",
      changePlan ??
        (() => {
          overview = { ...OVERVIEW, plan: { ...OVERVIEW.plan, code: "business", name_en: "Business" } };
          current = usage(4, 50, 450);
          return HttpResponse.json({ subscription: overview, proration_amount: "0.00" });
        }),
    ),
  );
}

describe("BillingPage", () => {
  it("shows the plan, the trial, the meters coloured by use, bank details and the invoices", async () => {
    serve();
    renderRoute("tenant", "/billing");
    expect(await screen.findByTestId("billing-plan-name")).toHaveTextContent("Growth");
    expect(screen.getByTestId("billing-trial-days")).toHaveTextContent("14 days left in the trial");
    expect(await screen.findByTestId("meter-members")).toHaveAttribute("data-level", "normal");
    expect(screen.getByTestId("meter-listings")).toHaveAttribute("data-level", "warning"); // 90 %
    expect(screen.getByTestId("meter-api_requests-figures")).toHaveTextContent("Unlimited");
    expect(screen.getByTestId("billing-bank-details")).toHaveTextContent("Account 6222");
    expect(screen.queryByTestId("billing-portal")).not.toBeInTheDocument();
    const invoices = screen.getByTestId("billing-invoices");
    expect(await within(invoices).findByText("HB-2026-000007")).toBeInTheDocument();
    expect(within(invoices).getByText("CN¥422.94")).toBeInTheDocument();
    expect(screen.getByTestId("invoice-7-pdf")).toHaveAttribute("href", "/api/billing/invoices/7/pdf/");
    expect(await within(screen.getByTestId("billing-history")).findByText("Trial started")).toBeInTheDocument();
  });

  it("upgrades after a confirmation and shows the new quotas", async () => {
    serve();
    const user = userEvent.setup({ delay: null });
    renderRoute("tenant", "/billing");
    await user.click(await screen.findByTestId("plan-business-choose"));
    expect(await screen.findByTestId("plan-change-proration")).toHaveTextContent("nothing is charged");
    await user.click(screen.getByTestId("plan-change-confirm"));
    await waitFor(() => expect(screen.getByTestId("billing-plan-name")).toHaveTextContent("Business"));
    await waitFor(() => expect(screen.getByTestId("meter-members-figures")).toHaveTextContent("4 of 50"));
  });

  it("shows the meters a refused downgrade exceeds", async () => {
    serve({
      changePlan: () => problem(409, "downgrade_exceeds_usage", { meters: [{ meter: "members", used: 4, limit: 3 }] }),
    });
    const user = userEvent.setup({ delay: null });
    renderRoute("tenant", "/billing");
    await user.click(await screen.findByTestId("plan-free-choose"));
    await user.click(await screen.findByTestId("plan-change-confirm"));
    expect(await screen.findByTestId("refused-members")).toHaveTextContent("Members: 4 used, Free allows 3");
    expect(screen.getByTestId("billing-plan-name")).toHaveTextContent("Growth");
  });

  it("subscribes through Stripe Checkout when online payment is configured", async () => {
    serve({ onlinePayment: true });
    let sent: unknown = null;
    server.use(
      http.post("/api/billing/checkout/", async ({ request }) => {
        sent = await request.json();
        return HttpResponse.json({ url: "https://checkout.stripe.test/c/cs_1" });
      }),
    );
    const assign = vi.fn();
    vi.stubGlobal("location", { ...window.location, assign });
    const user = userEvent.setup({ delay: null });
    renderRoute("tenant", "/billing");
    await user.click(await screen.findByTestId("billing-convert"));
    await user.click(await screen.findByTestId("billing-convert-confirm"));
    await waitFor(() => expect(assign).toHaveBeenCalledWith("https://checkout.stripe.test/c/cs_1"));
    expect(sent).toEqual({ plan_code: "growth", interval: "month" });
    vi.unstubAllGlobals();
  });

  it("is forbidden without billing.manage", async () => {
    server.use(http.get("/api/me/", () => HttpResponse.json(makeMe({ permissions: ["company.view"] }))));
    renderRoute("tenant", "/billing");
    expect(await screen.findByTestId("forbidden")).toBeInTheDocument();
  });
});
