/**
 * GET /api/members/ and GET /api/roles/ — the company's members (by user id, as approval steps,
 * decisions, delegations and departments name them) and the roles, with what each grants.
 */
import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { allPages, type PageItem, type ResponseBody, tenantApi, type TenantPaths, unwrap } from "@/lib/api";

export type Member = ResponseBody<TenantPaths["/api/members/"]["get"]>["results"][number];
export type Role = PageItem<ResponseBody<TenantPaths["/api/roles/"]["get"]>>;

/** All members (a company has far fewer than the 200 one page holds; later pages are read too). */
export async function getAllMembers(): Promise<Member[]> {
  const members: Member[] = [];
  for (let page = 1; page <= 50; page += 1) {
    const result = await unwrap(tenantApi.GET("/api/members/", { params: { query: { page, page_size: 200 } } }));
    members.push(...result.results);
    if (!result.next) break;
  }
  return members;
}

export function useMembers() {
  return useQuery({ queryKey: ["procurement", "members"], queryFn: getAllMembers, staleTime: 60_000 });
}

export function getRoles(): Promise<Role[]> {
  return allPages((query) => unwrap(tenantApi.GET("/api/roles/", { params: { query } })));
}

export function useRoles() {
  return useQuery({ queryKey: ["roles"], queryFn: getRoles, staleTime: Infinity });
}

/** Members by user id, and a name for any user id (a departed member shows as "#id"). */
export function useMemberDirectory() {
  const query = useMembers();
  const directory = useMemo(() => {
    const members = query.data ?? [];
    const byUser = new Map(members.map((m) => [m.user_id, m]));
    const nameOf = (userId: number | null | undefined): string => {
      if (userId === null || userId === undefined) return "—";
      const member = byUser.get(userId);
      return member ? member.full_name || member.email : `#${userId}`;
    };
    return { members, byUser, nameOf };
  }, [query.data]);
  return { ...directory, query };
}
