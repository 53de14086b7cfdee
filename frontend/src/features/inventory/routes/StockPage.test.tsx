import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import { page, problem } from "@/test/fixtures";
import { makeMe, renderRoute } from "@/test/render";
import { server } from "@/test/server";
import { BEARING, EAST, level, MAIN, reorderRow } from "../inventory.fixtures";

function stockApi(permissions: string[]) {
  const levelQueries: URLSearchParams[] = [];
  server.use(
    http.get("/api/me/", () => HttpResponse.json(makeMe({ permissions, roles: ["warehouse"] }))),
    http.get("/api/inventory/warehouses/", () => HttpResponse.json(page([MAIN, EAST]))),
    http.get("/api/inventory/reorder-list/", () => HttpResponse.json(page([reorderRow()]))),
    http.get("/api/inventory/stock-levels/", ({ request }) => {
      const query = new URL(request.url).searchParams;
      levelQueries.push(query);
      return HttpResponse.json(page([level()]));
    }),
  );
  return { levelQueries };
}

describe("the stock page", () => {
  it("issues from a row and shows a refusal for lack of available stock as the problem says", async () => {
    stockApi(["company.view", "stock.view", "stock.adjust"]);
    const posts: unknown[] = [];
    server.use(
      http.post("/api/inventory/issues/", async ({ request }) => {
        posts.push(await request.json());
        expect(request.headers.get("Idempotency-Key")).toBeTruthy();
        return problem(409, "insufficient_stock", { detail: "45 wanted, 30 available." });
      }),
    );
    const user = userEvent.setup({ delay: null });
    renderRoute("tenant", "/inventory");

    const row = await screen.findByTestId("stock-row-6205-2RS-MAIN");
    expect(within(row).getByTestId("available-6205-2RS-MAIN")).toHaveTextContent("30 pcs");
    expect(screen.getByTestId("reorder-alert")).toHaveTextContent("1");

    await user.click(within(row).getByTestId("stock-move-6205-2RS-MAIN"));
    await user.click(await screen.findByTestId("stock-move-6205-2RS-MAIN-issue"));
    const modal = await screen.findByTestId("movement-modal");
    expect(modal).toHaveAttribute("data-kind", "issue");
    expect(await within(modal).findByTestId("movement-available")).toHaveTextContent("30 pcs available");
    await user.click(within(modal).getByTestId("movement-quantity"));
    await user.paste("45");
    await user.click(within(modal).getByTestId("movement-reference"));
    await user.paste("JOB-7");
    expect(await within(modal).findByText(/the movement will be refused/)).toBeInTheDocument();
    await user.click(screen.getByTestId("movement-submit"));

    const error = await within(modal).findByTestId("form-error");
    expect(error).toHaveTextContent("Not enough stock available");
    expect(within(modal).getByTestId("movement-error")).toHaveAttribute("data-problem-code", "insufficient_stock");
    expect(posts).toEqual([{ item_id: BEARING.id, warehouse_id: MAIN.id, quantity: "45", reference: "JOB-7" }]);
  });

  it("lists the items below their reorder point, and offers no movements without stock.adjust", async () => {
    const { levelQueries } = stockApi(["company.view", "stock.view"]);
    const user = userEvent.setup({ delay: null });
    renderRoute("tenant", "/inventory?warehouse=2&q=bear");

    await screen.findByTestId("stock-table");
    expect(levelQueries.at(-1)?.get("warehouse_id")).toBe(String(EAST.id));
    expect(levelQueries.at(-1)?.get("search")).toBe("bear");
    expect(screen.queryByTestId("stock-receive")).not.toBeInTheDocument();
    expect(screen.queryByTestId("stock-move-6205-2RS-MAIN")).not.toBeInTheDocument();

    await user.click(screen.getByTestId("stock-below-reorder"));
    const table = await screen.findByTestId("reorder-table");
    expect(within(table).getByTestId("shortfall-6205-2RS")).toHaveTextContent("20 pcs");
    await waitFor(() => expect(screen.queryByTestId("stock-table")).not.toBeInTheDocument());
  });
});
