import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import { page, problem } from "@/test/fixtures";
import { makeMe, renderRoute } from "@/test/render";
import { server } from "@/test/server";
import type { PostingEvent } from "../api/postingEvents";
import { entry, PERIODS, READER, serveBooks } from "../test/books";

function event(overrides: Partial<PostingEvent> & Pick<PostingEvent, "id" | "status">): PostingEvent {
  return {
    kind: "goods_receipt",
    source_id: "GR-000123",
    occurred_on: "2026-11-20",
    attempts: 1,
    last_error: "",
    entry_id: null,
    entry_number: null,
    created_at: "2026-11-20T08:00:00Z",
    posted_at: null,
    ...overrides,
  };
}

describe("finance home", () => {
  it("shows the books, the current period, events waiting and the latest entries, and a card per section", async () => {
    serveBooks();
    server.use(
      http.get("/api/finance/posting-events/", ({ request }) => {
        const status = new URL(request.url).searchParams.get("status");
        const count = status === "failed" ? 2 : status === "pending" ? 5 : 0;
        return HttpResponse.json({ count, next: null, previous: null, results: [] });
      }),
      http.get("/api/finance/entries/", () => HttpResponse.json(page([entry()]))),
    );
    renderRoute("tenant", "/finance");

    expect(await screen.findByTestId("home-currency")).toHaveTextContent("CNY");
    expect(screen.getByTestId("home-template")).toHaveTextContent("Accounting Standards for Small Enterprises");
    await waitFor(() => expect(screen.getByTestId("home-events-failed")).toHaveTextContent("2"));
    expect(screen.getByTestId("home-events-failed")).toHaveAttribute("href", "/finance/rules?tab=events&status=failed");
    expect(screen.getByTestId("home-events-pending")).toHaveTextContent("5");
    expect(await screen.findByTestId("home-latest-entries")).toHaveTextContent("GJ-2026-000007");
    expect(screen.getByTestId("home-latest-entries")).toHaveTextContent("Office rent");
    expect(screen.getByTestId("home-period")).toBeInTheDocument();
    for (const key of ["accounts", "entries", "periods", "rules", "settings"]) {
      expect(screen.getByTestId(`home-section-${key}`)).toBeInTheDocument();
    }
    expect(within(screen.getByTestId("finance-shell")).getByTestId("finance-menu-accounts")).toHaveTextContent(
      "Chart of accounts",
    );
  });

  it("says the plan lacks the books and links an owner to the plans (403 feature_not_in_plan)", async () => {
    server.use(
      http.get("/api/me/", () =>
        HttpResponse.json(makeMe({ permissions: ["finance.view", "finance.post", "billing.manage"] })),
      ),
      http.get("/api/billing/", () => problem(404, "not_found")),
      http.get("/api/finance/:any/", () => problem(403, "feature_not_in_plan")),
    );
    renderRoute("tenant", "/finance");
    expect(await screen.findByTestId("finance-upgrade")).toHaveTextContent("The books are not in your plan");
    expect(screen.getByTestId("finance-upgrade-link")).toHaveAttribute("href", "/billing");
  });

  it("in Chinese, a reader without billing is told to ask the owner", async () => {
    server.use(
      http.get("/api/me/", () => HttpResponse.json(makeMe({ permissions: READER, preferred_language: "zh-hans" }))),
      http.get("/api/finance/:any/", () => problem(403, "feature_not_in_plan")),
    );
    renderRoute("tenant", "/finance/entries", { language: "zh-CN" });
    expect(await screen.findByTestId("finance-upgrade")).toHaveTextContent("请联系企业所有者升级套餐");
    expect(screen.queryByTestId("finance-upgrade-link")).toBeNull();
  });
});

describe("periods", () => {
  it("says why a period cannot be closed: its business events have not posted", async () => {
    serveBooks();
    const closes: unknown[] = [];
    server.use(
      http.post("/api/finance/periods/:id/close/", async ({ params, request }) => {
        closes.push({ id: params.id, body: await request.json() });
        return problem(409, "period_not_closable", {
          detail: "3 business events of this period have not posted yet.",
          reason_code: "events_pending",
          events: 3,
        });
      }),
    );
    const user = userEvent.setup({ delay: null });
    renderRoute("tenant", "/finance/periods");

    expect(await screen.findByTestId("period-status-2026-10")).toHaveTextContent("Closed");
    expect(screen.getByTestId("period-status-2026-11")).toHaveTextContent("Open");
    // Only the latest closed period can be reopened; open periods can be closed.
    expect(screen.getByTestId("period-reopen-2026-10")).toBeInTheDocument();
    expect(screen.queryByTestId("period-reopen-2026-09")).toBeNull();
    expect(screen.getByTestId("open-next-year")).toHaveTextContent("Open fiscal year 2027");

    await user.click(screen.getByTestId("period-close-2026-11"));
    await user.click(await screen.findByTestId("period-action-submit"));
    const why = await screen.findByTestId("period-problem");
    expect(why).toHaveAttribute("data-reason", "events_pending");
    expect(why).toHaveTextContent("This period cannot be closed now.");
    expect(why).toHaveTextContent("3 business events of its dates have not posted yet.");
    expect(within(why).getByTestId("period-problem-events")).toHaveAttribute(
      "href",
      "/finance/rules?tab=events&status=failed",
    );
    expect(closes).toEqual([{ id: String(PERIODS[10]!.id), body: { reason: "" } }]);
  }, 60_000);

  it("reopens the latest closed period only with a reason", async () => {
    serveBooks();
    const reopens: unknown[] = [];
    server.use(
      http.post("/api/finance/periods/:id/reopen/", async ({ params, request }) => {
        reopens.push({ id: params.id, body: await request.json() });
        return HttpResponse.json({ ...PERIODS[9], status: "open", closed_at: null, closed_by: "" });
      }),
    );
    const user = userEvent.setup({ delay: null });
    renderRoute("tenant", "/finance/periods");
    await user.click(await screen.findByTestId("period-reopen-2026-10"));
    await user.click(await screen.findByTestId("period-action-submit"));
    expect(await screen.findByText("Say why the period is reopened.")).toBeInTheDocument();
    expect(reopens).toEqual([]);
    await user.type(screen.getByTestId("period-action-reason"), "Supplier invoice booked late");
    await user.click(screen.getByTestId("period-action-submit"));
    await waitFor(() =>
      expect(reopens).toEqual([{ id: String(PERIODS[9]!.id), body: { reason: "Supplier invoice booked late" } }]),
    );
  }, 60_000);

  it("a reader sees the periods without the actions", async () => {
    serveBooks(READER);
    renderRoute("tenant", "/finance/periods");
    expect(await screen.findByTestId("period-status-2026-10")).toBeInTheDocument();
    expect(screen.queryByTestId("period-close-2026-11")).toBeNull();
    expect(screen.queryByTestId("open-next-year")).toBeNull();
  });
});

describe("posting rules and events", () => {
  it("lists events with their error or their entry, and retries a failed one", async () => {
    serveBooks();
    const retried: string[] = [];
    let events = [
      event({ id: 1, status: "failed", attempts: 3, last_error: "The accounting period of this date is closed" }),
      event({
        id: 2,
        status: "posted",
        entry_id: 7,
        entry_number: "INV-2026-000007",
        posted_at: "2026-11-20T08:01:00Z",
      }),
    ];
    server.use(
      http.get("/api/finance/posting-events/", ({ request }) => {
        const status = new URL(request.url).searchParams.get("status");
        return HttpResponse.json(page(events.filter((e) => !status || e.status === status)));
      }),
      http.post("/api/finance/posting-events/:id/retry/", ({ params }) => {
        retried.push(String(params.id));
        events = events.map((e) =>
          e.id === 1 ? { ...e, status: "posted", entry_id: 8, entry_number: "INV-2026-000008", last_error: "" } : e,
        );
        return HttpResponse.json(events[0]);
      }),
    );
    const user = userEvent.setup({ delay: null });
    renderRoute("tenant", "/finance/rules?tab=events");

    expect(await screen.findByTestId("event-error-1")).toHaveTextContent(
      "The accounting period of this date is closed",
    );
    expect(screen.getByTestId("event-entry-2")).toHaveAttribute("href", "/finance/entries/7");
    expect(screen.getByTestId("event-entry-2")).toHaveTextContent("INV-2026-000007");
    expect(screen.queryByTestId("event-retry-2")).toBeNull();
    await user.click(screen.getByTestId("event-retry-1"));
    await waitFor(() => expect(retried).toEqual(["1"]));
    expect(await screen.findByTestId("event-entry-1")).toHaveAttribute("href", "/finance/entries/8");
    expect(screen.queryByTestId("event-error-1")).toBeNull();
  }, 60_000);
});
