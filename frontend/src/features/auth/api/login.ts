/** allauth: POST auth/login, then (when a TOTP code is needed) POST auth/2fa/authenticate. */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { allauthProblem, allauthRequest, isFlowPending } from "@/lib/allauth";
import { meQueryKey } from "@/lib/me";

export type LoginOutcome = "signed_in" | "mfa_required";

export async function login(body: { email: string; password: string }): Promise<LoginOutcome> {
  const envelope = await allauthRequest("POST", "auth/login", body);
  if (envelope.status === 200) return "signed_in";
  if (envelope.status === 401 && isFlowPending(envelope, "mfa_authenticate")) return "mfa_required";
  // 409: a session is already signed in on this host; the workspace will show whose.
  if (envelope.status === 409) return "signed_in";
  throw allauthProblem(envelope);
}

export async function authenticateMfa(body: { code: string }): Promise<void> {
  const envelope = await allauthRequest("POST", "auth/2fa/authenticate", body);
  if (envelope.status === 200) return;
  throw allauthProblem(envelope);
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: login,
    onSuccess: async (outcome) => {
      if (outcome === "signed_in") await queryClient.invalidateQueries({ queryKey: meQueryKey });
    },
  });
}

export function useAuthenticateMfa() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: authenticateMfa,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: meQueryKey }),
  });
}
