/**
 * allauth: account/authenticators/totp. GET answers 404 with a fresh secret while none is active
 * (that 404 is the enrolment offer, not an error); POST {code} activates; DELETE deactivates.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { allauthProblem, allauthRequest } from "@/lib/allauth";
import { meQueryKey } from "@/lib/me";
import { authenticatorsQueryKey } from "./authenticators";

export type TotpStatus = { active: true } | { active: false; secret: string; totpUrl: string };

export const totpQueryKey = ["mfa", "totp"] as const;

export async function getTotp(): Promise<TotpStatus> {
  const envelope = await allauthRequest<unknown, { secret?: string; totp_url?: string }>(
    "GET",
    "account/authenticators/totp",
  );
  if (envelope.status === 200) return { active: true };
  if (envelope.status === 404 && envelope.meta?.secret && envelope.meta.totp_url) {
    return { active: false, secret: envelope.meta.secret, totpUrl: envelope.meta.totp_url };
  }
  throw allauthProblem(envelope);
}

export function useTotpSetup(enabled: boolean) {
  return useQuery({ queryKey: totpQueryKey, queryFn: getTotp, enabled, staleTime: Infinity, gcTime: 0 });
}

export async function activateTotp(body: { code: string }): Promise<void> {
  const envelope = await allauthRequest("POST", "account/authenticators/totp", body);
  if (envelope.status === 200) return;
  throw allauthProblem(envelope);
}

export async function deactivateTotp(): Promise<void> {
  const envelope = await allauthRequest("DELETE", "account/authenticators/totp");
  if (envelope.status === 200) return;
  throw allauthProblem(envelope);
}

function useRefreshMfa() {
  const queryClient = useQueryClient();
  return async () => {
    queryClient.removeQueries({ queryKey: totpQueryKey });
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: authenticatorsQueryKey }),
      queryClient.invalidateQueries({ queryKey: meQueryKey }),
    ]);
  };
}

export function useActivateTotp() {
  const refresh = useRefreshMfa();
  return useMutation({ mutationFn: activateTotp, onSuccess: refresh });
}

export function useDeactivateTotp() {
  const refresh = useRefreshMfa();
  return useMutation({ mutationFn: deactivateTotp, onSuccess: refresh });
}
