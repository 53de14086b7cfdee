/** POST /api/billing/portal/ — a Stripe Customer Portal session ({url}) to manage the payment method. */
import { useMutation } from "@tanstack/react-query";
import { tenantApi, unwrap } from "@/lib/api";

export function usePortal() {
  return useMutation({
    mutationFn: () => unwrap(tenantApi.POST("/api/billing/portal/")),
    onSuccess: ({ url }) => window.location.assign(url),
  });
}
