/**
 * The purchase order form's values, how they map to and from the API, and the decimal arithmetic of the
 * totals shown while typing (exact, on scaled integers: money never goes through float maths here).
 */
import { trimDecimal } from "@/lib/format";
import type { PoInput, PoLineInput, PurchaseOrder } from "../api/purchaseOrders";

export type SupplierKind = "hansa" | "outside";

export interface LineValues {
  sku: string;
  description: string;
  item_id: number | null;
  listing_id: number | null;
  quantity: string | null;
  unit: string;
  unit_price: string | null;
  tax_rate: string | null;
  requested_date: string | null;
}

export interface PoValues {
  supplier_kind: SupplierKind;
  supplier_id: number | null;
  /** Shown for the chosen company before any search (not sent). */
  supplier_label?: string;
  supplier_name: string;
  supplier_email: string;
  currency: string;
  exchange_rate: string | null;
  requested_date: string | null;
  payment_terms: string;
  ship_to: string;
  notes: string;
  category_code: string | null;
  lines: LineValues[];
}

export function emptyLine(): LineValues {
  return {
    sku: "",
    description: "",
    item_id: null,
    listing_id: null,
    quantity: null,
    unit: "pcs",
    unit_price: null,
    tax_rate: "13",
    requested_date: null,
  };
}

export function lineValues(line: PurchaseOrder["lines"][number]): LineValues {
  return {
    sku: line.sku,
    description: line.description,
    item_id: line.item_id,
    listing_id: line.listing_id,
    quantity: trimDecimal(line.quantity),
    unit: line.unit,
    unit_price: trimDecimal(line.unit_price),
    tax_rate: trimDecimal(line.tax_rate) ?? "0",
    requested_date: line.requested_date,
  };
}

export function poValues(order: PurchaseOrder | null, currency: string): PoValues {
  if (!order) {
    return {
      supplier_kind: "hansa",
      supplier_id: null,
      supplier_name: "",
      supplier_email: "",
      currency,
      exchange_rate: null,
      requested_date: null,
      payment_terms: "",
      ship_to: "",
      notes: "",
      category_code: null,
      lines: [emptyLine()],
    };
  }
  return {
    supplier_kind: order.supplier_id !== null ? "hansa" : "outside",
    supplier_id: order.supplier_id,
    supplier_label: order.supplier_id !== null ? order.supplier_name : undefined,
    supplier_name: order.supplier_id !== null ? "" : order.supplier_name,
    supplier_email: order.supplier_email,
    currency: order.currency,
    exchange_rate: trimDecimal(order.exchange_rate),
    requested_date: order.requested_date,
    payment_terms: order.payment_terms,
    ship_to: order.ship_to,
    notes: order.notes,
    category_code: order.category_code || null,
    lines: order.lines.map(lineValues),
  };
}

function lineBody(line: LineValues): PoLineInput {
  return {
    sku: line.sku.trim(),
    description: line.description.trim(),
    item_id: line.item_id,
    listing_id: line.listing_id,
    quantity: String(line.quantity ?? "").trim(),
    unit: line.unit.trim(),
    unit_price: String(line.unit_price ?? "").trim(),
    tax_rate: String(line.tax_rate ?? "0").trim() || "0",
    requested_date: line.requested_date,
  };
}

/** Whether the lines differ from the saved ones (a draft's lines are replaced only when they do). */
export function linesChanged(lines: LineValues[], saved: PurchaseOrder["lines"]): boolean {
  if (lines.length !== saved.length) return true;
  return lines.some((line, index) => {
    const before = saved[index];
    return !before || JSON.stringify(lineBody(line)) !== JSON.stringify(lineBody(lineValues(before)));
  });
}

/**
 * The request body. `homeCurrency` is the company's: an order in it carries no exchange rate. Given the
 * saved order, unchanged lines are left out, so lines made from an RFQ award keep their link to it.
 */
export function poBody(values: PoValues, homeCurrency: string, saved?: PurchaseOrder | null): PoInput {
  const onHansa = values.supplier_kind === "hansa";
  const body: PoInput = {
    supplier_id: onHansa ? values.supplier_id : null,
    supplier_name: onHansa ? "" : values.supplier_name.trim(),
    supplier_email: values.supplier_email.trim(),
    currency: values.currency as PoInput["currency"],
    exchange_rate: values.currency === homeCurrency ? null : (values.exchange_rate?.trim() ?? null) || null,
    requested_date: values.requested_date,
    payment_terms: values.payment_terms.trim(),
    ship_to: values.ship_to.trim(),
    notes: values.notes.trim(),
    category_code: values.category_code ?? "",
    lines: values.lines.map(lineBody),
  };
  if (saved && !linesChanged(values.lines, saved.lines)) delete (body as Partial<PoInput>).lines;
  return body;
}

// Exact decimals ------------------------------------------------------------------------------------

/** The currency's minor units (CNY 2, JPY 0, KWD 3), as the server enforces them on prices. */
export function minorUnits(currency: string): number {
  try {
    return new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** Decimal places written in a decimal string ("12.50" → 2). */
export function decimalPlaces(value: string | null | undefined): number {
  const match = /\.(\d+)$/.exec(String(value ?? "").trim());
  return match?.[1]?.length ?? 0;
}

interface Scaled {
  units: bigint;
  scale: number;
}

function parseDecimal(value: string | null | undefined): Scaled | null {
  const text = String(value ?? "").trim();
  const match = /^(-?)(\d*)(?:\.(\d*))?$/.exec(text);
  if (!match || (match[2] === "" && !match[3])) return null;
  const fraction = match[3] ?? "";
  const units = BigInt(`${match[2] || "0"}${fraction}` || "0");
  return { units: match[1] ? -units : units, scale: fraction.length };
}

const TEN = BigInt(10);
const pow10 = (n: number) => TEN ** BigInt(n);

/** `units / 10^from` rounded half-up to `to` places, as units of 10^-to. */
function rescale(units: bigint, from: number, to: number): bigint {
  if (to >= from) return units * pow10(to - from);
  const divisor = pow10(from - to);
  const negative = units < BigInt(0);
  const magnitude = negative ? -units : units;
  const rounded = (magnitude + divisor / BigInt(2)) / divisor;
  return negative ? -rounded : rounded;
}

function toText(units: bigint, scale: number): string {
  const negative = units < BigInt(0);
  const digits = (negative ? -units : units).toString().padStart(scale + 1, "0");
  const whole = digits.slice(0, digits.length - scale);
  const fraction = scale > 0 ? `.${digits.slice(digits.length - scale)}` : "";
  return `${negative ? "-" : ""}${whole}${fraction}`;
}

export interface Amounts {
  net: string;
  tax: string;
  total: string;
}

/**
 * A line's net (quantity × price) and tax (net × rate), each rounded half-up to the currency's minor
 * unit, as the server computes them; null while the line is incomplete.
 */
export function lineAmounts(
  line: Pick<LineValues, "quantity" | "unit_price" | "tax_rate">,
  currency: string,
): Amounts | null {
  const quantity = parseDecimal(line.quantity);
  const price = parseDecimal(line.unit_price);
  const rate = parseDecimal(line.tax_rate ?? "0") ?? { units: BigInt(0), scale: 0 };
  if (!quantity || !price) return null;
  const minor = minorUnits(currency);
  const net = rescale(quantity.units * price.units, quantity.scale + price.scale, minor);
  const tax = rescale(net * rate.units, minor + rate.scale + 2, minor);
  return { net: toText(net, minor), tax: toText(tax, minor), total: toText(net + tax, minor) };
}

/** The order's totals: the sum of the complete lines. */
export function orderAmounts(lines: readonly LineValues[], currency: string): Amounts {
  const minor = minorUnits(currency);
  let net = BigInt(0);
  let tax = BigInt(0);
  for (const line of lines) {
    const amounts = lineAmounts(line, currency);
    if (!amounts) continue;
    net += parseDecimal(amounts.net)?.units ?? BigInt(0);
    tax += parseDecimal(amounts.tax)?.units ?? BigInt(0);
  }
  return { net: toText(net, minor), tax: toText(tax, minor), total: toText(net + tax, minor) };
}

/** `a + b` of two decimal strings, exactly. */
export function addDecimal(a: string, b: string): string {
  return subtractDecimal(a, subtractDecimal("0", b));
}

/** `a - b` of two decimal strings, exactly ("100" - "40.5" → "59.5"). */
export function subtractDecimal(a: string, b: string): string {
  const x = parseDecimal(a) ?? { units: BigInt(0), scale: 0 };
  const y = parseDecimal(b) ?? { units: BigInt(0), scale: 0 };
  const scale = Math.max(x.scale, y.scale);
  return trimDecimal(toText(rescale(x.units, x.scale, scale) - rescale(y.units, y.scale, scale), scale)) ?? "0";
}

/** `a × b` rounded half-up to `places` decimals, exactly (a total in the company's currency). */
export function multiplyDecimal(a: string, b: string, places: number): string {
  const x = parseDecimal(a) ?? { units: BigInt(0), scale: 0 };
  const y = parseDecimal(b) ?? { units: BigInt(0), scale: 0 };
  return toText(rescale(x.units * y.units, x.scale + y.scale, places), places);
}

/** Compares two decimal strings exactly: negative, zero or positive. */
export function compareDecimal(a: string, b: string): number {
  const x = parseDecimal(a) ?? { units: BigInt(0), scale: 0 };
  const y = parseDecimal(b) ?? { units: BigInt(0), scale: 0 };
  const scale = Math.max(x.scale, y.scale);
  const diff = rescale(x.units, x.scale, scale) - rescale(y.units, y.scale, scale);
  return diff === BigInt(0) ? 0 : diff < BigInt(0) ? -1 : 1;
}

/** Whether a decimal string is greater than zero. */
export function isPositive(value: string | null | undefined): boolean {
  const parsed = parseDecimal(value);
  return parsed !== null && parsed.units > BigInt(0);
}
