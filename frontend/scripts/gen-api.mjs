#!/usr/bin/env node
// Generates src/api/public.d.ts and src/api/tenant.d.ts from the OpenAPI documents.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, relative } from "node:path";
import { API_NAMES, frontendDir, generate, sourceFor, targetFor } from "./api-sources.mjs";

for (const name of API_NAMES) {
  const target = targetFor(name);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, await generate(name));
  const source = sourceFor(name);
  console.log(`gen:api ${source.from} -> ${relative(frontendDir, target)}`);
}
