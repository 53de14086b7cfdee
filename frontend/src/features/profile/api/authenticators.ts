/** allauth: GET account/authenticators — the member's second factors. */
import { useQuery } from "@tanstack/react-query";
import { allauthRequest, expectStatus } from "@/lib/allauth";

export interface Authenticator {
  type: "totp" | "recovery_codes" | "webauthn" | string;
  created_at: number;
  last_used_at: number | null;
  total_code_count?: number;
  unused_code_count?: number;
}

export const authenticatorsQueryKey = ["mfa", "authenticators"] as const;

export async function getAuthenticators(): Promise<Authenticator[]> {
  const envelope = expectStatus(await allauthRequest<Authenticator[]>("GET", "account/authenticators"), 200);
  return Array.isArray(envelope.data) ? envelope.data : [];
}

export function useAuthenticators() {
  return useQuery({ queryKey: authenticatorsQueryKey, queryFn: getAuthenticators });
}
