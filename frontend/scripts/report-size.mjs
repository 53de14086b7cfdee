#!/usr/bin/env node
// Prints every JS chunk of dist/ with its raw and gzipped size, marks the chunks the first page
// load needs (the entry and its static imports, from Vite's manifest), and fails when their
// gzipped total exceeds the budget.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";

const BUDGET_BYTES = 350 * 1000; // 350 kB of gzipped JavaScript on first load
const dist = resolve(fileURLToPath(new URL("..", import.meta.url)), "dist");
const manifestPath = join(dist, ".vite", "manifest.json");

if (!existsSync(manifestPath)) {
  console.error(`size: ${relative(process.cwd(), manifestPath)} not found; run \`vite build\` first.`);
  process.exit(1);
}
const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));

// Initial chunks: every entry and, transitively, its static imports (dynamic imports are lazy).
const initial = new Set();
const visit = (key) => {
  const chunk = manifest[key];
  if (!chunk || initial.has(chunk.file)) return;
  initial.add(chunk.file);
  for (const dep of chunk.imports ?? []) visit(dep);
};
for (const [key, chunk] of Object.entries(manifest)) if (chunk.isEntry) visit(key);

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

const kb = (n) => `${(n / 1000).toFixed(1)} kB`;
const rows = walk(dist)
  .filter((p) => p.endsWith(".js"))
  .map((path) => {
    const file = relative(dist, path).split("\\").join("/");
    const buf = readFileSync(path);
    return { file, raw: buf.length, gzip: gzipSync(buf, { level: 9 }).length, initial: initial.has(file) };
  })
  .sort((a, b) => Number(b.initial) - Number(a.initial) || b.gzip - a.gzip);

const width = Math.max(...rows.map((r) => r.file.length), 10);
console.log(`\n${"chunk".padEnd(width)}  ${"raw".padStart(10)}  ${"gzip".padStart(10)}  load`);
for (const r of rows) {
  console.log(
    `${r.file.padEnd(width)}  ${kb(r.raw).padStart(10)}  ${kb(r.gzip).padStart(10)}  ${r.initial ? "initial" : "lazy"}`,
  );
}
const sum = (list, key) => list.reduce((n, r) => n + r[key], 0);
const init = rows.filter((r) => r.initial);
console.log(`\nall JS:      ${rows.length} chunks, ${kb(sum(rows, "raw"))} raw, ${kb(sum(rows, "gzip"))} gzip`);
console.log(
  `initial JS:  ${init.length} chunks, ${kb(sum(init, "raw"))} raw, ${kb(sum(init, "gzip"))} gzip (budget ${kb(BUDGET_BYTES)} gzip)`,
);
if (sum(init, "gzip") > BUDGET_BYTES) {
  console.error(`size: FAILED — initial JS is ${kb(sum(init, "gzip"))} gzipped, over the ${kb(BUDGET_BYTES)} budget.`);
  process.exit(1);
}
console.log("size: ok");
