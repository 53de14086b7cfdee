/**
 * A fresh Idempotency-Key: a create retried after a lost answer then happens only once. `randomUUID`
 * needs a secure context; plain HTTP on another host name falls back to random bytes.
 */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
