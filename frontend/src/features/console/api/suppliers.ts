/** The supplier verification queue: GET /api/console/suppliers/ and POST .../verification/. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { publicApi, unwrap, type PageParams, type PublicPaths, type RequestBody, type ResponseBody } from "@/lib/api";
import { consoleKey, present } from "./fleet";

export type SupplierPage = ResponseBody<PublicPaths["/api/console/suppliers/"]["get"]>;
export type OperatorSupplier = SupplierPage["results"][number];
export type Certification = OperatorSupplier["certifications"][number];
export type Verification = RequestBody<PublicPaths["/api/console/suppliers/{supplier_id}/verification/"]["post"]>;
export interface SupplierFilters {
  q?: string;
  verified?: "true" | "false";
}

const suppliersKey = [...consoleKey, "suppliers"] as const;

export function useSuppliers(filters: SupplierFilters, page: PageParams) {
  return useQuery({
    queryKey: [...suppliersKey, present(filters), page],
    queryFn: () =>
      unwrap(publicApi.GET("/api/console/suppliers/", { params: { query: { ...present(filters), ...page } } })),
    placeholderData: keepPreviousData,
  });
}

export function useVerifySupplier() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ supplierId, body }: { supplierId: number; body: Verification }) =>
      unwrap(
        publicApi.POST("/api/console/suppliers/{supplier_id}/verification/", {
          params: { path: { supplier_id: supplierId } },
          body,
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: consoleKey }),
  });
}
