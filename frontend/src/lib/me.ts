/**
 * GET /api/me/ — who is signed in on this host, their company, roles and permissions.
 * The one read every part of the workspace depends on, hence here rather than in a feature.
 */
import { useQuery } from "@tanstack/react-query";
import { tenantApi, unwrap, type ResponseBody, type TenantPaths } from "./api";
import { isProblem } from "./problem";

export type Me = ResponseBody<TenantPaths["/api/me/"]["get"]>;
export type MeUser = Me["user"];
export type MeCompany = NonNullable<Me["company"]>;

export const meQueryKey = ["me"] as const;

/** Codes with which the API says "nobody is signed in here" (as opposed to "not allowed"). */
const SIGNED_OUT_CODES = new Set(["not_authenticated", "authentication_failed", "session_expired"]);

export function isSignedOutProblem(error: unknown): boolean {
  if (!isProblem(error)) return false;
  return error.status === 401 || (error.status === 403 && SIGNED_OUT_CODES.has(error.code));
}

/** The signed-in member, or null when nobody is signed in on this host. */
export async function fetchMe(): Promise<Me | null> {
  try {
    return await unwrap(tenantApi.GET("/api/me/"));
  } catch (error) {
    if (isSignedOutProblem(error)) return null;
    throw error;
  }
}

export function useMe({ enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({ queryKey: meQueryKey, queryFn: fetchMe, staleTime: 60_000, retry: false, enabled });
}

/** The member under a route that already required sign-in (see RequireAuth). */
export function useSignedInMe(): Me {
  const { data } = useMe();
  if (!data) throw new Error("useSignedInMe() used outside a signed-in route");
  return data;
}
