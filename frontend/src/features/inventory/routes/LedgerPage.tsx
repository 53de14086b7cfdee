import { Card, Space, Typography } from "antd";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { EmptyState, QueryView } from "@/components/PageState";
import { useItem } from "../api/item";
import { LEDGER_KINDS, useLedger, type LedgerKind } from "../api/ledger";
import { InventoryHeader } from "../components/InventoryHeader";
import { LedgerFilters, ledgerQuery, type LedgerFilterValues } from "../components/LedgerFilters";
import { LedgerTable } from "../components/LedgerTable";
import { useFilteredPage } from "../components/useFilteredPage";

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function positiveInt(value: string | null): number | null {
  return value && /^\d+$/.test(value) ? Number(value) : null;
}

function filtersFrom(params: URLSearchParams): LedgerFilterValues {
  const kind = params.get("kind");
  const from = params.get("from");
  const to = params.get("to");
  return {
    item: positiveInt(params.get("item")),
    warehouse: positiveInt(params.get("warehouse")),
    kind: LEDGER_KINDS.includes(kind as LedgerKind) ? (kind as LedgerKind) : null,
    from: from && DAY.test(from) ? from : null,
    to: to && DAY.test(to) ? to : null,
    reference: params.get("reference") ?? "",
  };
}

function paramsFrom(filters: LedgerFilterValues): URLSearchParams {
  const next = new URLSearchParams();
  if (filters.item !== null) next.set("item", String(filters.item));
  if (filters.warehouse !== null) next.set("warehouse", String(filters.warehouse));
  if (filters.kind) next.set("kind", filters.kind);
  if (filters.from) next.set("from", filters.from);
  if (filters.to) next.set("to", filters.to);
  if (filters.reference) next.set("reference", filters.reference);
  return next;
}

/**
 * `/inventory/ledger`: every stock movement, newest first and never changed (receipts, issues,
 * adjustments with their reason, transfers, reservations and releases). Filters by item, warehouse,
 * kind, days and reference live in the address, so a filtered ledger can be linked to.
 */
export function LedgerPage() {
  const { t } = useTranslation();
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = useMemo(() => filtersFrom(searchParams), [searchParams]);
  const filterKey = searchParams.toString();
  const [params, setParams] = useFilteredPage(filterKey);
  const item = useItem(filters.item);
  const ledger = useLedger({ ...params, ...ledgerQuery(filters) });
  const setFilters = (next: LedgerFilterValues) => setSearchParams(paramsFrom(next), { replace: true });
  const filtered = filterKey !== "";

  return (
    <Space direction="vertical" size="large" style={{ width: "100%" }} data-testid="ledger-page">
      <InventoryHeader intro={t("inventory.ledger.intro")} />
      <Card>
        <LedgerFilters value={filters} onChange={setFilters} item={item.data ?? null} />
        <QueryView
          query={ledger}
          isEmpty={(data) => data.count === 0}
          empty={
            <EmptyState description={filtered ? t("inventory.ledger.emptyFiltered") : t("inventory.ledger.empty")} />
          }
        >
          {(data) => (
            <>
              <Typography.Text type="secondary" data-testid="ledger-count">
                {t("inventory.ledger.count", { count: data.count })}
              </Typography.Text>
              <LedgerTable
                page={data}
                params={params}
                onPage={setParams}
                loading={ledger.isFetching && ledger.isPlaceholderData}
                onReference={(reference) => setFilters({ ...filters, reference })}
              />
            </>
          )}
        </QueryView>
      </Card>
    </Space>
  );
}

export { LedgerPage as Component };
