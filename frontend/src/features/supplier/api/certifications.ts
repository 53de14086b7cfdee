/** GET and POST /api/supplier-profile/certifications/ — the company's certificates and their expiry. */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { tenantApi, unwrap, type RequestBody, type ResponseBody, type TenantPaths } from "@/lib/api";
import { supplierProfileQueryKey } from "./supplierProfile";

type Path = TenantPaths["/api/supplier-profile/certifications/"];
export type CertificationPage = ResponseBody<Path["get"]>;
export type Certification = CertificationPage["results"][number];
export type CertificationInput = RequestBody<Path["post"]>;

export const certificationsQueryKey = ["supplier-profile", "certifications"] as const;

export function getCertifications(): Promise<CertificationPage> {
  return unwrap(tenantApi.GET("/api/supplier-profile/certifications/", { params: { query: { page_size: 200 } } }));
}

export function useCertifications(enabled = true) {
  return useQuery({ queryKey: certificationsQueryKey, queryFn: getCertifications, enabled });
}

export function createCertification(body: CertificationInput): Promise<Certification> {
  return unwrap(tenantApi.POST("/api/supplier-profile/certifications/", { body }));
}

/** After any change of certificates: the list, and the profile that embeds them. */
export function useRefreshCertifications() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: certificationsQueryKey }),
      queryClient.invalidateQueries({ queryKey: supplierProfileQueryKey, exact: true }),
    ]);
}

export function useCreateCertification() {
  const refresh = useRefreshCertifications();
  return useMutation({ mutationFn: createCertification, onSuccess: refresh });
}
