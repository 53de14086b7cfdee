/**
 * Amounts of the entry form as whole cents (bigint): debits and credits are added exactly, never through
 * float maths, so "0.1 + 0.2" balances "0.3".
 */

/** "1234.5" → 123450n; empty or not a number → 0n. Digits past the second decimal are dropped. */
export function toCents(value: string | number | null | undefined): bigint {
  if (value === null || value === undefined) return 0n;
  const text = String(value).trim();
  const match = /^(-?)(\d*)(?:\.(\d*))?$/.exec(text);
  if (!match || (match[2] === "" && (match[3] ?? "") === "")) return 0n;
  const whole = BigInt(match[2] || "0");
  const fraction = BigInt(((match[3] ?? "") + "00").slice(0, 2));
  const cents = whole * 100n + fraction;
  return match[1] === "-" ? -cents : cents;
}

/** 123450n → "1234.50" (the decimal string the API takes). */
export function centsToDecimal(cents: bigint): string {
  const negative = cents < 0n;
  const abs = negative ? -cents : cents;
  const whole = abs / 100n;
  const fraction = (abs % 100n).toString().padStart(2, "0");
  return `${negative ? "-" : ""}${whole}.${fraction}`;
}

export interface Totals {
  debit: bigint;
  credit: bigint;
  /** Debit minus credit: zero when the entry balances. */
  difference: bigint;
}

export function totalsOf(
  lines: readonly ({ debit?: string | number | null; credit?: string | number | null } | undefined)[],
): Totals {
  let debit = 0n;
  let credit = 0n;
  for (const line of lines) {
    debit += toCents(line?.debit);
    credit += toCents(line?.credit);
  }
  return { debit, credit, difference: debit - credit };
}
