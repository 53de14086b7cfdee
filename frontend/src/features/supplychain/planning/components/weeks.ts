/** ISO weeks ("2026-W50") as the planning pages use them. */

/** The ISO week of a date (Monday first; the week with the year's first Thursday is week 1). */
export function isoWeek(day: Date): string {
  const date = new Date(Date.UTC(day.getFullYear(), day.getMonth(), day.getDate()));
  const weekday = date.getUTCDay() || 7;
  date.setUTCDate(date.getUTCDate() + 4 - weekday);
  const yearStart = new Date(Date.UTC(date.getUTCFullYear(), 0, 1));
  const week = Math.ceil(((date.getTime() - yearStart.getTime()) / 86400000 + 1) / 7);
  return `${date.getUTCFullYear()}-W${String(week).padStart(2, "0")}`;
}

/** Next week's ISO week: the default start of a new forecast's horizon. */
export function nextWeek(today: Date = new Date()): string {
  const next = new Date(today);
  next.setDate(next.getDate() + 7);
  return isoWeek(next);
}

export const WEEK_PATTERN = /^\d{4}-W\d{2}$/;

/** The Monday (UTC) of an ISO week, or null for a malformed week. */
export function mondayOf(week: string): Date | null {
  const match = WEEK_PATTERN.exec(week) ? /^(\d{4})-W(\d{2})$/.exec(week) : null;
  if (!match) return null;
  const jan4 = new Date(Date.UTC(Number(match[1]), 0, 4));
  const monday = new Date(jan4);
  monday.setUTCDate(jan4.getUTCDate() - ((jan4.getUTCDay() || 7) - 1) + (Number(match[2]) - 1) * 7);
  return monday;
}

/** The ``count`` ISO weeks from ``start`` on. */
export function horizon(start: string, count: number): string[] {
  const monday = mondayOf(start);
  if (!monday) return [];
  return Array.from({ length: count }, (_, index) => {
    const day = new Date(monday);
    day.setUTCDate(monday.getUTCDate() + index * 7);
    return isoWeek(new Date(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate()));
  });
}
