import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import type { OwnListing } from "@/features/catalog/api/listings";
import { page } from "@/test/fixtures";
import { makeMe, renderRoute } from "@/test/render";
import { server } from "@/test/server";

const OWNER = ["company.view", "catalog.manage", "inventory.manage", "stock.view"];

function ownListing(overrides: Partial<OwnListing> = {}): OwnListing {
  return {
    id: 5,
    sku: "6205-2RS",
    name_en: "Deep groove ball bearing",
    name_zh: "深沟球轴承",
    description_en: "",
    description_zh: "",
    category: { code: "10.01.01", name_en: "Ball bearings", name_zh: "球轴承" },
    attributes: [],
    unit: "pcs",
    currency: "CNY",
    base_price: "12.5000",
    price_tiers: [{ min_quantity: "1.000", unit_price: "12.5000" }],
    moq: "1.000",
    lead_time_days: 7,
    availability: "in_stock",
    stock_quantity: "25.250",
    stock_source: "inventory",
    stock_item_id: 9,
    stock_updated_at: "2026-05-01T08:00:00Z",
    status: "active",
    is_public: true,
    images: [],
    created_at: "2026-05-01T08:00:00Z",
    updated_at: "2026-05-01T08:00:00Z",
    ...overrides,
  };
}

const ITEM = {
  id: 9,
  sku: "BRG-6205",
  name_zh: "轴承",
  name_en: "Bearing",
  unit: "pcs",
  category_code: "",
  listing_id: 5,
  reorder_point: null,
  reorder_quantity: null,
  is_active: true,
  on_hand: "30.2500",
  reserved: "5.0000",
  available: "25.2500",
  below_reorder_point: false,
  created_at: "2026-05-01T08:00:00Z",
  updated_at: "2026-05-01T08:00:00Z",
};

describe("a listing's stock source", () => {
  it("shows the linked item's figure read-only, leaves it out of a save, and unlinks to a declared figure", async () => {
    let listing = ownListing();
    const patched: Record<string, unknown>[] = [];
    let unlinked = 0;
    server.use(
      http.get("/api/me/", () => HttpResponse.json(makeMe({ permissions: OWNER, roles: ["owner"] }))),
      http.get("/api/catalog/listings/5/", () => HttpResponse.json(listing)),
      http.get("/api/inventory/items/", () => HttpResponse.json(page([ITEM]))),
      http.patch("/api/catalog/listings/5/", async ({ request }) => {
        patched.push((await request.json()) as Record<string, unknown>);
        return HttpResponse.json(listing);
      }),
      http.delete("/api/catalog/listings/5/stock-link/", () => {
        unlinked += 1;
        listing = ownListing({ stock_source: "declared", stock_item_id: null, stock_updated_at: null });
        return HttpResponse.json({
          listing_id: 5,
          sku: "6205-2RS",
          stock_source: "declared",
          stock_quantity: "25.250",
          stock_updated_at: null,
          item: null,
        });
      }),
    );
    const user = userEvent.setup();
    renderRoute("tenant", "/catalog/listings/5");

    const card = await screen.findByTestId("listing-stock-source");
    await waitFor(() => expect(card).toHaveTextContent("BRG-6205"));
    expect(card).toHaveTextContent("25.25");
    expect(screen.getByTestId("listing-stock")).toBeDisabled();

    await user.click(screen.getByRole("button", { name: /save/i }));
    await waitFor(() => expect(patched).toHaveLength(1));
    expect(patched[0]).not.toHaveProperty("stock_quantity");
    expect(patched[0]).not.toHaveProperty("availability");

    await user.click(screen.getByTestId("stock-unlink"));
    await waitFor(() => expect(unlinked).toBe(1));
    await waitFor(() => expect(screen.getByTestId("listing-stock")).not.toBeDisabled());
    expect(screen.getByTestId("listing-stock-source")).toHaveTextContent("the figure you enter below");
  });
});
