/**
 * The search as the address bar keeps it (`/marketplace?q=轴承&category=10.01&page=2`), so a search
 * can be bookmarked, shared and gone back to. Unknown or malformed parameters are dropped rather than
 * sent to the API (which would answer 400 for them).
 */
import type { SearchQuery, SearchSort } from "../api/search";

export const SORTS: readonly SearchSort[] = ["relevance", "price", "-price", "lead_time", "rating", "newest"];
export const PAGE_SIZES = [20, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = 20;

const DECIMAL = /^\d{1,11}(\.\d{1,4})?$/;
const CURRENCY = /^[A-Z]{3}$/;
const TEXT_KEYS = ["q", "category", "region", "certification"] as const;
const DECIMAL_KEYS = ["price_min", "price_max", "moq_max"] as const;

function positiveInt(value: string | null, max: number): number | undefined {
  if (value === null || !/^\d+$/.test(value)) return undefined;
  const number = Number(value);
  return number >= 1 && number <= max ? number : undefined;
}

export function parseSearch(params: URLSearchParams): SearchQuery {
  const query: SearchQuery = {};
  for (const key of TEXT_KEYS) {
    const value = params.get(key)?.trim();
    if (value) query[key] = value.slice(0, key === "q" ? 200 : 60);
  }
  for (const key of DECIMAL_KEYS) {
    const value = params.get(key)?.trim();
    if (value && DECIMAL.test(value)) query[key] = value;
  }
  const currency = params.get("currency")?.trim().toUpperCase();
  if (currency && CURRENCY.test(currency)) query.currency = currency;
  const leadTime = params.get("lead_time_max");
  if (leadTime !== null && /^\d+$/.test(leadTime) && Number(leadTime) <= 365) query.lead_time_max = Number(leadTime);
  const availability = params.get("availability");
  if (availability === "in_stock" || availability === "made_to_order") query.availability = availability;
  if (params.get("verified") === "true") query.verified = true;
  const sort = params.get("sort") as SearchSort | null;
  if (sort && SORTS.includes(sort)) query.sort = sort;
  const page = positiveInt(params.get("page"), 10_000);
  if (page && page > 1) query.page = page;
  const size = positiveInt(params.get("page_size"), 100);
  if (size && (PAGE_SIZES as readonly number[]).includes(size) && size !== DEFAULT_PAGE_SIZE) query.page_size = size;
  return query;
}

export function toSearchParams(query: SearchQuery): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === "" || value === false) continue;
    if (key === "page" && value === 1) continue;
    params.set(key, String(value));
  }
  return params;
}

/** The same search with some filters changed; any change of filters starts again at page 1. */
export function withFilters(query: SearchQuery, changes: Partial<SearchQuery>): SearchQuery {
  const merged: SearchQuery = { ...query, ...changes };
  if (!("page" in changes)) merged.page = undefined;
  return Object.fromEntries(
    Object.entries(merged).filter(
      ([, value]) => value !== undefined && value !== null && value !== "" && value !== false,
    ),
  ) as SearchQuery;
}

/** How many filters (not words, sort or page) the search has, for the "reset" button. */
export function activeFilterCount(query: SearchQuery): number {
  const ignored = new Set(["q", "sort", "page", "page_size", "supplier"]);
  return Object.keys(query).filter((key) => !ignored.has(key)).length;
}
