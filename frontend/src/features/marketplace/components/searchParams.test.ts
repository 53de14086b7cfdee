import { describe, expect, it } from "vitest";
import { activeFilterCount, parseSearch, toSearchParams, withFilters } from "./searchParams";

describe("the search in the address bar", () => {
  it("reads the parameters the API takes and drops malformed ones", () => {
    const query = parseSearch(
      new URLSearchParams(
        "q=深沟球轴承&category=10.01&price_min=1.5&price_max=abc&currency=cny&lead_time_max=900&availability=in_stock" +
          "&verified=true&sort=price&page=2&page_size=50&unknown=1",
      ),
    );
    expect(query).toEqual({
      q: "深沟球轴承",
      category: "10.01",
      price_min: "1.5",
      currency: "CNY",
      availability: "in_stock",
      verified: true,
      sort: "price",
      page: 2,
      page_size: 50,
    });
  });

  it("writes only what is set, and round-trips", () => {
    const params = toSearchParams({ q: "bearing", verified: false, page: 1, region: "CN-JS" });
    expect(params.toString()).toBe("q=bearing&region=CN-JS");
    expect(parseSearch(params)).toEqual({ q: "bearing", region: "CN-JS" });
  });

  it("starts again at page 1 when a filter changes and clears emptied filters", () => {
    const next = withFilters({ q: "bearing", page: 3, region: "CN" }, { region: undefined, moq_max: "500" });
    expect(next).toEqual({ q: "bearing", moq_max: "500" });
    expect(withFilters({ q: "x", page: 3 }, { page: 4 })).toEqual({ q: "x", page: 4 });
    expect(activeFilterCount({ q: "x", sort: "price", region: "CN", verified: true })).toBe(2);
  });
});
