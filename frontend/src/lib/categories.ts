/**
 * GET /api/marketplace/categories/ — the seeded product-category tree (both hosts, anyone).
 *
 * Search filters, the supplier profile, catalog listings and RFQ lines all pick from it, hence here
 * rather than in one feature. It changes only with a migration: read once per page load.
 */
import { useQuery } from "@tanstack/react-query";
import { publicApi, unwrap } from "./api";
import { localized } from "./format";
import type { AppLanguage } from "./i18n";

/** A node of the tree. `id` is what RFQ lines without a listing name their category by. */
export interface CategoryNode {
  id: number;
  code: string;
  name_en: string;
  name_zh: string;
  depth: number;
  children: CategoryNode[];
}

export interface CategoryRef {
  code: string;
  name_en: string;
  name_zh: string;
}

export const categoriesQueryKey = ["marketplace", "categories"] as const;

export async function getCategoryTree(): Promise<CategoryNode[]> {
  // The document types `children` loosely (nodes of the same shape); this is that shape.
  return (await unwrap(publicApi.GET("/api/marketplace/categories/"))) as unknown as CategoryNode[];
}

export function useCategoryTree() {
  return useQuery({ queryKey: categoriesQueryKey, queryFn: getCategoryTree, staleTime: Infinity });
}

export function categoryName(category: CategoryRef, language: AppLanguage): string {
  return localized(category.name_en, category.name_zh, language) || category.code;
}

/** Every node, depth first, each with the codes of its ancestors (root first). */
export function flattenCategories(
  tree: readonly CategoryNode[],
  ancestors: readonly string[] = [],
): { node: CategoryNode; ancestors: string[] }[] {
  return tree.flatMap((node) => [
    { node, ancestors: [...ancestors] },
    ...flattenCategories(node.children, [...ancestors, node.code]),
  ]);
}

/** Nodes by code. */
export function indexCategories(tree: readonly CategoryNode[]): Map<string, CategoryNode> {
  return new Map(flattenCategories(tree).map(({ node }) => [node.code, node]));
}

/** "Machinery parts / Bearings / Ball bearings" for a code, in the UI language. */
export function categoryPath(tree: readonly CategoryNode[], code: string, language: AppLanguage): string {
  const entry = flattenCategories(tree).find(({ node }) => node.code === code);
  if (!entry) return code;
  const index = indexCategories(tree);
  return [...entry.ancestors.map((c) => index.get(c)), entry.node]
    .filter((node): node is CategoryNode => node !== undefined)
    .map((node) => categoryName(node, language))
    .join(" / ");
}
