/// <reference types="vitest/config" />
import { availableParallelism } from "node:os";
import { fileURLToPath, URL } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// Django serves dist/ at /static/ and dist/index.html for every non-API path,
// so every asset URL in the build must start with /static/.
export default defineConfig({
  base: "/static/",
  plugins: [react()],
  resolve: {
    alias: { "@": fileURLToPath(new URL("./src", import.meta.url)) },
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    manifest: true,
    target: "es2022",
    sourcemap: false,
  },
  server: {
    // In development the SPA runs on :5173 and the API on Django (:8000); the Host
    // header is kept so django-tenants still picks the tenant from acme.localhost.
    proxy: {
      "/api": { target: "http://127.0.0.1:8000", changeOrigin: false },
      "/_allauth": { target: "http://127.0.0.1:8000", changeOrigin: false },
    },
  },
  test: {
    environment: "jsdom",
    setupFiles: ["./src/test/setup.ts"],
    css: false,
    include: ["src/**/*.test.{ts,tsx}", "scripts/**/*.test.mjs"],
    testTimeout: 30000,
    pool: "forks",
    // Measured on the 2-core CI machine (README.md, "Unit tests"): most of a file's time
    // was loading React, Ant Design and the app's modules again for every file. One module graph per
    // worker loads them once; every test still starts from a clean DOM, storage, cookies and handlers
    // (src/test/setup.ts) and builds its own i18n instance, query client and router.
    isolate: false,
    // Vitest's default (cores - 1) would leave one of the CI machine's two cores idle.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // `./hansa test` exports DEBUG=1 for Django; msw's logger reads the same variable and would print
    // every intercepted request.
    env: { DEBUG: "0" },
  },
});
