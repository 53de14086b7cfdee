/** allauth: account/authenticators/recovery-codes. GET lists the unused codes; POST makes new ones. */
import { allauthProblem, allauthRequest } from "@/lib/allauth";

export interface RecoveryCodes {
  total_code_count: number;
  unused_code_count: number;
  unused_codes: string[];
}

function codesOf(data: Partial<RecoveryCodes> | undefined): RecoveryCodes {
  return {
    total_code_count: data?.total_code_count ?? 0,
    unused_code_count: data?.unused_code_count ?? 0,
    unused_codes: Array.isArray(data?.unused_codes) ? data.unused_codes : [],
  };
}

export async function getRecoveryCodes(): Promise<RecoveryCodes> {
  const envelope = await allauthRequest<Partial<RecoveryCodes>>("GET", "account/authenticators/recovery-codes");
  if (envelope.status === 200) return codesOf(envelope.data);
  throw allauthProblem(envelope);
}

export async function regenerateRecoveryCodes(): Promise<RecoveryCodes> {
  const envelope = await allauthRequest<Partial<RecoveryCodes>>("POST", "account/authenticators/recovery-codes");
  if (envelope.status !== 200) throw allauthProblem(envelope);
  // Some versions answer the POST without the codes; read them back once.
  const codes = codesOf(envelope.data);
  return codes.unused_codes.length > 0 ? codes : getRecoveryCodes();
}
