/** Query keys of inventory sharing, and a fresh Idempotency-Key for each create (a retried submit happens once). */
export const sharingQueryKey = ["supplychain", "sharing"] as const;

export function newIdempotencyKey(): string {
  return typeof crypto !== "undefined" && "randomUUID" in crypto
    ? crypto.randomUUID()
    : `${Date.now()}-${Math.random().toString(16).slice(2)}`;
}
