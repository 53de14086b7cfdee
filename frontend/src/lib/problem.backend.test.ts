// @vitest-environment node
// Every stable problem code the marketplace apps raise has a message in both languages, so the web
// app never falls back to the server's English title for them.
import { describe, expect, it } from "vitest";
import { en, zhCN } from "@/locales";
import catalogPy from "../../../marketplace/catalog/exceptions.py?raw";
import directoryPy from "../../../marketplace/directory/exceptions.py?raw";
import rfqPy from "../../../marketplace/rfq/exceptions.py?raw";

describe("problem codes of the marketplace", () => {
  it("are all translated", () => {
    const codes = new Set(
      [catalogPy, directoryPy, rfqPy].flatMap((source) =>
        [...source.matchAll(/^\s+code = "([a-z_]+)"/gm)].map((m) => m[1]!),
      ),
    );
    expect(codes.size).toBeGreaterThan(15);
    for (const catalog of [en.problem, zhCN.problem] as Record<string, string>[]) {
      expect([...codes].filter((code) => !catalog[code])).toEqual([]);
    }
  });
});
