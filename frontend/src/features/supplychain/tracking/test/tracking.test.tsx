import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import type { ShipmentTimeline } from "@/components/shipmentTracking/api";
import { ShipmentTrackingCard } from "@/components/shipmentTracking/ShipmentTrackingCard";
import { page, problem } from "@/test/fixtures";
import { makeMe, renderRoute, renderWithProviders } from "@/test/render";
import { server } from "@/test/server";
import type { CarrierAccount } from "../api/carrierAccounts";

const MANAGER = ["company.view", "so.view", "supplychain.view", "supplychain.manage"];
const VIEWER = ["company.view", "supplychain.view"];

function timeline(overrides: Partial<ShipmentTimeline> = {}): ShipmentTimeline {
  return {
    shipment_id: 41,
    shipment_number: "SH-00041",
    so_number: "SO-00012",
    carrier: "SF Express",
    tracking_number: "SF1234567890",
    shipped_at: "2026-12-01T02:00:00Z",
    status: "in_transit",
    eta: "2026-12-09T10:00:00Z",
    eta_source: "carrier",
    promised_date: "2026-12-08",
    delivered_at: null,
    late: true,
    late_reason: "eta_after_promised",
    late_alerted_at: "2026-12-05T10:00:00Z",
    events: [
      {
        id: 7,
        type: "picked_up",
        occurred_at: "2026-12-01T03:00:00Z",
        location: "Wuxi depot",
        latitude: null,
        longitude: null,
        reason: "",
        source: "manual",
        carrier_code: null,
        recorded_at: "2026-12-01T03:00:00Z",
      },
      {
        id: 8,
        type: "in_transit",
        occurred_at: "2026-12-02T08:00:00Z",
        location: "Suzhou hub",
        latitude: "31.298900",
        longitude: "120.585300",
        reason: "",
        source: "carrier",
        carrier_code: "sf-express",
        recorded_at: "2026-12-02T08:00:01Z",
      },
    ],
    ...overrides,
  };
}

function answerTracking(permissions: string[], rows: ShipmentTimeline[]) {
  const recorded: { events: { body: unknown; key: string | null }[]; etas: unknown[]; me: number; reads: number } = {
    events: [],
    etas: [],
    me: 0,
    reads: 0,
  };
  server.use(
    http.get("/api/me/", () => {
      recorded.me += 1;
      return HttpResponse.json(makeMe({ permissions, roles: ["sales"] }));
    }),
    http.get("/api/supplychain/sales-orders/:orderId/tracking/", () => {
      recorded.reads += 1;
      return HttpResponse.json(page(rows));
    }),
    http.get("/api/supplychain/purchase-orders/:orderId/tracking/", () =>
      HttpResponse.json(page(rows.map((row) => ({ ...row, shipment_id: null })))),
    ),
    http.post("/api/supplychain/shipments/:shipmentId/tracking/events/", async ({ request }) => {
      const body = (await request.json()) as { type: string; reason: string };
      recorded.events.push({ body, key: request.headers.get("Idempotency-Key") });
      if (body.type === "exception" && body.reason === "bad")
        return problem(400, "validation_error", { errors: { latitude: ["Between -90 and 90."] } });
      return HttpResponse.json(timeline(), { status: 201 });
    }),
    http.patch("/api/supplychain/shipments/:shipmentId/tracking/", async ({ request }) => {
      recorded.etas.push(await request.json());
      return HttpResponse.json(timeline());
    }),
  );
  return recorded;
}

describe("shipment tracking on the order pages", () => {
  it("shows status, ETA, promised date, the late badge and the events, newest first", async () => {
    answerTracking(MANAGER, [timeline()]);
    renderWithProviders(<ShipmentTrackingCard side="supplier" orderId={12} canManage />);
    const block = await screen.findByTestId("tracking-SH-00041");
    expect(within(block).getByTestId("tracking-status-SH-00041")).toHaveTextContent("In transit");
    expect(within(block).getByTestId("tracking-late-SH-00041")).toHaveTextContent("Late · ETA after the promised date");
    expect(block).toHaveTextContent("ETA (Carrier)");
    expect(block).toHaveTextContent("SF1234567890");
    expect(within(block).getByTestId("tracking-event-8")).toHaveTextContent("Suzhou hub");
    expect(within(block).getByTestId("tracking-event-8")).toHaveTextContent("31.298900, 120.585300");
    const events = within(block).getAllByTestId(/^tracking-event-\d+$/);
    expect(events.map((el) => el.dataset.testid)).toEqual(["tracking-event-8", "tracking-event-7"]);
  });

  it("shows nothing when the order has no shipment, and no entry buttons to the buyer", async () => {
    const recorded = answerTracking(MANAGER, []);
    const { container } = renderWithProviders(<ShipmentTrackingCard side="supplier" orderId={12} canManage />);
    await waitFor(() => expect(recorded.reads).toBe(1));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(container.querySelector(".ant-app")).toBeEmptyDOMElement();
  });

  it("the buyer sees the supplier's tracking without entry buttons", async () => {
    answerTracking(MANAGER, [timeline({ late: false, late_reason: null })]);
    renderWithProviders(<ShipmentTrackingCard side="buyer" orderId={5} canManage />);
    expect(await screen.findByTestId("tracking-card-buyer")).toBeInTheDocument();
    expect(screen.queryByTestId("tracking-late-SH-00041")).toBeNull();
    expect(screen.queryByTestId("tracking-add-event-SH-00041")).toBeNull();
  });

  it("records an event by hand with an Idempotency-Key, shows a field error from the server", async () => {
    const recorded = answerTracking(MANAGER, [timeline()]);
    const user = userEvent.setup({ delay: null });
    renderWithProviders(<ShipmentTrackingCard side="supplier" orderId={12} canManage />);
    await user.click(await screen.findByTestId("tracking-add-event-SH-00041"));
    await user.type(await screen.findByTestId("tracking-event-location"), "Changzhou");
    await user.type(screen.getByTestId("tracking-event-latitude"), "31.8");
    await user.type(screen.getByTestId("tracking-event-longitude"), "119.9");
    await user.click(screen.getByTestId("tracking-event-submit"));
    await waitFor(() => expect(recorded.events).toHaveLength(1));
    expect(recorded.events[0]?.body).toEqual({
      type: "in_transit",
      occurred_at: null,
      location: "Changzhou",
      latitude: "31.8",
      longitude: "119.9",
      reason: "",
      eta: null,
    });
    expect(recorded.events[0]?.key).toMatch(/^[0-9a-f-]{32,36}$/);
    expect(await screen.findByText("Event recorded; the buyer is told.")).toBeInTheDocument();
  });

  it("asks for a reason before sending an exception", async () => {
    const recorded = answerTracking(MANAGER, [timeline()]);
    const user = userEvent.setup({ delay: null });
    renderWithProviders(<ShipmentTrackingCard side="supplier" orderId={12} canManage />);
    await user.click(await screen.findByTestId("tracking-add-event-SH-00041"));
    const type = within(await screen.findByTestId("tracking-event-type")).getByRole("combobox");
    await user.click(type);
    const option = (await screen.findAllByTitle("Exception")).find((el) =>
      el.classList.contains("ant-select-item-option"),
    );
    if (!option) throw new Error("no Exception option");
    await user.click(option);
    await user.click(screen.getByTestId("tracking-event-submit"));
    expect(await screen.findByText("Say what went wrong.")).toBeInTheDocument();
    expect(recorded.events).toHaveLength(0);
    await user.type(screen.getByTestId("tracking-event-reason"), "bad");
    await user.click(screen.getByTestId("tracking-event-submit"));
    expect(await screen.findByText("Between -90 and 90.")).toBeInTheDocument();
  });

  it("clears the ETA by hand", async () => {
    const recorded = answerTracking(MANAGER, [timeline()]);
    const user = userEvent.setup({ delay: null });
    renderWithProviders(<ShipmentTrackingCard side="supplier" orderId={12} canManage />);
    await user.click(await screen.findByTestId("tracking-set-eta-SH-00041"));
    const picker = await screen.findByTestId("tracking-eta-input");
    const clear = picker.closest(".ant-picker")?.querySelector(".ant-picker-clear");
    if (!clear) throw new Error("no clear button");
    await user.click(clear);
    await user.click(screen.getByTestId("tracking-eta-submit"));
    await waitFor(() => expect(recorded.etas).toEqual([{ eta: null }]));
    expect(await screen.findByText("ETA saved; the buyer is told.")).toBeInTheDocument();
  });

  it("hides the card from members without the supply-chain permission", async () => {
    const recorded = answerTracking(["company.view", "so.view"], [timeline()]);
    const { container } = renderWithProviders(<ShipmentTrackingCard side="supplier" orderId={12} canManage />);
    await waitFor(() => expect(recorded.me).toBe(1));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(recorded.reads).toBe(0);
    expect(container.querySelector(".ant-app")).toBeEmptyDOMElement();
  });

  it("shows Chinese labels", async () => {
    answerTracking(MANAGER, [timeline()]);
    renderWithProviders(<ShipmentTrackingCard side="supplier" orderId={12} canManage />, { language: "zh-CN" });
    const block = await screen.findByTestId("tracking-SH-00041");
    expect(within(block).getByTestId("tracking-status-SH-00041")).toHaveTextContent("运输中");
    expect(within(block).getByTestId("tracking-late-SH-00041")).toHaveTextContent("延误");
  });
});

function account(overrides: Partial<CarrierAccount> = {}): CarrierAccount {
  return {
    id: 3,
    code: "sf-express",
    name: "SF Express",
    adapter: "generic_json",
    active: true,
    webhook_url: "https://acme.hansa.example/api/supplychain/carriers/sf-express/webhook/",
    last_event_at: null,
    created_at: "2026-12-01T00:00:00Z",
    ...overrides,
  };
}

describe("carrier accounts", () => {
  function answerAccounts(permissions: string[], { conflict = false } = {}) {
    const recorded: { posts: { body: unknown; key: string | null }[]; patches: unknown[]; rotations: string[] } = {
      posts: [],
      patches: [],
      rotations: [],
    };
    let rows = [account()];
    server.use(
      http.get("/api/me/", () => HttpResponse.json(makeMe({ permissions, roles: ["sales"] }))),
      http.get("/api/supplychain/carrier-accounts/", () => HttpResponse.json(page(rows))),
      http.post("/api/supplychain/carrier-accounts/", async ({ request }) => {
        const body = (await request.json()) as { code: string; name: string };
        recorded.posts.push({ body, key: request.headers.get("Idempotency-Key") });
        if (conflict) return problem(409, "carrier_code_taken");
        const made = account({ id: 4, code: body.code, name: body.name });
        rows = [...rows, made];
        return HttpResponse.json({ ...made, webhook_secret: "whsec_shown_once" }, { status: 201 });
      }),
      http.patch("/api/supplychain/carrier-accounts/:id/", async ({ request }) => {
        const body = (await request.json()) as { active: boolean };
        recorded.patches.push(body);
        rows = rows.map((row) => ({ ...row, active: body.active }));
        return HttpResponse.json(rows[0]);
      }),
      http.post("/api/supplychain/carrier-accounts/:id/rotate-secret/", ({ params }) => {
        recorded.rotations.push(String(params.id));
        return HttpResponse.json({ ...account(), webhook_secret: "whsec_rotated" });
      }),
    );
    return recorded;
  }

  it("lists the accounts with their webhook URL, adds one and shows its secret once", async () => {
    const recorded = answerAccounts(MANAGER);
    const user = userEvent.setup({ delay: null });
    renderRoute("tenant", "/supply-chain/tracking/carriers");
    const row = await screen.findByTestId("carrier-row-sf-express");
    expect(row).toHaveTextContent("/api/supplychain/carriers/sf-express/webhook/");
    expect(row).toHaveTextContent("Never");
    await user.click(screen.getByTestId("carrier-add"));
    await user.type(await screen.findByTestId("carrier-code"), "dhl");
    await user.type(screen.getByTestId("carrier-name"), "DHL");
    await user.click(screen.getByTestId("carrier-create"));
    await waitFor(() => expect(recorded.posts).toHaveLength(1));
    expect(recorded.posts[0]?.body).toEqual({ code: "dhl", name: "DHL", adapter: "generic_json" });
    expect(recorded.posts[0]?.key).toMatch(/^[0-9a-f-]{32,36}$/);
    expect(await screen.findByTestId("carrier-secret-value")).toHaveTextContent("whsec_shown_once");
    expect(await screen.findByTestId("carrier-row-dhl")).toBeInTheDocument();
  });

  it("rotates a secret after confirming and deactivates an account", async () => {
    const recorded = answerAccounts(MANAGER);
    const user = userEvent.setup({ delay: null });
    renderRoute("tenant", "/supply-chain/tracking/carriers");
    await user.click(await screen.findByTestId("carrier-rotate-sf-express"));
    await user.click(await screen.findByTestId("carrier-rotate-confirm-sf-express"));
    await waitFor(() => expect(recorded.rotations).toEqual(["3"]));
    expect(await screen.findByTestId("carrier-secret-value")).toHaveTextContent("whsec_rotated");
    await user.click(screen.getByRole("button", { name: "OK" }));
    await user.click(screen.getByTestId("carrier-toggle-sf-express"));
    await waitFor(() => expect(recorded.patches).toEqual([{ active: false }]));
  });

  it("shows a taken code as the server's problem", async () => {
    answerAccounts(MANAGER, { conflict: true });
    const user = userEvent.setup({ delay: null });
    renderRoute("tenant", "/supply-chain/tracking/carriers");
    await user.click(await screen.findByTestId("carrier-add"));
    await user.type(await screen.findByTestId("carrier-code"), "sf-express");
    await user.type(screen.getByTestId("carrier-name"), "SF");
    await user.click(screen.getByTestId("carrier-create"));
    expect(await screen.findByTestId("carrier-error")).toHaveTextContent(
      "A carrier account with this code already exists.",
    );
  });

  it("a viewer sees the accounts but cannot change them", async () => {
    answerAccounts(VIEWER);
    renderRoute("tenant", "/supply-chain/tracking/carriers");
    expect(await screen.findByTestId("carrier-row-sf-express")).toBeInTheDocument();
    expect(screen.queryByTestId("carrier-add")).toBeNull();
    expect(screen.queryByTestId("carrier-rotate-sf-express")).toBeNull();
  });
});
