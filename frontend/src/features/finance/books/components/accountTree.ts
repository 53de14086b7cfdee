/** The chart of accounts as a tree: parents above their children, each level by code. */
import type { Account } from "../api/accounts";

export interface AccountNode extends Account {
  /** Absent on a leaf (Ant Design's tree table shows no expander then). */
  children?: AccountNode[];
}

const byCode = (a: { code: string }, b: { code: string }) => a.code.localeCompare(b.code, "en", { numeric: true });

/** The accounts as trees; an account whose parent is not in the list becomes a root. */
export function buildAccountTree(accounts: readonly Account[]): AccountNode[] {
  const nodes = new Map<number, AccountNode>(accounts.map((account) => [account.id, { ...account }]));
  const roots: AccountNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parent_id === null ? undefined : nodes.get(node.parent_id);
    if (parent) (parent.children ??= []).push(node);
    else roots.push(node);
  }
  const sort = (list: AccountNode[]) => {
    list.sort(byCode);
    for (const node of list) if (node.children) sort(node.children);
  };
  sort(roots);
  return roots;
}

/**
 * The trees cut down to the accounts that match `search` (code prefix, or part of either name, any case)
 * and their ancestors, so a match is shown where it sits in the chart.
 */
export function filterAccountTree(roots: readonly AccountNode[], search: string): AccountNode[] {
  const needle = search.trim().toLowerCase();
  if (!needle) return [...roots];
  const matches = (node: AccountNode) =>
    node.code.toLowerCase().startsWith(needle) ||
    node.name_zh.toLowerCase().includes(needle) ||
    node.name_en.toLowerCase().includes(needle);
  const walk = (list: readonly AccountNode[]): AccountNode[] =>
    list.flatMap((node) => {
      const children = node.children ? walk(node.children) : [];
      if (!matches(node) && children.length === 0) return [];
      return [{ ...node, children: children.length > 0 ? children : matches(node) ? node.children : undefined }];
    });
  return walk(roots);
}

/** The ids of every account that has children (to expand the whole tree). */
export function parentIds(roots: readonly AccountNode[]): number[] {
  return roots.flatMap((node) => (node.children ? [node.id, ...parentIds(node.children)] : []));
}
