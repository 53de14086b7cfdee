import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import { page } from "@/test/fixtures";
import { makeMe, renderRoute } from "@/test/render";
import { server } from "@/test/server";

const METERS = [
  "members",
  "listings",
  "rfqs_published",
  "purchase_orders",
  "sales_orders",
  "api_requests",
  "storage_mb",
];

const GROWTH = {
  id: 2,
  code: "growth",
  name_en: "Growth",
  name_zh: "成长版",
  is_public: true,
  is_free: false,
  versions_count: 1,
  subscriptions_count: 3,
  subscriptions_on_older_versions: 0,
  current_version: {
    id: 20,
    number: 1,
    trial_days: 14,
    features: ["api_keys"],
    prices: ["CNY", "USD", "EUR"].flatMap((currency) => [
      { currency, interval: "month", base_amount: currency === "CNY" ? "399.00" : "59.00" },
      { currency, interval: "year", base_amount: currency === "CNY" ? "3990.00" : "590.00" },
    ]),
    entitlements: METERS.map((meter) => ({
      meter,
      included: meter === "api_requests" ? null : 10,
      enforcement: meter === "listings" ? "soft" : "hard",
      overage_prices: meter === "listings" ? { CNY: "0.2000" } : {},
    })),
    note: "Default catalogue",
    created_at: "2026-01-01T00:00:00Z",
    created_by_email: null,
  },
};

describe("PlansPage", () => {
  it("publishes a new version with every price and meter, once per submit", async () => {
    const posted: { body: unknown; key: string | null }[] = [];
    server.use(
      http.get("/api/me/", () => {
        const me = makeMe({ has_mfa: true });
        return HttpResponse.json({ ...me, user: { ...me.user, is_operator: true }, company: null });
      }),
      http.get("/api/console/plans/", () => HttpResponse.json(page([GROWTH]))),
      http.post("/api/console/plans/2/versions/", async ({ request }) => {
        posted.push({ body: await request.json(), key: request.headers.get("Idempotency-Key") });
        return HttpResponse.json(GROWTH, { status: 201 });
      }),
    );
    const user = userEvent.setup({ delay: null, pointerEventsCheck: 0 });
    renderRoute("public", "/console/plans");
    const card = await screen.findByTestId("plan-growth");
    expect(within(card).getByText("Bill the excess")).toBeInTheDocument();
    expect(within(card).getByRole("button", { name: /Move 0 subscriptions/ })).toBeDisabled();

    await user.click(within(card).getByTestId("plan-new-version-growth"));
    const days = await screen.findByTestId("plan-trial-days");
    await user.clear(days);
    await user.type(days, "21");
    const price = screen.getByTestId("plan-price-CNY-month");
    await user.clear(price);
    await user.type(price, "449");
    await user.click(screen.getByTestId("plan-version-publish"));
    expect(await screen.findByText("Say what changes: the note is kept with the version.")).toBeInTheDocument();
    expect(posted).toEqual([]);

    await user.type(screen.getByTestId("plan-version-note"), "2027 prices");
    await user.click(screen.getByTestId("plan-version-publish"));
    await waitFor(() => expect(posted).toHaveLength(1));
    const { body, key } = posted[0]!;
    expect(key).toBeTruthy();
    expect(body).toMatchObject({ trial_days: 21, features: ["api_keys"], note: "2027 prices" });
    const sent = body as {
      prices: { currency: string; interval: string; base_amount: string }[];
      entitlements: unknown[];
    };
    expect(sent.prices).toHaveLength(6);
    expect(sent.prices).toContainEqual({ currency: "CNY", interval: "month", base_amount: "449" });
    expect(sent.prices).toContainEqual({ currency: "USD", interval: "year", base_amount: "590.00" });
    expect(sent.entitlements).toHaveLength(7);
    expect(sent.entitlements).toContainEqual({
      meter: "api_requests",
      included: null,
      enforcement: "hard",
      overage_prices: {},
    });
    expect(sent.entitlements).toContainEqual({
      meter: "listings",
      included: 10,
      enforcement: "soft",
      overage_prices: { CNY: "0.2000" },
    });
  });
});
