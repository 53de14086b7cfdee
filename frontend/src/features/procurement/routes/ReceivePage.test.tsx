import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import { problem, page } from "@/test/fixtures";
import { makeMe, renderRoute } from "@/test/render";
import { server } from "@/test/server";
import { membersPage, order, poLine } from "../testing";

/** Types a whole value at once (a change event): the table re-validates once, not on every key. */
function fill(testId: string, value: string) {
  fireEvent.change(screen.getByTestId(testId), { target: { value } });
}

describe("receiving goods", () => {
  it("sends only the lines entered, shows an over-receipt on its line, and records a partial receipt", async () => {
    const sent = order({
      status: "acknowledged",
      lines: [
        poLine(),
        poLine({
          id: 52,
          line_no: 2,
          sku: "6206-2RS",
          description: "Bearing 6206",
          quantity: "50.0000",
          received_quantity: "40.0000",
          open_quantity: "10.0000",
        }),
      ],
    });
    const posts: { body: unknown; key: string | null }[] = [];
    server.use(
      http.get("/api/me/", () =>
        HttpResponse.json(makeMe({ permissions: ["company.view", "po.receive", "stock.view"], roles: ["warehouse"] })),
      ),
      http.get("/api/members/", () => HttpResponse.json(membersPage())),
      http.get("/api/purchase-orders/5/", () => HttpResponse.json(sent)),
      http.get("/api/purchase-orders/5/timeline/", () => HttpResponse.json(page([]))),
      http.get("/api/approvals/inbox/", () => HttpResponse.json(page([]))),
      http.get("/api/marketplace/categories/", () => HttpResponse.json([])),
      http.get("/api/inventory/warehouses/", () =>
        HttpResponse.json({
          count: 1,
          next: null,
          previous: null,
          results: [
            {
              id: 4,
              code: "MAIN",
              name: "Main warehouse",
              address: "",
              is_active: true,
              is_default: true,
              created_at: "2026-01-01T00:00:00Z",
            },
          ],
        }),
      ),
      http.post("/api/purchase-orders/5/receive/", async ({ request }) => {
        posts.push({ body: await request.json(), key: request.headers.get("Idempotency-Key") });
        if (posts.length === 1) {
          // Someone received line 2 meanwhile: the server refuses the second line sent.
          return problem(409, "over_receipt", { errors: { "lines.1": ["Line 2: 2 pcs still open."] } });
        }
        return HttpResponse.json(
          {
            id: 10,
            number: "GRN-2026-00010",
            received_at: "2026-06-07T08:00:00Z",
            received_by_id: 1,
            warehouse_id: null,
            shipment_id: null,
            note: "",
            lines: [],
          },
          { status: 201 },
        );
      }),
    );
    const user = userEvent.setup({ delay: null });
    const { router } = renderRoute("tenant", "/purchase-orders/5/receive");

    expect(await screen.findByTestId("receive-line-open-0")).toHaveTextContent("100");
    expect(screen.getByTestId("receive-line-open-1")).toHaveTextContent("10");
    fill("receive-line-accepted-0", "40");
    fill("receive-line-accepted-1", "8");
    fill("receive-line-rejected-1", "2");
    await user.click(screen.getByTestId("receive-submit"));
    // Rejected goods need a reason before anything is sent.
    await waitFor(() =>
      expect(within(screen.getByTestId("receive-line-1")).getByText("Say why goods are rejected.")).toBeVisible(),
    );
    expect(posts).toHaveLength(0);
    fill("receive-line-reason-1", "Dented");
    await user.click(screen.getByTestId("receive-submit"));

    const row = await screen.findByTestId("receive-line-1");
    expect(await within(row).findByText("Line 2: 2 pcs still open.")).toBeInTheDocument();
    expect(screen.getByTestId("form-error")).toHaveTextContent("More would be received than is still open on a line.");
    expect(posts[0]?.body).toEqual({
      lines: [
        { line_no: 1, accepted_quantity: "40", rejected_quantity: "0", rejection_reason: "" },
        { line_no: 2, accepted_quantity: "8", rejected_quantity: "2", rejection_reason: "Dented" },
      ],
      warehouse_id: null,
      shipment_id: null,
      note: "",
    });

    // Receive only line 1 now: a partial receipt, under the same key (the first was refused, nothing stored).
    fill("receive-line-accepted-1", "");
    fill("receive-line-rejected-1", "");
    fill("receive-line-reason-1", "");
    await user.click(screen.getByTestId("receive-submit"));
    await waitFor(() => expect(router.state.location.pathname).toBe("/purchase-orders/5"));
    expect(posts[1]?.body).toEqual(
      expect.objectContaining({
        lines: [{ line_no: 1, accepted_quantity: "40", rejected_quantity: "0", rejection_reason: "" }],
      }),
    );
    expect(posts[1]?.key).toBeTruthy();
    expect(posts[1]?.key).toBe(posts[0]?.key);
  });
});
