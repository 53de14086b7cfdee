import { page } from "@/test/fixtures";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import { makeMe, renderRoute } from "@/test/render";
import { server } from "@/test/server";
import { event, inboxEntry, membersPage, order, pendingOrder, poLine } from "../testing";

function common(permissions: string[], roles: string[]) {
  server.use(
    http.get("/api/me/", () => HttpResponse.json(makeMe({ permissions: ["company.view", ...permissions], roles }))),
    http.get("/api/members/", () => HttpResponse.json(membersPage())),
    http.get("/api/marketplace/categories/", () => HttpResponse.json([])),
  );
}

describe("a purchase order", () => {
  it("shows the approver whose turn it is the steps and lets them approve their level", async () => {
    common(["po.approve"], ["approver"]);
    const pending = pendingOrder();
    const approved: unknown[] = [];
    let decided = false;
    const afterLevel1 = {
      ...pending,
      approval_steps: [
        {
          ...pending.approval_steps[0]!,
          status: "approved" as const,
          decisions: [
            {
              user_id: 1,
              user_email: "li@acme.test",
              on_behalf_of_id: null,
              decision: "approve",
              note: "Within budget",
              created_at: "2026-06-01T04:00:00Z",
            },
          ],
        },
        { ...pending.approval_steps[1]!, status: "pending" as const, activated_at: "2026-06-01T04:00:00Z" },
      ],
    };
    server.use(
      http.get("/api/purchase-orders/5/", () => HttpResponse.json(decided ? afterLevel1 : pending)),
      http.get("/api/approvals/inbox/", () => HttpResponse.json(page(decided ? [] : [inboxEntry(pending)]))),
      http.get("/api/purchase-orders/5/timeline/", () =>
        HttpResponse.json(
          page([
            event(1, "created_from_award", { rfq_id: 21, rfq_title: "Bearings" }),
            event(2, "submitted", { rule: "From 1,000 CNY: two levels" }),
          ]),
        ),
      ),
      http.post("/api/purchase-orders/5/approve/", async ({ request }) => {
        approved.push(await request.json());
        decided = true;
        return HttpResponse.json(afterLevel1);
      }),
    );
    const user = userEvent.setup({ delay: null });
    renderRoute("tenant", "/purchase-orders/5");

    expect(await screen.findByTestId("po-status")).toHaveAttribute("data-status", "pending_approval");
    expect(screen.getByTestId("po-banner")).toHaveTextContent("Waiting for approval at level 1 of 2.");
    await waitFor(() => expect(screen.getByTestId("approval-step-2")).toBeInTheDocument());
    const steps = screen.getByTestId("approval-steps");
    expect(steps).toHaveTextContent("Role Approver");
    await waitFor(() => expect(steps).toHaveTextContent("Wang Fang")); // named by user id, from the members
    expect(screen.queryByTestId("po-submit")).not.toBeInTheDocument();
    expect(screen.queryByTestId("po-send")).not.toBeInTheDocument();
    expect(
      within(screen.getByTestId("po-timeline")).getByTestId("timeline-event-created_from_award"),
    ).toHaveTextContent("From the RFQ “Bearings”");

    await user.click(await screen.findByTestId("po-approve"));
    await user.type(screen.getByTestId("po-approve-note"), "Within budget");
    await user.click(screen.getByTestId("po-approve-confirm"));

    await waitFor(() => expect(approved).toEqual([{ note: "Within budget", step_id: 81 }]));
    await waitFor(() => expect(screen.getByTestId("approval-step-1")).toHaveAttribute("data-status", "approved"));
    expect(screen.getByTestId("approval-steps")).toHaveTextContent("Approved by Li Wei");
    await waitFor(() => expect(screen.queryByTestId("po-approve")).not.toBeInTheDocument()); // level 2 is someone else's
  });

  it("tells the whole story on one timeline and offers the buyer what a partly received order allows", async () => {
    common(["po.create", "po.receive", "stock.view"], ["buyer"]);
    const partly = order({
      status: "partly_received",
      sent_at: "2026-06-02T08:00:00Z",
      lines: [poLine({ received_quantity: "40.0000", open_quantity: "60.0000" })],
      receipts: [
        {
          id: 9,
          number: "GRN-2026-00009",
          received_at: "2026-06-06T08:00:00Z",
          received_by_id: 2,
          warehouse_id: null,
          shipment_id: null,
          note: "",
          lines: [
            { line_no: 1, accepted_quantity: "40.0000", rejected_quantity: "2.0000", rejection_reason: "Dented" },
          ],
        },
      ],
    });
    server.use(
      http.get("/api/purchase-orders/5/", () => HttpResponse.json(partly)),
      http.get("/api/approvals/inbox/", () => HttpResponse.json(page([]))),
      http.get("/api/inventory/warehouses/", () =>
        HttpResponse.json({ count: 0, next: null, previous: null, results: [] }),
      ),
      http.get("/api/purchase-orders/5/timeline/", () =>
        HttpResponse.json(
          page([
            event(1, "created_from_award", { rfq_id: 21, rfq_title: "Bearings" }),
            event(2, "submitted", { rule: "Two levels" }),
            event(3, "approval_step_approved", { step: 1, on_behalf_of: null, note: "" }),
            event(4, "approval_step_approved", { step: 2, on_behalf_of: null, note: "" }),
            event(5, "approved", { rule: "Two levels" }),
            event(6, "sent", { channel: "hansa", to: "Suzhou Precision Bearings Co., Ltd." }),
            event(7, "acknowledged", { so_number: "SO-2026-00003", lines: [] }, "Suzhou Precision Bearings Co., Ltd."),
            event(
              8,
              "shipped",
              {
                shipment_number: "SH-1",
                carrier: "SF Express",
                tracking_number: "SF123456789",
                packages: 3,
                lines: [{ line_no: 1, quantity: "42" }],
              },
              "Suzhou Precision Bearings Co., Ltd.",
            ),
            event(9, "received", {
              receipt_number: "GRN-2026-00009",
              complete: false,
              lines: [{ line_no: 1, accepted_quantity: "40", rejected_quantity: "2", rejection_reason: "Dented" }],
            }),
          ]),
        ),
      ),
    );
    renderRoute("tenant", "/purchase-orders/5");

    const timeline = await screen.findByTestId("po-timeline");
    await waitFor(() =>
      expect(within(timeline).getAllByTestId("timeline-event-approval_step_approved")).toHaveLength(2),
    );
    for (const kind of ["submitted", "approved", "sent", "acknowledged", "shipped", "received"]) {
      expect(within(timeline).getByTestId(`timeline-event-${kind}`)).toBeInTheDocument();
    }
    expect(within(timeline).getByTestId("timeline-carrier")).toHaveTextContent(
      "Carrier SF Express, tracking number SF123456789",
    );
    expect(within(timeline).getByTestId("timeline-event-received")).toHaveTextContent(
      "Line 1: 40 pcs accepted, 2 pcs rejected (Dented)",
    );
    expect(within(timeline).getByTestId("timeline-event-acknowledged")).toHaveTextContent(
      "Supplier's order SO-2026-00003",
    );

    expect(screen.getByTestId("po-line-received-1")).toHaveTextContent("40 pcs");
    expect(screen.getByTestId("po-line-open-1")).toHaveTextContent("60");
    expect(screen.getByTestId("po-total")).toHaveTextContent("1,412.50");
    expect(within(screen.getByTestId("po-receipts")).getByTestId("receipt-row-GRN-2026-00009")).toHaveTextContent(
      "2 pcs rejected (Dented)",
    );
    expect(screen.getByTestId("po-receive")).toBeInTheDocument();
    expect(screen.getByTestId("po-close")).toHaveTextContent("Short-close");
    expect(screen.queryByTestId("po-cancel")).not.toBeInTheDocument(); // goods have arrived
    expect(screen.queryByTestId("po-approve")).not.toBeInTheDocument();
  });
});
