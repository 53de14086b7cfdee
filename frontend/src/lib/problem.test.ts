import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import { server } from "@/test/server";
import { tenantApi, unwrap } from "./api";
import { createI18n } from "./i18n";
import { codeForStatus, parseProblem, problemFromResponse, problemMessage, ProblemError, toProblem } from "./problem";

describe("parseProblem", () => {
  it("reads an RFC 9457 body with field errors", () => {
    const problem = parseProblem(400, {
      type: "https://hansa.dev/problems/validation_error",
      title: "Invalid input",
      status: 400,
      detail: "Some fields are invalid",
      code: "validation_error",
      errors: { email: ["Enter a valid email address."], slug: ["Taken.", "Too short."], non_field_errors: ["Nope."] },
    });
    expect(problem).toBeInstanceOf(ProblemError);
    expect(problem.status).toBe(400);
    expect(problem.code).toBe("validation_error");
    expect(problem.title).toBe("Invalid input");
    expect(problem.detail).toBe("Some fields are invalid");
    expect(problem.type).toBe("https://hansa.dev/problems/validation_error");
    expect(problem.fieldErrors).toEqual({
      email: ["Enter a valid email address."],
      slug: ["Taken.", "Too short."],
      non_field_errors: ["Nope."],
    });
    expect(problem.nonFieldErrors).toEqual(["Nope."]);
    expect(problem.hasFieldErrors).toBe(true);
  });

  it("tolerates a single string per field", () => {
    expect(parseProblem(400, { code: "validation_error", errors: { name: "Required." } }).fieldErrors).toEqual({
      name: ["Required."],
    });
  });

  it("normalises allauth's error envelope, messages under their param", () => {
    const problem = parseProblem(400, {
      status: 400,
      errors: [
        { message: "Incorrect code.", code: "incorrect_code", param: "code" },
        { message: "Something else.", code: "other" },
      ],
    });
    expect(problem.code).toBe("incorrect_code");
    expect(problem.title).toBe("Incorrect code.");
    expect(problem.fieldErrors).toEqual({ code: ["Incorrect code."], non_field_errors: ["Something else."] });
  });

  it("keeps DRF's bare {detail} and derives the code from the status", () => {
    const problem = parseProblem(403, { detail: "You do not have permission." });
    expect(problem.code).toBe("permission_denied");
    expect(problem.detail).toBe("You do not have permission.");
  });

  it("turns a body that is no problem at all into a code for its status", () => {
    expect(parseProblem(404, null).code).toBe("not_found");
    expect(parseProblem(502, "<html>Bad gateway</html>").code).toBe("server_error");
    expect(codeForStatus(418)).toBe("http_418");
  });

  it("reads an HTML error page from a Response without throwing", async () => {
    const problem = await problemFromResponse(
      new Response("<h1>Not Found</h1>", { status: 404, headers: { "Content-Type": "text/html" } }),
    );
    expect(problem.status).toBe(404);
    expect(problem.code).toBe("not_found");
  });

  it("wraps any thrown value", () => {
    expect(toProblem(new TypeError("Failed to fetch")).code).toBe("network_error");
    expect(toProblem(new Error("boom")).code).toBe("unknown_error");
    const same = new ProblemError({ status: 409, code: "slug_taken" });
    expect(toProblem(same)).toBe(same);
  });
});

describe("problemMessage", () => {
  it("translates a known code", () => {
    const zh = createI18n("zh-CN");
    expect(problemMessage(zh.t, new ProblemError({ status: 409, code: "slug_taken", title: "Slug taken" }))).toBe(
      "该工作台地址已被占用。",
    );
    const en = createI18n("en");
    expect(problemMessage(en.t, new ProblemError({ status: 409, code: "slug_taken", title: "Slug taken" }))).toBe(
      "This workspace address is already taken.",
    );
  });

  it("falls back to the server's title for a code it does not know", () => {
    const en = createI18n("en");
    expect(
      problemMessage(en.t, new ProblemError({ status: 409, code: "po_locked", title: "The order is locked" })),
    ).toBe("The order is locked");
  });

  it("falls back to a generic message when there is no title either", () => {
    const zh = createI18n("zh-CN");
    expect(problemMessage(zh.t, new ProblemError({ status: 400, code: "whatever" }))).toBe("发生了意外错误。");
  });
});

describe("unwrap", () => {
  it("returns data on success", async () => {
    server.use(http.get("/api/company/", () => HttpResponse.json({ id: "c1", name: "Acme" })));
    await expect(unwrap(tenantApi.GET("/api/company/"))).resolves.toMatchObject({ name: "Acme" });
  });

  it("throws a ProblemError carrying the problem+json code", async () => {
    server.use(
      http.get("/api/company/", () =>
        HttpResponse.json(
          { type: "about:blank", title: "Forbidden", status: 403, code: "permission_denied" },
          { status: 403, headers: { "Content-Type": "application/problem+json" } },
        ),
      ),
    );
    await expect(unwrap(tenantApi.GET("/api/company/"))).rejects.toMatchObject({
      status: 403,
      code: "permission_denied",
    });
  });

  it("turns a missing endpoint's HTML 404 into not_found", async () => {
    server.use(
      http.get(
        "/api/members/",
        () => new HttpResponse("<h1>Not Found</h1>", { status: 404, headers: { "Content-Type": "text/html" } }),
      ),
    );
    await expect(unwrap(tenantApi.GET("/api/members/"))).rejects.toMatchObject({ status: 404, code: "not_found" });
  });

  it("turns a network failure into network_error", async () => {
    server.use(http.get("/api/members/", () => HttpResponse.error()));
    await expect(unwrap(tenantApi.GET("/api/members/"))).rejects.toMatchObject({ status: 0, code: "network_error" });
  });
});
