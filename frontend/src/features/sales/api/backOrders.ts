/**
 * GET /api/back-orders/ — lines' shortfalls waiting for stock, oldest first (`status`, `order_id`); POST
 * …/{back_order_id}/allocate/ reserves what stock has become available (so.manage).
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { tenantApi, unwrap, type PageParams, type QueryParams, type ResponseBody, type TenantPaths } from "@/lib/api";
import { salesOrdersKey } from "./salesOrders";

type Path = TenantPaths["/api/back-orders/"];
export type BackOrderPage = ResponseBody<Path["get"]>;
export type BackOrder = BackOrderPage["results"][number];
export type BackOrderStatus = BackOrder["status"];
type Query = PageParams & Omit<QueryParams<Path["get"]>, "page" | "page_size">;

export const backOrdersKey = ["back-orders"] as const;

export function getBackOrders(query: Query): Promise<BackOrderPage> {
  return unwrap(tenantApi.GET("/api/back-orders/", { params: { query } }));
}

export function useBackOrders(query: Query, enabled = true) {
  return useQuery({
    queryKey: [...backOrdersKey, query],
    queryFn: () => getBackOrders(query),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function allocateBackOrder(id: number): Promise<BackOrder> {
  return unwrap(
    tenantApi.POST("/api/back-orders/{back_order_id}/allocate/", { params: { path: { back_order_id: id } } }),
  );
}

export function useAllocateBackOrder() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: allocateBackOrder,
    onSuccess: (backOrder) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: backOrdersKey }),
        queryClient.invalidateQueries({ queryKey: [...salesOrdersKey, backOrder.order_id] }),
      ]),
  });
}
