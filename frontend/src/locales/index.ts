/**
 * The two message catalogs. `en.json` / `zh-CN.json` hold the shell and the marketplace; each business
 * area keeps its own part in `en/<area>.json` / `zh-CN/<area>.json`, deep-merged here (a key defined in
 * two parts is an error, so parts can never silently overwrite each other).
 *
 * The finance parts (`finance*.json`) are large and only finance members need them: they are not in the
 * first download but loaded when `/finance` opens (`loadFinanceCatalogs`, added by lib/i18n's
 * `loadFinanceMessages`). The supply-chain parts (`supplychain*.json`) likewise, when `/supply-chain` opens
 * (`loadSupplyChainMessages`). The operator console's (`console*.json`) when `/console` opens, and the
 * company data parts (`tenantdata*.json`: backups, export, closure) with the pages that show them
 * (`loadConsoleMessages`, `loadCompanyDataMessages`).
 */
import enBase from "./en.json";
import zhCNBase from "./zh-CN.json";

type Catalog = { [key: string]: string | Catalog };

function merge(target: Catalog, part: Catalog, file: string, path = ""): Catalog {
  for (const [key, value] of Object.entries(part)) {
    const here = path ? `${path}.${key}` : key;
    const existing = target[key];
    if (typeof value === "object" && value !== null) {
      if (existing !== undefined && typeof existing !== "object")
        throw new Error(`${file}: ${here} is already a message`);
      target[key] = merge((existing as Catalog | undefined) ?? {}, value, file, here);
    } else {
      if (existing !== undefined) throw new Error(`${file}: ${here} is defined twice`);
      target[key] = value;
    }
  }
  return target;
}

export function mergeCatalogs(base: Catalog, parts: Record<string, Catalog>): Catalog {
  const result = structuredClone(base);
  for (const [file, part] of Object.entries(parts).sort(([a], [b]) => a.localeCompare(b))) merge(result, part, file);
  return result;
}

const enParts = import.meta.glob<Catalog>(
  ["./en/*.json", "!./en/finance*.json", "!./en/supplychain*.json", "!./en/console*.json", "!./en/tenantdata*.json"],
  { eager: true, import: "default" },
);
const zhCNParts = import.meta.glob<Catalog>(
  [
    "./zh-CN/*.json",
    "!./zh-CN/finance*.json",
    "!./zh-CN/supplychain*.json",
    "!./zh-CN/console*.json",
    "!./zh-CN/tenantdata*.json",
  ],
  { eager: true, import: "default" },
);

/** English, the fallback; its type is the base catalog's (parts are reached through `t`). */
export const en = mergeCatalogs(enBase, enParts) as typeof enBase & Catalog;
export const zhCN = mergeCatalogs(zhCNBase, zhCNParts) as typeof zhCNBase & Catalog;

const financeLoaders = {
  en: import.meta.glob<Catalog>("./en/finance*.json", { import: "default" }),
  "zh-CN": import.meta.glob<Catalog>("./zh-CN/finance*.json", { import: "default" }),
};

async function loadParts(loaders: Record<string, () => Promise<Catalog>>): Promise<Catalog> {
  const parts = await Promise.all(Object.entries(loaders).map(async ([file, load]) => [file, await load()] as const));
  return mergeCatalogs({}, Object.fromEntries(parts));
}

/** The finance parts of both catalogs (a chunk of their own, fetched when /finance opens). */
export async function loadFinanceCatalogs(): Promise<{ en: Catalog; "zh-CN": Catalog }> {
  const [enFinance, zhCNFinance] = await Promise.all([
    loadParts(financeLoaders.en),
    loadParts(financeLoaders["zh-CN"]),
  ]);
  return { en: enFinance, "zh-CN": zhCNFinance };
}

const supplyChainLoaders = {
  en: import.meta.glob<Catalog>("./en/supplychain*.json", { import: "default" }),
  "zh-CN": import.meta.glob<Catalog>("./zh-CN/supplychain*.json", { import: "default" }),
};

/** The supply-chain parts of both catalogs (`supplychain*.json`), fetched when /supply-chain opens. */
export async function loadSupplyChainCatalogs(): Promise<{ en: Catalog; "zh-CN": Catalog }> {
  const [enPart, zhCNPart] = await Promise.all([
    loadParts(supplyChainLoaders.en),
    loadParts(supplyChainLoaders["zh-CN"]),
  ]);
  return { en: enPart, "zh-CN": zhCNPart };
}

const consoleLoaders = {
  en: import.meta.glob<Catalog>(["./en/console*.json", "./en/tenantdata*.json"], { import: "default" }),
  "zh-CN": import.meta.glob<Catalog>(["./zh-CN/console*.json", "./zh-CN/tenantdata*.json"], { import: "default" }),
};

/** The operator console's parts (`console*.json`, and `tenantdata*.json` for its backups tab). */
export async function loadConsoleCatalogs(): Promise<{ en: Catalog; "zh-CN": Catalog }> {
  const [enPart, zhCNPart] = await Promise.all([loadParts(consoleLoaders.en), loadParts(consoleLoaders["zh-CN"])]);
  return { en: enPart, "zh-CN": zhCNPart };
}

const companyDataLoaders = {
  en: import.meta.glob<Catalog>("./en/tenantdata*.json", { import: "default" }),
  "zh-CN": import.meta.glob<Catalog>("./zh-CN/tenantdata*.json", { import: "default" }),
};

/** The company data parts (`tenantdata*.json`): export and closure on the company settings page. */
export async function loadCompanyDataCatalogs(): Promise<{ en: Catalog; "zh-CN": Catalog }> {
  const [enPart, zhCNPart] = await Promise.all([
    loadParts(companyDataLoaders.en),
    loadParts(companyDataLoaders["zh-CN"]),
  ]);
  return { en: enPart, "zh-CN": zhCNPart };
}
