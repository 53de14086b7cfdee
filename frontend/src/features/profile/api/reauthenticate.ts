/** allauth: POST auth/reauthenticate — confirm the password before a sensitive change. */
import { allauthProblem, allauthRequest } from "@/lib/allauth";

export async function reauthenticate(body: { password: string }): Promise<void> {
  const envelope = await allauthRequest("POST", "auth/reauthenticate", body);
  if (envelope.status === 200) return;
  throw allauthProblem(envelope);
}
