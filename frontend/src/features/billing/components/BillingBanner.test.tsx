import { screen } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import { makeMe, renderRoute } from "@/test/render";
import { server } from "@/test/server";

const PAST_DUE = {
  plan: { code: "growth", name_en: "Growth", name_zh: "成长版", version: 1, is_free: false },
  status: "past_due",
  interval: "month",
  currency: "CNY",
  gateway: "offline",
  lock: "",
  trial_ends_at: null,
  trial_days_left: null,
  current_period_start: "2026-11-06T00:00:00Z",
  current_period_end: "2026-12-06T00:00:00Z",
  cancel_at_period_end: false,
  converted_at: "2026-11-06T00:00:00Z",
  past_due_since: "2026-12-01T00:00:00Z",
  read_only_on: "2026-12-08",
  suspend_on: "2027-01-07",
  base_amount: "399.00",
  credit_amount: "0.00",
  payment_instructions: "Bank",
  online_payment: false,
  features: [],
};

describe("BillingBanner", () => {
  it("warns the owner of a past-due subscription with the day writes stop", async () => {
    server.use(
      http.get("/api/me/", () => HttpResponse.json(makeMe({ permissions: ["company.view", "billing.manage"] }))),
      http.get("/api/billing/", () => HttpResponse.json(PAST_DUE)),
    );
    renderRoute("tenant", "/no-such-page");
    const banner = await screen.findByTestId("billing-banner");
    expect(banner).toHaveAttribute("data-level", "past_due");
    expect(banner).toHaveTextContent("Pay the open invoice by Dec 8, 2026");
    expect(screen.getByTestId("billing-banner-link")).toHaveAttribute("href", "/billing");
  });

  it("tells every member that a read-only workspace waits for payment", async () => {
    server.use(
      http.get("/api/me/", () =>
        HttpResponse.json(makeMe({ permissions: ["company.view"], billing_lock: "read_only" })),
      ),
    );
    renderRoute("tenant", "/no-such-page");
    const banner = await screen.findByTestId("billing-banner");
    expect(banner).toHaveAttribute("data-level", "read_only");
    expect(banner).toHaveTextContent("Ask the owner or finance to pay");
    expect(screen.queryByTestId("billing-banner-link")).not.toBeInTheDocument();
  });

  it("shows the suspension page to a member of a company suspended for non-payment", async () => {
    server.use(
      http.get("/api/me/", () =>
        HttpResponse.json(makeMe({ permissions: ["company.view"], billing_lock: "suspended" })),
      ),
    );
    renderRoute("tenant", "/no-such-page");
    const notice = await screen.findByTestId("suspension-page");
    expect(notice).toHaveAttribute("data-suspension", "billing");
    expect(notice).toHaveTextContent("Ask your company's owner or finance team");
  });
});
