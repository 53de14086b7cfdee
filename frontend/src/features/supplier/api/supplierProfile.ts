/**
 * GET and PUT /api/supplier-profile/ — the company's face on the marketplace (PUT creates or replaces
 * it). A company without one gets `404 supplier_profile_missing`, which the page treats as "none yet".
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { tenantApi, unwrap, type RequestBody, type ResponseBody, type TenantPaths } from "@/lib/api";
import { isProblem } from "@/lib/problem";

type Path = TenantPaths["/api/supplier-profile/"];
export type SupplierProfile = ResponseBody<Path["get"]>;
export type SupplierProfileInput = RequestBody<Path["put"]>;

export const supplierProfileQueryKey = ["supplier-profile"] as const;

/** The profile, or null when the company has none yet. */
export async function getSupplierProfile(): Promise<SupplierProfile | null> {
  try {
    return await unwrap(tenantApi.GET("/api/supplier-profile/"));
  } catch (error) {
    if (isProblem(error) && error.code === "supplier_profile_missing") return null;
    throw error;
  }
}

export function useSupplierProfile() {
  return useQuery({ queryKey: supplierProfileQueryKey, queryFn: getSupplierProfile });
}

export function saveSupplierProfile(body: SupplierProfileInput): Promise<SupplierProfile> {
  return unwrap(tenantApi.PUT("/api/supplier-profile/", { body }));
}

export function useSaveSupplierProfile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: saveSupplierProfile,
    onSuccess: (profile) => queryClient.setQueryData(supplierProfileQueryKey, profile),
  });
}
