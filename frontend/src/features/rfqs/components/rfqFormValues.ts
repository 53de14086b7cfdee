/** The RFQ form's values and how they map to and from the API's draft. */
import { trimDecimal } from "@/lib/format";
import type { LinkedListing } from "../api/listingSearch";
import type { Rfq, RfqInput } from "../api/rfqs";
import type { Screening } from "../api/screening";

export interface LineValues {
  listing_id: number | null;
  /** Shown for the linked listing (not sent). */
  listing_label?: string;
  description: string;
  category_code?: string;
  quantity: string | null;
  unit: string;
  target_price: string | null;
  quality_standard: string;
  required_certifications: string[];
}

export interface RfqValues {
  title: string;
  reference: string;
  description: string;
  currency: string;
  delivery_date: string | null;
  delivery_region?: string;
  payment_terms: string;
  closing_at: string | null;
  visibility: "open" | "invited";
  sealed: boolean;
  top_n: number;
  weight_price: number;
  weight_reputation: number;
  weight_lead_time: number;
  weight_verified: number;
  lines: LineValues[];
}

export const WEIGHTS = ["weight_price", "weight_reputation", "weight_lead_time", "weight_verified"] as const;

const DEFAULT_SCREENING: Screening = {
  top_n: 20,
  weight_price: 40,
  weight_reputation: 30,
  weight_lead_time: 20,
  weight_verified: 10,
};

export function emptyLine(): LineValues {
  return {
    listing_id: null,
    description: "",
    quantity: null,
    unit: "pcs",
    target_price: null,
    quality_standard: "",
    required_certifications: [],
  };
}

/** A line filled from a marketplace listing (its category, unit, and its MOQ as the quantity). */
export function lineFromListing(
  listing: Pick<LinkedListing, "id" | "sku" | "name_en" | "name_zh" | "category" | "unit" | "moq">,
  label: string,
): LineValues {
  return {
    ...emptyLine(),
    listing_id: listing.id,
    listing_label: label,
    description: "",
    category_code: listing.category.code,
    quantity: trimDecimal(listing.moq),
    unit: listing.unit,
  };
}

export function rfqValues({
  rfq,
  screening,
  currency,
  listing,
  listingLabel,
}: {
  rfq: Rfq | null;
  screening: Screening | undefined;
  currency: string;
  listing?: LinkedListing | null;
  listingLabel?: string;
}): RfqValues {
  if (rfq) {
    return {
      title: rfq.title,
      reference: rfq.reference,
      description: rfq.description,
      currency: rfq.currency,
      delivery_date: rfq.delivery_date,
      delivery_region: rfq.delivery_region || undefined,
      payment_terms: rfq.payment_terms,
      closing_at: rfq.closing_at,
      visibility: rfq.visibility === "invited" ? "invited" : "open",
      sealed: rfq.sealed,
      top_n: rfq.top_n,
      weight_price: rfq.weight_price,
      weight_reputation: rfq.weight_reputation,
      weight_lead_time: rfq.weight_lead_time,
      weight_verified: rfq.weight_verified,
      lines: rfq.lines.map((line) => ({
        listing_id: line.listing_id,
        listing_label: line.listing_id ? line.description || `#${line.listing_id}` : undefined,
        description: line.description,
        category_code: line.category.code,
        quantity: trimDecimal(line.quantity),
        unit: line.unit,
        target_price: trimDecimal(line.target_price),
        quality_standard: line.quality_standard,
        required_certifications: line.required_certifications,
      })),
    };
  }
  const preset = screening ?? DEFAULT_SCREENING;
  return {
    title: "",
    reference: "",
    description: "",
    currency,
    delivery_date: null,
    payment_terms: "",
    closing_at: null,
    visibility: "open",
    sealed: false,
    ...preset,
    lines: [listing ? lineFromListing(listing, listingLabel ?? listing.sku) : emptyLine()],
  };
}

/**
 * The draft as the API takes it. A line linked to a listing may leave its category to the listing;
 * its description then defaults to the listing's names on the server.
 */
export function rfqBody(values: RfqValues): RfqInput {
  const text = (value: string | null | undefined) => (value ?? "").trim();
  return {
    title: text(values.title),
    reference: text(values.reference),
    description: text(values.description),
    currency: values.currency as RfqInput["currency"],
    delivery_date: values.delivery_date || null,
    delivery_region: values.delivery_region ?? "",
    payment_terms: text(values.payment_terms),
    closing_at: values.closing_at || null,
    visibility: values.visibility,
    sealed: values.sealed,
    top_n: values.top_n,
    weight_price: values.weight_price,
    weight_reputation: values.weight_reputation,
    weight_lead_time: values.weight_lead_time,
    weight_verified: values.weight_verified,
    lines: values.lines.map((line) => ({
      listing_id: line.listing_id ?? null,
      // With a listing and no category of its own, the listing's category is used.
      category_code: line.category_code || null,
      description: text(line.description),
      quantity: String(line.quantity),
      unit: text(line.unit),
      target_price: line.target_price === null || line.target_price === "" ? null : String(line.target_price),
      quality_standard: text(line.quality_standard),
      required_certifications: line.required_certifications.map((c) => c.trim()).filter(Boolean),
    })),
  };
}
