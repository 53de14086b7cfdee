import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import { problem, ROLES_RESPONSE, page } from "@/test/fixtures";
import { makeMe, renderRoute } from "@/test/render";
import { server } from "@/test/server";
import { inboxEntry, membersPage, pendingOrder } from "../testing";

describe("approvals", () => {
  it("lists what waits for me, also as a stand-in, with the delegations, and approves from the list", async () => {
    server.use(
      http.get("/api/me/", () =>
        HttpResponse.json(makeMe({ permissions: ["company.view", "po.approve", "approval.rules"], roles: ["admin"] })),
      ),
      http.get("/api/members/", () => HttpResponse.json(membersPage())),
      http.get("/api/roles/", () => HttpResponse.json(ROLES_RESPONSE)),
      http.get("/api/approvals/inbox/", () =>
        HttpResponse.json(page([{ ...inboxEntry(pendingOrder()), on_behalf_of_id: 3 }])),
      ),
      http.get("/api/approval-delegations/", () =>
        HttpResponse.json(
          page([
            {
              id: 4,
              delegator_id: 3,
              delegate_id: 1,
              starts_on: "2026-01-01",
              ends_on: "2099-01-01",
              reason: "Holiday",
              created_at: "2026-01-01T00:00:00Z",
              revoked_at: null,
            },
          ]),
        ),
      ),
    );
    const user = userEvent.setup({ delay: null });
    renderRoute("tenant", "/approvals");
    const row = await screen.findByTestId("inbox-row-5");
    await waitFor(() =>
      expect(within(row).getByTestId("inbox-delegated-5")).toHaveTextContent("Standing in for Wang Fang"),
    );
    expect(await screen.findByTestId("delegation-state-4")).toHaveTextContent("Active");
    expect(screen.getByTestId("delegation-row-4")).toHaveTextContent("Wang Fang");
    await user.click(screen.getByTestId("inbox-approve-5"));
    expect(await screen.findByTestId("po-approve-confirm")).toBeInTheDocument();
    expect(screen.getByText("You approve for Wang Fang, who is away.")).toBeInTheDocument();
  });

  it("shows the rules in order with their steps and puts a step's own error on that step", async () => {
    const puts: unknown[] = [];
    server.use(
      http.get("/api/me/", () =>
        HttpResponse.json(makeMe({ permissions: ["company.view", "approval.rules"], roles: ["admin"] })),
      ),
      http.get("/api/members/", () => HttpResponse.json(membersPage())),
      http.get("/api/roles/", () => HttpResponse.json(ROLES_RESPONSE)),
      http.get("/api/marketplace/categories/", () => HttpResponse.json([])),
      http.get("/api/departments/", () =>
        HttpResponse.json(page([{ id: 2, code: "OPS", name: "Operations", member_ids: [2] }])),
      ),
      http.get("/api/approval-rules/", () =>
        HttpResponse.json(
          page([
            {
              id: 9,
              name: "Big orders",
              priority: 10,
              active: true,
              min_amount: "20000.0000",
              max_amount: null,
              category_code: "",
              department_id: 2,
              reminder_after_hours: 24,
              steps: [
                { position: 1, mode: "any", user_ids: [], roles: ["approver"] },
                { position: 2, mode: "all", user_ids: [3], roles: [] },
              ],
            },
          ]),
        ),
      ),
      http.put("/api/approval-rules/9/", async ({ request }) => {
        puts.push(await request.json());
        return problem(400, "validation_error", { errors: { "steps.1": ["Name at least one member or role."] } });
      }),
    );
    const user = userEvent.setup({ delay: null });
    renderRoute("tenant", "/approvals/rules");
    const row = await screen.findByTestId("rule-row-9");
    await waitFor(() => expect(row).toHaveTextContent("Wang Fang"));
    expect(row).toHaveTextContent("20,000.00");
    expect(row).toHaveTextContent("requested by Operations");
    expect(screen.getByTestId("member-departments")).toHaveTextContent("Zhang Min");
    await user.click(screen.getByTestId("rule-edit-9"));
    await user.click(await screen.findByTestId("rule-save"));
    expect(await screen.findByText("Name at least one member or role.")).toBeInTheDocument();
    expect(puts[0]).toEqual(
      expect.objectContaining({
        min_amount: "20000",
        department_id: 2,
        steps: [
          { mode: "any", user_ids: [], roles: ["approver"] },
          { mode: "all", user_ids: [3], roles: [] },
        ],
      }),
    );
  });
});
