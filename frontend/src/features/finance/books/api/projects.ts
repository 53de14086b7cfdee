/** GET and POST /api/finance/projects/ — projects, a dimension of journal lines. */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { allPages, tenantApi, unwrap, type RequestBody, type ResponseBody, type TenantPaths } from "@/lib/api";
import { booksKey, newIdempotencyKey } from "./keys";

type Path = TenantPaths["/api/finance/projects/"];
export type Project = ResponseBody<Path["get"]>["results"][number];
export type ProjectInput = RequestBody<Path["post"]>;

const projectsKey = [...booksKey, "projects"] as const;

export function useProjects() {
  return useQuery({
    queryKey: projectsKey,
    queryFn: () => allPages((query) => unwrap(tenantApi.GET("/api/finance/projects/", { params: { query } }))),
  });
}

export function createProject(body: ProjectInput): Promise<Project> {
  return unwrap(
    tenantApi.POST("/api/finance/projects/", { body, headers: { "Idempotency-Key": newIdempotencyKey() } }),
  );
}

export function useCreateProject() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createProject,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: projectsKey }),
  });
}
