/** POST /api/finance/posting-events/{posting_event_id}/retry/ — post a failed or pending event now. */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { tenantApi, unwrap, type ResponseBody, type TenantPaths } from "@/lib/api";
import { booksKey } from "./keys";

type Op = TenantPaths["/api/finance/posting-events/{posting_event_id}/retry/"]["post"];
export type RetriedEvent = ResponseBody<Op>;

export function retryPostingEvent(id: number): Promise<RetriedEvent> {
  return unwrap(
    tenantApi.POST("/api/finance/posting-events/{posting_event_id}/retry/", {
      params: { path: { posting_event_id: id } },
    }),
  );
}

export function useRetryPostingEvent() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: retryPostingEvent,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: booksKey }),
  });
}
