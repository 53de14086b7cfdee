/** PATCH /api/me/ on the public host — the operator's saved language. */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { publicApi, unwrap, type PublicPaths, type RequestBody } from "@/lib/api";
import { meQueryKey } from "@/lib/me";

export type UpdateMeRequest = RequestBody<PublicPaths["/api/me/"]["patch"]>;

export function useUpdateOperator() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateMeRequest) => unwrap(publicApi.PATCH("/api/me/", { body })),
    onSuccess: (me) => queryClient.setQueryData(meQueryKey, me),
  });
}
