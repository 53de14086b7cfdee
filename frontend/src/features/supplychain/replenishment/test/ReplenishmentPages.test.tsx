import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import { page, problem } from "@/test/fixtures";
import { makeMe, renderRoute } from "@/test/render";
import { server } from "@/test/server";

const BASE = "/api/supplychain/replenishment";

function policy(overrides: Record<string, unknown> = {}) {
  return {
    id: 7,
    grant_id: 3,
    side: "owner",
    buyer_id: 1,
    buyer_name: "Freshmart",
    supplier_id: 2,
    supplier_name: "Dairy Foods Co",
    item_id: 11,
    sku: "MILK-1L",
    name_zh: "纯牛奶 1 升",
    name_en: "UHT milk 1 l",
    unit: "box",
    method: "min_max",
    min_quantity: "20.0000",
    max_quantity: "100.0000",
    target_days: null,
    minimum_days: null,
    unit_price: "4.5000",
    currency: "CNY",
    note: "",
    proposed_by: "partner",
    agreed_by_owner_at: null,
    agreed_by_partner_at: "2026-12-01T08:00:00Z",
    agreed: false,
    version: 2,
    grant_active: true,
    created_at: "2026-12-01T08:00:00Z",
    updated_at: "2026-12-01T08:00:00Z",
    ...overrides,
  };
}

function received(overrides: Record<string, unknown> = {}) {
  return {
    id: 21,
    number: "RP-2026-00001",
    supplier_id: 2,
    supplier_name: "Dairy Foods Co",
    grant_id: 3,
    policy_id: 7,
    policy_version: 2,
    method: "min_max",
    item_id: 11,
    sku: "MILK-1L",
    name_zh: "纯牛奶 1 升",
    name_en: "UHT milk 1 l",
    unit: "box",
    quantity: "90.0000",
    unit_price: "4.5000",
    currency: "CNY",
    total: "405.00",
    available_quantity: "10.0000",
    consumption_quantity_per_day: null,
    figures_as_of: "2026-12-06T08:00:00Z",
    status: "pending",
    review_reason: "over_amount",
    accepted_automatically: false,
    acceptance_rule_id: null,
    decided_at: null,
    decided_by_name: "",
    decline_reason: "",
    purchase_order_id: null,
    po_number: null,
    document_id: "7a4d3f3e-4a39-4f55-8f3f-1c0b7b0a9a11",
    created_at: "2026-12-06T08:00:00Z",
    ...overrides,
  };
}

function me(permissions: string[], preferred_language: "en" | "zh-hans" = "en") {
  server.use(http.get("/api/me/", () => HttpResponse.json(makeMe({ permissions, preferred_language }))));
}

describe("replenishment policies", () => {
  it("agrees to the version shown and says when the partner changed it meanwhile", async () => {
    me(["company.view", "supplychain.view", "supplychain.manage"]);
    const agreed: unknown[] = [];
    let answer: "conflict" | "ok" = "conflict";
    server.use(
      http.get(`${BASE}/policies/`, () => HttpResponse.json(page([policy()]))),
      http.post(`${BASE}/policies/7/agree/`, async ({ request }) => {
        agreed.push(await request.json());
        return answer === "conflict"
          ? problem(409, "policy_version_changed")
          : HttpResponse.json(policy({ agreed: true, agreed_by_owner_at: "2026-12-06T09:00:00Z" }));
      }),
    );
    renderRoute("tenant", "/supply-chain/replenishment");
    const row = await screen.findByTestId("policy-row-MILK-1L");
    expect(row).toHaveTextContent("Dairy Foods Co");
    expect(row).toHaveTextContent("min 20 / max 100 box");
    expect(within(row).getByTestId("policy-waiting-MILK-1L")).toHaveTextContent("Waiting for your agreement");
    const user = userEvent.setup();
    await user.click(within(row).getByTestId("policy-agree-MILK-1L"));
    expect(await screen.findByText("The policy changed since you read it; reload it before agreeing.")).toBeVisible();
    answer = "ok";
    await user.click(within(row).getByTestId("policy-agree-MILK-1L"));
    expect(await screen.findByText("You agreed to the policy.")).toBeVisible();
    expect(agreed).toEqual([{ version: 2 }, { version: 2 }]);
  });

  it("reads in Chinese and hides the actions from members who may only look", async () => {
    me(["company.view", "supplychain.view"], "zh-hans");
    server.use(
      http.get(`${BASE}/policies/`, () =>
        HttpResponse.json(page([policy({ agreed: true, agreed_by_owner_at: "2026-12-02T08:00:00Z" })])),
      ),
    );
    renderRoute("tenant", "/supply-chain/replenishment");
    const row = await screen.findByTestId("policy-row-MILK-1L");
    expect(row).toHaveTextContent("纯牛奶 1 升");
    expect(within(row).getByTestId("policy-agreed-MILK-1L")).toHaveTextContent("双方已确认");
    expect(screen.queryByTestId("policy-propose")).toBeNull();
    expect(within(row).queryByTestId("policy-change-MILK-1L")).toBeNull();
  });
});

function givenGrant() {
  return {
    id: 3,
    partner: { id: 2, name: "Dairy Foods Co" },
    status: "active",
    is_current: true,
    item_ids: [11],
    category_code: "DAIRY.YOG",
    warehouse_ids: [],
    share_consumption: true,
    valid_from: "2026-12-01",
    valid_until: null,
    note: "",
    created_by: "li.wei@acme.test",
    created_at: "2026-12-01T00:00:00Z",
    updated_at: "2026-12-01T00:00:00Z",
    revoked_at: null,
    revoked_reason: "",
  };
}

function inventoryItem(id: number, sku: string, name_en: string, category_code: string) {
  return {
    id,
    sku,
    name_en,
    name_zh: "",
    unit: "box",
    category_code,
    is_active: true,
    on_hand: "10.0000",
    reserved: "0.0000",
    available: "10.0000",
    reorder_point: null,
    reorder_quantity: null,
    below_reorder_point: false,
    listing_id: null,
    created_at: "2026-11-01T00:00:00Z",
    updated_at: "2026-11-01T00:00:00Z",
  };
}

function stockRow(id: number, item_id: number, sku: string, name_en: string, warehouse_code: string) {
  return {
    id,
    grant_id: 9,
    owner: { id: 40, name: "Hualian Supermarket" },
    item_id,
    sku,
    name_zh: "",
    name_en,
    unit: "pack",
    category_code: "50.20",
    warehouse_id: id,
    warehouse_code,
    warehouse_name: warehouse_code,
    on_hand: "30.0000",
    available: "30.0000",
    reorder_point: null,
    below_reorder_point: false,
    consumption_per_day: null,
    as_of: "2026-12-06T08:00:00Z",
    published_at: "2026-12-06T08:00:01Z",
  };
}

/** The grants and items the propose form picks from; records the POSTed policies and the stock queries. */
function proposeHandlers(posted: unknown[], stockQueries: string[]) {
  server.use(
    http.get(`${BASE}/policies/`, () => HttpResponse.json(page([]))),
    http.get("/api/supplychain/grants/", ({ request }) =>
      HttpResponse.json(
        page(
          new URL(request.url).searchParams.get("status") === "active"
            ? [givenGrant(), { ...givenGrant(), id: 4, partner: { id: 5, name: "Later Dairy" }, is_current: false }]
            : [],
        ),
      ),
    ),
    http.get("/api/supplychain/received-grants/", () =>
      HttpResponse.json(
        page([
          {
            id: 9,
            owner: { id: 40, name: "Hualian Supermarket" },
            category_code: "50.20",
            note: "",
            share_consumption: false,
            valid_from: "2026-12-01",
            valid_until: null,
            items_count: 2,
            created_at: "2026-12-01T00:00:00Z",
          },
        ]),
      ),
    ),
    http.get("/api/inventory/items/", () =>
      HttpResponse.json(
        page([
          inventoryItem(11, "MILK-1L", "UHT milk 1 l", "DAIRY.MILK"),
          inventoryItem(12, "YOG-200", "Yoghurt 200 g", "DAIRY.YOG.PLAIN"),
          inventoryItem(13, "CHEESE-1", "Cheddar", "DAIRY.CHEESE"),
        ]),
      ),
    ),
    http.get("/api/supplychain/shared-stock/", ({ request }) => {
      stockQueries.push(new URL(request.url).searchParams.get("grant_id") ?? "");
      return HttpResponse.json(
        page([
          stockRow(1, 21, "NOODLE-5", "Instant noodles", "MAIN"),
          stockRow(2, 21, "NOODLE-5", "Instant noodles", "EAST"),
          stockRow(3, 22, "SOY-500", "Soy sauce 500 ml", "MAIN"),
        ]),
      );
    }),
    http.post(`${BASE}/policies/`, async ({ request }) => {
      posted.push(await request.json());
      return HttpResponse.json(policy(), { status: 201 });
    }),
  );
}

function options(): string[] {
  return Array.from(document.querySelectorAll(".ant-select-dropdown:not(.ant-select-dropdown-hidden)"))
    .flatMap((dropdown) => Array.from(dropdown.querySelectorAll(".ant-select-item-option-content")))
    .map((option) => option.textContent ?? "");
}

describe("proposing a policy", () => {
  it("picks a grant we gave and one of our items in its scope", async () => {
    me(["company.view", "supplychain.view", "supplychain.manage"]);
    const posted: unknown[] = [];
    proposeHandlers(posted, []);
    renderRoute("tenant", "/supply-chain/replenishment");
    const user = userEvent.setup();
    await user.click(await screen.findByTestId("policy-propose"));
    const dialog = await screen.findByRole("dialog");
    expect(within(dialog).getByTestId("policy-item")).toHaveClass("ant-select-disabled");
    await user.click(within(dialog).getByTestId("policy-grant").querySelector("input") as HTMLElement);
    await screen.findByText("Hualian Supermarket · #9", { selector: ".ant-select-item-option-content" });
    // A grant not yet started (or expired) is not offered.
    expect(options()).toEqual(["Dairy Foods Co · #3 · 1 item, category DAIRY.YOG", "Hualian Supermarket · #9"]);
    await user.click(screen.getByText("Dairy Foods Co · #3 · 1 item, category DAIRY.YOG"));
    expect(within(dialog).getByTestId("policy-item")).not.toHaveClass("ant-select-disabled");
    await user.click(within(dialog).getByTestId("policy-item").querySelector("input") as HTMLElement);
    await screen.findByText("YOG-200 · Yoghurt 200 g", { selector: ".ant-select-item-option-content" });
    // The listed item and the category's items; not our other items.
    await waitFor(() => expect(options()).toEqual(["MILK-1L · UHT milk 1 l", "YOG-200 · Yoghurt 200 g"]));
    await user.click(screen.getByText("YOG-200 · Yoghurt 200 g"));
    await user.type(within(dialog).getByTestId("policy-min"), "20");
    await user.type(within(dialog).getByTestId("policy-max"), "100");
    await user.type(within(dialog).getByTestId("policy-price"), "4.5");
    await user.click(screen.getByTestId("policy-save"));
    await waitFor(() => expect(posted).toHaveLength(1));
    expect(posted[0]).toMatchObject({
      grant_id: 3,
      item_id: 12,
      method: "min_max",
      min_quantity: "20",
      max_quantity: "100",
      unit_price: "4.5",
      currency: "CNY",
    });
  });

  it("picks a grant we hold, forgets the item when the grant changes, and lists the grant's shared items", async () => {
    me(["company.view", "supplychain.view", "supplychain.manage"]);
    const posted: unknown[] = [];
    const stockQueries: string[] = [];
    proposeHandlers(posted, stockQueries);
    renderRoute("tenant", "/supply-chain/replenishment");
    const user = userEvent.setup();
    await user.click(await screen.findByTestId("policy-propose"));
    const dialog = await screen.findByRole("dialog");
    const grantInput = within(dialog).getByTestId("policy-grant").querySelector("input") as HTMLElement;
    await user.click(grantInput);
    await user.click(await screen.findByText("Dairy Foods Co · #3 · 1 item, category DAIRY.YOG"));
    await user.click(within(dialog).getByTestId("policy-item").querySelector("input") as HTMLElement);
    await user.click(
      await screen.findByText("MILK-1L · UHT milk 1 l", { selector: ".ant-select-item-option-content" }),
    );
    expect(within(dialog).getByTestId("policy-item")).toHaveTextContent("MILK-1L · UHT milk 1 l");
    await user.click(grantInput);
    await user.click(
      await screen.findByText("Hualian Supermarket · #9", { selector: ".ant-select-item-option-content" }),
    );
    // The item chosen under the other grant is forgotten: the picker is empty again.
    expect(within(dialog).getByTestId("policy-item")).toHaveTextContent("Choose an item the grant shares");
    await user.click(within(dialog).getByTestId("policy-item").querySelector("input") as HTMLElement);
    await screen.findByText("SOY-500 · Soy sauce 500 ml", { selector: ".ant-select-item-option-content" });
    // One option per item, however many warehouses publish it.
    expect(options()).toEqual(["NOODLE-5 · Instant noodles", "SOY-500 · Soy sauce 500 ml"]);
    expect(stockQueries).toContain("9");
    await user.click(screen.getByText("SOY-500 · Soy sauce 500 ml", { selector: ".ant-select-item-option-content" }));
    await user.type(within(dialog).getByTestId("policy-price"), "6");
    await user.click(screen.getByTestId("policy-save"));
    await waitFor(() => expect(posted).toHaveLength(1));
    expect(posted[0]).toMatchObject({ grant_id: 9, item_id: 22, unit_price: "6", currency: "CNY" });
  });
});

describe("proposals", () => {
  it("runs replenishment and shows the sales order an accepted proposal became", async () => {
    me(["company.view", "supplychain.view", "supplychain.manage"]);
    const sent = {
      id: 5,
      number: "RP-2026-00001",
      buyer_id: 1,
      buyer_name: "Freshmart",
      grant_id: 3,
      policy_id: 7,
      policy_version: 2,
      method: "min_max",
      item_id: 11,
      sku: "MILK-1L",
      name_zh: "",
      name_en: "UHT milk 1 l",
      unit: "box",
      quantity: "90.0000",
      unit_price: "4.5000",
      currency: "CNY",
      total: "405.00",
      available_quantity: "10.0000",
      consumption_quantity_per_day: null,
      figures_as_of: "2026-12-06T08:00:00Z",
      status: "accepted",
      decided_at: "2026-12-06T09:00:00Z",
      accepted_automatically: true,
      decline_reason: "",
      po_number: "PO-2026-00009",
      po_document_id: "7a4d3f3e-4a39-4f55-8f3f-1c0b7b0a9a12",
      sales_order_id: 44,
      sales_order_number: "SO-000044",
      document_id: "7a4d3f3e-4a39-4f55-8f3f-1c0b7b0a9a11",
      created_at: "2026-12-06T08:00:00Z",
    };
    let runs = 0;
    server.use(
      http.get(`${BASE}/proposals/`, () => HttpResponse.json(page([sent]))),
      http.post(`${BASE}/run/`, () => {
        runs += 1;
        return HttpResponse.json({
          proposals: [sent],
          skipped: [{ policy_id: 8, sku: "YOG", reason: "above_trigger" }],
        });
      }),
    );
    renderRoute("tenant", "/supply-chain/replenishment/proposals");
    const row = await screen.findByTestId("proposal-row-RP-2026-00001");
    expect(within(row).getByTestId("proposal-status-RP-2026-00001")).toHaveTextContent("Accepted");
    expect(within(row).getByTestId("proposal-so-RP-2026-00001")).toHaveAttribute("href", "/sales-orders/44");
    expect(row).toHaveTextContent("Their PO PO-2026-00009");
    await userEvent.setup().click(screen.getByTestId("replenishment-run"));
    expect(await screen.findByText("1 proposal sent (1 policies need nothing).")).toBeVisible();
    expect(runs).toBe(1);
  });
});

describe("proposals to approve", () => {
  it("accepts, says when someone else decided first, and declines only with a reason", async () => {
    me(["company.view", "supplychain.view", "po.approve"]);
    const posted: string[] = [];
    server.use(
      http.get(`${BASE}/received/`, ({ request }) => {
        const status = new URL(request.url).searchParams.get("status");
        return HttpResponse.json(
          page(status === "pending" ? [received(), received({ id: 22, number: "RP-2026-00002" })] : []),
        );
      }),
      http.post(`${BASE}/received/21/accept/`, () => {
        posted.push("accept 21");
        return HttpResponse.json(
          received({ status: "accepted", purchase_order_id: 9, po_number: "PO-2026-00009", review_reason: "" }),
        );
      }),
      http.post(`${BASE}/received/22/accept/`, () => {
        posted.push("accept 22");
        return problem(409, "proposal_already_decided");
      }),
      http.post(`${BASE}/received/21/decline/`, async ({ request }) => {
        posted.push(`decline 21 ${JSON.stringify(await request.json())}`);
        return HttpResponse.json(received({ status: "declined", decline_reason: "Promotion ended" }));
      }),
    );
    renderRoute("tenant", "/supply-chain/replenishment/received");
    const first = await screen.findByTestId("received-row-RP-2026-00001");
    expect(within(first).getByTestId("received-reason-RP-2026-00001")).toHaveTextContent(
      "Above the rule's maximum amount",
    );
    expect(first).toHaveTextContent("405.00");
    const user = userEvent.setup();
    await user.click(within(first).getByTestId("received-accept-RP-2026-00001"));
    expect(await screen.findByText("Accepted: purchase order PO-2026-00009 was sent.")).toBeVisible();
    await user.click(screen.getByTestId("received-accept-RP-2026-00002"));
    expect(await screen.findByText("This replenishment proposal was already accepted or declined.")).toBeVisible();

    await user.click(screen.getByTestId("received-decline-RP-2026-00001"));
    const confirm = await screen.findByTestId("decline-confirm");
    expect(confirm).toBeDisabled();
    await user.type(screen.getByTestId("decline-reason"), "Promotion ended");
    await user.click(confirm);
    await waitFor(() => expect(posted).toContain('decline 21 {"reason":"Promotion ended"}'));
    expect(posted.slice(0, 2)).toEqual(["accept 21", "accept 22"]);
  });

  it("shows no decisions to a member without po.approve", async () => {
    me(["company.view", "supplychain.view"]);
    server.use(http.get(`${BASE}/received/`, () => HttpResponse.json(page([received()]))));
    renderRoute("tenant", "/supply-chain/replenishment/received");
    const row = await screen.findByTestId("received-row-RP-2026-00001");
    expect(within(row).queryByTestId("received-accept-RP-2026-00001")).toBeNull();
  });
});

describe("acceptance rules", () => {
  it("adds a rule for a trading partner and shows a field error from the server", async () => {
    me(["company.view", "supplychain.view", "po.approve"]);
    const bodies: unknown[] = [];
    let fail = true;
    server.use(
      http.get(`${BASE}/acceptance-rules/`, () => HttpResponse.json(page([]))),
      http.get("/api/trading-partners/", () =>
        HttpResponse.json(
          page([{ id: 2, name: "Dairy Foods Co", slug: "dairy", country: "CN", since: "2026-11-01T00:00:00Z" }]),
        ),
      ),
      http.post(`${BASE}/acceptance-rules/`, async ({ request }) => {
        bodies.push(await request.json());
        if (fail) {
          fail = false;
          return problem(400, "validation_error", { errors: { max_quantity: ["Give a maximum quantity."] } });
        }
        return HttpResponse.json(
          {
            id: 4,
            supplier_id: 2,
            supplier_name: "Dairy Foods Co",
            item_id: null,
            max_quantity: null,
            max_amount: "500.00",
            currency: "CNY",
            active: true,
            set_by_name: "li.wei@acme.test",
            created_at: "2026-12-06T08:00:00Z",
            updated_at: "2026-12-06T08:00:00Z",
          },
          { status: 201 },
        );
      }),
    );
    renderRoute("tenant", "/supply-chain/replenishment/rules");
    const user = userEvent.setup();
    await user.click(await screen.findByTestId("rule-add"));
    await user.click(screen.getByTestId("rule-supplier").querySelector("input") as HTMLElement);
    await user.click(await screen.findByText("Dairy Foods Co", { selector: ".ant-select-item-option-content" }));
    await user.click(screen.getByTestId("rule-save"));
    expect(await screen.findByText("Give a maximum quantity.")).toBeVisible();
    await user.type(screen.getByTestId("rule-max-amount"), "500");
    await user.click(screen.getByTestId("rule-save"));
    await waitFor(() => expect(bodies).toHaveLength(2));
    expect(bodies[1]).toEqual({
      supplier_id: 2,
      item_id: null,
      max_quantity: null,
      max_amount: "500",
      currency: "CNY",
    });
  });
});
