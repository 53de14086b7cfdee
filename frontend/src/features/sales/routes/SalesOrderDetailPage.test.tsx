import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import { page, problem } from "@/test/fixtures";
import { makeMe, renderRoute } from "@/test/render";
import { server } from "@/test/server";
import type { SalesOrder } from "../api/salesOrders";
import type { Shipment } from "../api/shipments";
import type { TimelineEvent } from "../api/timeline";
import { event, line, salesOrder, shipment, stockRows, SUPPLIER } from "../test/fixtures";

function accepted(): SalesOrder {
  return salesOrder({
    status: "accepted",
    accepted_at: "2026-06-02T02:00:00Z",
    actions: ["cancel", "ship", "amend"],
    lines: [
      line({ reserved: "10.0000", promised_date: "2026-07-01" }),
      line({
        id: 502,
        line_no: 2,
        sku: "SEAL-40",
        ordered_quantity: "4.0000",
        quantity: "4.0000",
        open_quantity: "4.0000",
        reserved: "1.0000",
        back_ordered: "3.0000",
      }),
    ],
  });
}

/** A fake sales API for order 31 that moves as the supplier acts. */
function fakeOrder(permissions = SUPPLIER) {
  const state = {
    order: salesOrder(),
    shipments: [] as Shipment[],
    timeline: [
      event("ordered", "2026-06-01T02:00:00Z", { source: "hansa", po_number: "PO-2026-0012" }),
    ] as TimelineEvent[],
    accepts: [] as unknown[],
    ships: [] as { body: unknown; key: string | null }[],
  };
  server.use(
    http.get("/api/me/", () => HttpResponse.json(makeMe({ permissions, roles: ["sales"] }))),
    http.get("/api/sales-orders/31/", () => HttpResponse.json(state.order)),
    http.get("/api/sales-orders/31/stock-check/", () => HttpResponse.json({ order_id: 31, lines: stockRows() })),
    http.get("/api/sales-orders/31/amendments/", () => HttpResponse.json(page([]))),
    http.get("/api/sales-orders/31/shipments/", () => HttpResponse.json(page(state.shipments))),
    http.get("/api/sales-orders/31/timeline/", () => HttpResponse.json(page(state.timeline))),
    http.get("/api/work-orders/", () => HttpResponse.json(page([]))),
    http.get("/api/back-orders/", ({ request }) => {
      expect(new URL(request.url).searchParams.get("order_id")).toBe("31");
      return HttpResponse.json(page([]));
    }),
    http.post("/api/sales-orders/31/accept/", async ({ request }) => {
      state.accepts.push(await request.json());
      state.order = accepted();
      state.timeline = [...state.timeline, event("acknowledged", "2026-06-02T02:00:00Z", { action: "accept" })];
      return HttpResponse.json(state.order);
    }),
    http.post("/api/sales-orders/31/shipments/", async ({ request }) => {
      state.ships.push({ body: await request.json(), key: request.headers.get("Idempotency-Key") });
      const made = shipment();
      state.shipments = [made];
      state.order = { ...accepted(), status: "partly_shipped" };
      state.timeline = [
        ...state.timeline,
        event("shipped", made.shipped_at, {
          shipment_number: made.number,
          carrier: "SF Express",
          tracking_number: "SF1234567",
          packages: 2,
          lines: [{ line_no: 1, quantity: "6" }],
        }),
      ];
      return HttpResponse.json(made, { status: 201 });
    }),
  );
  return state;
}

describe("a sales order, supplier side", () => {
  it("checks stock, accepts with a back-order for the shortfall, ships part and shows it on the timeline", async () => {
    const state = fakeOrder();
    const user = userEvent.setup({ delay: null });
    renderRoute("tenant", "/sales-orders/31");

    expect(await screen.findByTestId("so-status")).toHaveAttribute("data-status", "awaiting_acceptance");
    expect(await screen.findByTestId("timeline-event-ordered")).toHaveTextContent(
      "Purchase order PO-2026-0012 received",
    );
    expect(screen.queryByTestId("so-ship")).not.toBeInTheDocument();

    await user.click(screen.getByTestId("so-accept"));
    const form = await screen.findByTestId("accept-form");
    await waitFor(() => expect(within(form).getByTestId("stock-shortfall-2")).toHaveTextContent("3 pcs"));
    await user.click(within(form).getByTestId("accept-shortfall-2-back_order"));
    await user.click(screen.getByTestId("so-accept-confirm"));
    await waitFor(() =>
      expect(state.accepts).toEqual([{ lines: [{ line_no: 2, shortfall: "back_order", due_date: null }] }]),
    );
    await waitFor(() => expect(screen.getByTestId("so-status")).toHaveAttribute("data-status", "accepted"));
    expect(await screen.findByTestId("timeline-event-acknowledged")).toHaveTextContent("Order accepted");

    await user.click(screen.getByTestId("so-ship"));
    const quantity = await screen.findByTestId("ship-line-quantity-0");
    await waitFor(() => expect(quantity).toHaveValue("10"));
    const fill = (testId: string, value: string) => fireEvent.change(screen.getByTestId(testId), { target: { value } });
    fill("ship-line-quantity-0", "6");
    fill("ship-line-quantity-1", "");
    fill("ship-carrier", "SF Express");
    fill("ship-tracking", "SF1234567");
    fill("ship-packages", "2");
    await user.click(screen.getByTestId("ship-submit"));
    await waitFor(() => expect(state.ships).toHaveLength(1));
    expect(state.ships[0]!.body).toEqual({
      carrier: "SF Express",
      tracking_number: "SF1234567",
      packages: 2,
      shipped_at: null,
      notes: "",
      lines: [{ line_no: 1, quantity: "6" }],
    });
    expect(state.ships[0]!.key).toBeTruthy();

    await waitFor(() => expect(screen.getByTestId("so-status")).toHaveAttribute("data-status", "partly_shipped"));
    const shipped = await screen.findByTestId("timeline-event-shipped");
    expect(shipped).toHaveTextContent("Shipment SH-000061 sent by SF Express");
    expect(within(shipped).getByTestId("timeline-tracking")).toHaveTextContent("SF1234567");
    expect(within(await screen.findByTestId("shipments-table")).getByText("SF Express")).toBeInTheDocument();
  });

  it("shows the server's conflict in the shipment dialog", async () => {
    const state = fakeOrder();
    state.order = accepted();
    const user = userEvent.setup({ delay: null });
    renderRoute("tenant", "/sales-orders/31");

    await user.click(await screen.findByTestId("so-ship"));
    const quantity = await screen.findByTestId("ship-line-quantity-0");
    await waitFor(() => expect(quantity).toHaveValue("10"));
    // The page's copy of the order is stale: the server refuses what the form allowed.
    fireEvent.change(screen.getByTestId("ship-carrier"), { target: { value: "SF Express" } });
    server.use(
      http.post("/api/sales-orders/31/shipments/", () =>
        problem(409, "shipment_exceeds_order", { detail: "Line 1: 4 pcs left to ship." }),
      ),
    );
    await user.click(screen.getByTestId("ship-submit"));
    const alert = await screen.findByTestId("form-error");
    expect(alert).toHaveTextContent("A line would ship more than is left to ship.");
    expect(alert).toHaveTextContent("Line 1: 4 pcs left to ship.");
  });

  it("hides the actions a member's roles do not allow", async () => {
    fakeOrder(["company.view", "stock.view"]);
    renderRoute("tenant", "/sales-orders/31");
    expect(await screen.findByTestId("so-status")).toBeInTheDocument();
    expect(screen.queryByTestId("so-accept")).not.toBeInTheDocument();
    expect(screen.queryByTestId("so-reject")).not.toBeInTheDocument();
    expect(screen.queryByTestId("so-cancel")).not.toBeInTheDocument();
  });
});
