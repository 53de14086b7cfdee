// @vitest-environment node
// Part of `npm test`: the committed src/api/*.d.ts must be what the OpenAPI documents generate.
import { expect, it } from "vitest";
import { checkApi } from "./check-api.mjs";

it("generated API types are up to date (run `npm run gen:api` if not)", async () => {
  expect(await checkApi()).toEqual([]);
}, 60_000);
