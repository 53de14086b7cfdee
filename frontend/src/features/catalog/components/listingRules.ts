/** Client-side checks of a listing, the same rules the API applies (which checks again). */

export const SKU_PATTERN = /^[A-Za-z0-9._\-/#+]{1,64}$/;
export const MAX_TIERS = 10;
export const MAX_ATTRIBUTES = 30;

export interface TierValue {
  min_quantity?: string | null;
  unit_price?: string | null;
}

/**
 * What is wrong with a set of price tiers given the MOQ, as a message key (null: nothing).
 * Quantities must increase and the first tier must start at or below the MOQ, so every order the
 * supplier accepts has a price.
 */
export function tierProblem(tiers: readonly TierValue[], moq: string | null | undefined): string | null {
  if (tiers.length === 0) return "catalog.validation.tiersRequired";
  if (tiers.length > MAX_TIERS) return "catalog.validation.tiersMax";
  let previous = -Infinity;
  for (const tier of tiers) {
    if (!tier.min_quantity || !tier.unit_price) return null; // the row's own fields say so
    const quantity = Number(tier.min_quantity);
    if (!(quantity > previous)) return "catalog.validation.tiersIncreasing";
    previous = quantity;
  }
  const first = Number(tiers[0]?.min_quantity);
  if (moq && Number.isFinite(Number(moq)) && first > Number(moq)) return "catalog.validation.firstTierAboveMoq";
  return null;
}
