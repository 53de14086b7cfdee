/** GET and POST /api/rfqs/ — the company's RFQs as a buyer, newest first; POST makes a draft. */
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

type Path = TenantPaths["/api/rfqs/"];
export type RfqPage = ResponseBody<Path["get"]>;
export type RfqSummary = RfqPage["results"][number];
export type RfqStatus = NonNullable<QueryParams<Path["get"]>["status"]>;
export type Rfq = ResponseBody<Path["post"], 201>;
export type RfqLine = Rfq["lines"][number];
export type RfqInput = RequestBody<Path["post"]>;
export type RfqLineInput = RfqInput["lines"][number];

export const rfqsQueryKey = ["rfqs"] as const;

export function getRfqs(query: PageParams & { status?: RfqStatus }): Promise<RfqPage> {
  return unwrap(tenantApi.GET("/api/rfqs/", { params: { query } }));
}

export function useRfqs(query: PageParams & { status?: RfqStatus }) {
  return useQuery({
    queryKey: [...rfqsQueryKey, "list", query],
    queryFn: () => getRfqs(query),
    placeholderData: keepPreviousData,
  });
}

export function createRfq(body: RfqInput): Promise<Rfq> {
  return unwrap(tenantApi.POST("/api/rfqs/", { body }));
}

export function useCreateRfq() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createRfq,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: rfqsQueryKey }),
  });
}
