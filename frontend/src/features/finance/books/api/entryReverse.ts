/** POST /api/finance/entries/{entry_id}/reverse/ — post the mirror image of an entry (entries never change). */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { tenantApi, unwrap, type RequestBody, type ResponseBody, type TenantPaths } from "@/lib/api";
import { booksKey } from "./keys";

type Op = TenantPaths["/api/finance/entries/{entry_id}/reverse/"]["post"];
export type Reversal = ResponseBody<Op, 201>;
export type ReverseInput = RequestBody<Op>;

export function reverseEntry({
  id,
  body,
  idempotencyKey,
}: {
  id: number;
  body: ReverseInput;
  idempotencyKey: string;
}): Promise<Reversal> {
  return unwrap(
    tenantApi.POST("/api/finance/entries/{entry_id}/reverse/", {
      params: { path: { entry_id: id } },
      body,
      headers: { "Idempotency-Key": idempotencyKey },
    }),
  );
}

export function useReverseEntry() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: reverseEntry,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: booksKey }),
  });
}
