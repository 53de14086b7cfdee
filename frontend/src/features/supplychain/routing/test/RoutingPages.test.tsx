import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import { page, problem } from "@/test/fixtures";
import { makeMe, renderRoute } from "@/test/render";
import { server } from "@/test/server";

const MANAGE = ["company.view", "supplychain.view", "supplychain.manage"];

const DELIVERIES = [
  {
    customer_id: 3,
    customer_name: "Huaxia Machinery",
    site_id: 8,
    window_start: "09:00:00",
    window_end: "12:00:00",
    order_numbers: ["SO-000011", "SO-000014"],
    load: "40.0000",
  },
  {
    customer_id: 4,
    customer_name: "Jiading Motors",
    site_id: null,
    window_start: null,
    window_end: null,
    order_numbers: ["SO-000012"],
    load: "25.0000",
  },
];

const PLAN = {
  id: 21,
  depot_id: 1,
  depot_label: "MAIN Main warehouse",
  delivery_date: "2026-12-08",
  distance_source: "haversine",
  time_limit_seconds: 5,
  solve_ms: 5012,
  stop_count: 2,
  vehicles_available: 2,
  vehicles_used: 1,
  total_load: "65.0000",
  total_distance_m: 60000,
  naive_distance_m: 80000,
  naive_trips: 1,
  nearest_neighbour_distance_m: 75000,
  nearest_neighbour_trips: 1,
  nearest_neighbour_meets_windows: false,
  created_by_label: "li.wei@acme.test",
  created_at: "2026-12-07T08:00:00Z",
  routes: [
    {
      sequence: 1,
      vehicle_id: 5,
      vehicle_name: "Truck",
      unit_no: 1,
      capacity: "100.0000",
      departure_time: "08:30:00",
      return_time: "13:10:00",
      distance_m: 60000,
      load: "65.0000",
      stops: [
        {
          sequence: 1,
          customer_id: 3,
          customer_name: "Huaxia Machinery",
          order_numbers: ["SO-000011", "SO-000014"],
          latitude: "31.230416",
          longitude: "121.473701",
          window_start: "09:00:00",
          window_end: "12:00:00",
          arrival_time: "09:00:00",
          service_start_time: "09:00:00",
          departure_time: "09:15:00",
          distance_m: 18000,
          load: "40.0000",
          load_after: "25.0000",
        },
        {
          sequence: 2,
          customer_id: 4,
          customer_name: "Jiading Motors",
          order_numbers: ["SO-000012"],
          latitude: "31.383500",
          longitude: "121.250200",
          window_start: "10:30:00",
          window_end: "12:00:00",
          arrival_time: "10:05:00",
          service_start_time: "10:30:00",
          departure_time: "10:45:00",
          distance_m: 27000,
          load: "25.0000",
          load_after: "0.0000",
        },
      ],
    },
  ],
};

function serve(permissions = MANAGE, preferred_language: "en" | "zh-hans" = "en") {
  const posted: unknown[] = [];
  const asked: string[] = [];
  server.use(
    http.get("/api/me/", () => HttpResponse.json(makeMe({ permissions, preferred_language }))),
    http.get("/api/supplychain/routing/deliveries/", ({ request }) => {
      asked.push(new URL(request.url).searchParams.get("date") ?? "");
      return HttpResponse.json(page(DELIVERIES));
    }),
    http.get("/api/supplychain/routing/plans/", () => HttpResponse.json(page([]))),
    http.get("/api/supplychain/routing/plans/21/", () => HttpResponse.json(PLAN)),
    http.post("/api/supplychain/routing/plans/", async ({ request }) => {
      posted.push(await request.json());
      return HttpResponse.json(PLAN, { status: 201 });
    }),
  );
  return { posted, asked };
}

describe("plan a day", () => {
  it("lists the day's deliveries and plans them", async () => {
    const { posted, asked } = serve();
    renderRoute("tenant", "/supply-chain/routing");
    const table = await screen.findByTestId("deliveries-table");
    const huaxia = (await within(table).findByText("Huaxia Machinery")).closest("tr") as HTMLElement;
    expect(within(huaxia).getByText("SO-000011, SO-000014")).toBeInTheDocument();
    expect(within(huaxia).getByText("09:00–12:00")).toBeInTheDocument();
    const jiading = within(table).getByText("Jiading Motors").closest("tr") as HTMLElement;
    expect(within(jiading).getByText("No delivery site")).toBeInTheDocument();
    expect(asked[0]).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    await userEvent.click(screen.getByTestId("plan-routes"));

    await screen.findByTestId("route-plan-page");
    expect(posted).toEqual([{ delivery_date: asked[0], time_limit_seconds: 5 }]);
  });

  it("shows a plan: each vehicle's stops with times and loads, against the baselines", async () => {
    serve();
    renderRoute("tenant", "/supply-chain/routing/plans/21");
    await screen.findByTestId("route-plan-page");
    expect(screen.getByTestId("plan-total")).toHaveTextContent("60.0 km");
    expect(screen.getByTestId("plan-naive")).toHaveTextContent("80.0 km");
    expect(screen.getByTestId("plan-vs-naive")).toHaveTextContent("plan is 25.0 % shorter");
    expect(screen.getByTestId("plan-vs-nn")).toHaveTextContent("plan is 20.0 % shorter");
    expect(screen.getByText("misses time windows")).toBeInTheDocument();
    const route = screen.getByTestId("route-1");
    expect(within(route).getByText("Truck #1")).toBeInTheDocument();
    const second = within(route).getByText("Jiading Motors").closest("tr") as HTMLElement;
    expect(within(second).getByText("waits until 10:30")).toBeInTheDocument();
    expect(within(second).getByText("27.0 km")).toBeInTheDocument();
    const first = within(route).getByText("Huaxia Machinery").closest("tr") as HTMLElement;
    expect(within(first).getByText("25")).toBeInTheDocument(); // still on board after the first stop
  });

  it("names the constraint when the day cannot be planned", async () => {
    serve();
    server.use(
      http.post("/api/supplychain/routing/plans/", () =>
        problem(422, "route_stop_exceeds_capacity", {
          detail: "Huaxia Machinery needs 140, the largest vehicle carries 100.",
          constraint: "capacity",
          customer_id: 3,
        }),
      ),
    );
    renderRoute("tenant", "/supply-chain/routing");
    await within(await screen.findByTestId("deliveries-table")).findByText("Huaxia Machinery");
    await userEvent.click(screen.getByTestId("plan-routes"));
    const alert = await screen.findByTestId("plan-problem");
    expect(alert).toHaveAttribute("data-problem-code", "route_stop_exceeds_capacity");
    expect(alert).toHaveTextContent("One stop's load is more than any vehicle carries.");
    expect(alert).toHaveTextContent("Huaxia Machinery needs 140");
  });

  it("lets a viewer read but not plan, in Chinese", async () => {
    serve(["company.view", "supplychain.view"], "zh-hans");
    renderRoute("tenant", "/supply-chain/routing", { language: "zh-CN" });
    const table = await screen.findByTestId("deliveries-table");
    expect(await within(table).findByText("没有收货点")).toBeInTheDocument();
    expect(screen.getByText("当天的配送")).toBeInTheDocument();
    expect(screen.queryByTestId("plan-routes")).not.toBeInTheDocument();
  });
});

describe("setup", () => {
  it("shows depots and adds a vehicle to the only depot", async () => {
    serve();
    const posted: unknown[] = [];
    server.use(
      http.get("/api/supplychain/routing/depots/", () =>
        HttpResponse.json(
          page([
            {
              id: 1,
              warehouse: { id: 2, code: "MAIN", name: "Main warehouse" },
              latitude: "31.112300",
              longitude: "121.381600",
              open_from: "07:00:00",
              open_until: "19:00:00",
              vehicle_count: 0,
              created_at: "2026-12-06T08:00:00Z",
              updated_at: "2026-12-06T08:00:00Z",
            },
          ]),
        ),
      ),
      http.get("/api/supplychain/routing/vehicles/", () => HttpResponse.json(page([]))),
      http.post("/api/supplychain/routing/vehicles/", async ({ request }) => {
        posted.push(await request.json());
        return HttpResponse.json({}, { status: 201 });
      }),
    );
    renderRoute("tenant", "/supply-chain/routing/setup");
    const depots = await screen.findByTestId("depots-table");
    const row = (await within(depots).findByText("MAIN Main warehouse")).closest("tr") as HTMLElement;
    expect(within(row).getByText("07:00–19:00")).toBeInTheDocument();

    await userEvent.click(screen.getByRole("tab", { name: "Vehicles" }));
    await userEvent.click(await screen.findByTestId("add-vehicle"));
    const form = await screen.findByTestId("vehicle-form");
    await userEvent.type(within(form).getByLabelText("Vehicle"), "Light truck");
    await userEvent.type(within(form).getByLabelText("Capacity"), "120");
    await userEvent.click(screen.getByRole("button", { name: "Save" }));
    await waitFor(() =>
      expect(posted).toEqual([{ depot_id: 1, name: "Light truck", capacity: "120", speed_kmh: null, count: 1 }]),
    );
  });
});
