import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import { problem } from "@/test/fixtures";
import { makeMe, renderRoute } from "@/test/render";
import { server } from "@/test/server";

const OFFER = {
  email: "new.hire@acme.test",
  roles: ["buyer", "finance"],
  company: {
    id: 1,
    name: "Acme Trading",
    slug: "acme",
    country: "CN",
    currency: "CNY",
    locale: "zh-hans",
    time_zone: "Asia/Shanghai",
    status: "active",
  },
  account_exists: false,
  expires_at: "2999-01-09T03:04:05Z",
};

const MEMBER = {
  id: 3,
  email: OFFER.email,
  full_name: "New Hire",
  roles: ["buyer", "finance"],
  status: "active",
  joined_at: "2025-01-02T03:04:05Z",
};

describe("InvitationPage", () => {
  it("a new address chooses a password, joins, and lands signed in on the workspace", async () => {
    let signedIn = false;
    const accepted: unknown[] = [];
    server.use(
      http.get("/api/invitations/lookup/", ({ request }) =>
        new URL(request.url).searchParams.get("token") === "tok-123"
          ? HttpResponse.json(OFFER)
          : problem(400, "invitation_invalid"),
      ),
      http.post("/api/invitations/accept/", async ({ request }) => {
        accepted.push(await request.json());
        signedIn = true;
        return HttpResponse.json(MEMBER);
      }),
      http.get("/api/me/", () =>
        signedIn
          ? HttpResponse.json(makeMe({ roles: ["buyer", "finance"], permissions: ["company.view"] }))
          : problem(401, "not_authenticated"),
      ),
    );
    const user = userEvent.setup({ delay: null });
    const { router } = renderRoute("tenant", "/invitation/tok-123");
    expect(await screen.findByTestId("invitation-title")).toHaveTextContent("Join Acme Trading on Hansa");
    expect(screen.getByTestId("invitation-roles")).toHaveTextContent("Buyer");
    expect(screen.getByTestId("invitation-roles")).toHaveTextContent("Finance");
    expect(screen.getByTestId("invitation-email")).toHaveValue("new.hire@acme.test");

    await user.type(screen.getByTestId("invitation-full-name"), "New Hire");
    await user.type(screen.getByTestId("invitation-password"), "long-enough-9");
    await user.type(screen.getByTestId("invitation-password-confirm"), "different-9");
    await user.click(screen.getByTestId("invitation-submit"));
    expect(await screen.findByText("The two passwords differ.")).toBeInTheDocument();
    expect(accepted).toEqual([]);

    await user.clear(screen.getByTestId("invitation-password-confirm"));
    await user.type(screen.getByTestId("invitation-password-confirm"), "long-enough-9");
    await user.click(screen.getByTestId("invitation-submit"));
    expect(await screen.findByTestId("home-page")).toBeInTheDocument();
    expect(router.state.location.pathname).toBe("/");
    expect(accepted).toEqual([{ token: "tok-123", password: "long-enough-9", full_name: "New Hire" }]);
  });

  it("an existing account enters its own password; a wrong one is refused in words", async () => {
    server.use(
      http.get("/api/invitations/lookup/", () => HttpResponse.json({ ...OFFER, account_exists: true })),
      http.post("/api/invitations/accept/", () => problem(400, "invalid_credentials")),
    );
    const user = userEvent.setup({ delay: null });
    renderRoute("tenant", "/invitation/tok-123");
    expect(await screen.findByTestId("invitation-existing-account")).toBeInTheDocument();
    expect(screen.queryByTestId("invitation-full-name")).toBeNull();
    expect(screen.queryByTestId("invitation-password-confirm")).toBeNull();
    await user.type(screen.getByTestId("invitation-password"), "wrong");
    await user.click(screen.getByTestId("invitation-submit"));
    expect(await screen.findByTestId("form-error")).toHaveTextContent("The e-mail or password is not correct.");
  });

  it("an account with MFA joins, then is sent to sign in with its code", async () => {
    server.use(
      http.get("/api/invitations/lookup/", () => HttpResponse.json({ ...OFFER, account_exists: true })),
      http.post("/api/invitations/accept/", () => HttpResponse.json(MEMBER)),
      http.get("/api/me/", () => problem(401, "not_authenticated")),
    );
    const user = userEvent.setup({ delay: null });
    const { router } = renderRoute("tenant", "/invitation/tok-123");
    await user.type(await screen.findByTestId("invitation-password"), "their-password");
    await user.click(screen.getByTestId("invitation-submit"));
    expect(await screen.findByTestId("signin-joined")).toBeInTheDocument();
    await waitFor(() => expect(router.state.location.pathname).toBe("/signin"));
    expect(screen.getByTestId("signin-email")).toHaveValue("new.hire@acme.test");
  });

  it("an invalid, expired or used link says so in the UI language", async () => {
    server.use(http.get("/api/invitations/lookup/", () => problem(400, "invitation_invalid")));
    renderRoute("tenant", "/invitation/nope", { language: "zh-CN" });
    const invalid = await screen.findByTestId("invitation-invalid");
    expect(invalid).toHaveAttribute("data-problem-code", "invitation_invalid");
    expect(invalid).toHaveTextContent("此邀请无效、已过期、已撤销或已被使用");
  });
});
