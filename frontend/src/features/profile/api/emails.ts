/**
 * allauth: account/email. GET lists the member's addresses and whether each is verified; PUT {email}
 * sends the verification link again (allauth rate-limits it: `verification_sent` says whether it went).
 */
import { useMutation, useQuery } from "@tanstack/react-query";
import { allauthRequest, expectStatus } from "@/lib/allauth";

export interface EmailAddress {
  email: string;
  primary: boolean;
  verified: boolean;
}

export const emailsQueryKey = ["account", "emails"] as const;

export async function getEmails(): Promise<EmailAddress[]> {
  const envelope = expectStatus(await allauthRequest<EmailAddress[]>("GET", "account/email"), 200);
  return Array.isArray(envelope.data) ? envelope.data : [];
}

export function useEmails() {
  return useQuery({ queryKey: emailsQueryKey, queryFn: getEmails });
}

/** Whether a link was sent (false: one went out a moment ago, allauth holds the next one back). */
export async function sendVerification(email: string): Promise<boolean> {
  const envelope = expectStatus(
    await allauthRequest<unknown, { verification_sent?: boolean }>("PUT", "account/email", { email }),
    200,
  );
  // Older allauth versions answer without the flag: it was sent.
  return envelope.meta?.verification_sent !== false;
}

export function useSendVerification() {
  return useMutation({ mutationFn: sendVerification });
}
