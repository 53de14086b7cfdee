/** GET /api/signup/slug-check/?slug= — is this workspace address free? */
import type { QueryClient } from "@tanstack/react-query";
import { publicApi, unwrap, type PublicPaths, type ResponseBody } from "@/lib/api";

export type SlugCheck = ResponseBody<PublicPaths["/api/signup/slug-check/"]["get"]>;

export const slugCheckQueryKey = (slug: string) => ["signup", "slug-check", slug] as const;

export function checkSlug(slug: string, signal?: AbortSignal): Promise<SlugCheck> {
  return unwrap(publicApi.GET("/api/signup/slug-check/", { params: { query: { slug } }, signal }));
}

/** Cached for a short while: the validator runs on every keystroke pause and again on submit. */
export function fetchSlugCheck(queryClient: QueryClient, slug: string): Promise<SlugCheck> {
  return queryClient.fetchQuery({
    queryKey: slugCheckQueryKey(slug),
    queryFn: ({ signal }) => checkSlug(slug, signal),
    staleTime: 10_000,
  });
}
