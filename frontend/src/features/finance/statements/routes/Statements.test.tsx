import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { http, HttpResponse } from "msw";
import { describe, expect, it, vi } from "vitest";
import { page } from "@/test/fixtures";
import { makeMe, renderRoute } from "@/test/render";
import { server } from "@/test/server";

// jsdom has no canvas: the chart is ECharts' business, not this page's.
vi.mock("../components/FiguresChart", () => ({ default: () => <div data-testid="figures-chart" /> }));
// The browser's download is not this page's business: what it asks for is.
const downloads = vi.hoisted(() => ({ calls: [] as string[] }));
vi.mock("@/lib/files", () => ({
  downloadFile: (path: string) => {
    downloads.calls.push(path);
    return Promise.resolve();
  },
}));

const drill = (ids: number[], tag = "") => ({
  account_ids: ids,
  report_line: "",
  cash_flow_tag: tag,
  date_from: null,
  date_to: "2026-11-30",
});

function row(
  key: string,
  zh: string,
  en: string,
  kind: string,
  amount: string | null,
  compare: string | null,
  lang: string,
) {
  return {
    key,
    label: lang === "en" ? en : zh,
    label_zh: zh,
    label_en: en,
    kind,
    level: kind === "line" ? 1 : 0,
    period_amount: amount,
    compare_amount: compare,
    drill: kind === "line" ? drill([1, 2]) : null,
  };
}

function balanceSheet(lang: string, compare: boolean) {
  return {
    statement: "balance_sheet",
    title: lang === "en" ? "Balance sheet" : "资产负债表",
    title_zh: "资产负债表",
    title_en: "Balance sheet",
    currency: "CNY",
    period: { date_from: "2026-11-01", date_to: "2026-11-30", label: "2026-11" },
    compare: compare ? { date_from: "2026-10-01", date_to: "2026-10-31", label: "2026-10" } : null,
    rows: [
      row("section_current_assets", "流动资产", "Current assets", "heading", null, null, lang),
      row(
        "cash_and_equivalents",
        "货币资金",
        "Cash and cash equivalents",
        "line",
        "110700.00",
        compare ? "99500.00" : null,
        lang,
      ),
      row("total_assets", "资产总计", "Total assets", "total", "124000.00", compare ? "124100.00" : null, lang),
    ],
  };
}

const ENTRY = {
  id: 9,
  number: "GJ-2026-000007",
  journal: "GJ",
  period: "2026-11",
  period_id: 11,
  date: "2026-11-03",
  description: "Customer paid INV-7",
  source_kind: "manual",
  source_id: "",
  event_id: null,
  reversal_of_id: null,
  reversed_by_id: null,
  total: "22600.00",
  currency: "CNY",
  created_by: "Li Wei",
  created_at: "2026-11-03T08:00:00Z",
  lines: [],
};

function serve(seen: URL[]) {
  server.use(
    http.get("/api/me/", () => HttpResponse.json(makeMe({ permissions: ["finance.view"], roles: ["finance"] }))),
    http.get("/api/finance/statements/balance-sheet/", ({ request }) => {
      const url = new URL(request.url);
      seen.push(url);
      return HttpResponse.json(
        balanceSheet(url.searchParams.get("lang") ?? "zh-CN", url.searchParams.has("compare_date_from")),
      );
    }),
    http.get("/api/finance/statements/drilldown/", ({ request }) => {
      seen.push(new URL(request.url));
      return HttpResponse.json(page([ENTRY]));
    }),
  );
}

describe("finance statements", () => {
  it("shows the balance sheet, opens the entries behind a figure and switches the labels' language", async () => {
    const seen: URL[] = [];
    serve(seen);
    const user = userEvent.setup();
    renderRoute("tenant", "/finance/statements/balance-sheet");
    const table = await screen.findByTestId("statement-table");
    expect(await within(table).findByText("Cash and cash equivalents")).toBeInTheDocument();
    expect(screen.getByTestId("figure-total_assets")).toHaveTextContent("124,000.00");
    expect(seen[0]?.searchParams.get("lang")).toBe("en");

    await user.click(screen.getByTestId("figure-cash_and_equivalents"));
    expect(await screen.findByText("Customer paid INV-7")).toBeInTheDocument();
    const drilled = seen.find((url) => url.pathname.endsWith("/drilldown/"));
    expect(drilled?.searchParams.get("account_ids")).toBe("1,2");
    expect(drilled?.searchParams.get("date_to")).toBe("2026-11-30");
    expect(drilled?.searchParams.has("date_from")).toBe(false);

    await user.click(within(screen.getByTestId("statement-lang")).getByText("中文"));
    expect(await within(screen.getByTestId("statement-table")).findByText("货币资金")).toBeInTheDocument();
    expect(seen.at(-1)?.searchParams.get("lang")).toBe("zh-CN");
  });

  it("adds the comparative column when asked", async () => {
    const seen: URL[] = [];
    serve(seen);
    const user = userEvent.setup();
    renderRoute("tenant", "/finance/statements/balance-sheet");
    await screen.findByTestId("statement-table");
    await user.click(screen.getByTestId("statement-compare"));
    await waitFor(() => expect(screen.getByText("99,500.00")).toBeInTheDocument());
    const last = seen.at(-1);
    expect(last?.searchParams.get("compare_date_from")).toMatch(/^\d{4}-\d{2}-01$/);
  });

  it("exports the statement shown as XLSX and as PDF", async () => {
    serve([]);
    const user = userEvent.setup();
    renderRoute("tenant", "/finance/statements/balance-sheet");
    await screen.findByTestId("statement-table");
    await user.click(screen.getByTestId("export-pdf"));
    await user.click(screen.getByTestId("export-xlsx"));
    const [pdf, xlsx] = downloads.calls.map((path) => new URL(path, "http://x"));
    expect(pdf?.pathname).toBe("/api/finance/statements/export/");
    expect(pdf?.searchParams.get("report")).toBe("balance_sheet");
    expect(pdf?.searchParams.get("file_format")).toBe("pdf");
    expect(pdf?.searchParams.get("date_from")).toMatch(/^\d{4}-\d{2}-01$/);
    expect(xlsx?.searchParams.get("file_format")).toBe("xlsx");
  });

  it("lists the statements in the finance menu and opens the balance sheet by default", async () => {
    serve([]);
    const { router } = renderRoute("tenant", "/finance/statements");
    expect(await screen.findByTestId("statement-balance-sheet")).toBeInTheDocument();
    expect(router.state.location.pathname).toBe("/finance/statements/balance-sheet");
    expect(screen.getByRole("tab", { name: "Income statement" })).toBeInTheDocument();
  });
});
