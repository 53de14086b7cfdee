/** GET and POST /api/customers/ — customer accounts by name (`search` on name and e-mail, `linked`: on Hansa or not). */
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

type Path = TenantPaths["/api/customers/"];
export type CustomerPage = ResponseBody<Path["get"]>;
export type CustomerSummary = CustomerPage["results"][number];
export type Customer = ResponseBody<Path["post"], 201>;
export type CustomerInput = RequestBody<Path["post"]>;
type Query = PageParams & Omit<QueryParams<Path["get"]>, "page" | "page_size">;

export const customersKey = ["customers"] as const;

export function getCustomers(query: Query): Promise<CustomerPage> {
  return unwrap(tenantApi.GET("/api/customers/", { params: { query } }));
}

export function useCustomers(query: Query, enabled = true) {
  return useQuery({
    queryKey: [...customersKey, "list", query],
    queryFn: () => getCustomers(query),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function createCustomer({ body, idempotencyKey }: { body: CustomerInput; idempotencyKey: string }) {
  return unwrap(tenantApi.POST("/api/customers/", { body, headers: { "Idempotency-Key": idempotencyKey } }));
}

export function useCreateCustomer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createCustomer,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...customersKey, "list"] }),
  });
}
