/**
 * GET and POST /api/departments/, DELETE …/{department_id}/ and PUT /api/departments/members/{user_id}/ —
 * departments and who is in which (rules can match the requester's department).
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  allPages,
  type PageItem,
  type RequestBody,
  type ResponseBody,
  tenantApi,
  type TenantPaths,
  unwrap,
  unwrapEmpty,
} from "@/lib/api";

type Path = TenantPaths["/api/departments/"];
export type Department = PageItem<ResponseBody<Path["get"]>>;
export type DepartmentInput = RequestBody<Path["post"]>;

export const departmentsQueryKey = ["approvals", "departments"] as const;

export function getDepartments(): Promise<Department[]> {
  return allPages((query) => unwrap(tenantApi.GET("/api/departments/", { params: { query } })));
}

/** Only members with approval.rules may read them: pass `enabled: false` for anyone else. */
export function useDepartments({ enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({ queryKey: departmentsQueryKey, queryFn: getDepartments, enabled });
}

export function createDepartment(body: DepartmentInput): Promise<Department> {
  return unwrap(tenantApi.POST("/api/departments/", { body }));
}

export function deleteDepartment(id: number): Promise<void> {
  return unwrapEmpty(
    tenantApi.DELETE("/api/departments/{department_id}/", { params: { path: { department_id: id } } }),
  );
}

export function setMemberDepartment({ userId, departmentId }: { userId: number; departmentId: number | null }) {
  return unwrapEmpty(
    tenantApi.PUT("/api/departments/members/{user_id}/", {
      params: { path: { user_id: userId } },
      body: { department_id: departmentId },
    }),
  );
}

function useDepartmentChange<A, R>(change: (args: A) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: change,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: departmentsQueryKey }),
  });
}

export const useCreateDepartment = () => useDepartmentChange(createDepartment);
export const useDeleteDepartment = () => useDepartmentChange(deleteDepartment);
export const useSetMemberDepartment = () => useDepartmentChange(setMemberDepartment);
