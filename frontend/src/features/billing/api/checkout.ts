/** POST /api/billing/checkout/ — a Stripe Checkout session ({url}) to subscribe with a card (Stripe configured). */
import { useMutation } from "@tanstack/react-query";
import { tenantApi, unwrap } from "@/lib/api";

export function useCheckout() {
  return useMutation({
    mutationFn: (body: { plan_code: string; interval: "month" | "year" }) =>
      unwrap(tenantApi.POST("/api/billing/checkout/", { body })),
    onSuccess: ({ url }) => window.location.assign(url),
  });
}
