/**
 * GET /api/finance/sales-orders/{sales_order_id}/invoiceable/ — a sales order's shipment lines with what
 * is shipped, already invoiced and still open to invoice; and the sales orders to choose from
 * (GET /api/sales-orders/, read here so the finance pages need nothing of the sales feature).
 */
import { useQuery } from "@tanstack/react-query";
import { allPages, type PageItem, type ResponseBody, tenantApi, type TenantPaths, unwrap } from "@/lib/api";
import { invoicesScope } from "./invoices";

type Path = TenantPaths["/api/finance/sales-orders/{sales_order_id}/invoiceable/"];
export type InvoiceableLine = PageItem<ResponseBody<Path["get"]>>;
export type SalesOrderChoice = PageItem<ResponseBody<TenantPaths["/api/sales-orders/"]["get"]>>;

export function useInvoiceable(salesOrderId: number | undefined) {
  return useQuery({
    queryKey: [...invoicesScope, "invoiceable", salesOrderId],
    enabled: salesOrderId !== undefined,
    queryFn: () =>
      allPages((query) =>
        unwrap(
          tenantApi.GET("/api/finance/sales-orders/{sales_order_id}/invoiceable/", {
            params: { path: { sales_order_id: salesOrderId ?? 0 }, query },
          }),
        ),
      ),
  });
}

export function useShippedSalesOrders(search: string) {
  return useQuery({
    queryKey: [...invoicesScope, "sales-orders", search],
    queryFn: () =>
      unwrap(
        tenantApi.GET("/api/sales-orders/", {
          params: { query: { page: 1, page_size: 50, ...(search ? { search } : {}) } },
        }),
      ).then((page) =>
        page.results.filter((order) => ["partly_shipped", "shipped", "completed"].includes(order.status)),
      ),
  });
}
