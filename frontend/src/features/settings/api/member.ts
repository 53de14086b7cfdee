/** PATCH and DELETE /api/members/{member_id}/ — change a member's roles, remove a member. */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { tenantApi, unwrap, unwrapEmpty } from "@/lib/api";
import { meQueryKey } from "@/lib/me";
import { membersQueryKey } from "./members";

export function updateMemberRoles({ id, roles }: { id: number; roles: string[] }) {
  return unwrap(tenantApi.PATCH("/api/members/{member_id}/", { params: { path: { member_id: id } }, body: { roles } }));
}

export function removeMember(id: number) {
  return unwrapEmpty(tenantApi.DELETE("/api/members/{member_id}/", { params: { path: { member_id: id } } }));
}

function useRefreshMembers() {
  const queryClient = useQueryClient();
  // The member may have changed their own roles, hence /api/me/ too.
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: membersQueryKey }),
      queryClient.invalidateQueries({ queryKey: meQueryKey }),
    ]);
}

export function useUpdateMemberRoles() {
  const refresh = useRefreshMembers();
  return useMutation({ mutationFn: updateMemberRoles, onSuccess: refresh });
}

export function useRemoveMember() {
  const refresh = useRefreshMembers();
  return useMutation({ mutationFn: removeMember, onSuccess: refresh });
}
