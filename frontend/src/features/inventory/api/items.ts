/** GET and POST /api/inventory/items/ — items with their stock across warehouses; POST creates one. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { tenantApi, unwrap, type QueryParams, type RequestBody, type ResponseBody, type TenantPaths } from "@/lib/api";
import { inventoryKey } from "./keys";

type Path = TenantPaths["/api/inventory/items/"];
export type ItemPage = ResponseBody<Path["get"]>;
export type Item = ItemPage["results"][number];
export type ItemQuery = QueryParams<Path["get"]>;
export type ItemInput = RequestBody<Path["post"]>;

export function getItems(query: ItemQuery): Promise<ItemPage> {
  return unwrap(tenantApi.GET("/api/inventory/items/", { params: { query } }));
}

export function useItems(query: ItemQuery, { enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: [...inventoryKey, "items", query],
    queryFn: () => getItems(query),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function createItem({ body, idempotencyKey }: { body: ItemInput; idempotencyKey: string }): Promise<Item> {
  return unwrap(tenantApi.POST("/api/inventory/items/", { body, headers: { "Idempotency-Key": idempotencyKey } }));
}

export function useCreateItem() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createItem,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: inventoryKey }),
  });
}
