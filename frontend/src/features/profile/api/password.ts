/** allauth: POST account/password/change. */
import { useMutation } from "@tanstack/react-query";
import { allauthProblem, allauthRequest } from "@/lib/allauth";

export interface ChangePasswordRequest {
  current_password: string;
  new_password: string;
}

export async function changePassword(body: ChangePasswordRequest): Promise<void> {
  const envelope = await allauthRequest("POST", "account/password/change", body);
  if (envelope.status === 200) return;
  throw allauthProblem(envelope);
}

export function useChangePassword() {
  return useMutation({ mutationFn: changePassword });
}
