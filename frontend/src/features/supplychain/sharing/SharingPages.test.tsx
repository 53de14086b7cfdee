import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import en from "@/locales/en/supplychain-sharing.json";
import zhCN from "@/locales/zh-CN/supplychain-sharing.json";
import { page, problem } from "@/test/fixtures";
import { makeMe, renderRoute } from "@/test/render";
import { server } from "@/test/server";

const MANAGER = makeMe({ permissions: ["company.view", "supplychain.view", "supplychain.manage"] });
const VIEWER = makeMe({ permissions: ["company.view", "supplychain.view"] });

function grant(overrides: Record<string, unknown> = {}) {
  return {
    id: 5,
    partner: { id: 31, name: "Kangshifu Foods" },
    status: "active",
    is_current: true,
    item_ids: [11, 12],
    category_code: "",
    warehouse_ids: [],
    share_consumption: true,
    valid_from: "2026-12-01",
    valid_until: null,
    note: "for replenishment",
    created_by: "li.wei@acme.test",
    created_at: "2026-12-01T00:00:00Z",
    updated_at: "2026-12-01T00:00:00Z",
    revoked_at: null,
    revoked_reason: "",
    ...overrides,
  };
}

function row(id: number, available: string, below: boolean) {
  return {
    id,
    grant_id: 5,
    owner: { id: 40, name: "Hualian Supermarket" },
    item_id: 11,
    sku: `NOODLE-${id}`,
    name_zh: "方便面",
    name_en: "Instant noodles",
    unit: "pack",
    category_code: "50.20",
    warehouse_id: 2,
    warehouse_code: "MAIN",
    warehouse_name: "Main store",
    on_hand: available,
    available,
    reorder_point: "40.0000",
    below_reorder_point: below,
    consumption_per_day: "2.5000",
    as_of: "2026-12-06T08:00:00Z",
    published_at: "2026-12-06T08:00:01Z",
  };
}

function keys(value: unknown, prefix = ""): string[] {
  if (typeof value !== "object" || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => keys(child, prefix ? `${prefix}.${key}` : key));
}

describe("inventory sharing pages", () => {
  it("has every message in both languages", () => {
    expect(keys(zhCN).sort()).toEqual(keys(en).sort());
  });

  it("lists the grants given and shares stock with a partner", async () => {
    let posted: Record<string, unknown> | null = null;
    let idempotencyKey: string | null = null;
    server.use(
      http.get("/api/me/", () => HttpResponse.json(MANAGER)),
      http.get("/api/supplychain/grants/", () => HttpResponse.json(page([grant()]))),
      http.get("/api/trading-partners/", () =>
        HttpResponse.json(
          page([{ id: 31, name: "Kangshifu Foods", slug: "kangshifu", country: "CN", since: "2026-11-01T00:00:00Z" }]),
        ),
      ),
      http.get("/api/inventory/items/", () => HttpResponse.json(page([]))),
      http.get("/api/inventory/warehouses/", () => HttpResponse.json(page([]))),
      http.post("/api/supplychain/grants/", async ({ request }) => {
        posted = (await request.json()) as Record<string, unknown>;
        idempotencyKey = request.headers.get("Idempotency-Key");
        return HttpResponse.json(grant({ id: 6, category_code: "50.20", item_ids: [] }), { status: 201 });
      }),
    );
    renderRoute("tenant", "/supply-chain/sharing/grants");
    expect(await screen.findByText("Kangshifu Foods")).toBeInTheDocument();
    expect(screen.getByText("2 items")).toBeInTheDocument();
    expect(screen.getByText("All warehouses")).toBeInTheDocument();

    await userEvent.click(screen.getByTestId("grant-create"));
    const dialog = await screen.findByRole("dialog");
    await userEvent.click(within(dialog).getByTestId("grant-partner").querySelector("input")!);
    await userEvent.click(await screen.findByTitle("Kangshifu Foods"));
    await userEvent.type(within(dialog).getByTestId("grant-category"), "50.20");
    await userEvent.click(within(dialog).getByTestId("grant-consumption"));
    await userEvent.click(within(dialog).getByRole("button", { name: "Share" }));

    await waitFor(() => expect(posted).not.toBeNull());
    expect(posted).toMatchObject({
      partner_id: 31,
      category_code: "50.20",
      item_ids: [],
      warehouse_ids: [],
      share_consumption: true,
      valid_until: null,
    });
    expect(idempotencyKey).toBeTruthy();
  });

  it("shows the problem when the company is not a trading partner", async () => {
    server.use(
      http.get("/api/me/", () => HttpResponse.json(MANAGER)),
      http.get("/api/supplychain/grants/", () => HttpResponse.json(page([]))),
      http.get("/api/trading-partners/", () =>
        HttpResponse.json(
          page([{ id: 31, name: "Kangshifu Foods", slug: "k", country: "CN", since: "2026-11-01T00:00:00Z" }]),
        ),
      ),
      http.get("/api/inventory/items/", () => HttpResponse.json(page([]))),
      http.get("/api/inventory/warehouses/", () => HttpResponse.json(page([]))),
      http.post("/api/supplychain/grants/", () => problem(400, "not_a_trading_partner")),
    );
    renderRoute("tenant", "/supply-chain/sharing/grants");
    expect(await screen.findByText("You share no stock.")).toBeInTheDocument();
    await userEvent.click(screen.getByTestId("grant-create"));
    const dialog = await screen.findByRole("dialog");
    await userEvent.click(within(dialog).getByTestId("grant-partner").querySelector("input")!);
    await userEvent.click(await screen.findByTitle("Kangshifu Foods"));
    await userEvent.type(within(dialog).getByTestId("grant-category"), "50.20");
    await userEvent.click(within(dialog).getByRole("button", { name: "Share" }));
    expect(await within(dialog).findByTestId("form-error")).toHaveTextContent(
      "Stock can be shared only with a trading partner",
    );
  });

  it("revokes a grant with a reason", async () => {
    let reason: unknown = null;
    server.use(
      http.get("/api/me/", () => HttpResponse.json(MANAGER)),
      http.get("/api/supplychain/grants/", () => HttpResponse.json(page([grant()]))),
      http.post("/api/supplychain/grants/5/revoke/", async ({ request }) => {
        reason = ((await request.json()) as { reason: string }).reason;
        return HttpResponse.json(grant({ status: "revoked", is_current: false, revoked_reason: "contract ended" }));
      }),
    );
    renderRoute("tenant", "/supply-chain/sharing/grants");
    await userEvent.click(await screen.findByTestId("grant-revoke-5"));
    const dialog = await screen.findByRole("dialog");
    await userEvent.type(within(dialog).getByTestId("grant-revoke-reason"), "contract ended");
    await userEvent.click(within(dialog).getByRole("button", { name: "Revoke" }));
    await waitFor(() => expect(reason).toBe("contract ended"));
  });

  it("hides the write actions from a member who may only view", async () => {
    server.use(
      http.get("/api/me/", () => HttpResponse.json(VIEWER)),
      http.get("/api/supplychain/grants/", () => HttpResponse.json(page([grant()]))),
    );
    renderRoute("tenant", "/supply-chain/sharing/grants");
    expect(await screen.findByText("Kangshifu Foods")).toBeInTheDocument();
    expect(screen.queryByTestId("grant-create")).not.toBeInTheDocument();
    expect(screen.queryByTestId("grant-revoke-5")).not.toBeInTheDocument();
  });

  it("lists the grants received with a link to their stock", async () => {
    server.use(
      http.get("/api/me/", () => HttpResponse.json(VIEWER)),
      http.get("/api/supplychain/received-grants/", () =>
        HttpResponse.json(
          page([
            {
              id: 5,
              owner: { id: 40, name: "Hualian Supermarket" },
              category_code: "50.20",
              items_count: 0,
              share_consumption: true,
              valid_from: "2026-12-01",
              valid_until: "2027-06-30",
              note: "",
              created_at: "2026-12-01T00:00:00Z",
            },
          ]),
        ),
      ),
    );
    renderRoute("tenant", "/supply-chain/sharing/received");
    expect(await screen.findByText("Hualian Supermarket")).toBeInTheDocument();
    expect(screen.getByText("Category 50.20")).toBeInTheDocument();
    expect(screen.getByTestId("received-stock-5")).toHaveAttribute("href", "/supply-chain/sharing/stock?grant=5");
  });

  it("shows the shared stock, flags rows below the reorder point and filters by grant", async () => {
    let query: URLSearchParams | null = null;
    server.use(
      http.get("/api/me/", () => HttpResponse.json(VIEWER)),
      http.get("/api/supplychain/shared-stock/", ({ request }) => {
        query = new URL(request.url).searchParams;
        return HttpResponse.json(page([row(1, "30.0000", true), row(2, "80.0000", false)]));
      }),
    );
    renderRoute("tenant", "/supply-chain/sharing/stock?grant=5");
    expect(await screen.findByText("NOODLE-1")).toBeInTheDocument();
    expect(screen.getByTestId("shared-stock-below-1")).toHaveTextContent("Below reorder point");
    expect(screen.queryByTestId("shared-stock-below-2")).not.toBeInTheDocument();
    expect(query!.get("grant_id")).toBe("5");

    await userEvent.click(screen.getByTestId("shared-stock-below"));
    await waitFor(() => expect(query!.get("below_reorder_point")).toBe("true"));
  });

  it("speaks Chinese", async () => {
    const me = makeMe({ permissions: ["company.view", "supplychain.view"], preferred_language: "zh-hans" });
    server.use(
      http.get("/api/me/", () => HttpResponse.json(me)),
      http.get("/api/supplychain/shared-stock/", () => HttpResponse.json(page([]))),
    );
    renderRoute("tenant", "/supply-chain/sharing/stock", { language: "zh-CN" });
    expect(await screen.findByText("目前没有共享给您的库存。")).toBeInTheDocument();
  });
});
