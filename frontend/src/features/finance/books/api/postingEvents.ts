/** GET /api/finance/posting-events/ — business events and what became of them (posted, nothing to post, failed). */
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { tenantApi, unwrap, type QueryParams, type ResponseBody, type TenantPaths } from "@/lib/api";
import { booksKey } from "./keys";

type Op = TenantPaths["/api/finance/posting-events/"]["get"];
export type PostingEventPage = ResponseBody<Op>;
export type PostingEvent = PostingEventPage["results"][number];
export type PostingEventStatus = PostingEvent["status"];
export type PostingEventQuery = QueryParams<Op>;

export const EVENT_STATUSES: readonly PostingEventStatus[] = ["pending", "posted", "skipped", "failed"];

export const eventsKey = [...booksKey, "events"] as const;

export function getPostingEvents(query: PostingEventQuery): Promise<PostingEventPage> {
  return unwrap(tenantApi.GET("/api/finance/posting-events/", { params: { query } }));
}

export function usePostingEvents(query: PostingEventQuery) {
  return useQuery({
    queryKey: [...eventsKey, query],
    queryFn: () => getPostingEvents(query),
    placeholderData: keepPreviousData,
  });
}
