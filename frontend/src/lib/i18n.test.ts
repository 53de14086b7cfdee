import { describe, expect, it } from "vitest";
import { en, zhCN } from "@/locales";
import { UNITS } from "./units";
import {
  browserLanguage,
  changeLanguage,
  createI18n,
  LANGUAGE_STORAGE_KEY,
  normalizeLanguage,
  resolveLanguage,
  storedLanguage,
  toServerLocale,
} from "./i18n";

function keysOf(value: unknown, prefix = ""): string[] {
  if (typeof value !== "object" || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => keysOf(child, prefix ? `${prefix}.${key}` : key));
}

describe("language choice", () => {
  it("maps tags and Django codes to the app's languages", () => {
    expect(normalizeLanguage("zh-hans")).toBe("zh-CN");
    expect(normalizeLanguage("zh-CN")).toBe("zh-CN");
    expect(normalizeLanguage("zh-TW")).toBe("zh-CN");
    expect(normalizeLanguage("zh")).toBe("zh-CN");
    expect(normalizeLanguage("en-GB")).toBe("en");
    expect(normalizeLanguage("en")).toBe("en");
    expect(normalizeLanguage("fr-FR")).toBeNull();
    expect(normalizeLanguage(null)).toBeNull();
    expect(toServerLocale("zh-CN")).toBe("zh-hans");
    expect(toServerLocale("en")).toBe("en");
  });

  it("prefers the member's preference, then the stored choice, then the browser, then English", () => {
    expect(resolveLanguage({ preferred: "zh-hans", stored: "en", browser: "en" })).toBe("zh-CN");
    expect(resolveLanguage({ preferred: null, stored: "zh-CN", browser: "en" })).toBe("zh-CN");
    expect(resolveLanguage({ preferred: null, stored: null, browser: "zh-CN" })).toBe("zh-CN");
    expect(resolveLanguage({ preferred: "de", stored: null, browser: null })).toBe("en");
    expect(resolveLanguage({})).toBe("en");
  });

  it("takes the first browser language it supports", () => {
    expect(browserLanguage(["fr-FR", "zh-CN", "en"])).toBe("zh-CN");
    expect(browserLanguage(["de"])).toBeNull();
  });

  it("stores an explicit choice for the next visit", async () => {
    const instance = createI18n("en");
    await changeLanguage("zh-CN", { instance });
    expect(window.localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe("zh-CN");
    expect(storedLanguage()).toBe("zh-CN");
    expect(instance.t("nav.signIn")).toBe("登录");
    expect(document.documentElement.lang).toBe("zh-CN");
  });
});

describe("catalogs", () => {
  it("falls back to English for a key missing in Chinese", () => {
    const instance = createI18n("zh-CN");
    instance.addResource("en", "translation", "only.english", "Only in English");
    expect(instance.t("only.english")).toBe("Only in English");
    expect(instance.t("nav.home")).toBe("首页");
  });

  it("zh-CN and en have exactly the same keys, none empty", () => {
    expect(keysOf(zhCN).sort()).toEqual(keysOf(en).sort());
    const valuesOf = (value: unknown): unknown[] =>
      typeof value === "object" && value !== null ? Object.values(value).flatMap(valuesOf) : [value];
    for (const catalog of [en, zhCN]) {
      expect(valuesOf(catalog).filter((v) => typeof v !== "string" || v.trim() === "")).toEqual([]);
    }
  });

  it("every literal key the code uses exists in both catalogs", () => {
    const sources = import.meta.glob<string>(["/src/**/*.{ts,tsx}", "!/src/**/*.test.{ts,tsx}", "!/src/api/**"], {
      query: "?raw",
      import: "default",
      eager: true,
    });
    const used = new Set<string>();
    const patterns = [/\bt\(\s*["']([\w.-]+)["']/g, /labelKey:\s*["']([\w.-]+)["']/g];
    for (const text of Object.values(sources)) {
      for (const pattern of patterns) for (const match of text.matchAll(pattern)) used.add(match[1]!);
    }
    expect(used.size).toBeGreaterThan(100);
    const enKeys = new Set(keysOf(en));
    const zhKeys = new Set(keysOf(zhCN));
    expect([...used].filter((key) => !enKeys.has(key))).toEqual([]);
    expect([...used].filter((key) => !zhKeys.has(key))).toEqual([]);
  });

  it("every code-built key family is complete (steps, pillars, roles, permissions)", () => {
    for (const step of ["mfa", "company", "invite", "apiKeys", "audit", "language"]) {
      for (const part of ["title", "body", "action"]) expect(keysOf(en)).toContain(`home.steps.${step}.${part}`);
    }
    for (const group of ["auth", "mfa", "member", "invitation", "api_key", "company"]) {
      expect(keysOf(en)).toContain(`audit.groups.${group}`);
      expect(keysOf(zhCN)).toContain(`audit.groups.${group}`);
    }
    for (const pillar of ["workspace", "marketplace", "trading"])
      expect(keysOf(zhCN)).toContain(`landing.pillars.${pillar}.title`);
  });

  it("every code-built marketplace key family is complete", () => {
    const families: Record<string, readonly string[]> = {
      units: UNITS,
      "marketplace.sort": ["relevance", "price", "-price", "lead_time", "rating", "newest"],
      "marketplace.availability": ["in_stock", "made_to_order"],
      "catalog.status": ["draft", "active", "archived"],
      "catalog.export": ["csv", "xlsx"],
      "catalog.import.states": ["validating", "validated", "importing", "done", "failed"],
      "certifications.status": ["valid", "expiring", "expired"],
      "rfqs.status": ["draft", "open", "closed", "awarded", "cancelled"],
      "rfqs.visibility": ["open", "invited"],
      "rfqs.screening": ["weight_price", "weight_reputation", "weight_lead_time", "weight_verified", "top_n"],
      "rfqs.matching.components": ["price_level", "reputation", "lead_time", "verified"],
      "rfqs.matching.sources": ["catalog", "quotes", "history", "ratings", "neutral"],
      "rfqs.matching.states": ["will_invite", "invited", "matched", "removed"],
      "quotes.status": ["draft", "submitted", "withdrawn"],
      "quotes.outcome": ["open", "closed", "awarded", "not_awarded", "cancelled"],
      "quotes.inboxFilters": ["accepting", "all", "closed", "awarded", "cancelled"],
    };
    for (const step of ["supplierProfile", "rfq", "rfqInbox"]) {
      families[`home.steps.${step}`] = ["title", "body", "action"];
    }
    for (const catalog of [keysOf(en), keysOf(zhCN)]) {
      for (const [prefix, members] of Object.entries(families)) {
        for (const member of members) expect(catalog).toContain(`${prefix}.${member}`);
      }
    }
  });
});
