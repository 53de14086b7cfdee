// @vitest-environment node
// Every stable problem code the backend raises has a message in both languages, so the web app never
// falls back to the server's English title for one of them.
import { describe, expect, it } from "vitest";
import { en, zhCN } from "@/locales";

// Every module that declares problem codes (`code = "..."` on a DomainError subclass).
const sources = import.meta.glob(
  [
    "../../../marketplace/*/exceptions.py",
    "../../../billing/exceptions.py",
    "../../../tenants/exceptions.py",
    "../../../tenants/*/exceptions.py",
    "../../../tenants/supplychain/*/exceptions.py",
    "../../../platform/*/exceptions.py",
    "../../../platform/kernel/errors.py",
    "../../../platform/kernel/idempotency.py",
  ],
  { query: "?raw", import: "default", eager: true },
) as Record<string, string>;

describe("problem codes of the backend", () => {
  it("are all translated", () => {
    expect(Object.keys(sources).length).toBeGreaterThan(10);
    const codes = new Set(
      Object.values(sources).flatMap((source) => [...source.matchAll(/^\s+code = "([a-z_]+)"/gm)].map((m) => m[1]!)),
    );
    expect(codes.size).toBeGreaterThan(80);
    for (const catalog of [en.problem, zhCN.problem] as Record<string, string>[]) {
      expect([...codes].filter((code) => !catalog[code])).toEqual([]);
    }
  });
});
