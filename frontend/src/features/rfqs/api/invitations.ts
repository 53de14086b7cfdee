/**
 * GET /api/rfqs/{rfq_id}/invitations/ — invited, matched and removed suppliers, best ranked first;
 * PUT and DELETE …/invitations/{supplier_id}/ (a supplier's company id) — add or remove an invitee,
 * before or after publishing.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { tenantApi, unwrap, unwrapEmpty, type PageParams, type ResponseBody, type TenantPaths } from "@/lib/api";
import { rfqQueryKey } from "./rfq";

type Path = TenantPaths["/api/rfqs/{rfq_id}/invitations/"];
export type InvitationPage = ResponseBody<Path["get"]>;
export type RfqInvitation = InvitationPage["results"][number];
export type InvitationStatus = RfqInvitation["status"];

export function getInvitations(id: number, page: PageParams, status?: InvitationStatus): Promise<InvitationPage> {
  return unwrap(
    tenantApi.GET("/api/rfqs/{rfq_id}/invitations/", {
      params: { path: { rfq_id: id }, query: { ...page, ...(status ? { status } : {}) } },
    }),
  );
}

export function useInvitations(id: number, page: PageParams, status?: InvitationStatus) {
  return useQuery({
    queryKey: ["rfqs", id, "invitations", page, status ?? "all"],
    queryFn: () => getInvitations(id, page, status),
    placeholderData: keepPreviousData,
  });
}

export function addInvitee({ rfqId, supplierId }: { rfqId: number; supplierId: number }) {
  return unwrap(
    tenantApi.PUT("/api/rfqs/{rfq_id}/invitations/{supplier_id}/", {
      params: { path: { rfq_id: rfqId, supplier_id: supplierId } },
    }),
  );
}

export function removeInvitee({ rfqId, supplierId }: { rfqId: number; supplierId: number }) {
  return unwrapEmpty(
    tenantApi.DELETE("/api/rfqs/{rfq_id}/invitations/{supplier_id}/", {
      params: { path: { rfq_id: rfqId, supplier_id: supplierId } },
    }),
  );
}

/**
 * Keeps a supplier that the draft matches from being invited on publishing: the API removes only
 * suppliers it has a row for, so the supplier is added first and then removed (it stays removed).
 */
export async function excludeMatch(args: { rfqId: number; supplierId: number }) {
  await addInvitee(args);
  await removeInvitee(args);
}

function useInviteeChange<A extends { rfqId: number }, R>(change: (args: A) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: change,
    onSuccess: (_, { rfqId }) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ["rfqs", rfqId] }),
        queryClient.invalidateQueries({ queryKey: rfqQueryKey(rfqId) }),
      ]),
  });
}

export const useAddInvitee = () => useInviteeChange(addInvitee);
export const useRemoveInvitee = () => useInviteeChange(removeInvitee);
export const useExcludeMatch = () => useInviteeChange(excludeMatch);
