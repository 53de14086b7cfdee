/** The query keys of the routing pages (everything under one root, invalidated together after a write). */
export const routingKey = ["supplychain", "routing"] as const;

/** A fresh Idempotency-Key, so a create retried after a lost answer happens once. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
