import { describe, expect, it } from "vitest";
import { CHART } from "../test/books";
import { buildAccountTree, filterAccountTree, parentIds } from "./accountTree";

const codes = (nodes: { code: string; children?: unknown[] }[]): unknown[] =>
  nodes.map((node) => (node.children ? [node.code, codes(node.children as never)] : node.code));

describe("account tree", () => {
  it("puts children under their parent, each level by code", () => {
    const shuffled = [...CHART].reverse();
    expect(codes(buildAccountTree(shuffled))).toEqual(["1001", ["1002", ["100201", "100202"]], "1122", "5001", "5602"]);
    expect(parentIds(buildAccountTree(CHART))).toEqual([2]);
  });

  it("keeps the matches of a search and the accounts above them", () => {
    const roots = buildAccountTree(CHART);
    expect(codes(filterAccountTree(roots, "招行"))).toEqual([["1002", ["100202"]]]);
    expect(codes(filterAccountTree(roots, "1002"))).toEqual([["1002", ["100201", "100202"]]]);
    expect(codes(filterAccountTree(roots, "RECEIVABLES"))).toEqual(["1122"]);
    expect(filterAccountTree(roots, "nothing like it")).toEqual([]);
  });
});
