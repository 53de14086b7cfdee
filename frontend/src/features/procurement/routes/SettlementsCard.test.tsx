import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import { page } from "@/test/fixtures";
import { makeMe, renderRoute } from "@/test/render";
import { server } from "@/test/server";
import { membersPage, order, poLine } from "../testing";

describe("rejected goods on a purchase order", () => {
  it("lets the buyer choose a return for the rejected quantity and shows the supplier's pending answer", async () => {
    const partly = order({
      status: "partly_received",
      sent_at: "2026-06-02T08:00:00Z",
      lines: [
        poLine({
          received_quantity: "40.0000",
          rejected_quantity: "2.0000",
          settleable_quantity: "2.0000",
          open_quantity: "60.0000",
        }),
      ],
    });
    const posted: unknown[] = [];
    let settlements: unknown[] = [];
    server.use(
      http.get("/api/me/", () =>
        HttpResponse.json(makeMe({ permissions: ["company.view", "po.create"], roles: ["buyer"] })),
      ),
      http.get("/api/members/", () => HttpResponse.json(membersPage())),
      http.get("/api/marketplace/categories/", () => HttpResponse.json([])),
      http.get("/api/purchase-orders/5/", () => HttpResponse.json(partly)),
      http.get("/api/approvals/inbox/", () => HttpResponse.json(page([]))),
      http.get("/api/purchase-orders/5/timeline/", () => HttpResponse.json(page([]))),
      http.get("/api/purchase-orders/5/settlements/", () => HttpResponse.json(page(settlements))),
      http.post("/api/purchase-orders/5/settlements/", async ({ request }) => {
        posted.push({ body: await request.json(), key: request.headers.get("Idempotency-Key") });
        const created = {
          id: 1,
          settlement_uuid: "6f1c2a8e-1111-4222-8333-444455556666",
          resolution: "return",
          return_number: "RTN-2026-00001",
          reason: "",
          lines: [{ line_no: 1, quantity: "2" }],
          status: "pending",
          response_reason: "",
          document_id: null,
          created_by_id: 2,
          created_at: "2026-06-07T08:00:00Z",
          decided_at: null,
        };
        settlements = [created];
        return HttpResponse.json(created, { status: 201 });
      }),
    );
    const user = userEvent.setup();
    renderRoute("tenant", "/purchase-orders/5");

    await user.click(await screen.findByTestId("settle-open"));
    await user.click(await screen.findByTestId("settle-return"));
    await user.click(screen.getByTestId("settle-confirm"));

    await waitFor(() => expect(posted).toHaveLength(1));
    const [call] = posted as { body: unknown; key: string | null }[];
    expect(call!.body).toEqual({ resolution: "return", reason: "", lines: [{ line_no: 1, quantity: null }] });
    expect(call!.key).toBeTruthy();
    expect(await screen.findByText("RTN-2026-00001")).toBeInTheDocument();
    expect(screen.getByText("Waiting for the supplier")).toBeInTheDocument();
  });
});
