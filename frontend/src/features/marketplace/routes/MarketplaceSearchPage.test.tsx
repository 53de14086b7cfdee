import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import { problem } from "@/test/fixtures";
import { CATEGORY_TREE, searchPage } from "@/test/marketplace";
import { renderRoute } from "@/test/render";
import { server } from "@/test/server";

function answers(page = searchPage()) {
  const queries: string[] = [];
  server.use(
    http.get("/api/me/", () => HttpResponse.json({ detail: "no" }, { status: 401 })),
    http.get("/api/marketplace/categories/", () => HttpResponse.json(CATEGORY_TREE)),
    http.get("/api/marketplace/search/", ({ request }) => {
      queries.push(new URL(request.url).searchParams.toString());
      return HttpResponse.json(page);
    }),
  );
  return queries;
}

describe("marketplace search (public host)", () => {
  it("shows results with facet counts, hides prices from visitors, and filters on the server", async () => {
    const hidden = searchPage({ prices_visible: false });
    hidden.results = hidden.results.map((r) => ({ ...r, base_price: null }));
    const queries = answers(hidden);
    const user = userEvent.setup({ delay: null });
    const { router } = renderRoute("public", "/marketplace?q=%E8%BD%B4%E6%89%BF");

    const result = await screen.findByTestId("search-result-11");
    expect(result).toHaveTextContent("Deep groove ball bearing 6205-2RS");
    expect(result).toHaveTextContent("Suzhou Precision Bearings");
    expect(within(result).getByTestId("verified-badge")).toBeInTheDocument();
    expect(within(result).getByTestId("price-hidden")).toHaveTextContent("Sign in to see prices");
    expect(screen.getByTestId("prices-hint")).toBeInTheDocument();
    expect(screen.getByTestId("search-count")).toHaveTextContent("Results: 2");
    expect(screen.getByTestId("filter-availability-in_stock").closest("label")).toHaveTextContent("In stock (1)");
    expect(screen.getByTestId("category-facet-10")).toHaveTextContent("Machinery parts (2)");
    expect(queries[0]).toBe("q=%E8%BD%B4%E6%89%BF");

    // An option of a facet applies at once; the address bar keeps the search.
    await user.click(screen.getByTestId("filter-availability-in_stock"));
    await waitFor(() => expect(queries.at(-1)).toBe("q=%E8%BD%B4%E6%89%BF&availability=in_stock"));
    expect(router.state.location.search).toBe("?q=%E8%BD%B4%E6%89%BF&availability=in_stock");

    // A typed filter applies with the button.
    await user.type(screen.getByTestId("filter-lead-time-max"), "7");
    await user.click(screen.getByTestId("filters-apply"));
    await waitFor(() => expect(queries.at(-1)).toContain("lead_time_max=7"));
  });

  it("says when nothing matches", async () => {
    answers(searchPage({ count: 0, results: [] }));
    renderRoute("public", "/marketplace?q=nothing");
    expect(await screen.findByTestId("empty")).toHaveTextContent("Nothing found for “nothing”");
  });

  it("puts the API's refusal into words", async () => {
    server.use(
      http.get("/api/me/", () => HttpResponse.json({ detail: "no" }, { status: 401 })),
      http.get("/api/marketplace/categories/", () => HttpResponse.json(CATEGORY_TREE)),
      http.get("/api/marketplace/search/", () => problem(429, "throttled")),
    );
    renderRoute("public", "/marketplace", { language: "zh-CN" });
    const error = await screen.findByTestId("error-state");
    expect(error).toHaveAttribute("data-problem-code", "throttled");
    expect(error).toHaveTextContent("请求过于频繁");
  });

  it("finds suppliers with the same words on its own tab", async () => {
    const productQueries = answers();
    const supplierQueries: string[] = [];
    server.use(
      http.get("/api/marketplace/suppliers/", ({ request }) => {
        supplierQueries.push(new URL(request.url).searchParams.toString());
        return HttpResponse.json({
          count: 1,
          next: null,
          previous: null,
          results: [
            {
              id: 7,
              display_name_en: "Suzhou Precision Bearings",
              display_name_zh: "苏州精密轴承",
              country: "CN",
              role: "supplier",
              verified: true,
              rating: null,
              rating_count: 0,
              reputation: "4.200",
              categories: [{ code: "10.01", name_en: "Bearings", name_zh: "轴承" }],
              regions_served: ["CN"],
              valid_certifications: ["ISO 9001"],
            },
          ],
        });
      }),
    );
    const user = userEvent.setup({ delay: null });
    renderRoute("public", "/marketplace?tab=suppliers&q=bearing", { language: "zh-CN" });
    const card = await screen.findByTestId("supplier-result-7");
    expect(card).toHaveTextContent("苏州精密轴承");
    expect(card).toHaveTextContent("ISO 9001");
    expect(within(card).getByTestId("supplier-rating")).toHaveTextContent("4.2");
    expect(supplierQueries[0]).toBe("q=bearing&page_size=20");
    expect(productQueries).toEqual([]);
    await user.click(screen.getByTestId("supplier-filter-verified"));
    await waitFor(() => expect(supplierQueries.at(-1)).toBe("q=bearing&verified=true&page_size=20"));
  });
});
