import { screen, waitFor, within } from "@testing-library/react";
import userEvent, { type UserEvent } from "@testing-library/user-event";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import { dayjs } from "@/lib/dates";
import { page, problem } from "@/test/fixtures";
import { makeMe, renderRoute } from "@/test/render";
import { server } from "@/test/server";
import type { ExchangeRate } from "../api/exchangeRates";
import type { ProcurementSettings } from "../api/procurementSettings";
import { membersPage } from "../testing";

const today = dayjs().format("YYYY-MM-DD");

function rate(overrides: Partial<ExchangeRate> = {}): ExchangeRate {
  return {
    id: 3,
    currency: "USD",
    home_currency: "CNY",
    valid_on: "2026-01-05",
    rate: "7.12340000",
    created_by_id: 3,
    created_at: "2026-01-05T08:00:00Z",
    ...overrides,
  };
}

const RATES = [
  rate({ id: 4, valid_on: "2099-01-01", rate: "7.50000000" }),
  rate(),
  rate({ id: 2, valid_on: "2025-12-01", rate: "7.00000000", created_by_id: null }),
  rate({ id: 7, currency: "EUR", valid_on: "2026-01-02", rate: "7.80000000", created_by_id: 1 }),
];

const SETTINGS: ProcurementSettings = {
  auto_approve_unmatched: false,
  rate_tolerance_percent: "2.00",
  updated_at: "2026-01-01T00:00:00Z",
};

const MANAGER = ["company.view", "po.create", "po.approve", "finance.view", "finance.post", "approval.rules"];

interface Recorded {
  lists: string[];
  posts: { body: unknown; key: string | null }[];
  deletes: string[];
  puts: unknown[];
}

function answer(permissions: string[], { postError = false } = {}): Recorded {
  const recorded: Recorded = { lists: [], posts: [], deletes: [], puts: [] };
  let rates = [...RATES];
  server.use(
    http.get("/api/me/", () => HttpResponse.json(makeMe({ permissions, roles: ["owner"] }))),
    http.get("/api/members/", () => HttpResponse.json(membersPage())),
    http.get("/api/exchange-rates/", ({ request }) => {
      const currency = new URL(request.url).searchParams.get("currency") ?? "";
      recorded.lists.push(currency);
      return HttpResponse.json(page(rates.filter((r) => !currency || r.currency === currency)));
    }),
    http.post("/api/exchange-rates/", async ({ request }) => {
      const body = (await request.json()) as { currency: string; rate: string; valid_on: string };
      recorded.posts.push({ body, key: request.headers.get("Idempotency-Key") });
      if (postError) return problem(400, "validation_error", { errors: { rate: ["At most 8 decimals."] } });
      const created = rate({ id: 9, currency: body.currency, rate: body.rate, valid_on: body.valid_on });
      rates = [created, ...rates];
      return HttpResponse.json(created, { status: 201 });
    }),
    http.delete("/api/exchange-rates/:rateId/", ({ params }) => {
      recorded.deletes.push(String(params.rateId));
      rates = rates.filter((r) => String(r.id) !== params.rateId);
      return new HttpResponse(null, { status: 204 });
    }),
    http.get("/api/procurement-settings/", () => HttpResponse.json(SETTINGS)),
    http.put("/api/procurement-settings/", async ({ request }) => {
      const body = (await request.json()) as Partial<ProcurementSettings>;
      recorded.puts.push(body);
      return HttpResponse.json({ ...SETTINGS, ...body, updated_at: "2026-02-01T00:00:00Z" });
    }),
  );
  return recorded;
}

/** Picks an option of an Ant Design Select (its dropdown renders in a portal, each option titled). */
async function choose(user: UserEvent, testId: string, text: string) {
  const box = within(screen.getByTestId(testId)).getByRole("combobox");
  await user.click(box);
  await user.type(box, text);
  const options = await screen.findAllByTitle(text);
  const option = options.find((el) => el.classList.contains("ant-select-item-option"));
  if (!option) throw new Error(`no option ${text}`);
  await user.click(option);
}

describe("rates and approval settings", () => {
  it("lists the table with what is in force and who entered it, filters by currency, adds and deletes", async () => {
    const recorded = answer(MANAGER);
    const user = userEvent.setup({ delay: null });
    renderRoute("tenant", "/approvals/settings");

    const current = await screen.findByTestId("rate-row-3");
    expect(current).toHaveTextContent("1 USD = 7.1234 CNY");
    await waitFor(() => expect(current).toHaveTextContent("Wang Fang"));
    expect(within(current).getByTestId("rate-in-force-3")).toHaveTextContent("In force");
    // The future entry and the older one are not in force today; EUR has its own current entry.
    expect(screen.queryByTestId("rate-in-force-4")).toBeNull();
    expect(screen.queryByTestId("rate-in-force-2")).toBeNull();
    expect(screen.getByTestId("rate-in-force-7")).toBeInTheDocument();
    expect(screen.getByTestId("rate-row-2")).toHaveTextContent("A former member");

    await choose(user, "rate-filter", "EUR");
    await waitFor(() => expect(recorded.lists).toContain("EUR"));
    await waitFor(() => expect(screen.queryByTestId("rate-row-3")).toBeNull());
    expect(screen.getByTestId("rate-row-7")).toBeInTheDocument();
    // Cleared, the filter shows every currency again.
    const clear = screen.getByTestId("rate-filter").querySelector(".ant-select-clear");
    if (!clear) throw new Error("no clear button");
    await user.click(clear);
    expect(await screen.findByTestId("rate-row-3")).toBeInTheDocument();

    // Add: the company's own currency is not offered; the body and the Idempotency-Key go out.
    await choose(user, "rate-currency", "USD");
    await user.type(screen.getByTestId("rate-value"), "7.2");
    await user.click(screen.getByTestId("rate-submit"));
    await waitFor(() => expect(recorded.posts).toHaveLength(1));
    expect(recorded.posts[0]?.body).toEqual({ currency: "USD", rate: "7.2", valid_on: today });
    expect(recorded.posts[0]?.key).toMatch(/^[0-9a-f-]{32,36}$/);
    expect(await screen.findByText("Rate saved.")).toBeInTheDocument();

    // Delete, after confirming.
    await user.click(await screen.findByTestId("rate-delete-2"));
    await user.click(await screen.findByTestId("rate-delete-confirm-2"));
    await waitFor(() => expect(recorded.deletes).toEqual(["2"]));
    await waitFor(() => expect(screen.queryByTestId("rate-row-2")).toBeNull());
  });

  it("puts the server's validation error on the rate field and keeps the key for a retry", async () => {
    const recorded = answer(MANAGER, { postError: true });
    const user = userEvent.setup({ delay: null });
    renderRoute("tenant", "/approvals/settings");
    await screen.findByTestId("rate-row-3");
    await choose(user, "rate-currency", "USD");
    await user.type(screen.getByTestId("rate-value"), "7.123456789");
    // Eight decimals at most: the form says so before anything is sent.
    await user.click(screen.getByTestId("rate-submit"));
    expect(
      await screen.findByText("At most 8 decimals.", { selector: ".ant-form-item-explain-error" }),
    ).toBeInTheDocument();
    expect(recorded.posts).toHaveLength(0);

    await user.clear(screen.getByTestId("rate-value"));
    await user.type(screen.getByTestId("rate-value"), "7.1");
    await user.click(screen.getByTestId("rate-submit"));
    await waitFor(() => expect(recorded.posts).toHaveLength(1));
    const explain = await screen.findByText("At most 8 decimals.", { selector: ".ant-form-item-explain-error" });
    expect(explain.closest(".ant-form-item")).toContainElement(screen.getByTestId("rate-value"));
    expect(screen.getByTestId("form-error")).toHaveTextContent("Please correct the highlighted fields.");
    await user.click(screen.getByTestId("rate-submit"));
    await waitFor(() => expect(recorded.posts).toHaveLength(2));
    expect(recorded.posts[1]?.key).toBe(recorded.posts[0]?.key);
  });

  it("switches automatic approval of unmatched orders on, with the tolerance", async () => {
    const recorded = answer(MANAGER);
    const user = userEvent.setup({ delay: null });
    renderRoute("tenant", "/approvals/settings");
    const toggle = await screen.findByTestId("auto-approve-switch");
    expect(toggle).toHaveAttribute("aria-checked", "false");
    expect(screen.getByTestId("auto-approve-help")).toHaveTextContent(
      "needs one approval by a member who may approve orders, never by the member who requested it",
    );
    await user.click(toggle);
    expect(toggle).toHaveAttribute("aria-checked", "true");
    expect(screen.getByTestId("auto-approve-help")).toHaveTextContent("approved as soon as it is submitted");
    await user.clear(screen.getByTestId("rate-tolerance"));
    await user.type(screen.getByTestId("rate-tolerance"), "3.5");
    await user.click(screen.getByTestId("settings-save"));
    await waitFor(() => expect(recorded.puts).toHaveLength(1));
    expect(recorded.puts[0]).toEqual({ auto_approve_unmatched: true, rate_tolerance_percent: "3.5" });
    expect(await screen.findByText("Settings saved.")).toBeInTheDocument();
  });

  it("is read-only for a member who may neither enter rates nor change the settings", async () => {
    answer(["company.view", "finance.view"]);
    renderRoute("tenant", "/approvals/settings");
    expect(await screen.findByTestId("rate-row-3")).toBeInTheDocument();
    expect(screen.queryByTestId("rate-form")).toBeNull();
    expect(screen.queryByTestId("rate-delete-3")).toBeNull();
    expect(screen.getByText("Only members who post to the books (owner, finance) enter rates.")).toBeInTheDocument();
    expect(await screen.findByTestId("auto-approve-switch")).toBeDisabled();
    expect(screen.getByTestId("rate-tolerance")).toBeDisabled();
    expect(screen.queryByTestId("settings-save")).toBeNull();
  });

  it("is not shown to a member who works with no orders", async () => {
    answer(["company.view", "stock.view"]);
    renderRoute("tenant", "/approvals/settings");
    expect(await screen.findByTestId("forbidden")).toBeInTheDocument();
  });
});
