/** GET /api/finance/settings/ — the functional currency the cost figures are in. */
import { useQuery } from "@tanstack/react-query";
import { tenantApi, unwrap } from "@/lib/api";
import { costKey } from "./keys";

export function useFunctionalCurrency(): string {
  const settings = useQuery({
    queryKey: [...costKey, "currency"],
    queryFn: () => unwrap(tenantApi.GET("/api/finance/settings/")),
    staleTime: 5 * 60_000,
  });
  return settings.data?.functional_currency ?? "CNY";
}
