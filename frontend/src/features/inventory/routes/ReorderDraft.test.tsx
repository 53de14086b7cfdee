import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import { page } from "@/test/fixtures";
import { makeMe, renderRoute } from "@/test/render";
import { server } from "@/test/server";
import { BOLT, MAIN, reorderRow } from "../inventory.fixtures";

function serve(permissions: string[]) {
  server.use(
    http.get("/api/me/", () => HttpResponse.json(makeMe({ permissions, roles: ["buyer"] }))),
    http.get("/api/inventory/warehouses/", () => HttpResponse.json(page([MAIN]))),
    http.get("/api/inventory/reorder-list/", () =>
      HttpResponse.json(page([reorderRow(), reorderRow({ item: { ...BOLT, category_code: "" } as never })])),
    ),
    http.get("/api/trading-partners/", () =>
      HttpResponse.json(
        page([{ id: 2, name: "Wuxi Bearings", slug: "wuxi", country: "CN", since: "2026-11-01T00:00:00Z" }]),
      ),
    ),
  );
}

describe("the reorder list", () => {
  it("drafts a purchase order for the picked rows and opens it", async () => {
    serve(["company.view", "stock.view", "po.create"]);
    const posted: { body: unknown; key: string | null }[] = [];
    server.use(
      http.post("/api/inventory/reorder-list/purchase-order/", async ({ request }) => {
        posted.push({ body: await request.json(), key: request.headers.get("Idempotency-Key") });
        return HttpResponse.json(
          {
            purchase_order_id: 31,
            po_number: "PO-2026-00031",
            status: "draft",
            supplier_name: "Wuxi Bearings",
            currency: "CNY",
            total: "0.00",
            line_count: 1,
          },
          { status: 201 },
        );
      }),
      http.get("/api/purchase-orders/31/", () => HttpResponse.json({}, { status: 404 })),
    );
    const user = userEvent.setup({ delay: null });
    const { router } = renderRoute("tenant", "/inventory?below=1");
    const draft = await screen.findByTestId("reorder-draft-po");
    expect(draft).toBeDisabled();
    await user.click(within(await screen.findByTestId("reorder-row-6205-2RS")).getByRole("checkbox"));
    expect(draft).toHaveTextContent("Draft purchase order (1)");
    await user.click(draft);
    expect(await screen.findByTestId("reorder-draft-items")).toHaveTextContent("6205-2RS");
    await user.click(screen.getByTestId("reorder-draft-supplier").querySelector("input") as HTMLElement);
    await user.click(await screen.findByText("Wuxi Bearings", { selector: ".ant-select-item-option-content" }));
    await user.click(screen.getByTestId("reorder-draft-save"));
    await waitFor(() => expect(router.state.location.pathname).toBe("/purchase-orders/31"));
    expect(posted).toEqual([
      {
        body: { supplier_id: 2, supplier_name: "", supplier_email: "", currency: "CNY", lines: [{ item_id: 5 }] },
        key: expect.any(String) as unknown,
      },
    ]);
  });

  it("offers no drafting to members who may not create purchase orders", async () => {
    serve(["company.view", "stock.view"]);
    renderRoute("tenant", "/inventory?below=1");
    await screen.findByTestId("reorder-row-6205-2RS");
    expect(screen.queryByTestId("reorder-draft-po")).toBeNull();
    expect(screen.queryByRole("checkbox")).toBeNull();
  });
});
