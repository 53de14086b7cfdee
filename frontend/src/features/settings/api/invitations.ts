/** GET and POST /api/invitations/ — invite someone by e-mail with roles; see who is invited. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { tenantApi, unwrap, type PageParams, type RequestBody, type ResponseBody, type TenantPaths } from "@/lib/api";

export type InvitationPage = ResponseBody<TenantPaths["/api/invitations/"]["get"]>;
export type Invitation = InvitationPage["results"][number];
export type InvitationRequest = RequestBody<TenantPaths["/api/invitations/"]["post"]>;

export const invitationsQueryKey = ["invitations"] as const;

export function getInvitations(query: PageParams): Promise<InvitationPage> {
  return unwrap(tenantApi.GET("/api/invitations/", { params: { query } }));
}

export function useInvitations(query: PageParams) {
  return useQuery({
    queryKey: [...invitationsQueryKey, query],
    queryFn: () => getInvitations(query),
    placeholderData: keepPreviousData,
  });
}

export function createInvitation(body: InvitationRequest) {
  return unwrap(tenantApi.POST("/api/invitations/", { body }));
}

export function useCreateInvitation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createInvitation,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: invitationsQueryKey }),
  });
}
