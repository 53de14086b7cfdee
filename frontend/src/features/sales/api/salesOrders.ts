/**
 * GET and POST /api/sales-orders/ — the company's sales orders, newest first (`status`, `source`,
 * `customer_id`, `search` on number, PO number and customer); POST enters an order by hand for a
 * customer outside Hansa (it then awaits acceptance like any order).
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  tenantApi,
  unwrap,
  type PageParams,
  type QueryParams,
  type RequestBody,
  type ResponseBody,
  type TenantPaths,
} from "@/lib/api";

type Path = TenantPaths["/api/sales-orders/"];
export type SalesOrderPage = ResponseBody<Path["get"]>;
export type SalesOrderSummary = SalesOrderPage["results"][number];
export type SalesOrderQuery = QueryParams<Path["get"]>;
export type SalesOrderStatus = SalesOrderSummary["status"];
export type SalesOrderSource = SalesOrderSummary["source"];
export type SalesOrder = ResponseBody<Path["post"], 201>;
export type SalesOrderLine = SalesOrder["lines"][number];
export type ManualOrderInput = RequestBody<Path["post"]>;
export type ManualLineInput = ManualOrderInput["lines"][number];

export const salesOrdersKey = ["sales-orders"] as const;

export function getSalesOrders(query: PageParams & Omit<SalesOrderQuery, "page" | "page_size">) {
  return unwrap(tenantApi.GET("/api/sales-orders/", { params: { query } }));
}

export function useSalesOrders(query: PageParams & Omit<SalesOrderQuery, "page" | "page_size">, enabled = true) {
  return useQuery({
    queryKey: [...salesOrdersKey, "list", query],
    queryFn: () => getSalesOrders(query),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** How many orders wait for an answer (for the filter's badge). */
export function useAwaitingCount() {
  const orders = useSalesOrders({ page: 1, page_size: 1, status: "awaiting_acceptance" });
  return orders.data?.count;
}

export function createSalesOrder({ body, idempotencyKey }: { body: ManualOrderInput; idempotencyKey: string }) {
  return unwrap(tenantApi.POST("/api/sales-orders/", { body, headers: { "Idempotency-Key": idempotencyKey } }));
}

export function useCreateSalesOrder() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createSalesOrder,
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: salesOrdersKey }),
        queryClient.invalidateQueries({ queryKey: ["customers"] }),
      ]),
  });
}
