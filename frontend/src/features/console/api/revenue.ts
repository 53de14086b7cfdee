/** GET /api/console/revenue/?months= — MRR and its movements per month, in CNY. */
import { useQuery } from "@tanstack/react-query";
import { publicApi, unwrap, type PublicPaths, type ResponseBody } from "@/lib/api";
import { consoleKey } from "./fleet";

export type Revenue = ResponseBody<PublicPaths["/api/console/revenue/"]["get"]>;
export type RevenueMonth = Revenue["months"][number];

export function useRevenue(months: number) {
  return useQuery({
    queryKey: [...consoleKey, "revenue", months],
    queryFn: () => unwrap(publicApi.GET("/api/console/revenue/", { params: { query: { months } } })),
  });
}
