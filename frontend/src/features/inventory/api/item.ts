/** GET, PATCH and DELETE /api/inventory/items/{item_id}/ — one item (its SKU never changes; an item that moved cannot be deleted). */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { tenantApi, unwrap, unwrapEmpty, type RequestBody, type TenantPaths } from "@/lib/api";
import type { Item } from "./items";
import { inventoryKey } from "./keys";

export type ItemUpdate = RequestBody<TenantPaths["/api/inventory/items/{item_id}/"]["patch"]>;

export const itemQueryKey = (id: number) => [...inventoryKey, "item", id] as const;

export function getItem(id: number): Promise<Item> {
  return unwrap(tenantApi.GET("/api/inventory/items/{item_id}/", { params: { path: { item_id: id } } }));
}

export function useItem(id: number | null) {
  return useQuery({ queryKey: itemQueryKey(id ?? 0), queryFn: () => getItem(id ?? 0), enabled: id !== null });
}

export function updateItem({ id, body }: { id: number; body: ItemUpdate }): Promise<Item> {
  return unwrap(tenantApi.PATCH("/api/inventory/items/{item_id}/", { params: { path: { item_id: id } }, body }));
}

export function useUpdateItem() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateItem,
    onSuccess: async (item) => {
      queryClient.setQueryData(itemQueryKey(item.id), item);
      await queryClient.invalidateQueries({ queryKey: inventoryKey });
    },
  });
}

export function deleteItem(id: number): Promise<void> {
  return unwrapEmpty(tenantApi.DELETE("/api/inventory/items/{item_id}/", { params: { path: { item_id: id } } }));
}

export function useDeleteItem() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteItem,
    onSuccess: (_, id) => {
      queryClient.removeQueries({ queryKey: itemQueryKey(id) });
      return queryClient.invalidateQueries({ queryKey: [...inventoryKey, "items"] });
    },
  });
}
