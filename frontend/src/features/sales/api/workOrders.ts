/**
 * GET /api/work-orders/ — make-to-order work orders, soonest due first (`status`, `order_id`); POST
 * …/{work_order_id}/start/ (so.manage) and …/complete/ (stock.adjust: the goods are received into stock
 * and reserved for the order line).
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { tenantApi, unwrap, type PageParams, type QueryParams, type ResponseBody, type TenantPaths } from "@/lib/api";
import { salesOrdersKey } from "./salesOrders";

type Path = TenantPaths["/api/work-orders/"];
export type WorkOrderPage = ResponseBody<Path["get"]>;
export type WorkOrder = WorkOrderPage["results"][number];
export type WorkOrderStatus = WorkOrder["status"];
type Query = PageParams & Omit<QueryParams<Path["get"]>, "page" | "page_size">;

export const workOrdersKey = ["work-orders"] as const;

export function getWorkOrders(query: Query): Promise<WorkOrderPage> {
  return unwrap(tenantApi.GET("/api/work-orders/", { params: { query } }));
}

export function useWorkOrders(query: Query, enabled = true) {
  return useQuery({
    queryKey: [...workOrdersKey, query],
    queryFn: () => getWorkOrders(query),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function startWorkOrder(id: number): Promise<WorkOrder> {
  return unwrap(tenantApi.POST("/api/work-orders/{work_order_id}/start/", { params: { path: { work_order_id: id } } }));
}

export function completeWorkOrder(id: number): Promise<WorkOrder> {
  return unwrap(
    tenantApi.POST("/api/work-orders/{work_order_id}/complete/", { params: { path: { work_order_id: id } } }),
  );
}

function useWorkOrderAction(action: (id: number) => Promise<WorkOrder>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: action,
    onSuccess: (workOrder) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: workOrdersKey }),
        queryClient.invalidateQueries({ queryKey: [...salesOrdersKey, workOrder.order_id] }),
      ]),
  });
}

export const useStartWorkOrder = () => useWorkOrderAction(startWorkOrder);
export const useCompleteWorkOrder = () => useWorkOrderAction(completeWorkOrder);
