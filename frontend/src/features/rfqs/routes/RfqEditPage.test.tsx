import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import { problem } from "@/test/fixtures";
import { CATEGORY_TREE, rfq, searchPage } from "@/test/marketplace";
import { makeMe, renderRoute } from "@/test/render";
import { server } from "@/test/server";

describe("a new RFQ", () => {
  it("starts from the listing the buyer came from and shows the server's line errors on the line", async () => {
    const card = searchPage().results[0]!;
    const posts: Record<string, unknown>[] = [];
    server.use(
      http.get("/api/me/", () =>
        HttpResponse.json(makeMe({ permissions: ["company.view", "rfq.create", "rfq.publish"], roles: ["buyer"] })),
      ),
      http.get("/api/marketplace/categories/", () => HttpResponse.json(CATEGORY_TREE)),
      http.get("/api/rfq-screening/", () =>
        HttpResponse.json({
          top_n: 5,
          weight_price: 40,
          weight_reputation: 30,
          weight_lead_time: 20,
          weight_verified: 10,
        }),
      ),
      http.get("/api/marketplace/listings/11/", () =>
        HttpResponse.json({
          ...card,
          attributes: [],
          description_en: "",
          description_zh: "",
          images: [],
          is_public: true,
          price_tiers: [],
          prices_visible: true,
          status: "active",
          supplier_certifications: [],
          updated_at: "2026-05-01T08:00:00Z",
        }),
      ),
      http.post("/api/rfqs/", async ({ request }) => {
        const body = (await request.json()) as Record<string, unknown>;
        posts.push(body);
        if (posts.length === 1) {
          return problem(400, "validation_error", { errors: { "lines.0.quantity": ["Too many decimals."] } });
        }
        return HttpResponse.json(rfq(), { status: 201 });
      }),
      http.get("/api/rfqs/21/", () => HttpResponse.json(rfq())),
      http.get("/api/rfqs/21/matches/", () => HttpResponse.json({ count: 0, next: null, previous: null, results: [] })),
    );
    const user = userEvent.setup({ delay: null });
    const { router } = renderRoute("tenant", "/rfqs/new?listing=11");

    expect(await screen.findByTestId("rfq-line-0-listing")).toHaveTextContent("Deep groove ball bearing 6205-2RS");
    expect(screen.getByTestId("rfq-line-0-quantity")).toHaveValue("100");
    await user.type(screen.getByTestId("rfq-title"), "Bearings for line 3");
    await user.click(screen.getByTestId("rfq-save"));

    expect(await screen.findByText("Too many decimals.")).toBeInTheDocument();
    expect(posts[0]).toEqual(
      expect.objectContaining({
        title: "Bearings for line 3",
        currency: "CNY",
        top_n: 5,
        lines: [expect.objectContaining({ listing_id: 11, category_code: "10.01.01", quantity: "100", unit: "pcs" })],
      }),
    );

    await user.click(screen.getByTestId("rfq-save"));
    await waitFor(() => expect(router.state.location.pathname).toBe("/rfqs/21"));
  });
});
