import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import { page, problem } from "@/test/fixtures";
import { CATEGORY_TREE } from "@/test/marketplace";
import { makeMe, renderRoute } from "@/test/render";
import { server } from "@/test/server";
import { item, level } from "../inventory.fixtures";

const MANAGER = ["company.view", "stock.view", "stock.adjust", "inventory.manage"];

function itemApi(permissions: string[]) {
  server.use(
    http.get("/api/me/", () => HttpResponse.json(makeMe({ permissions, roles: ["warehouse"] }))),
    http.get("/api/marketplace/categories/", () => HttpResponse.json(CATEGORY_TREE)),
    http.get("/api/inventory/items/", () => HttpResponse.json(page([item()]))),
    http.get("/api/inventory/items/5/", () => HttpResponse.json(item())),
    http.get("/api/inventory/stock-levels/", () => HttpResponse.json(page([level()]))),
    http.get("/api/inventory/reservations/", () => HttpResponse.json(page([]))),
    http.get("/api/inventory/ledger/", () => HttpResponse.json(page([]))),
    http.get("/api/inventory/warehouses/", () => HttpResponse.json(page([]))),
  );
}

describe("items", () => {
  it("creates an item, showing a taken SKU on its field, then opens the new item", async () => {
    itemApi(MANAGER);
    const posts: Record<string, unknown>[] = [];
    server.use(
      http.post("/api/inventory/items/", async ({ request }) => {
        posts.push((await request.json()) as Record<string, unknown>);
        if (posts.length === 1) return problem(409, "duplicate_sku", { detail: "SKU 6205-2RS is taken." });
        return HttpResponse.json(item({ sku: "6206-2RS", on_hand: "0", reserved: "0", available: "0" }), {
          status: 201,
        });
      }),
    );
    const user = userEvent.setup({ delay: null });
    const { router } = renderRoute("tenant", "/inventory/items");

    const row = await screen.findByTestId("item-row-6205-2RS");
    expect(within(row).getByTestId("item-below-6205-2RS")).toBeInTheDocument();
    await user.click(screen.getByTestId("item-new"));
    const sku = await screen.findByTestId("item-sku");
    await user.click(sku);
    await user.paste("6205-2RS");
    await user.click(screen.getByTestId("item-name-zh"));
    await user.paste("深沟球轴承");
    await user.click(screen.getByTestId("item-reorder-point"));
    await user.paste("50");
    await user.click(screen.getByTestId("item-save"));

    expect(
      await screen.findByText("An item with this SKU already exists.", { selector: ".ant-form-item-explain-error" }),
    ).toBeInTheDocument();
    expect(posts[0]).toEqual({
      sku: "6205-2RS",
      name_zh: "深沟球轴承",
      name_en: "",
      unit: "pcs",
      category_code: "",
      listing_id: null,
      reorder_point: "50",
      reorder_quantity: null,
    });

    await user.clear(sku);
    await user.click(sku);
    await user.paste("6206-2RS");
    await user.click(screen.getByTestId("item-save"));
    await waitFor(() => expect(router.state.location.pathname).toBe("/inventory/items/5"));
  });

  it("edits the reorder point on the item page and says why an item that moved cannot be deleted", async () => {
    itemApi(MANAGER);
    const patches: unknown[] = [];
    let current = item();
    server.use(
      http.get("/api/inventory/items/5/", () => HttpResponse.json(current)),
      http.patch("/api/inventory/items/5/", async ({ request }) => {
        patches.push(await request.json());
        current = item({ reorder_point: "20.0000", below_reorder_point: false });
        return HttpResponse.json(current);
      }),
      http.delete("/api/inventory/items/5/", () => problem(409, "item_in_use")),
    );
    const user = userEvent.setup({ delay: null });
    renderRoute("tenant", "/inventory/items/5");

    expect(await screen.findByTestId("reorder-below")).toHaveTextContent("30 pcs");
    expect(await screen.findByTestId("stock-table")).toBeInTheDocument();
    await user.click(screen.getByTestId("reorder-edit"));
    const point = await screen.findByTestId("reorder-point-input");
    await user.clear(point);
    await user.click(point);
    await user.paste("20");
    await user.click(screen.getByTestId("reorder-save"));
    await waitFor(() => expect(screen.getByTestId("reorder-point")).toHaveTextContent("20 pcs"));
    expect(patches).toEqual([{ reorder_point: "20", reorder_quantity: "200" }]);
    expect(screen.queryByTestId("reorder-below")).not.toBeInTheDocument();

    await user.click(screen.getByTestId("item-delete"));
    await user.click(await screen.findByTestId("item-delete-confirm"));
    expect(await screen.findByText(/cannot be deleted\. Deactivate it instead/)).toBeInTheDocument();
  });
});
