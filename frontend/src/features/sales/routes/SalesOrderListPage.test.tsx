import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import { page } from "@/test/fixtures";
import { makeMe, renderRoute } from "@/test/render";
import { server } from "@/test/server";
import type { SalesOrderSummary } from "../api/salesOrders";
import type { WorkOrder } from "../api/workOrders";
import { salesOrder, SUPPLIER } from "../test/fixtures";

function summary(overrides: Partial<SalesOrderSummary> = {}): SalesOrderSummary {
  const { lines: _lines, ...order } = salesOrder();
  return { ...order, line_count: 2, ...overrides } as SalesOrderSummary;
}

const WORK_ORDER: WorkOrder = {
  id: 71,
  number: "WO-000071",
  order_id: 31,
  order_number: "SO-000031",
  customer_name: "Acme Trading",
  line_no: 2,
  sku: "SEAL-40",
  description: "Oil seal",
  unit: "pcs",
  quantity: "3.0000",
  due_date: "2026-06-20",
  status: "open",
  created_at: "2026-06-02T02:00:00Z",
  started_at: null,
  completed_at: null,
};

describe("the sales order list", () => {
  it("filters by status and source on the server and points at orders waiting for an answer", async () => {
    const queries: string[] = [];
    server.use(
      http.get("/api/me/", () => HttpResponse.json(makeMe({ permissions: SUPPLIER, roles: ["sales"] }))),
      http.get("/api/sales-orders/", ({ request }) => {
        const params = new URL(request.url).searchParams;
        if (params.get("page_size") === "1") return HttpResponse.json({ ...page([summary()]), count: 2 });
        queries.push(params.toString());
        return HttpResponse.json(page([summary(), summary({ id: 32, number: "SO-000032", source: "manual" })]));
      }),
    );
    const user = userEvent.setup({ delay: null });
    renderRoute("tenant", "/sales-orders");

    expect(await screen.findByTestId("so-row-31")).toHaveTextContent("Acme Trading");
    expect(screen.getByTestId("so-status-31")).toHaveTextContent("Awaiting acceptance");
    expect(within(screen.getByTestId("so-row-32")).getByTestId("so-source")).toHaveTextContent("Entered by hand");
    expect(screen.getByTestId("so-new")).toBeInTheDocument();
    expect(await screen.findByTestId("so-awaiting-hint")).toHaveTextContent("2 orders are waiting for your answer.");

    await user.click(screen.getByTestId("so-show-awaiting"));
    await waitFor(() => expect(queries.at(-1)).toContain("status=awaiting_acceptance"));
    expect(screen.queryByTestId("so-awaiting-hint")).not.toBeInTheDocument();
    await user.click(within(screen.getByTestId("so-source-filter")).getByText("Entered by hand"));
    await waitFor(() => expect(queries.at(-1)).toBe("page=1&page_size=20&status=awaiting_acceptance&source=manual"));
  });

  it("lists work orders in a tab and starts one", async () => {
    let started = false;
    server.use(
      http.get("/api/me/", () => HttpResponse.json(makeMe({ permissions: SUPPLIER, roles: ["sales"] }))),
      http.get("/api/work-orders/", () =>
        HttpResponse.json(page([{ ...WORK_ORDER, status: started ? "in_progress" : "open" }])),
      ),
      http.post("/api/work-orders/71/start/", () => {
        started = true;
        return HttpResponse.json({ ...WORK_ORDER, status: "in_progress" });
      }),
    );
    const user = userEvent.setup({ delay: null });
    renderRoute("tenant", "/sales-orders?tab=work-orders");

    const row = await screen.findByTestId("work-order-row-WO-000071");
    expect(row).toHaveTextContent("SO-000031");
    expect(within(row).queryByTestId("work-order-complete-WO-000071")).not.toBeInTheDocument(); // needs stock.adjust
    await user.click(within(row).getByTestId("work-order-start-WO-000071"));
    await waitFor(() => expect(started).toBe(true));
  });
});
