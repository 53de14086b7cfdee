import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import { page } from "@/test/fixtures";
import { renderRoute } from "@/test/render";
import { server } from "@/test/server";
import { entry, READER, serveBooks } from "../test/books";

describe("journal entries", () => {
  it("passes the filters of the address to the API, opens a row to its lines and reverses with a reason", async () => {
    serveBooks();
    const queries: Record<string, string>[] = [];
    const reversals: unknown[] = [];
    const keys: string[] = [];
    server.use(
      http.get("/api/finance/entries/", ({ request }) => {
        queries.push(Object.fromEntries(new URL(request.url).searchParams));
        return HttpResponse.json(page([entry(), entry({ id: 6, number: "GJ-2026-000006", description: "Deposit" })]));
      }),
      http.post("/api/finance/entries/:id/reverse/", async ({ params, request }) => {
        reversals.push({ id: params.id, body: await request.json() });
        keys.push(request.headers.get("Idempotency-Key") ?? "");
        return HttpResponse.json(entry({ id: 8, number: "GJ-2026-000008", reversal_of_id: 7 }), { status: 201 });
      }),
    );
    const user = userEvent.setup({ delay: null });
    renderRoute("tenant", "/finance/entries?journal=GJ&account=1&from=2026-12-01&to=2026-12-31&source=manual");

    const row = await screen.findByTestId("entry-row-7");
    expect(row).toHaveTextContent("GJ-2026-000007");
    expect(row).toHaveTextContent("Office rent");
    expect(row).toHaveTextContent("Manual");
    expect(row).toHaveTextContent("CN¥100.10");
    expect(queries[0]).toEqual({
      page: "1",
      page_size: "20",
      journal: "GJ",
      account_id: "1",
      date_from: "2026-12-01",
      date_to: "2026-12-31",
      source_kind: "manual",
    });
    expect(screen.getByTestId("entries-count")).toHaveTextContent("2 entries");

    await user.click(within(row).getByRole("button", { name: /expand/i }));
    const lines = await screen.findByTestId("entry-lines-7");
    expect(lines).toHaveTextContent("1001 Cash on hand");
    expect(lines).toHaveTextContent("5001 Revenue from main operations");

    await user.click(screen.getByTestId("entry-reverse-7"));
    await user.click(await screen.findByTestId("reverse-submit"));
    expect(await screen.findByText("Say why the entry is reversed.")).toBeInTheDocument();
    await user.type(screen.getByTestId("reverse-reason"), "Booked twice");
    await user.click(screen.getByTestId("reverse-submit"));
    await waitFor(() => expect(reversals).toEqual([{ id: "7", body: { reason: "Booked twice" } }]));

    // Another entry reversed: another request, with its own Idempotency-Key.
    await waitFor(() => expect(screen.queryByTestId("reverse-reason")).toBeNull());
    await user.click(screen.getByTestId("entry-reverse-6"));
    await user.type(await screen.findByTestId("reverse-reason"), "Wrong account");
    await user.click(screen.getByTestId("reverse-submit"));
    await waitFor(() => expect(reversals).toHaveLength(2));
    expect(reversals[1]).toEqual({ id: "6", body: { reason: "Wrong account" } });
    expect(keys[0]).toBeTruthy();
    expect(keys[1]).toBeTruthy();
    expect(keys[1]).not.toBe(keys[0]);
  }, 60_000);

  it("a reader sees the entries without New entry or Reverse", async () => {
    serveBooks(READER);
    server.use(http.get("/api/finance/entries/", () => HttpResponse.json(page([entry()]))));
    renderRoute("tenant", "/finance/entries");
    expect(await screen.findByTestId("entry-row-7")).toBeInTheDocument();
    expect(screen.queryByTestId("entry-new")).toBeNull();
    expect(screen.queryByTestId("entry-reverse-7")).toBeNull();
  });
});
