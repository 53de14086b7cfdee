import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import { en, zhCN } from "@/locales";
import { page } from "@/test/fixtures";
import { makeMe, renderRoute } from "@/test/render";
import { server } from "@/test/server";
import { NOTIFICATION_KINDS, notificationLink } from "./notificationLinks";

const INVITED = {
  id: 5,
  kind: "rfq.invited",
  rfq_id: 21,
  read_at: null,
  created_at: "2026-05-01T09:00:00Z",
  payload: { rfq_id: 21, title: "Bearings for line 3", buyer: "Huaxia Machinery", closing_at: null },
};

describe("notifications", () => {
  it("lead suppliers to their inbox and buyers to the comparison", () => {
    expect(notificationLink({ kind: "rfq.invited", rfq_id: 21 })).toBe("/rfq-inbox/21");
    expect(notificationLink({ kind: "rfq.closed", rfq_id: 21 })).toBe("/rfqs/21?tab=comparison");
    expect(notificationLink({ kind: "something.else", rfq_id: null })).toBeNull();
    expect(notificationLink({ kind: "billing.usage_warning", rfq_id: null })).toBe("/billing");
    expect(notificationLink({ kind: "finance.invoice_mismatch", rfq_id: null, subject_id: 7 })).toBe(
      "/finance/invoices/7",
    );
    expect(notificationLink({ kind: "supplychain.tracking.late", rfq_id: null, subject_id: 12 })).toBe(
      "/sales-orders/12",
    );
    expect(notificationLink({ kind: "supplychain.tracking.late_inbound", rfq_id: null, subject_id: 5 })).toBe(
      "/purchase-orders/5",
    );
    for (const kind of NOTIFICATION_KINDS) {
      expect((en.notifications.kinds as Record<string, string>)[kind]).toBeTruthy();
      expect((zhCN.notifications.kinds as Record<string, string>)[kind]).toBeTruthy();
    }
  });

  it("shows the unread count, opens the invitation and marks it read", async () => {
    const read: string[] = [];
    server.use(
      http.get("/api/me/", () => HttpResponse.json(makeMe({ permissions: ["company.view", "rfq.quote"] }))),
      http.get("/api/notifications/", ({ request }) =>
        HttpResponse.json(
          new URL(request.url).searchParams.get("unread") === "true"
            ? { ...page([INVITED]), count: 3 }
            : page([INVITED]),
        ),
      ),
      http.post("/api/notifications/5/read/", ({ params }) => {
        read.push(String(params.notification_id ?? "5"));
        return HttpResponse.json({ ...INVITED, read_at: "2026-05-01T10:00:00Z" });
      }),
      http.get("/api/rfq-inbox/21/", () => HttpResponse.json({ detail: "x" }, { status: 404 })),
    );
    const user = userEvent.setup({ delay: null });
    const { router } = renderRoute("tenant", "/");
    const bell = await screen.findByTestId("notifications");
    await waitFor(() => expect(bell).toHaveTextContent("3"));
    await user.click(bell);
    await user.click(await screen.findByText("Huaxia Machinery asks for your quote: Bearings for line 3"));
    await waitFor(() => expect(router.state.location.pathname).toBe("/rfq-inbox/21"));
    expect(read).toHaveLength(1);
  });

  it("words a usage warning by its meter, in both languages, and leads to the billing page", async () => {
    const warning = {
      id: 9,
      kind: "billing.usage_warning",
      rfq_id: null,
      read_at: null,
      created_at: "2026-05-01T09:00:00Z",
      payload: { meter: "purchase_orders", percent: 80, used: 240, included: 300, title: "Purchase orders" },
    };
    server.use(
      http.get("/api/me/", () => HttpResponse.json(makeMe({ permissions: ["company.view"] }))),
      http.get("/api/notifications/", () => HttpResponse.json(page([warning]))),
      http.post("/api/notifications/9/read/", () => HttpResponse.json({ ...warning, read_at: "2026-05-01T10:00:00Z" })),
    );
    expect(zhCN.notifications.meters.purchase_orders).toBe("本月采购订单");
    const user = userEvent.setup({ delay: null });
    const { router } = renderRoute("tenant", "/");
    await user.click(await screen.findByTestId("notifications"));
    await user.click(await screen.findByText("Purchase orders this month: 80% of your plan's limit used"));
    await waitFor(() => expect(router.state.location.pathname).toBe("/billing"));
  });
});
