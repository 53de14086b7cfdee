import { describe, expect, it } from "vitest";
import { allauthProblem, isFlowPending, needsReauthentication } from "./allauth";
import { safeNextPath } from "./redirect";

describe("safeNextPath", () => {
  it("keeps paths on this host and refuses anything else", () => {
    expect(safeNextPath("/settings/members?tab=invites")).toBe("/settings/members?tab=invites");
    expect(safeNextPath(null)).toBe("/");
    expect(safeNextPath("https://evil.test/")).toBe("/");
    expect(safeNextPath("//evil.test/")).toBe("/");
    expect(safeNextPath("/\\evil.test")).toBe("/");
    expect(safeNextPath("profile", "/home")).toBe("/home");
  });
});

describe("allauth envelopes", () => {
  it("recognise a pending MFA step and a reauthentication request", () => {
    const pending = {
      status: 401,
      data: { flows: [{ id: "login" }, { id: "mfa_authenticate", is_pending: true }] },
      meta: { is_authenticated: false },
    };
    expect(isFlowPending(pending, "mfa_authenticate")).toBe(true);
    expect(isFlowPending(pending, "login")).toBe(false);
    const reauth = { status: 401, data: { flows: [{ id: "reauthenticate" }] }, meta: { is_authenticated: true } };
    expect(needsReauthentication(reauth)).toBe(true);
    expect(needsReauthentication(pending)).toBe(false);
    expect(allauthProblem(reauth).code).toBe("reauthentication_required");
  });

  it("turn allauth errors into a ProblemError with field errors", () => {
    const problem = allauthProblem({
      status: 400,
      errors: [{ message: "This password is too common.", code: "password_too_common", param: "new_password" }],
    });
    expect(problem.status).toBe(400);
    expect(problem.code).toBe("password_too_common");
    expect(problem.fieldErrors).toEqual({ new_password: ["This password is too common."] });
  });
});
