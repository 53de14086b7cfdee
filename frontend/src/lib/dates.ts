/**
 * Dates in forms. The API speaks ISO strings (`2026-05-01`, `2026-05-01T08:00:00Z`); Ant Design's
 * pickers speak dayjs. These Form.Item props keep the form's values as the API's strings.
 */
import dayjs, { type Dayjs } from "dayjs";
import "dayjs/locale/zh-cn";
import type { AppLanguage } from "./i18n";

export { dayjs, type Dayjs };

/** A date-only field (`YYYY-MM-DD`). */
export const dateFieldProps = {
  getValueProps: (value: string | null | undefined) => ({ value: value ? dayjs(value) : undefined }),
  normalize: (value: Dayjs | null | undefined) => (value ? value.format("YYYY-MM-DD") : null),
};

/** A date and time field (ISO 8601 with the offset, as the API reads it). */
export const dateTimeFieldProps = {
  getValueProps: (value: string | null | undefined) => ({ value: value ? dayjs(value) : undefined }),
  normalize: (value: Dayjs | null | undefined) => (value ? value.second(0).millisecond(0).toISOString() : null),
};

/** Days before today cannot be picked. */
export function beforeToday(current: Dayjs): boolean {
  return current.isBefore(dayjs().startOf("day"));
}

/** Month and weekday names of the pickers in the UI language. */
export function setDateLanguage(language: AppLanguage): void {
  dayjs.locale(language === "zh-CN" ? "zh-cn" : "en");
}
