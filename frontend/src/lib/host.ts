/**
 * Which host the SPA runs on: the public host (sign-up, sign-in, landing) or a company's host
 * (`<slug>.<base domain>`, the workspace). Django injects `<meta name="hansa-base-domain">` into
 * index.html; without it the hostname alone decides (a label left of `localhost`, or of a
 * two-label domain, is a company).
 */

export type HostKind = { kind: "public" } | { kind: "tenant"; slug: string };

export const BASE_DOMAIN_META = "hansa-base-domain";

export function readBaseDomain(
  doc: Document | null = typeof document !== "undefined" ? document : null,
): string | null {
  const content = doc?.querySelector(`meta[name="${BASE_DOMAIN_META}"]`)?.getAttribute("content")?.trim();
  // An unrendered template placeholder is as good as no meta tag.
  if (!content || /[{}%<>\s]/.test(content)) return null;
  return content.toLowerCase();
}

function stripPort(host: string): string {
  if (host.startsWith("[")) return host.slice(0, host.indexOf("]") + 1);
  const colon = host.lastIndexOf(":");
  return colon >= 0 ? host.slice(0, colon) : host;
}

function isIpAddress(hostname: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(hostname) || hostname.startsWith("[");
}

const NOT_A_COMPANY = new Set(["www"]);

export function detectHost(
  host: string = typeof window !== "undefined" ? window.location.host : "localhost",
  baseDomain: string | null = readBaseDomain(),
): HostKind {
  const hostname = stripPort(host.toLowerCase());
  if (baseDomain) {
    const base = stripPort(baseDomain);
    if (hostname === base) return { kind: "public" };
    if (hostname.endsWith(`.${base}`)) {
      const slug = hostname.slice(0, -(base.length + 1));
      if (!slug.includes(".") && !NOT_A_COMPANY.has(slug)) return { kind: "tenant", slug };
    }
    return { kind: "public" };
  }
  if (isIpAddress(hostname) || hostname === "localhost") return { kind: "public" };
  const labels = hostname.split(".");
  const first = labels[0] ?? "";
  const isCompanyLabel = first !== "" && !NOT_A_COMPANY.has(first);
  if (hostname.endsWith(".localhost") && labels.length === 2 && isCompanyLabel) {
    return { kind: "tenant", slug: first };
  }
  if (!hostname.endsWith(".localhost") && labels.length >= 3 && isCompanyLabel) {
    return { kind: "tenant", slug: first };
  }
  return { kind: "public" };
}

/** The public host's origin, seen from wherever the SPA runs (for links back to sign-up etc.). */
export function publicOrigin(
  location: Pick<Location, "protocol" | "host"> = window.location,
  baseDomain: string | null = readBaseDomain(),
): string {
  if (baseDomain) return `${location.protocol}//${baseDomain}`;
  const here = detectHost(location.host, null);
  if (here.kind === "public") return `${location.protocol}//${location.host}`;
  return `${location.protocol}//${location.host.slice(here.slug.length + 1)}`;
}
