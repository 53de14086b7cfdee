import { afterEach, describe, expect, it } from "vitest";
import { detectHost, publicOrigin, readBaseDomain } from "./host";

afterEach(() => document.head.querySelectorAll('meta[name="hansa-base-domain"]').forEach((m) => m.remove()));

describe("detectHost", () => {
  it("uses the base domain from Django when it has one", () => {
    expect(detectHost("localhost:8000", "localhost:8000")).toEqual({ kind: "public" });
    expect(detectHost("acme.localhost:8000", "localhost:8000")).toEqual({ kind: "tenant", slug: "acme" });
    expect(detectHost("acme.hansa.example.com", "hansa.example.com")).toEqual({ kind: "tenant", slug: "acme" });
    expect(detectHost("hansa.example.com", "hansa.example.com")).toEqual({ kind: "public" });
    expect(detectHost("www.hansa.example.com", "hansa.example.com")).toEqual({ kind: "public" });
    expect(detectHost("a.b.hansa.example.com", "hansa.example.com")).toEqual({ kind: "public" });
  });

  it("falls back to the hostname alone", () => {
    expect(detectHost("localhost:5173", null)).toEqual({ kind: "public" });
    expect(detectHost("127.0.0.1:8000", null)).toEqual({ kind: "public" });
    expect(detectHost("acme.localhost:8000", null)).toEqual({ kind: "tenant", slug: "acme" });
    expect(detectHost("hansa.cn", null)).toEqual({ kind: "public" });
    expect(detectHost("acme.hansa.cn", null)).toEqual({ kind: "tenant", slug: "acme" });
    expect(detectHost("www.hansa.cn", null)).toEqual({ kind: "public" });
  });

  it("reads the meta tag, ignoring an unrendered template", () => {
    const meta = document.createElement("meta");
    meta.name = "hansa-base-domain";
    meta.content = "{{ base_domain }}";
    document.head.append(meta);
    expect(readBaseDomain()).toBeNull();
    meta.content = "Localhost:8000";
    expect(readBaseDomain()).toBe("localhost:8000");
  });
});

describe("publicOrigin", () => {
  it("points at the public host from a company host", () => {
    expect(publicOrigin({ protocol: "http:", host: "acme.localhost:8000" }, null)).toBe("http://localhost:8000");
    expect(publicOrigin({ protocol: "https:", host: "acme.hansa.cn" }, "hansa.cn")).toBe("https://hansa.cn");
    expect(publicOrigin({ protocol: "http:", host: "localhost:8000" }, null)).toBe("http://localhost:8000");
  });
});
