/**
 * The thin HTTP client: openapi-fetch typed by the generated OpenAPI types, one client per host
 * API. Same-origin credentials (Django session cookie), the CSRF token on unsafe methods, and the
 * UI language so that server messages come back in it. Failures become ProblemError via unwrap().
 */
import createClient, { type Middleware } from "openapi-fetch";
import type { paths as PublicPaths } from "@/api/public";
import type { paths as TenantPaths } from "@/api/tenant";
import { csrfHeaders } from "./csrf";
import { currentLanguage, toServerLocale } from "./i18n";
import { networkProblem, parseProblem } from "./problem";

function origin(): string {
  return typeof window !== "undefined" ? window.location.origin : "http://localhost";
}

/** Headers every API request carries, given its method. */
export function requestHeaders(method: string): Record<string, string> {
  return {
    Accept: "application/json, application/problem+json",
    "Accept-Language": toServerLocale(currentLanguage()),
    ...csrfHeaders(method),
  };
}

const hansaHeaders: Middleware = {
  onRequest({ request }) {
    for (const [name, value] of Object.entries(requestHeaders(request.method))) {
      request.headers.set(name, value);
    }
    return request;
  },
};

function makeClient<Paths extends object>() {
  const client = createClient<Paths>({
    baseUrl: origin(),
    credentials: "same-origin",
    // Resolved on every call, so a fetch replaced after start-up (tests) is honoured.
    fetch: (request: Request) => globalThis.fetch(request),
  });
  client.use(hansaHeaders);
  return client;
}

export const publicApi = makeClient<PublicPaths>();
export const tenantApi = makeClient<TenantPaths>();

interface FetchResult {
  data?: unknown;
  error?: unknown;
  response: Response;
}

/** Awaits an openapi-fetch call: its data on success, a ProblemError thrown on any failure. */
export async function unwrap<R extends FetchResult>(call: Promise<R>): Promise<Exclude<R["data"], undefined>> {
  let result: R;
  try {
    result = await call;
  } catch (error) {
    throw networkProblem(error);
  }
  if (!result.response.ok) throw parseProblem(result.response.status, result.error);
  return result.data as Exclude<R["data"], undefined>;
}

/** Like unwrap() for calls answered with no body (204). */
export async function unwrapEmpty(call: Promise<FetchResult>): Promise<void> {
  let result: FetchResult;
  try {
    result = await call;
  } catch (error) {
    throw networkProblem(error);
  }
  if (!result.response.ok) throw parseProblem(result.response.status, result.error);
}

/** A page of a DRF list (`?page=&page_size=`, 1-based; the server caps page_size at 200). */
export interface PageParams {
  page: number;
  page_size: number;
}

export const FIRST_PAGE: PageParams = { page: 1, page_size: 20 };

/** A page of a list operation, as every list of the API answers (docs/api-conventions.md). */
export interface Page<T> {
  count: number;
  next?: string | null;
  previous?: string | null;
  results: T[];
}

/** The item type of a page type. */
export type PageItem<P> = P extends { results: (infer T)[] } ? T : never;

/**
 * Every item of a paginated list, for the lists a screen shows whole (an order's timeline, the
 * approval inbox): reads page after page at the server's largest page size until `next` is null.
 */
export async function allPages<T>(fetchPage: (query: PageParams) => Promise<Page<T>>): Promise<T[]> {
  const items: T[] = [];
  for (let page = 1; page <= 1000; page += 1) {
    const body = await fetchPage({ page, page_size: 200 });
    items.push(...body.results);
    if (!body.next) break;
  }
  return items;
}

/** DRF lists are paginated (`{count, results}`); tolerate a bare array too. */
export function resultsOf<T>(page: { results: T[] } | T[] | null | undefined): T[] {
  if (!page) return [];
  return Array.isArray(page) ? page : page.results;
}

/*
 * Types of an operation's JSON bodies, read from the generated `paths` rather than from schema
 * names (which drf-spectacular derives from serializer names and may rename).
 */
type JsonContent<R> = R extends { content: { "application/json": infer T } } ? T : never;

/** The JSON body an operation answers with on `Status` (200 unless told). */
export type ResponseBody<Op, Status extends number = 200> = Op extends { responses: infer Rs }
  ? Status extends keyof Rs
    ? JsonContent<Rs[Status]>
    : never
  : never;

/** The JSON body an operation accepts. */
export type RequestBody<Op> = Op extends { requestBody?: infer B } ? JsonContent<NonNullable<B>> : never;

/** The query parameters an operation accepts. */
export type QueryParams<Op> = Op extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;

/**
 * A file as the `multipart/form-data` body (`file` field) that Hansa's upload endpoints take. The
 * generated types describe that body as `{file: string}` (binary); the browser sends a FormData.
 */
export function multipartFile(file: Blob, name?: string): { file: string } {
  const form = new FormData();
  if (name !== undefined) form.append("file", file, name);
  else form.append("file", file);
  return form as unknown as { file: string };
}

export type { PublicPaths, TenantPaths };
