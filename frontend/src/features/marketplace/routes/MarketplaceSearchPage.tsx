import { Alert, Card, Col, Empty, Input, Pagination, Row, Select, Space, Tabs, Tag, Typography } from "antd";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { EmptyState, ErrorState, LoadingState } from "@/components/PageState";
import { categoryName } from "@/lib/categories";
import { currentLanguage } from "@/lib/i18n";
import { useMe } from "@/lib/me";
import { useListingSearch, type SearchFacets, type SearchQuery, type SearchSort } from "../api/search";
import type { SupplierQuery } from "../api/suppliers";
import { ListingResults } from "../components/ListingResults";
import { SearchFilters } from "../components/SearchFilters";
import { SupplierResults } from "../components/SupplierResults";
import {
  DEFAULT_PAGE_SIZE,
  PAGE_SIZES,
  parseSearch,
  SORTS,
  toSearchParams,
  withFilters,
} from "../components/searchParams";

/** Categories one level below the chosen one (or the top level), each with its number of matches. */
function CategoryChips({
  query,
  facets,
  onPick,
}: {
  query: SearchQuery;
  facets: SearchFacets;
  onPick: (code: string) => void;
}) {
  const { i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const current = query.category;
  const chips = facets.categories
    .filter((f) =>
      current ? f.code.startsWith(`${current}.`) && f.depth === current.split(".").length : f.depth === 0,
    )
    .slice(0, 12);
  if (chips.length === 0) return null;
  return (
    <Space size={[4, 8]} wrap data-testid="category-facets">
      {chips.map((chip) => (
        <Tag.CheckableTag
          key={chip.code}
          checked={false}
          onChange={() => onPick(chip.code)}
          data-testid={`category-facet-${chip.code}`}
          style={{ border: "1px solid #d9d9d9" }}
        >
          {categoryName(chip, language)} ({chip.count})
        </Tag.CheckableTag>
      ))}
    </Space>
  );
}

const SUPPLIER_SORTS = new Set(["relevance", "rating", "name"]);

/** The supplier directory's search, from the same address bar (words are shared with products). */
function supplierQuery(params: URLSearchParams): SupplierQuery {
  const query: SupplierQuery = {};
  for (const key of ["q", "category", "region", "certification"] as const) {
    const value = params.get(key)?.trim();
    if (value) query[key] = value;
  }
  if (params.get("verified") === "true") query.verified = true;
  const sort = params.get("sort");
  if (sort && SUPPLIER_SORTS.has(sort)) query.sort = sort as SupplierQuery["sort"];
  const page = Number(params.get("page"));
  if (Number.isInteger(page) && page > 1) query.page = page;
  return query;
}

export function MarketplaceSearchPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab = params.get("tab") === "suppliers" ? "suppliers" : "products";
  const query = useMemo(() => parseSearch(params), [params]);
  const suppliers = useMemo(() => supplierQuery(params), [params]);
  const search = useListingSearch(query, tab === "products");
  const me = useMe();
  const signedIn = Boolean(me.data);

  const go = (next: SearchQuery) => setParams(toSearchParams(next));
  const goSuppliers = (changes: Partial<SupplierQuery>) => {
    const next = new URLSearchParams({ tab: "suppliers" });
    for (const [key, value] of Object.entries({ ...suppliers, ...changes })) {
      if (value !== undefined && value !== false && value !== "") next.set(key, String(value));
    }
    setParams(next);
  };
  const update = (changes: Partial<SearchQuery>) => go(withFilters(query, changes));
  const data = search.data;
  const sort: SearchSort = query.sort ?? (query.q ? "relevance" : "newest");

  return (
    <Space direction="vertical" size="large" style={{ width: "100%" }} data-testid="marketplace-page">
      <div>
        <Typography.Title level={2} style={{ marginBottom: 4 }}>
          {t("marketplace.title")}
        </Typography.Title>
        <Typography.Text type="secondary">{t("marketplace.intro")}</Typography.Text>
      </div>
      <Input.Search
        key={query.q ?? ""}
        defaultValue={query.q ?? ""}
        size="large"
        enterButton={<span data-testid="search-submit">{t("marketplace.searchButton")}</span>}
        placeholder={t("marketplace.searchPlaceholder")}
        maxLength={200}
        allowClear
        data-testid="search-input"
        onSearch={(value) =>
          tab === "suppliers"
            ? goSuppliers({ q: value.trim() || undefined, page: undefined })
            : update({ q: value.trim() || undefined, sort: undefined })
        }
      />
      {tab === "products" && data && !data.prices_visible ? (
        <Alert
          type="info"
          showIcon
          data-testid="prices-hint"
          message={t("marketplace.pricesHidden")}
          action={
            signedIn ? undefined : (
              <Link to="/signin" data-testid="prices-signin">
                {t("nav.signIn")}
              </Link>
            )
          }
        />
      ) : null}
      <Tabs
        activeKey={tab}
        onChange={(key) =>
          setParams(
            key === "suppliers"
              ? { tab: "suppliers", ...(query.q ? { q: query.q } : {}) }
              : query.q
                ? { q: query.q }
                : {},
          )
        }
        items={[
          {
            key: "products",
            label: <span data-testid="tab-products">{t("marketplace.tabs.products")}</span>,
            children: (
              <Row gutter={[24, 24]}>
                <Col xs={24} md={8} lg={6}>
                  <Card size="small" title={t("marketplace.filters.title")}>
                    <SearchFilters query={query} facets={data?.facets} onChange={update} />
                  </Card>
                </Col>
                <Col xs={24} md={16} lg={18}>
                  <Card size="small">
                    {search.isPending ? (
                      <LoadingState rows={8} />
                    ) : search.isError ? (
                      <ErrorState error={search.error} onRetry={() => void search.refetch()} />
                    ) : data ? (
                      <Space direction="vertical" size="middle" style={{ width: "100%" }}>
                        <Space style={{ width: "100%", justifyContent: "space-between" }} wrap>
                          <Typography.Text data-testid="search-count">
                            {data.count_capped
                              ? t("marketplace.countCapped", { n: data.count })
                              : t("marketplace.count", { n: data.count })}
                          </Typography.Text>
                          <Space>
                            <Typography.Text type="secondary">{t("marketplace.sortBy")}</Typography.Text>
                            <Select<SearchSort>
                              data-testid="search-sort"
                              value={sort}
                              style={{ minWidth: 180 }}
                              onChange={(value) => update({ sort: value })}
                              options={SORTS.map((value) => ({ value, label: t(`marketplace.sort.${value}`) }))}
                            />
                          </Space>
                        </Space>
                        <CategoryChips
                          query={query}
                          facets={data.facets}
                          onPick={(code) => update({ category: code })}
                        />
                        {data.results.length === 0 ? (
                          <EmptyState
                            description={
                              query.q ? t("marketplace.noResultsFor", { q: query.q }) : t("marketplace.noResults")
                            }
                          />
                        ) : (
                          <ListingResults
                            listings={data.results}
                            loading={search.isFetching && search.isPlaceholderData}
                          />
                        )}
                        {data.count > (query.page_size ?? DEFAULT_PAGE_SIZE) ? (
                          <Pagination
                            data-testid="search-pagination"
                            align="end"
                            current={query.page ?? 1}
                            pageSize={query.page_size ?? DEFAULT_PAGE_SIZE}
                            total={data.count}
                            pageSizeOptions={PAGE_SIZES.map(String)}
                            showSizeChanger
                            onChange={(page, pageSize) =>
                              go({
                                ...query,
                                page,
                                page_size: pageSize === DEFAULT_PAGE_SIZE ? undefined : pageSize,
                              })
                            }
                          />
                        ) : null}
                      </Space>
                    ) : (
                      <Empty />
                    )}
                  </Card>
                </Col>
              </Row>
            ),
          },
          {
            key: "suppliers",
            label: <span data-testid="tab-suppliers">{t("marketplace.tabs.suppliers")}</span>,
            children: <SupplierResults query={suppliers} onChange={goSuppliers} />,
          },
        ]}
      />
    </Space>
  );
}

export { MarketplaceSearchPage as Component };
