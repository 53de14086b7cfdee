/** GET /api/plans/ (public host) — the plans a new company may try, for the plan choice at sign-up. */
import { useQuery } from "@tanstack/react-query";
import { allPages, publicApi, unwrap, type PublicPaths, type ResponseBody } from "@/lib/api";

export type PublicPlan = ResponseBody<PublicPaths["/api/plans/"]["get"]>["results"][number];

export function usePublicPlans() {
  return useQuery({
    queryKey: ["plans"],
    queryFn: () => allPages((query) => unwrap(publicApi.GET("/api/plans/", { params: { query } }))),
    staleTime: 300_000,
  });
}
