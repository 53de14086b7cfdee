import { AutoComplete, Button, DatePicker, Select, Space } from "antd";
import { useTranslation } from "react-i18next";
import { dayjs } from "@/lib/dates";
import { currentLanguage } from "@/lib/i18n";
import type { EntryQuery } from "../api/entries";
import { useJournals } from "../api/journals";
import { usePeriods } from "../api/periods";
import { AccountSelect } from "./AccountSelect";
import { localizedJournal } from "./journal";

/** The entry list's filters as the page keeps them (in the address). */
export interface EntryFilterValues {
  journal: string | null;
  period: number | null;
  account: number | null;
  from: string | null;
  to: string | null;
  source: string;
}

export const NO_ENTRY_FILTERS: EntryFilterValues = {
  journal: null,
  period: null,
  account: null,
  from: null,
  to: null,
  source: "",
};

export function entryQuery(filters: EntryFilterValues): Omit<EntryQuery, "page" | "page_size"> {
  return {
    journal: filters.journal ?? undefined,
    period_id: filters.period ?? undefined,
    account_id: filters.account ?? undefined,
    date_from: filters.from ?? undefined,
    date_to: filters.to ?? undefined,
    source_kind: filters.source.trim() || undefined,
  };
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function positiveInt(value: string | null): number | null {
  return value && /^\d+$/.test(value) ? Number(value) : null;
}

export function entryFiltersFrom(params: URLSearchParams): EntryFilterValues {
  const from = params.get("from");
  const to = params.get("to");
  return {
    journal: params.get("journal") || null,
    period: positiveInt(params.get("period")),
    account: positiveInt(params.get("account")),
    from: from && DAY.test(from) ? from : null,
    to: to && DAY.test(to) ? to : null,
    source: params.get("source") ?? "",
  };
}

export function entryFilterParams(filters: EntryFilterValues): URLSearchParams {
  const next = new URLSearchParams();
  if (filters.journal) next.set("journal", filters.journal);
  if (filters.period !== null) next.set("period", String(filters.period));
  if (filters.account !== null) next.set("account", String(filters.account));
  if (filters.from) next.set("from", filters.from);
  if (filters.to) next.set("to", filters.to);
  if (filters.source) next.set("source", filters.source);
  return next;
}

export function EntryFilters({
  value,
  onChange,
}: {
  value: EntryFilterValues;
  onChange: (value: EntryFilterValues) => void;
}) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const journals = useJournals();
  const periods = usePeriods();
  const set = (patch: Partial<EntryFilterValues>) => onChange({ ...value, ...patch });
  const any = JSON.stringify(value) !== JSON.stringify(NO_ENTRY_FILTERS);
  return (
    <Space wrap size="middle" style={{ marginBottom: 16 }} data-testid="entry-filters">
      <Select<string>
        allowClear
        value={value.journal ?? undefined}
        onChange={(next) => set({ journal: next ?? null })}
        placeholder={t("finance.books.entries.allJournals")}
        style={{ minWidth: 160 }}
        data-testid="entry-filter-journal"
        options={(journals.data ?? []).map((journal) => ({
          value: journal.code,
          label: `${journal.code} ${localizedJournal(journal, language)}`,
        }))}
      />
      <Select<number>
        allowClear
        showSearch
        optionFilterProp="label"
        value={value.period ?? undefined}
        onChange={(next) => set({ period: next ?? null })}
        placeholder={t("finance.books.entries.allPeriods")}
        style={{ minWidth: 130 }}
        data-testid="entry-filter-period"
        options={[...(periods.data ?? [])].reverse().map((period) => ({ value: period.id, label: period.label }))}
      />
      <AccountSelect
        postable={false}
        value={value.account}
        onChange={(next) => set({ account: next })}
        placeholder={t("finance.books.entries.allAccounts")}
        style={{ minWidth: 220 }}
        data-testid="entry-filter-account"
      />
      <DatePicker.RangePicker
        allowEmpty={[true, true]}
        value={[value.from ? dayjs(value.from) : null, value.to ? dayjs(value.to) : null]}
        onChange={(range) =>
          set({
            from: range?.[0] ? range[0].format("YYYY-MM-DD") : null,
            to: range?.[1] ? range[1].format("YYYY-MM-DD") : null,
          })
        }
        data-testid="entry-filter-range"
      />
      <AutoComplete
        allowClear
        value={value.source}
        onChange={(next: string | undefined) => set({ source: next ?? "" })}
        placeholder={t("finance.books.entries.source")}
        style={{ width: 180 }}
        data-testid="entry-filter-source"
        options={[
          { value: "manual", label: t("finance.books.entries.sourceManual") },
          { value: "reversal", label: t("finance.books.entries.sourceReversal") },
        ]}
      />
      {any ? (
        <Button onClick={() => onChange(NO_ENTRY_FILTERS)} data-testid="entry-filter-reset">
          {t("finance.books.entries.resetFilters")}
        </Button>
      ) : null}
    </Space>
  );
}
