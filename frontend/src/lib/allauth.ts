/**
 * django-allauth headless, browser client (`/_allauth/browser/v1/`). It is not part of the Hansa
 * OpenAPI documents and it does not speak problem+json: responses are `{status, data?, meta?,
 * errors?}` and a 401 is an ordinary answer ("not signed in, these flows are open"). This module
 * returns those envelopes and turns their errors into ProblemError so callers handle one type.
 */
import { requestHeaders } from "./api";
import { networkProblem, parseProblem, ProblemError } from "./problem";

export const ALLAUTH_BASE = "/_allauth/browser/v1";

export interface AllauthFlow {
  id: string;
  is_pending?: boolean;
  [key: string]: unknown;
}

export interface AllauthErrorItem {
  message: string;
  code: string;
  param?: string;
}

export interface AllauthEnvelope<Data = Record<string, unknown>, Meta = Record<string, unknown>> {
  status: number;
  data?: Data;
  meta?: Meta;
  errors?: AllauthErrorItem[];
}

export type AllauthMethod = "GET" | "POST" | "PUT" | "DELETE";

/** Sends one request; resolves with the envelope for any JSON answer, 4xx included. */
export async function allauthRequest<Data = Record<string, unknown>, Meta = Record<string, unknown>>(
  method: AllauthMethod,
  path: string,
  body?: unknown,
  extraHeaders: Record<string, string> = {},
): Promise<AllauthEnvelope<Data, Meta>> {
  const headers: Record<string, string> = { ...requestHeaders(method), ...extraHeaders };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  let response: Response;
  try {
    response = await globalThis.fetch(`${ALLAUTH_BASE}/${path.replace(/^\//, "")}`, {
      method,
      headers,
      credentials: "same-origin",
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    throw networkProblem(error);
  }
  let parsed: unknown = null;
  try {
    const text = await response.text();
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = null;
  }
  if (parsed === null || typeof parsed !== "object") {
    // Not allauth speaking (a proxy error page, a missing route): treat it as a plain HTTP failure.
    if (response.ok) return { status: response.status };
    throw parseProblem(response.status, null);
  }
  const envelope = parsed as AllauthEnvelope<Data, Meta>;
  return { ...envelope, status: typeof envelope.status === "number" ? envelope.status : response.status };
}

type AnyEnvelope = AllauthEnvelope<unknown, unknown>;

export function flowsOf(envelope: AnyEnvelope): AllauthFlow[] {
  const flows = (envelope.data as { flows?: unknown } | undefined)?.flows;
  return Array.isArray(flows) ? (flows as AllauthFlow[]) : [];
}

export function isFlowPending(envelope: AnyEnvelope, id: string): boolean {
  return flowsOf(envelope).some((flow) => flow.id === id && flow.is_pending === true);
}

export function isAuthenticated(envelope: AnyEnvelope): boolean {
  return (envelope.meta as { is_authenticated?: unknown } | undefined)?.is_authenticated === true;
}

/** 401 while signed in, listing `reauthenticate`: the action needs the password again. */
export function needsReauthentication(envelope: AnyEnvelope): boolean {
  return (
    envelope.status === 401 && isAuthenticated(envelope) && flowsOf(envelope).some((f) => f.id === "reauthenticate")
  );
}

/** allauth's error envelope as a ProblemError: first error's code, messages under their `param`. */
export function allauthProblem(envelope: AnyEnvelope): ProblemError {
  if (envelope.errors && envelope.errors.length > 0) return parseProblem(envelope.status, envelope);
  if (needsReauthentication(envelope)) {
    return new ProblemError({ status: envelope.status, code: "reauthentication_required" });
  }
  return parseProblem(envelope.status, null);
}

/** Throws the envelope's problem unless its status is one of `ok`. */
export function expectStatus<E extends AnyEnvelope>(envelope: E, ...ok: number[]): E {
  if (!ok.includes(envelope.status)) throw allauthProblem(envelope);
  return envelope;
}
