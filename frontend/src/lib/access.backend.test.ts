// @vitest-environment node
// The SPA names permissions and roles in one place (access.ts); the backend in identity/roles.py.
// This keeps the two in step: a permission or role added there must be added (and labelled) here.
import { describe, expect, it } from "vitest";
import rolesPy from "../../../platform/identity/roles.py?raw";
import { PERMISSIONS, ROLES } from "./access";

function block(start: RegExp): string {
  const match = start.exec(rolesPy);
  if (!match) throw new Error(`identity/roles.py: ${start} not found`);
  const rest = rolesPy.slice(match.index + match[0].length);
  return rest.slice(0, rest.search(/^[})]/m));
}

describe("access.ts and identity/roles.py", () => {
  it("name the same permissions", () => {
    const backend = [...block(/^PERMISSIONS[^=]*= \{/m).matchAll(/^\s+"([a-z_]+\.[a-z_]+)":/gm)].map((m) => m[1]);
    expect(backend.length).toBeGreaterThan(10);
    expect([...PERMISSIONS].sort()).toEqual([...backend].sort());
  });

  it("name the same roles", () => {
    const backend = [...block(/^ROLES[^=]*= \(/m).matchAll(/"([a-z_]+)"/g)].map((m) => m[1]);
    expect([...ROLES]).toEqual(backend);
  });
});
