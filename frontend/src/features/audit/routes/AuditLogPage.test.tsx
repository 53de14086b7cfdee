import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import { page } from "@/test/fixtures";
import { makeMe, renderRoute } from "@/test/render";
import { server } from "@/test/server";

const ENTRIES = [
  {
    id: 2,
    created_at: "2025-01-02T03:04:05Z",
    action: "member.roles_changed",
    actor: "li.wei@acme.test",
    target_type: "membership",
    target_id: "9",
    ip_address: "203.0.113.7",
    user_agent: "Mozilla/5.0",
    before: { roles: ["viewer"] },
    after: { roles: ["buyer"] },
  },
  {
    id: 1,
    created_at: "2025-01-01T03:04:05Z",
    action: "auth.signed_in",
    actor: "li.wei@acme.test",
    target_type: "",
    target_id: "",
    ip_address: null,
    user_agent: "",
    before: null,
    after: null,
  },
];

describe("AuditLogPage", () => {
  it("lists entries with translated actions, expands one, and filters on the server", async () => {
    const queries: string[] = [];
    server.use(
      http.get("/api/me/", () => HttpResponse.json(makeMe({ permissions: ["company.view", "audit.view"] }))),
      http.get("/api/audit/", ({ request }) => {
        const params = new URL(request.url).searchParams;
        queries.push(params.toString());
        const action = params.get("action");
        return HttpResponse.json(page(action ? ENTRIES.filter((e) => e.action.startsWith(action)) : ENTRIES));
      }),
    );
    const user = userEvent.setup({ delay: null });
    renderRoute("tenant", "/settings/audit");
    const row = await screen.findByTestId("audit-row-member.roles_changed");
    expect(within(row).getByText("Roles changed")).toBeInTheDocument();
    expect(within(row).getByText("203.0.113.7")).toBeInTheDocument();
    expect(screen.getByTestId("audit-row-auth.signed_in")).toHaveTextContent("Signed in");

    await user.click(within(row).getByRole("button", { name: /expand row/i }));
    expect(await screen.findByTestId("audit-details-2")).toHaveTextContent('"buyer"');

    await user.type(screen.getByTestId("audit-filter-actor"), "li.wei@acme.test");
    await user.click(screen.getByTestId("audit-filter-submit"));
    await waitFor(() => expect(queries.at(-1)).toBe("actor=li.wei%40acme.test&page=1&page_size=50"));
  });

  it("is a 403 page without audit.view, and the menu has no entry for it", async () => {
    server.use(http.get("/api/me/", () => HttpResponse.json(makeMe({ permissions: ["company.view"] }))));
    renderRoute("tenant", "/settings/audit");
    expect(await screen.findByTestId("forbidden")).toBeInTheDocument();
    expect(screen.queryByTestId("nav-audit")).toBeNull();
  });
});
