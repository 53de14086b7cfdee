/** The quote form's values and the request body made from them. */
import { trimDecimal } from "@/lib/format";
import type { InboxLine, InboxRfq, OwnQuote } from "../api/inboxRfq";
import type { QuoteInput } from "../api/quote";

export interface QuoteLineValues {
  rfq_line_id: number;
  /** Quote this line (a supplier may quote only some lines). */
  include: boolean;
  unit_price: string | null;
  offered_quantity: string | null;
  lead_time_days: number | null;
  discount_percent: string | null;
  freight_amount: string | null;
  tax_rate: string | null;
  warranty_months: number | null;
  min_order_quantity: string | null;
  notes: string;
}

export interface QuoteValues {
  supplier_reference: string;
  valid_until: string | null;
  delivery_date: string | null;
  payment_terms: string;
  terms: string;
  notes: string;
  lines: QuoteLineValues[];
}

function lineValues(
  line: InboxLine,
  quoted: OwnQuote["lines"][number] | undefined,
  hasQuote: boolean,
): QuoteLineValues {
  return {
    rfq_line_id: line.id,
    include: hasQuote ? quoted !== undefined : true,
    unit_price: trimDecimal(quoted?.unit_price),
    offered_quantity: trimDecimal(quoted?.offered_quantity ?? line.quantity),
    lead_time_days: quoted?.lead_time_days ?? null,
    discount_percent: quoted && Number(quoted.discount_percent) !== 0 ? trimDecimal(quoted.discount_percent) : null,
    freight_amount: quoted && Number(quoted.freight_amount) !== 0 ? trimDecimal(quoted.freight_amount) : null,
    tax_rate: quoted && Number(quoted.tax_rate) !== 0 ? trimDecimal(quoted.tax_rate) : null,
    warranty_months: quoted?.warranty_months ?? null,
    min_order_quantity: trimDecimal(quoted?.min_order_quantity),
    notes: quoted?.notes ?? "",
  };
}

/** The form for an RFQ: the active quote's values, or each line's requested quantity to start from. */
export function quoteValues(rfq: InboxRfq): QuoteValues {
  const quote = rfq.quote && rfq.quote.status !== "withdrawn" ? rfq.quote : null;
  const byLine = new Map((quote?.lines ?? []).map((line) => [line.rfq_line_id, line] as const));
  return {
    supplier_reference: quote?.supplier_reference ?? "",
    valid_until: quote?.valid_until ?? null,
    delivery_date: quote?.delivery_date ?? rfq.delivery_date ?? null,
    payment_terms: quote?.payment_terms ?? rfq.payment_terms ?? "",
    terms: quote?.terms ?? "",
    notes: quote?.notes ?? "",
    lines: rfq.lines.map((line) => lineValues(line, byLine.get(line.id), quote !== null)),
  };
}

const decimal = (value: string | null | undefined, fallback: string) =>
  value === null || value === undefined || value === "" ? fallback : String(value);

export function quoteBody(values: QuoteValues, status: "draft" | "submitted"): QuoteInput {
  return {
    status,
    supplier_reference: values.supplier_reference.trim(),
    valid_until: values.valid_until || null,
    delivery_date: values.delivery_date || null,
    payment_terms: values.payment_terms.trim(),
    terms: values.terms.trim(),
    notes: values.notes.trim(),
    lines: values.lines
      .filter((line) => line.include)
      .map((line) => ({
        rfq_line_id: line.rfq_line_id,
        unit_price: String(line.unit_price),
        offered_quantity: String(line.offered_quantity),
        lead_time_days: line.lead_time_days ?? 0,
        discount_percent: decimal(line.discount_percent, "0"),
        freight_amount: decimal(line.freight_amount, "0"),
        tax_rate: decimal(line.tax_rate, "0"),
        warranty_months: line.warranty_months ?? null,
        min_order_quantity: line.min_order_quantity ? String(line.min_order_quantity) : null,
        notes: line.notes.trim(),
      })),
  };
}

/**
 * Server errors name the quote's lines by their position in the body (`lines.0.unit_price`), which
 * skips the lines not quoted; this maps them to the form's rows (one per RFQ line).
 */
export function quoteFieldMap(values: QuoteValues | undefined): Record<string, string> {
  const map: Record<string, string> = {};
  if (!values) return map;
  let sent = 0;
  values.lines.forEach((line, row) => {
    if (!line.include) return;
    for (const field of [
      "unit_price",
      "offered_quantity",
      "lead_time_days",
      "discount_percent",
      "freight_amount",
      "tax_rate",
      "warranty_months",
      "min_order_quantity",
      "notes",
      "rfq_line_id",
    ]) {
      map[`lines.${sent}.${field}`] = `lines.${row}.${field}`;
    }
    sent += 1;
  });
  return map;
}
