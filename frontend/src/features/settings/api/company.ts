/** GET and PATCH /api/company/ — the company of this host. */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { tenantApi, unwrap, type RequestBody, type ResponseBody, type TenantPaths } from "@/lib/api";
import { meQueryKey } from "@/lib/me";

export type Company = ResponseBody<TenantPaths["/api/company/"]["get"]>;
export type UpdateCompanyRequest = RequestBody<TenantPaths["/api/company/"]["patch"]>;

export const companyQueryKey = ["company"] as const;

export function getCompany() {
  return unwrap(tenantApi.GET("/api/company/"));
}

export function useCompany() {
  return useQuery({ queryKey: companyQueryKey, queryFn: getCompany });
}

export function updateCompany(body: UpdateCompanyRequest) {
  return unwrap(tenantApi.PATCH("/api/company/", { body }));
}

export function useUpdateCompany() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateCompany,
    onSuccess: async (company) => {
      queryClient.setQueryData(companyQueryKey, company);
      // The header shows the company's name from /api/me/.
      await queryClient.invalidateQueries({ queryKey: meQueryKey });
    },
  });
}
