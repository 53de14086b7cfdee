import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import { page, problem, ROLES_RESPONSE } from "@/test/fixtures";
import { makeMe, renderRoute } from "@/test/render";
import { server } from "@/test/server";

const OWNER = {
  id: 1,
  email: "li.wei@acme.test",
  full_name: "Li Wei",
  roles: ["owner"],
  status: "active",
  joined_at: "2025-01-02T03:04:05Z",
};
const BUYER = { ...OWNER, id: 2, email: "zhang.san@acme.test", full_name: "Zhang San", roles: ["buyer"] };
const PENDING = {
  id: 7,
  email: "new.hire@acme.test",
  roles: ["finance"],
  status: "pending",
  invited_by: "li.wei@acme.test",
  created_at: "2025-01-02T03:04:05Z",
  expires_at: "2999-01-09T03:04:05Z",
  last_sent_at: "2025-01-02T03:04:05Z",
  sent_count: 1,
};

function api(me = makeMe({ roles: ["admin"], permissions: ["company.view", "members.manage"] })) {
  const calls: { method: string; path: string; body?: unknown }[] = [];
  const record = async (request: Request) => {
    const text = await request.text();
    calls.push({
      method: request.method,
      path: new URL(request.url).pathname,
      body: text ? JSON.parse(text) : undefined,
    });
  };
  server.use(
    http.get("/api/me/", () => HttpResponse.json(me)),
    http.get("/api/roles/", () => HttpResponse.json(ROLES_RESPONSE)),
    http.get("/api/members/", () => HttpResponse.json(page([OWNER, BUYER]))),
    http.get("/api/invitations/", () => HttpResponse.json(page([PENDING]))),
    http.post("/api/invitations/", async ({ request }) => {
      await record(request);
      return HttpResponse.json({ ...PENDING, id: 8, email: "wang.wu@acme.test", roles: ["buyer"] }, { status: 201 });
    }),
    http.post("/api/invitations/:id/resend/", async ({ request }) => {
      await record(request);
      return HttpResponse.json({ ...PENDING, sent_count: 2 });
    }),
    http.post("/api/invitations/:id/revoke/", async ({ request }) => {
      await record(request);
      return HttpResponse.json({ ...PENDING, status: "revoked" });
    }),
    http.patch("/api/members/:id/", async ({ request }) => {
      await record(request);
      return problem(403, "owner_role_reserved");
    }),
  );
  return calls;
}

describe("MembersPage", () => {
  it("invites with the roles the server defines; an admin cannot grant owner", async () => {
    const calls = api();
    const user = userEvent.setup({ delay: null });
    renderRoute("tenant", "/settings/members");
    expect(await screen.findByText("zhang.san@acme.test")).toBeInTheDocument();

    await user.click(screen.getByTestId("invite-open"));
    const finance = await screen.findByTestId("role-option-finance");
    expect(finance).toHaveTextContent("Finance");
    expect(screen.queryByTestId("role-option-accountant")).toBeNull();
    const ownerInput = screen.getByTestId("role-option-owner").closest("label")!.querySelector("input")!;
    expect(ownerInput).toBeDisabled();

    await user.type(screen.getByTestId("invite-email"), "wang.wu@acme.test");
    await user.click(screen.getByTestId("invite-submit"));
    expect(await screen.findByText("Choose at least one role.")).toBeInTheDocument();
    await user.click(screen.getByTestId("role-option-buyer"));
    await user.click(screen.getByTestId("invite-submit"));
    await waitFor(() =>
      expect(calls).toEqual([
        { method: "POST", path: "/api/invitations/", body: { email: "wang.wu@acme.test", roles: ["buyer"] } },
      ]),
    );
    expect(await screen.findByText("Invitation sent to wang.wu@acme.test.")).toBeInTheDocument();
  });

  it("re-sends and revokes a pending invitation", async () => {
    const calls = api();
    const user = userEvent.setup({ delay: null });
    renderRoute("tenant", "/settings/members");
    const row = await screen.findByTestId("invitation-row-new.hire@acme.test");
    expect(within(row).getByText("Finance")).toBeInTheDocument();
    expect(within(row).getByTestId("invitation-status-new.hire@acme.test")).toHaveTextContent("Pending");

    await user.click(within(row).getByTestId("invitation-resend-new.hire@acme.test"));
    expect(await screen.findByText("A new invitation link was sent to new.hire@acme.test.")).toBeInTheDocument();
    await user.click(within(row).getByTestId("invitation-revoke-new.hire@acme.test"));
    await user.click(await screen.findByRole("button", { name: "Confirm" }));
    expect(await screen.findByText("The invitation to new.hire@acme.test was revoked.")).toBeInTheDocument();
    expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual([
      "POST /api/invitations/7/resend/",
      "POST /api/invitations/7/revoke/",
    ]);
  });

  it("changes a member's roles by id and shows the server's refusal in words", async () => {
    const calls = api();
    const user = userEvent.setup({ delay: null });
    renderRoute("tenant", "/settings/members");
    await user.click(await screen.findByTestId("member-edit-zhang.san@acme.test"));
    await user.click(await screen.findByTestId("role-option-approver"));
    await user.click(screen.getByTestId("roles-submit"));
    expect(await screen.findByTestId("form-error")).toHaveTextContent(
      "Only an owner can grant or take away the owner role.",
    );
    expect(calls).toEqual([{ method: "PATCH", path: "/api/members/2/", body: { roles: ["buyer", "approver"] } }]);
  });
});
