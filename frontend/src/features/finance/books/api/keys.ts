/** The root of every books query key: a write anywhere in the books refreshes what depends on it. */
export const booksKey = ["finance", "books"] as const;

/** A fresh Idempotency-Key, so a create retried after a lost answer happens only once. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
