/**
 * allauth: auth/email/verify — the link of a verification e-mail. GET (the key in the
 * X-Email-Verification-Key header) says which address it verifies; POST {key} verifies it. The POST
 * answers 200 when the browser is signed in here and 401 when it is not: the address is verified
 * either way.
 */
import { useMutation, useQuery } from "@tanstack/react-query";
import { allauthRequest, expectStatus } from "@/lib/allauth";

export const verificationQueryKey = (key: string) => ["account", "verify-email", key] as const;

export async function getVerification(key: string): Promise<{ email: string }> {
  const envelope = expectStatus(
    await allauthRequest<{ email?: string }>("GET", "auth/email/verify", undefined, {
      "X-Email-Verification-Key": key,
    }),
    200,
  );
  return { email: envelope.data?.email ?? "" };
}

export function useVerification(key: string) {
  return useQuery({
    queryKey: verificationQueryKey(key),
    queryFn: () => getVerification(key),
    retry: false,
    staleTime: Infinity,
  });
}

export async function verifyEmail(key: string): Promise<void> {
  expectStatus(await allauthRequest("POST", "auth/email/verify", { key }), 200, 401);
}

export function useVerifyEmail() {
  return useMutation({ mutationFn: verifyEmail });
}
