import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import { page } from "@/test/fixtures";
import { CATEGORY_TREE, comparison, matchPage, rfq } from "@/test/marketplace";
import { makeMe, renderRoute } from "@/test/render";
import { server } from "@/test/server";

const BUYER = ["company.view", "rfq.create", "rfq.publish", "rfq.award"];

function common() {
  server.use(
    http.get("/api/me/", () => HttpResponse.json(makeMe({ permissions: BUYER, roles: ["buyer"] }))),
    http.get("/api/marketplace/categories/", () => HttpResponse.json(CATEGORY_TREE)),
  );
}

describe("an RFQ, buyer side", () => {
  it("explains who the draft matches and why, then publishes it", async () => {
    common();
    let published = false;
    server.use(
      http.get("/api/rfqs/21/", () =>
        HttpResponse.json(published ? rfq({ status: "open", invited_count: 1, accepting_quotes: true }) : rfq()),
      ),
      http.get("/api/rfqs/21/matches/", () => HttpResponse.json(matchPage())),
      http.get("/api/rfqs/21/invitations/", () => HttpResponse.json(page([]))),
      http.post("/api/rfqs/21/publish/", () => {
        published = true;
        return HttpResponse.json(rfq({ status: "open", invited_count: 1, accepting_quotes: true }));
      }),
    );
    const user = userEvent.setup({ delay: null });
    renderRoute("tenant", "/rfqs/21?tab=suppliers");

    const row = await screen.findByTestId("supplier-row-70");
    expect(within(row).getByTestId("match-score")).toHaveTextContent("82.5");
    const why = within(row).getByTestId("match-summary");
    expect(why).toHaveTextContent("Covers 1 of 1 lines");
    await waitFor(() => expect(why).toHaveTextContent("Bearings")); // named once the tree is read
    expect(why).toHaveTextContent("China");
    expect(why).toHaveTextContent("ISO 9001");
    expect(within(row).getByTestId("supplier-state-70")).toHaveTextContent("Will be invited");
    await user.click(within(row).getByRole("button", { name: /expand row/i }));
    const details = await screen.findByTestId("match-details");
    expect(details).toHaveTextContent("Price level");
    expect(details).toHaveTextContent("from its catalog");
    expect(details).toHaveTextContent("from its RFQ history");

    await user.click(screen.getByTestId("rfq-publish"));
    expect(await screen.findByTestId("publish-preview")).toHaveTextContent(
      "1 suppliers match; the best 1 will be invited",
    );
    await user.click(screen.getByTestId("publish-submit"));
    await waitFor(() => expect(screen.getByTestId("rfq-status")).toHaveAttribute("data-status", "open"));
  });

  it("keeps a sealed RFQ's quotes closed while it is open", async () => {
    common();
    let compared = false;
    server.use(
      http.get("/api/rfqs/21/", () =>
        HttpResponse.json(rfq({ status: "open", sealed: true, quote_count: 3, accepting_quotes: true })),
      ),
      http.get("/api/rfqs/21/comparison/", () => {
        compared = true;
        return HttpResponse.json(comparison());
      }),
    );
    renderRoute("tenant", "/rfqs/21?tab=comparison");
    expect(await screen.findByTestId("comparison-sealed")).toHaveTextContent("3 quotes so far");
    expect(screen.getByTestId("rfq-sealed-tag")).toBeInTheDocument();
    expect(compared).toBe(false);
  });

  it("compares the quotes of a closed RFQ, best price highlighted, and awards it with a reason", async () => {
    common();
    const awards: unknown[] = [];
    server.use(
      http.get("/api/rfqs/21/", () =>
        HttpResponse.json(
          rfq({ status: "closed", quotes_visible: true, quote_count: 2, closed_at: "2026-06-01T02:00:00Z" }),
        ),
      ),
      http.get("/api/rfqs/21/comparison/", () => HttpResponse.json(comparison())),
      http.post("/api/rfqs/21/awards/", async ({ request }) => {
        awards.push(await request.json());
        return HttpResponse.json(
          { rfq_id: 21, awards: [], purchase_orders: [{ id: 5, number: "PO-2026-0005", supplier_id: 70 }] },
          { status: 201 },
        );
      }),
    );
    const user = userEvent.setup({ delay: null });
    renderRoute("tenant", "/rfqs/21");

    const best = await screen.findByTestId("cell-1-70");
    expect(best).toHaveAttribute("data-best", "true");
    expect(within(best).getByTestId("best-price")).toBeInTheDocument();
    expect(screen.getByTestId("cell-1-80")).toHaveAttribute("data-best", "false");
    expect(screen.getByTestId("total-net-70")).toHaveTextContent("21,600.00");
    expect(screen.getByTestId("summary-lead-time")).toHaveTextContent("4 days");

    await user.click(screen.getByTestId("award-open-70"));
    await user.click(await screen.findByTestId("award-submit"));
    expect(await screen.findByText("Say why this supplier wins.")).toBeInTheDocument();
    await user.type(screen.getByTestId("award-reason"), "Best price");
    await user.click(screen.getByTestId("award-submit"));
    await waitFor(() => expect(awards).toEqual([{ quote_id: 41, reason: "Best price" }]));
    // The award's answer names the draft purchase order it made.
    expect(await screen.findByText(/Draft purchase order PO-2026-0005 is ready/)).toBeInTheDocument();
  });
});
