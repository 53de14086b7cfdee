/**
 * POST /api/invitations/accept/ — join the company: a new address chooses its password, an
 * existing account proves itself with its own. The server signs the member in on this host,
 * except an account with MFA, which signs in with its code afterwards.
 */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { tenantApi, unwrap, type RequestBody, type TenantPaths } from "@/lib/api";
import { fetchMe, meQueryKey } from "@/lib/me";

export type AcceptInvitationRequest = RequestBody<TenantPaths["/api/invitations/accept/"]["post"]>;

/** Whether the browser is now signed in on this host (false: sign in with the TOTP code next). */
export type AcceptOutcome = "signed_in" | "sign_in_required";

export async function acceptInvitation(body: AcceptInvitationRequest) {
  return unwrap(tenantApi.POST("/api/invitations/accept/", { body }));
}

export function useAcceptInvitation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: AcceptInvitationRequest): Promise<AcceptOutcome> => {
      await acceptInvitation(body);
      // Whoever was signed in before may not be who is signed in now: forget what was read for
      // them (but not the offer on screen) and ask again.
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== "invitation" });
      const me = await queryClient.fetchQuery({ queryKey: meQueryKey, queryFn: fetchMe, staleTime: 0 });
      return me ? "signed_in" : "sign_in_required";
    },
  });
}
