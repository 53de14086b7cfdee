import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { http, HttpResponse } from "msw";
import { describe, expect, it, vi } from "vitest";
import { page, problem } from "@/test/fixtures";
import { makeMe, renderRoute } from "@/test/render";
import { server } from "@/test/server";

// jsdom has no canvas: drawing the chart is ECharts' business, not this page's.
vi.mock("../components/PlanChart", () => ({
  default: ({
    totals,
  }: {
    totals: { week: string; forecast_quantity: string; committed_quantity: string | null }[];
  }) => (
    <div data-testid="planning-chart">
      {totals.map((w) => `${w.week}:${w.forecast_quantity}/${w.committed_quantity ?? "-"}`).join(" ")}
    </div>
  ),
}));

const WEEKS = ["2026-W50", "2026-W51"];

function cell(week: string, forecast: string, committed: string | null, flagged = false, order = "") {
  const deviation = committed === null ? null : (Number(committed) - Number(forecast)).toFixed(4);
  return {
    week,
    forecast_quantity: forecast,
    committed_quantity: committed,
    deviation_quantity: deviation,
    deviation_percent:
      deviation === null || Number(forecast) === 0 ? null : ((Number(deviation) * 100) / Number(forecast)).toFixed(2),
    flagged,
    sales_order_number: order,
  };
}

function forecast(side: "buyer" | "supplier", committed: boolean) {
  return {
    id: 7,
    key: "5f0c2a52-1111-4c1e-9c55-7d3a1b2c3d4e",
    side,
    title: "Bearings Q1",
    partner_company_id: 3,
    partner_name: side === "buyer" ? "Wuxi Bearings" : "Huaxia Machinery",
    start_week: WEEKS[0],
    weeks: 2,
    tolerance_percent: "10.00",
    current_version: 1,
    latest_commitment_number: committed ? 1 : null,
    flagged_count: committed ? 1 : null,
    created_at: "2026-12-01T08:00:00Z",
    updated_at: "2026-12-02T08:00:00Z",
    plan: {
      version: 1,
      commitment_id: committed ? 11 : null,
      commitment_number: committed ? 1 : null,
      tolerance_percent: "10.00",
      weeks: WEEKS,
      rows: [
        {
          sku: "BRG-6205",
          supplier_sku: "",
          description: "Ball bearing 6205",
          unit: "pcs",
          cells: [
            cell(WEEKS[0]!, "100.0000", committed ? "100.0000" : null),
            cell(WEEKS[1]!, "120.0000", committed ? "90.0000" : null, committed),
          ],
        },
      ],
      totals: [
        { week: WEEKS[0], forecast_quantity: "100.0000", committed_quantity: committed ? "100.0000" : null },
        { week: WEEKS[1], forecast_quantity: "120.0000", committed_quantity: committed ? "90.0000" : null },
      ],
    },
  };
}

function serve(
  side: "buyer" | "supplier",
  committed: boolean,
  permissions = ["company.view", "supplychain.view", "supplychain.manage", "so.manage"],
  preferred_language: "en" | "zh-hans" = "en",
) {
  const posted: { url: string; body: unknown }[] = [];
  const detail = forecast(side, committed);
  server.use(
    http.get("/api/me/", () => HttpResponse.json(makeMe({ permissions, preferred_language }))),
    http.get("/api/supplychain/forecasts/", ({ request }) => {
      const wanted = new URL(request.url).searchParams.get("side");
      const { plan: _plan, ...summary } = detail;
      return HttpResponse.json(page(wanted === side ? [summary] : []));
    }),
    http.get("/api/supplychain/forecasts/7/", () => HttpResponse.json(detail)),
    http.get("/api/supplychain/forecasts/7/versions/", () =>
      HttpResponse.json(
        page([
          {
            number: 1,
            source: "entered",
            start_week: WEEKS[0],
            weeks: 2,
            tolerance_percent: "10.00",
            note: "",
            document_id: null,
            published_by: "owner@huaxia.test",
            published_at: "2026-12-01T08:00:00Z",
            line_count: 2,
            total_quantity: "220.0000",
          },
        ]),
      ),
    ),
    http.get("/api/supplychain/forecasts/7/commitments/", () =>
      HttpResponse.json(
        page(
          committed
            ? [
                {
                  id: 11,
                  forecast_id: 7,
                  number: 1,
                  version: 1,
                  note: "",
                  flagged_count: 1,
                  document_id: null,
                  committed_by: "Wuxi Bearings",
                  committed_at: "2026-12-03T08:00:00Z",
                },
              ]
            : [],
        ),
      ),
    ),
    http.get("/api/trading-partners/", () =>
      HttpResponse.json(
        page([{ id: 3, name: "Wuxi Bearings", slug: "wuxi", country: "CN", since: "2026-01-01T00:00:00Z" }]),
      ),
    ),
    http.post("/api/supplychain/forecasts/7/versions/", async ({ request }) => {
      const body = (await request.json()) as { lines: { quantity: string }[] };
      posted.push({ url: "versions", body });
      if (body.lines.some((line) => Number(line.quantity) < 0))
        return problem(400, "validation_error", {
          errors: { "lines.1.quantity": ["The quantity cannot be negative."] },
        });
      return HttpResponse.json({ number: 2, lines: [] }, { status: 201 });
    }),
    http.post("/api/supplychain/forecast-commitments/11/schedule/", async ({ request }) => {
      posted.push({ url: "schedule", body: await request.json() });
      if (posted.filter((p) => p.url === "schedule").length > 1) return problem(409, "commitment_already_scheduled");
      return HttpResponse.json(
        {
          commitment_id: 11,
          orders: [{ sales_order_id: 5, number: "SO-000005", requested_date: "2026-12-07", line_count: 1 }],
        },
        { status: 201 },
      );
    }),
  );
  return posted;
}

describe("forecasts list", () => {
  it("lists published forecasts with their deviations and switches to received ones", async () => {
    serve("supplier", true);
    renderRoute("tenant", "/supply-chain/forecasts");
    const table = await screen.findByTestId("forecasts-table");
    expect(await within(table).findByText("No forecasts yet.")).toBeInTheDocument();
    await userEvent.click(screen.getByText("Received"));
    expect(await within(screen.getByTestId("forecasts-table")).findByText("Bearings Q1")).toBeInTheDocument();
    expect(screen.getByTestId("flagged-7")).toHaveTextContent("1 deviation");
  });

  it("in Chinese too", async () => {
    serve("buyer", false, undefined, "zh-hans");
    renderRoute("tenant", "/supply-chain/forecasts", { language: "zh-CN" });
    expect(await screen.findByText("预测与承诺")).toBeInTheDocument();
    expect(await within(await screen.findByTestId("forecasts-table")).findByText("尚未承诺")).toBeInTheDocument();
  });
});

describe("a forecast", () => {
  it("shows forecast vs committed per week with the deviation beyond tolerance highlighted, and the chart", async () => {
    serve("buyer", true);
    renderRoute("tenant", "/supply-chain/forecasts/7");
    const grid = await screen.findByTestId("plan-grid");
    const flagged = within(grid).getByTestId(`plan-BRG-6205-${WEEKS[1]}`);
    expect(flagged).toHaveAttribute("data-flagged", "true");
    expect(flagged).toHaveTextContent("-25.00%");
    expect(within(grid).getByTestId(`plan-BRG-6205-${WEEKS[0]}`)).toHaveAttribute("data-flagged", "false");
    expect(await screen.findByTestId("planning-chart")).toHaveTextContent(`${WEEKS[1]}:120.0000/90.0000`);
    expect(screen.getByTestId("forecast-flagged")).toHaveTextContent("1 deviation");
  });

  it("publishes a new version from the week grid and shows a refused cell on its cell", async () => {
    const posted = serve("buyer", false);
    renderRoute("tenant", "/supply-chain/forecasts/7");
    await screen.findByTestId("plan-grid");
    await userEvent.click(screen.getByText("Publish a version"));
    const input = await screen.findByTestId(`cell-BRG-6205-${WEEKS[1]}`);
    fireEvent.change(input, { target: { value: "-5" } });
    await userEvent.click(screen.getByTestId("publish-submit"));
    expect(await screen.findByTestId("grid-error")).toHaveTextContent("The quantity cannot be negative.");
    await waitFor(() =>
      expect(screen.getByTestId(`cell-BRG-6205-${WEEKS[1]}`).closest(".ant-input-status-error")).not.toBeNull(),
    );
    expect(posted[0]?.body).toEqual({
      lines: [
        { sku: "BRG-6205", week: WEEKS[0], quantity: "100" },
        { sku: "BRG-6205", week: WEEKS[1], quantity: "-5" },
      ],
    });
    fireEvent.change(screen.getByTestId(`cell-BRG-6205-${WEEKS[1]}`), { target: { value: "130" } });
    await userEvent.click(screen.getByTestId("publish-submit"));
    await waitFor(() => expect(posted).toHaveLength(2));
    await waitFor(() => expect(screen.queryByTestId("grid-error")).not.toBeInTheDocument());
  });

  it("lets the supplier schedule sales orders from the newest commitment once", async () => {
    const posted = serve("supplier", true);
    renderRoute("tenant", "/supply-chain/forecasts/7");
    await screen.findByTestId("plan-grid");
    await userEvent.click(screen.getByRole("tab", { name: "Commitments" }));
    await userEvent.click(await screen.findByTestId("schedule-1"));
    await waitFor(() => expect(posted.filter((p) => p.url === "schedule")).toHaveLength(1));
    expect(await screen.findByText(/SO-000005/)).toBeInTheDocument();
    await userEvent.click(screen.getByTestId("schedule-1"));
    expect(await screen.findByTestId("schedule-error")).toHaveTextContent(
      "Every committed week of this commitment already has its sales order.",
    );
    expect(screen.queryByText("Publish a version")).not.toBeInTheDocument();
  });

  it("offers no writes to a member who may only view", async () => {
    serve("supplier", true, ["company.view", "supplychain.view"]);
    renderRoute("tenant", "/supply-chain/forecasts/7");
    await screen.findByTestId("plan-grid");
    expect(screen.queryByRole("tab", { name: "Commit" })).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole("tab", { name: "Commitments" }));
    await screen.findByTestId("commitments-table");
    expect(screen.queryByTestId("schedule-1")).not.toBeInTheDocument();
  });
});
