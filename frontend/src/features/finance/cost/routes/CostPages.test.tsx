import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { http, HttpResponse } from "msw";
import { describe, expect, it, vi } from "vitest";
import { page } from "@/test/fixtures";
import { makeMe, renderRoute } from "@/test/render";
import { server } from "@/test/server";

// jsdom has no canvas: drawing the chart is ECharts' business, not this page's.
vi.mock("../components/CostTrendChart", () => ({ default: () => <div data-testid="cost-trend-chart" /> }));

const SETTINGS = {
  chart_template: "cas_small",
  functional_currency: "CNY",
  fiscal_year_start_month: 1,
  price_tolerance_percent: "2.00",
  quantity_tolerance_percent: "0.00",
  tax_id: "",
  default_vat_percent: "13.00",
};

function margin(key: string, id: number, name: string, revenue: string, cogs: string, logistics: string) {
  const value = (Number(revenue) - Number(cogs) - Number(logistics)).toFixed(2);
  return {
    key,
    id,
    name,
    shipped_quantity: "6.0000",
    revenue,
    invoiced: "0.00",
    cogs,
    logistics,
    margin: value,
    margin_percent: ((Number(value) * 100) / Number(revenue)).toFixed(2),
  };
}

function serve(
  permissions = ["company.view", "finance.view", "finance.post"],
  preferred_language: "en" | "zh-hans" = "en",
) {
  const seen: string[] = [];
  server.use(
    http.get("/api/me/", () => HttpResponse.json(makeMe({ permissions, preferred_language }))),
    http.get("/api/finance/settings/", () => HttpResponse.json(SETTINGS)),
    http.get("/api/finance/cost/margins/", ({ request }) => {
      const by = new URL(request.url).searchParams.get("by") ?? "order";
      seen.push(by);
      return HttpResponse.json(
        by === "customer"
          ? page([margin("Walk-in Trading Co.", 3, "Walk-in Trading Co.", "204.00", "80.00", "15.00")])
          : page([
              margin("SO-000001", 11, "Walk-in Trading Co.", "144.00", "60.00", "15.00"),
              margin("SO-000002", 12, "Harbour Tools", "60.00", "20.00", "0.00"),
            ]),
      );
    }),
    http.get("/api/finance/cost/report/", () =>
      HttpResponse.json({
        currency: "CNY",
        months: Array.from({ length: 12 }, (_, index) => ({
          month: `2026-${String(index + 1).padStart(2, "0")}`,
          purchase: index === 11 ? "100.00" : "0.00",
          landed: index === 11 ? "24.00" : "0.00",
          purchase_total: index === 11 ? "124.00" : "0.00",
          production: "0.00",
          materials: "0.00",
          logistics: index === 11 ? "15.00" : "0.00",
          cogs: index === 11 ? "80.00" : "0.00",
        })),
      }),
    ),
  );
  return seen;
}

describe("margins", () => {
  it("shows the margin of each sales order and switches to customers", async () => {
    const seen = serve();
    renderRoute("tenant", "/finance/cost/margins");
    const table = await screen.findByTestId("margins-table");
    const first = await within(table).findByText("SO-000001");
    const row = first.closest("tr") as HTMLElement;
    expect(within(row).getByText("Walk-in Trading Co.")).toBeInTheDocument();
    expect(within(row).getByText("47.92%")).toBeInTheDocument();
    expect(within(row).getByText(/69\.00/)).toBeInTheDocument();
    expect(within(row).getByTestId("add-logistics")).toBeInTheDocument();

    await userEvent.click(screen.getByText("Per customer"));
    await waitFor(() => expect(seen).toContain("customer"));
    expect(await within(screen.getByTestId("margins-table")).findByText(/109\.00/)).toBeInTheDocument();
    expect(screen.queryByTestId("add-logistics")).not.toBeInTheDocument();
  });

  it("offers no logistics entry to a member who may only read the books", async () => {
    serve(["company.view", "finance.view"]);
    renderRoute("tenant", "/finance/cost/margins");
    await within(await screen.findByTestId("margins-table")).findByText("SO-000001");
    expect(screen.queryByTestId("add-logistics")).not.toBeInTheDocument();
  });
});

describe("cost report", () => {
  it("shows twelve months with the trend chart, in Chinese too", async () => {
    serve(undefined, "zh-hans");
    renderRoute("tenant", "/finance/cost/report", { language: "zh-CN" });
    expect(await screen.findByTestId("cost-trend-chart")).toBeInTheDocument();
    const table = screen.getByTestId("cost-report-table");
    expect(await within(table).findByText("采购成本")).toBeInTheDocument();
    const last = within(table).getByText("2026-12").closest("tr") as HTMLElement;
    expect(within(last).getByText(/124\.00/)).toBeInTheDocument();
    expect(within(last).getByText(/80\.00/)).toBeInTheDocument();
    expect(within(table).getAllByRole("row")).toHaveLength(13);
  });
});

describe("item costs", () => {
  it("lists the moving average per warehouse and opens an item's cost movements", async () => {
    serve();
    const asked: string[] = [];
    server.use(
      http.get("/api/finance/cost/items/", () =>
        HttpResponse.json(
          page([
            {
              id: 1,
              item_id: 7,
              sku: "BRG-6204",
              name: "Ball bearing 6204",
              unit: "pcs",
              warehouse_id: 2,
              warehouse_code: "MAIN",
              quantity: "15.0000",
              value: "172.50",
              average: "11.5000",
              updated_at: "2026-12-06T08:00:00Z",
            },
          ]),
        ),
      ),
      http.get("/api/finance/cost/movements/", ({ request }) => {
        asked.push(new URL(request.url).search);
        return HttpResponse.json(
          page([
            {
              id: 9,
              item_id: 7,
              warehouse_id: 2,
              kind: "issue",
              quantity: "-5.0000",
              unit_cost: "11.5000",
              value: "-57.50",
              quantity_after: "15.0000",
              value_after: "172.50",
              source_kind: "shipment",
              source_id: "4",
              order_id: 3,
              reference: "SH-000004 SO-000003/1",
              occurred_at: "2026-12-06T08:00:00Z",
            },
          ]),
        );
      }),
    );
    renderRoute("tenant", "/finance/cost/items");
    const table = await screen.findByTestId("item-costs-table");
    await userEvent.click(await within(table).findByText("BRG-6204"));
    const movements = await screen.findByTestId("cost-movements");
    expect(await within(movements).findByText("SH-000004 SO-000003/1")).toBeInTheDocument();
    expect(within(movements).getByText("Shipment")).toBeInTheDocument();
    expect(asked[0]).toContain("item_id=7");
    expect(asked[0]).toContain("warehouse_id=2");
  });
});
