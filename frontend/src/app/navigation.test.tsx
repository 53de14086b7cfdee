import { screen, within } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import { makeMe, renderRoute } from "@/test/render";
import { server } from "@/test/server";
import { NAV_ITEMS, selectedNavKey, visibleNavItems } from "./navigation";

function meAnswers(permissions: string[], roles = ["buyer"]) {
  server.use(http.get("/api/me/", () => HttpResponse.json(makeMe({ permissions, roles }))));
}

describe("navigation", () => {
  it("lists only the entries whose permission the member has", () => {
    expect(visibleNavItems({ permissions: [] }).map((i) => i.key)).toEqual(["home", "marketplace", "profile"]);
    expect(visibleNavItems({ permissions: ["members.manage"] }).map((i) => i.key)).toEqual([
      "home",
      "marketplace",
      "members",
      "profile",
    ]);
    expect(
      visibleNavItems({
        permissions: [
          "settings.manage",
          "members.manage",
          "apikeys.manage",
          "audit.view",
          "rfq.create",
          "rfq.quote",
          "catalog.manage",
          "po.create",
          "po.approve",
          "finance.view",
          "finance.post",
          "so.manage",
          "stock.view",
          "supplychain.view",
          "billing.manage",
        ],
      }),
    ).toHaveLength(NAV_ITEMS.length);
    // Supply chain is open to whoever may see it (buyers, sales, warehouse and viewers have supplychain.view).
    expect(visibleNavItems({ permissions: ["company.view", "supplychain.view"] }).map((i) => i.key)).toContain(
      "supplychain",
    );
    expect(visibleNavItems({ permissions: ["audit.view"] }).map((i) => i.key)).toEqual([
      "home",
      "marketplace",
      "audit",
      "profile",
    ]);
    // The finance role (identity/roles.py): the books, the rate table and the company's billing.
    expect(
      visibleNavItems({ permissions: ["company.view", "finance.view", "finance.post", "billing.manage"] }).map(
        (i) => i.key,
      ),
    ).toEqual(["home", "marketplace", "exchange-rates", "finance", "billing", "profile"]);
    // A viewer reads the books without the rate table.
    expect(
      visibleNavItems({ permissions: ["company.view", "finance.view", "stock.view"] }).map((i) => i.key),
    ).toContain("finance");
    // A buyer drafts RFQs; a sales member answers them and keeps the catalog and supplier profile.
    expect(visibleNavItems({ permissions: ["rfq.create", "rfq.publish", "rfq.award"] }).map((i) => i.key)).toEqual([
      "home",
      "marketplace",
      "rfqs",
      "profile",
    ]);
    expect(visibleNavItems({ permissions: ["rfq.quote", "catalog.manage"] }).map((i) => i.key)).toEqual([
      "home",
      "marketplace",
      "rfq-inbox",
      "catalog",
      "supplier-profile",
      "profile",
    ]);
  });

  it("selects the entry a nested path belongs to", () => {
    expect(selectedNavKey("/")).toBe("home");
    expect(selectedNavKey("/settings/members")).toBe("members");
    expect(selectedNavKey("/settings/members/42")).toBe("members");
    expect(selectedNavKey("/nowhere")).toBeUndefined();
    expect(selectedNavKey("/rfqs/12/edit")).toBe("rfqs");
    expect(selectedNavKey("/rfq-inbox/12")).toBe("rfq-inbox");
    expect(selectedNavKey("/catalog/import/3")).toBe("catalog");
    expect(selectedNavKey("/marketplace/listings/9")).toBe("marketplace");
    expect(selectedNavKey("/approvals/rules")).toBe("approvals");
    expect(selectedNavKey("/approvals/settings")).toBe("exchange-rates");
  });

  it("the workspace menu hides entries without permission", async () => {
    meAnswers(["settings.manage"]);
    renderRoute("tenant", "/");
    const menu = await screen.findByTestId("side-menu");
    expect(within(menu).getByTestId("nav-home")).toBeInTheDocument();
    expect(within(menu).getByTestId("nav-company")).toBeInTheDocument();
    expect(within(menu).getByTestId("nav-profile")).toBeInTheDocument();
    expect(within(menu).queryByTestId("nav-members")).toBeNull();
    expect(within(menu).queryByTestId("nav-api-keys")).toBeNull();
  });

  it("the home page shows the company, the member's roles and only the next steps open to them", async () => {
    meAnswers(["members.manage"], ["owner", "quality_inspector"]);
    renderRoute("tenant", "/");
    expect(await screen.findByTestId("home-company-name")).toHaveTextContent("Acme Trading");
    expect(screen.getByTestId("header-company")).toHaveTextContent("Acme Trading");
    expect(screen.getByTestId("home-roles")).toHaveTextContent("Owner");
    expect(screen.getByTestId("home-roles")).toHaveTextContent("quality_inspector");
    expect(screen.getByTestId("next-step-invite")).toBeInTheDocument();
    expect(screen.getByTestId("next-step-mfa")).toBeInTheDocument();
    expect(screen.queryByTestId("next-step-company")).toBeNull();
    expect(screen.queryByTestId("next-step-apiKeys")).toBeNull();
    expect(screen.queryByTestId("next-step-finance")).toBeNull();
  });

  it("a member with only the finance role finds Finance in the menu and on the home page", async () => {
    meAnswers(["company.view", "finance.view", "finance.post", "billing.manage"], ["finance"]);
    server.use(http.get("/api/billing/", () => HttpResponse.json({}, { status: 404 })));
    renderRoute("tenant", "/");
    const menu = await screen.findByTestId("side-menu");
    expect(within(menu).getByTestId("nav-finance")).toBeInTheDocument();
    expect(within(menu).queryByTestId("nav-purchase-orders")).toBeNull();
    expect(await screen.findByTestId("next-step-finance")).toHaveAttribute("href", "/finance");
    expect(screen.getByTestId("next-step-finance")).toHaveTextContent("Keep the books");
  });
});
