import "@testing-library/jest-dom/vitest";
import { cleanup, configure } from "@testing-library/react";
import { afterAll, afterEach, beforeAll } from "vitest";
import { en, mergeCatalogs, zhCN } from "@/locales";
import { i18n } from "@/lib/i18n";
import { server } from "./server";

// The finance, supply-chain, console and company-data catalogs are fetched when their pages open in the app; tests (and the catalog checks) have
// them from the start: merged into the catalogs every test's i18n instance is made from.
{
  type Catalog = Parameters<typeof mergeCatalogs>[0];
  const parts = {
    en: import.meta.glob<Catalog>(
      [
        "../locales/en/finance*.json",
        "../locales/en/supplychain*.json",
        "../locales/en/console*.json",
        "../locales/en/tenantdata*.json",
      ],
      {
        eager: true,
        import: "default",
      },
    ),
    "zh-CN": import.meta.glob<Catalog>(
      [
        "../locales/zh-CN/finance*.json",
        "../locales/zh-CN/supplychain*.json",
        "../locales/zh-CN/console*.json",
        "../locales/zh-CN/tenantdata*.json",
      ],
      {
        eager: true,
        import: "default",
      },
    ),
  };
  for (const [language, catalog] of [
    ["en", en],
    ["zh-CN", zhCN],
  ] as const) {
    // Modules may be shared by the test files of one worker: merge once.
    const first = Object.values(parts[language])[0];
    const merged =
      first && Object.keys(first).every((key) => key in catalog)
        ? (catalog as Catalog)
        : mergeCatalogs(catalog as Catalog, parts[language]);
    Object.assign(catalog, merged);
    i18n.addResourceBundle(language, "translation", merged, true, true);
  }
}

// Ant Design forms validate asynchronously, the first render of a lazy route loads its chunk, and jsdom
// is slow on a busy 2-core machine: wait long enough not to fail a correct test under load.
configure({ asyncUtilTimeout: 10_000 });

// jsdom lacks a few browser APIs that Ant Design reaches for.
const inBrowser = typeof window !== "undefined";
if (inBrowser && !window.matchMedia) {
  Object.defineProperty(window, "matchMedia", {
    writable: true,
    value: (query: string) => ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => undefined,
      removeListener: () => undefined,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
      dispatchEvent: () => false,
    }),
  });
}
if (inBrowser && !("ResizeObserver" in window)) {
  class ResizeObserverStub {
    observe() {}
    unobserve() {}
    disconnect() {}
  }
  Object.defineProperty(window, "ResizeObserver", { writable: true, value: ResizeObserverStub });
  Object.defineProperty(globalThis, "ResizeObserver", { writable: true, value: ResizeObserverStub });
}
// jsdom does not compute pseudo-element styles and says so loudly; antd asks for them.
if (inBrowser) {
  const getComputedStyle = window.getComputedStyle.bind(window);
  window.getComputedStyle = (element: Element, pseudo?: string | null) =>
    getComputedStyle(element, pseudo ? undefined : pseudo);
}

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  server.resetHandlers();
  if (!inBrowser) return;
  cleanup();
  window.localStorage.clear();
  document.cookie.split(";").forEach((c) => {
    const name = c.split("=")[0]?.trim();
    if (name) document.cookie = `${name}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/`;
  });
});
afterAll(() => server.close());
