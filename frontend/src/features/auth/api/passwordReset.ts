/**
 * allauth: password reset by e-mailed link.
 * - POST auth/password/request {email}: 200 for every address (an unknown one gets an e-mail saying
 *   so), so the answer never tells whether the address has an account.
 * - GET auth/password/reset (the key in the X-Password-Reset-Key header): whose account the link resets.
 * - POST auth/password/reset {key, password}: sets it. It answers 401 ("not signed in") on success: a
 *   reset ends every session of the account and does not sign in.
 */
import { useMutation, useQuery } from "@tanstack/react-query";
import { allauthRequest, expectStatus } from "@/lib/allauth";

export async function requestPasswordReset(email: string): Promise<void> {
  // The request carries the page's language (Accept-Language): an address without an account has no
  // language of its own for the e-mail.
  expectStatus(await allauthRequest("POST", "auth/password/request", { email }), 200);
}

export function useRequestPasswordReset() {
  return useMutation({ mutationFn: requestPasswordReset });
}

export const passwordResetKeyQueryKey = (key: string) => ["account", "password-reset", key] as const;

export async function getPasswordResetKey(key: string): Promise<{ email: string }> {
  const envelope = expectStatus(
    await allauthRequest<{ user?: { email?: string } }>("GET", "auth/password/reset", undefined, {
      "X-Password-Reset-Key": key,
    }),
    200,
  );
  return { email: envelope.data?.user?.email ?? "" };
}

export function usePasswordResetKey(key: string) {
  return useQuery({
    queryKey: passwordResetKeyQueryKey(key),
    queryFn: () => getPasswordResetKey(key),
    retry: false,
    staleTime: Infinity,
  });
}

export async function resetPassword(body: { key: string; password: string }): Promise<void> {
  expectStatus(await allauthRequest("POST", "auth/password/reset", body), 200, 401);
}

export function useResetPassword() {
  return useMutation({ mutationFn: resetPassword });
}
