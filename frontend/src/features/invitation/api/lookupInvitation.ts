/** GET /api/invitations/lookup/?token= — what an invitation link offers, before accepting it. */
import { useQuery } from "@tanstack/react-query";
import { tenantApi, unwrap, type ResponseBody, type TenantPaths } from "@/lib/api";

export type InvitationOffer = ResponseBody<TenantPaths["/api/invitations/lookup/"]["get"]>;

export const invitationLookupQueryKey = (token: string) => ["invitation", "lookup", token] as const;

export function lookupInvitation(token: string): Promise<InvitationOffer> {
  return unwrap(tenantApi.GET("/api/invitations/lookup/", { params: { query: { token } } }));
}

export function useInvitationLookup(token: string) {
  return useQuery({
    queryKey: invitationLookupQueryKey(token),
    queryFn: () => lookupInvitation(token),
    // An invalid token stays invalid; asking again only delays the message.
    retry: false,
    staleTime: Infinity,
  });
}
