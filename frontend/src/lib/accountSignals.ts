/**
 * What the API says about the company's account on any call: `403 company_suspended` (with
 * `suspension: "operator" | "billing"`), `402 subscription_read_only` and `402 quota_exceeded`.
 * The query client reports every failed call here; the shell shows the suspension page, and the
 * workspace layout a notice with a link to the billing page.
 */
import { useSyncExternalStore } from "react";
import { isProblem, type ProblemError } from "./problem";

export type Suspension = "operator" | "billing";

/** Why a company is suspended, if `error` says it is. */
export function suspensionOf(error: unknown): Suspension | null {
  if (!isProblem(error) || error.code !== "company_suspended") return null;
  return error.extensions.suspension === "billing" ? "billing" : "operator";
}

type Listener = () => void;

let suspension: Suspension | null = null;
const suspensionListeners = new Set<Listener>();
const billingListeners = new Set<(problem: ProblemError) => void>();

/** Codes after which the member should be pointed to the billing page. */
export const BILLING_CODES = new Set(["subscription_read_only", "quota_exceeded"]);

export function reportAccountProblem(error: unknown): void {
  const found = suspensionOf(error);
  if (found && found !== suspension) {
    suspension = found;
    suspensionListeners.forEach((listener) => listener());
  }
  if (isProblem(error) && BILLING_CODES.has(error.code)) billingListeners.forEach((listener) => listener(error));
}

/** Forget a suspension seen earlier (tests; a reactivated company after a reload needs nothing). */
export function resetAccountSignals(): void {
  suspension = null;
  suspensionListeners.forEach((listener) => listener());
}

export function useSuspension(): Suspension | null {
  return useSyncExternalStore(
    (listener) => {
      suspensionListeners.add(listener);
      return () => suspensionListeners.delete(listener);
    },
    () => suspension,
  );
}

/** Calls `listener` with every read-only or quota problem any call answers. */
export function onBillingProblem(listener: (problem: ProblemError) => void): () => void {
  billingListeners.add(listener);
  return () => {
    billingListeners.delete(listener);
  };
}
