/**
 * RFC 9457 problem details, as every Hansa API error is rendered, turned into one typed error.
 *
 * Components react to `code` (stable, never renamed once published), never to message text.
 * Bodies that are not problem+json (allauth's `{status, errors: [...]}`, DRF's `{detail}`, an HTML
 * 404 page, a network failure) are normalised into the same shape so callers handle one type.
 */
import type { TFunction } from "i18next";

export type FieldErrors = Record<string, string[]>;

export interface ProblemInit {
  status: number;
  code: string;
  title?: string;
  detail?: string;
  type?: string;
  fieldErrors?: FieldErrors;
  /** The problem's extension members (`meter`, `limit`, `suspension`, `meters` ...). */
  extensions?: Record<string, unknown>;
}

/** Field names whose messages concern the whole form rather than one input. */
const NON_FIELD_KEYS = new Set(["non_field_errors", "__all__", "detail", ""]);

export class ProblemError extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string | undefined;
  readonly type: string;
  readonly fieldErrors: FieldErrors;
  readonly extensions: Record<string, unknown>;

  constructor(init: ProblemInit) {
    super(init.detail || init.title || init.code);
    this.name = "ProblemError";
    this.status = init.status;
    this.code = init.code;
    this.title = init.title ?? "";
    this.detail = init.detail;
    this.type = init.type ?? "about:blank";
    this.fieldErrors = init.fieldErrors ?? {};
    this.extensions = init.extensions ?? {};
  }

  /** Messages that belong to no particular field. */
  get nonFieldErrors(): string[] {
    return Object.entries(this.fieldErrors)
      .filter(([field]) => NON_FIELD_KEYS.has(field))
      .flatMap(([, messages]) => messages);
  }

  get hasFieldErrors(): boolean {
    return Object.keys(this.fieldErrors).some((field) => !NON_FIELD_KEYS.has(field));
  }
}

export function isProblem(value: unknown): value is ProblemError {
  return value instanceof ProblemError;
}

/** The code used when a response carries none of its own. */
export function codeForStatus(status: number): string {
  switch (status) {
    case 0:
      return "network_error";
    case 400:
      return "bad_request";
    case 401:
      return "not_authenticated";
    case 403:
      return "permission_denied";
    case 404:
      return "not_found";
    case 405:
      return "method_not_allowed";
    case 409:
      return "conflict";
    case 429:
      return "throttled";
    default:
      return status >= 500 ? "server_error" : `http_${status}`;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function asString(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

function toMessages(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(toMessages);
  if (isRecord(value)) {
    const message = asString(value.message) ?? asString(value.detail);
    return message ? [message] : [];
  }
  return [];
}

/** `{field: [messages]}`, tolerating a single string per field or nested `{message}` objects. */
function parseFieldErrors(value: unknown): FieldErrors {
  const out: FieldErrors = {};
  if (!isRecord(value)) return out;
  for (const [field, messages] of Object.entries(value)) {
    const list = toMessages(messages);
    if (list.length > 0) out[field] = list;
  }
  return out;
}

/** allauth headless: `{status, errors: [{message, code, param?}]}`. */
function parseAllauthErrors(status: number, errors: unknown[]): ProblemError {
  const fieldErrors: FieldErrors = {};
  let code: string | undefined;
  let title: string | undefined;
  for (const item of errors) {
    if (!isRecord(item)) continue;
    const message = asString(item.message);
    code ??= asString(item.code);
    title ??= message;
    if (message) {
      const field = asString(item.param) ?? "non_field_errors";
      (fieldErrors[field] ??= []).push(message);
    }
  }
  return new ProblemError({ status, code: code ?? codeForStatus(status), title, fieldErrors });
}

const PROBLEM_MEMBERS = new Set(["type", "title", "status", "code", "detail", "errors"]);

function extensionsOf(body: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(body).filter(([key]) => !PROBLEM_MEMBERS.has(key)));
}

/** Turns a response status and its (already decoded) body into a ProblemError. */
export function parseProblem(status: number, body: unknown): ProblemError {
  if (isRecord(body)) {
    if (Array.isArray(body.errors)) {
      return parseAllauthErrors(status, body.errors);
    }
    const code = asString(body.code);
    const title = asString(body.title);
    const detail = asString(body.detail);
    if (code || title || detail) {
      return new ProblemError({
        status: typeof body.status === "number" ? body.status : status,
        code: code ?? codeForStatus(status),
        title,
        detail,
        type: asString(body.type),
        fieldErrors: parseFieldErrors(body.errors),
        extensions: extensionsOf(body),
      });
    }
  }
  return new ProblemError({ status, code: codeForStatus(status) });
}

/** Reads a failed Response's body (JSON or not) into a ProblemError. */
export async function problemFromResponse(response: Response): Promise<ProblemError> {
  let body: unknown = null;
  try {
    const text = await response.text();
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null; // HTML error pages and empty bodies carry no problem details
  }
  return parseProblem(response.status, body);
}

export function networkProblem(cause: unknown): ProblemError {
  const error = new ProblemError({ status: 0, code: "network_error" });
  (error as { cause?: unknown }).cause = cause;
  return error;
}

/** Any thrown value as a ProblemError (unknown errors become `unknown_error`). */
export function toProblem(error: unknown): ProblemError {
  if (isProblem(error)) return error;
  if (error instanceof TypeError) return networkProblem(error);
  return new ProblemError({
    status: 0,
    code: "unknown_error",
    detail: error instanceof Error ? error.message : undefined,
  });
}

/** The message to show for an error: the translation of `problem.<code>`, else the server's title. */
export function problemMessage(t: TFunction, error: unknown): string {
  const problem = toProblem(error);
  const fallback = problem.title || problem.detail || t("problem.unknown_error");
  const { meter, limit } = problem.extensions;
  if (problem.code === "quota_exceeded" && typeof meter === "string" && limit !== undefined && limit !== null) {
    // Name the meter and the plan's limit: "Your plan includes 20 catalog listings ..."
    return t("problem.quota_exceeded_meter", {
      meter: t(`billing.meter.${meter}`, { defaultValue: meter }),
      limit: String(limit),
      defaultValue: fallback,
    });
  }
  return t(`problem.${problem.code}`, { defaultValue: fallback });
}
