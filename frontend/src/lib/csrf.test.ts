import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import { server } from "@/test/server";
import { allauthRequest } from "./allauth";
import { publicApi, tenantApi, unwrap } from "./api";
import { CSRF_HEADER, csrfHeaders, isUnsafeMethod, readCookie } from "./csrf";

describe("readCookie", () => {
  it("finds a cookie among others and decodes it", () => {
    expect(readCookie("csrftoken", "sessionid=abc; csrftoken=t%2Fok; other=1")).toBe("t/ok");
    expect(readCookie("csrftoken", "sessionid=abc")).toBeNull();
    expect(readCookie("csrftoken", "")).toBeNull();
  });
});

describe("csrfHeaders", () => {
  it("adds the token on unsafe methods only", () => {
    const cookies = "csrftoken=tok123";
    for (const method of ["POST", "PUT", "PATCH", "DELETE", "post"]) {
      expect(isUnsafeMethod(method)).toBe(true);
      expect(csrfHeaders(method, cookies)).toEqual({ [CSRF_HEADER]: "tok123" });
    }
    for (const method of ["GET", "HEAD", "OPTIONS"]) {
      expect(csrfHeaders(method, cookies)).toEqual({});
    }
  });

  it("prefers the production __Host- cookie", () => {
    expect(csrfHeaders("POST", "csrftoken=dev; __Host-csrftoken=prod")).toEqual({ [CSRF_HEADER]: "prod" });
    expect(csrfHeaders("PATCH", "__Host-csrftoken=prod")).toEqual({ [CSRF_HEADER]: "prod" });
  });

  it("adds nothing when there is no cookie", () => {
    expect(csrfHeaders("POST", "")).toEqual({});
  });
});

describe("the API clients", () => {
  it("send X-CSRFToken from the csrftoken cookie on POST and PATCH, not on GET", async () => {
    document.cookie = "csrftoken=cookie-token; path=/";
    const seen: Record<string, string | null> = {};
    server.use(
      http.post("/api/signin/", ({ request }) => {
        seen.post = request.headers.get("X-CSRFToken");
        return HttpResponse.json({ companies: [] });
      }),
      http.patch("/api/me/", ({ request }) => {
        seen.patch = request.headers.get("X-CSRFToken");
        return HttpResponse.json({});
      }),
      http.get("/api/company/", ({ request }) => {
        seen.get = request.headers.get("X-CSRFToken");
        seen.language = request.headers.get("Accept-Language");
        return HttpResponse.json({});
      }),
    );
    await unwrap(publicApi.POST("/api/signin/", { body: { email: "a@b.test", password: "x" } }));
    await unwrap(tenantApi.PATCH("/api/me/", { body: { full_name: "A" } }));
    await unwrap(tenantApi.GET("/api/company/"));
    expect(seen).toEqual({ post: "cookie-token", patch: "cookie-token", get: null, language: "en" });
  });

  it("allauth requests carry the token too", async () => {
    document.cookie = "csrftoken=allauth-token; path=/";
    let header: string | null = null;
    server.use(
      http.delete("/_allauth/browser/v1/auth/session", ({ request }) => {
        header = request.headers.get("X-CSRFToken");
        return HttpResponse.json(
          { status: 401, data: { flows: [] }, meta: { is_authenticated: false } },
          { status: 401 },
        );
      }),
    );
    const envelope = await allauthRequest("DELETE", "auth/session");
    expect(envelope.status).toBe(401);
    expect(header).toBe("allauth-token");
  });
});
