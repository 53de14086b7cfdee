import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import { page } from "@/test/fixtures";
import { makeMe, renderRoute } from "@/test/render";
import { server } from "@/test/server";
import type { FollowUp } from "../api/followUps";
import { customer, followUp, history, SUPPLIER } from "../test/fixtures";

describe("a customer", () => {
  it("shows the account, its history, highlights an overdue follow-up, completes it and adds another", async () => {
    let followUps: FollowUp[] = [
      followUp(),
      followUp({ id: 92, title: "Send samples", due_date: "2099-01-01", overdue: false }),
    ];
    const created: unknown[] = [];
    server.use(
      http.get("/api/me/", () => HttpResponse.json(makeMe({ permissions: SUPPLIER, roles: ["sales"] }))),
      http.get("/api/customers/7/", () => HttpResponse.json(customer())),
      http.get("/api/customers/7/history/", () => HttpResponse.json(history())),
      http.get("/api/follow-ups/", ({ request }) => {
        expect(new URL(request.url).searchParams.get("customer_id")).toBe("7");
        return HttpResponse.json(page(followUps.filter((f) => f.status === "open")));
      }),
      http.post("/api/follow-ups/91/done/", () => {
        followUps = followUps.map((f) => (f.id === 91 ? { ...f, status: "done", overdue: false } : f));
        return HttpResponse.json(followUps[0]);
      }),
      http.post("/api/follow-ups/", async ({ request }) => {
        created.push(await request.json());
        return HttpResponse.json(followUp({ id: 93, overdue: false }), { status: 201 });
      }),
    );
    const user = userEvent.setup({ delay: null });
    renderRoute("tenant", "/customers/7");

    expect(await screen.findByTestId("customer-name-heading")).toHaveTextContent("Chengdu Pumps");
    expect(screen.getByTestId("contact-row-3")).toHaveTextContent("Ms Tang");
    const overdue = await screen.findByTestId("follow-up-row-91");
    expect(overdue).toHaveAttribute("data-overdue", "true");
    expect(within(overdue).getByTestId("follow-up-overdue-91")).toHaveTextContent("Overdue");
    expect(screen.getByTestId("follow-up-row-92")).toHaveAttribute("data-overdue", "false");
    const purchases = await screen.findByTestId("customer-history");
    expect(within(purchases).getByTestId("history-top-items")).toHaveTextContent("Pump seal");
    expect(within(purchases).getByTestId("history-totals")).toHaveTextContent("¥1,130.00");

    await user.click(within(overdue).getByTestId("follow-up-done-91"));
    await waitFor(() => expect(screen.queryByTestId("follow-up-row-91")).not.toBeInTheDocument());

    await user.click(screen.getByTestId("follow-up-add"));
    fireEvent.change(await screen.findByTestId("follow-up-title"), { target: { value: "Call Ms Tang" } });
    await user.click(screen.getByTestId("follow-up-save"));
    await waitFor(() => expect(created).toHaveLength(1));
    expect(created[0]).toMatchObject({ customer_id: 7, title: "Call Ms Tang", note: "" });
    expect((created[0] as { due_date: string }).due_date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});
