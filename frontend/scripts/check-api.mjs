#!/usr/bin/env node
// Regenerates the API types into a temporary directory and fails when the committed
// src/api/*.d.ts differ: the types are stale and `npm run gen:api` must be run.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { API_NAMES, frontendDir, generate, sourceFor, targetFor } from "./api-sources.mjs";

/** Returns a list of human-readable problems; empty when every generated file is current. */
export async function checkApi() {
  const problems = [];
  const tmp = mkdtempSync(join(tmpdir(), "hansa-api-"));
  try {
    for (const name of API_NAMES) {
      const committed = targetFor(name);
      const fresh = targetFor(name, tmp);
      writeFileSync(fresh, await generate(name));
      const source = sourceFor(name).from;
      const target = relative(frontendDir, committed);
      if (!existsSync(committed)) {
        problems.push(`${target} is missing; run \`npm run gen:api\` (source: ${source}).`);
      } else if (readFileSync(committed, "utf8") !== readFileSync(fresh, "utf8")) {
        problems.push(
          `${target} is stale: it does not match what ${source} generates. ` +
            "Run `npm run gen:api`, then fix whatever `npm run typecheck` reports.",
        );
      }
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return problems;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const problems = await checkApi();
  if (problems.length > 0) {
    for (const p of problems) console.error(`check:api FAILED: ${p}`);
    process.exit(1);
  }
  console.log("check:api ok: src/api/*.d.ts match their OpenAPI documents.");
}
