/** GET /api/sales-orders/{order_id}/stock-check/ — per line: left to ship, how it is covered, available now, shortfall. */
import { useQuery } from "@tanstack/react-query";
import { tenantApi, unwrap, type ResponseBody, type TenantPaths } from "@/lib/api";
import { salesOrderScope } from "./salesOrder";

export type StockRow = ResponseBody<TenantPaths["/api/sales-orders/{order_id}/stock-check/"]["get"]>["lines"][number];

export function getStockCheck(id: number): Promise<StockRow[]> {
  return unwrap(
    tenantApi.GET("/api/sales-orders/{order_id}/stock-check/", { params: { path: { order_id: id } } }),
  ).then((report) => report.lines);
}

export function useStockCheck(id: number, enabled = true) {
  return useQuery({ queryKey: [...salesOrderScope(id), "stock-check"], queryFn: () => getStockCheck(id), enabled });
}
