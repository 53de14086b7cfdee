import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import { dayjs } from "@/lib/dates";
import { page } from "@/test/fixtures";
import { makeMe, renderRoute } from "@/test/render";
import { server } from "@/test/server";
import { EAST, entry, item, MAIN } from "../inventory.fixtures";

describe("the stock ledger", () => {
  it("asks the server for the filters in the address, shows references and reasons, and filters by a reference", async () => {
    const queries: URLSearchParams[] = [];
    server.use(
      http.get("/api/me/", () =>
        HttpResponse.json(makeMe({ permissions: ["company.view", "stock.view"], roles: ["viewer"] })),
      ),
      http.get("/api/inventory/warehouses/", () => HttpResponse.json(page([MAIN, EAST]))),
      http.get("/api/inventory/items/5/", () => HttpResponse.json(item())),
      http.get("/api/inventory/ledger/", ({ request }) => {
        queries.push(new URL(request.url).searchParams);
        return HttpResponse.json(
          page([
            entry({
              id: 102,
              kind: "adjustment",
              quantity: "5.0000",
              on_hand_delta: "-5.0000",
              on_hand_after: "95.0000",
              reference: "",
              reason: "Broken in storage",
            }),
            entry(),
          ]),
        );
      }),
    );
    const user = userEvent.setup({ delay: null });
    const { router } = renderRoute("tenant", "/inventory/ledger?item=5&kind=adjustment&from=2026-03-01&to=2026-03-31");

    const table = await screen.findByTestId("ledger-table");
    const query = queries.at(-1)!;
    expect(query.get("item_id")).toBe("5");
    expect(query.get("kind")).toBe("adjustment");
    // Days are the member's own: from the first day's midnight up to (not including) the day after the last.
    expect(query.get("since")).toBe(dayjs("2026-03-01").startOf("day").toISOString());
    expect(query.get("until")).toBe(dayjs("2026-04-01").startOf("day").toISOString());

    const adjustment = within(table).getByTestId("ledger-row-102");
    expect(within(adjustment).getByTestId("ledger-kind-adjustment")).toHaveTextContent("Adjustment");
    expect(within(adjustment).getByTestId("ledger-reason-102")).toHaveTextContent("Broken in storage");
    expect(within(adjustment).getByTestId("ledger-on-hand-delta")).toHaveTextContent("−5 pcs on hand");
    const receipt = within(table).getByTestId("ledger-row-101");
    expect(within(receipt).getByTestId("ledger-on-hand-delta")).toHaveTextContent("+100 pcs on hand");

    await user.click(within(receipt).getByTestId("ledger-reference-101"));
    await waitFor(() =>
      expect(new URLSearchParams(router.state.location.search).get("reference")).toBe("PO-2026-0001 GRN-2026-0001"),
    );
    await waitFor(() => expect(queries.at(-1)?.get("reference")).toBe("PO-2026-0001 GRN-2026-0001"));
    expect(screen.getByTestId("ledger-filter-reset")).toBeInTheDocument();
  });
});
