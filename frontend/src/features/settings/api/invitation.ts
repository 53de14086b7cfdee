/**
 * POST /api/invitations/{invitation_id}/resend/ — mail a fresh link (the old one stops working);
 * POST /api/invitations/{invitation_id}/revoke/ — withdraw a pending invitation.
 */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { tenantApi, unwrap } from "@/lib/api";
import { invitationsQueryKey } from "./invitations";

export function resendInvitation(id: number) {
  return unwrap(
    tenantApi.POST("/api/invitations/{invitation_id}/resend/", { params: { path: { invitation_id: id } } }),
  );
}

export function revokeInvitation(id: number) {
  return unwrap(
    tenantApi.POST("/api/invitations/{invitation_id}/revoke/", { params: { path: { invitation_id: id } } }),
  );
}

function useInvitationAction(action: (id: number) => ReturnType<typeof resendInvitation>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: action,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: invitationsQueryKey }),
  });
}

export function useResendInvitation() {
  return useInvitationAction(resendInvitation);
}

export function useRevokeInvitation() {
  return useInvitationAction(revokeInvitation);
}
