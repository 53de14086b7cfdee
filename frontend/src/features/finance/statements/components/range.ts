/** The range a statement page shows: whole months, an optional comparative range, and the labels' language. */
import dayjs, { type Dayjs } from "dayjs";
import { useCallback, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { currentLanguage } from "@/lib/i18n";
import type { RangeQuery, StatementLang } from "../api/statements";

export type MonthRange = [Dayjs, Dayjs];

export function monthRangeDates(range: MonthRange): { date_from: string; date_to: string } {
  return {
    date_from: range[0].startOf("month").format("YYYY-MM-DD"),
    date_to: range[1].endOf("month").format("YYYY-MM-DD"),
  };
}

/** The month before a range of the same length (the usual comparative). */
export function previousRange(range: MonthRange): MonthRange {
  const months = range[1].diff(range[0], "month") + 1;
  return [range[0].subtract(months, "month"), range[1].subtract(months, "month")];
}

export interface RangeState {
  range: MonthRange;
  setRange: (range: MonthRange) => void;
  compare: MonthRange | null;
  setCompare: (range: MonthRange | null) => void;
  lang: StatementLang;
  setLang: (lang: StatementLang) => void;
  query: RangeQuery;
}

export function useRangeState(initial: MonthRange = [dayjs().startOf("month"), dayjs().startOf("month")]): RangeState {
  const { i18n } = useTranslation();
  const appLanguage = currentLanguage(i18n);
  const [range, setRange] = useState<MonthRange>(initial);
  const [compare, setCompare] = useState<MonthRange | null>(null);
  // The labels follow the app's language; the toggle overrides it on this page until the app's changes.
  const [override, setOverride] = useState<{ app: StatementLang; lang: StatementLang } | null>(null);
  const lang = override && override.app === appLanguage ? override.lang : appLanguage;
  const setLang = useCallback((value: StatementLang) => setOverride({ app: appLanguage, lang: value }), [appLanguage]);
  const query = useMemo<RangeQuery>(() => {
    const base = monthRangeDates(range);
    if (!compare) return { ...base, lang };
    const other = monthRangeDates(compare);
    return { ...base, compare_date_from: other.date_from, compare_date_to: other.date_to, lang };
  }, [range, compare, lang]);
  return { range, setRange, compare, setCompare, lang, setLang, query };
}

export function formatFigure(value: string | null | undefined, language: string): string {
  if (value === null || value === undefined || value === "") return "";
  const number = Number(value);
  if (!Number.isFinite(number)) return value;
  return new Intl.NumberFormat(language, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(number);
}
