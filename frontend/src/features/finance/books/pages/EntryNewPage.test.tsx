import { screen, waitFor, within } from "@testing-library/react";
import userEvent, { type UserEvent } from "@testing-library/user-event";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import { problem } from "@/test/fixtures";
import { renderRoute } from "@/test/render";
import { server } from "@/test/server";
import type { ManualEntryInput } from "../api/entries";
import { entry, READER, serveBooks } from "../test/books";

/** Picks an option of an Ant Design Select (its dropdown renders in a portal, each option titled). */
async function choose(user: UserEvent, testId: string, text: string) {
  const box = within(screen.getByTestId(testId)).getByRole("combobox");
  await user.click(box);
  await user.type(box, text);
  const options = await screen.findAllByTitle(text);
  const option = options.find((el) => el.classList.contains("ant-select-item-option"));
  if (!option) throw new Error(`no option ${text}`);
  await user.click(option);
}

async function amount(user: UserEvent, testId: string, value: string) {
  const input = screen.getByTestId(testId);
  await user.clear(input);
  await user.type(input, value);
}

describe("manual journal entry", () => {
  it("shows the totals as lines are typed, refuses to post while unbalanced, and posts a balanced entry", async () => {
    serveBooks();
    const posted: ManualEntryInput[] = [];
    server.use(
      http.post("/api/finance/entries/", async ({ request }) => {
        posted.push((await request.json()) as ManualEntryInput);
        expect(request.headers.get("Idempotency-Key")).toBeTruthy();
        return HttpResponse.json(entry({ id: 42, number: "GJ-2026-000042" }), { status: 201 });
      }),
      http.get("/api/finance/entries/42/", () => HttpResponse.json(entry({ id: 42, number: "GJ-2026-000042" }))),
    );
    const user = userEvent.setup({ delay: null });
    renderRoute("tenant", "/finance/entries/new");

    await screen.findByTestId("entry-form");
    const submit = screen.getByTestId("entry-submit");
    expect(submit).toBeDisabled();
    await user.type(screen.getByTestId("entry-form-description"), "Cash sale");
    await choose(user, "entry-line-0-account", "1001 Cash on hand");
    await choose(user, "entry-line-1-account", "5001 Revenue from main operations");
    // Summary accounts (1002) take no postings: only its sub-accounts are offered.
    await user.click(within(screen.getByTestId("entry-line-0-account")).getByRole("combobox"));
    expect(screen.queryByTitle("1002 Bank deposits")).toBeNull();
    expect(screen.getAllByTitle("100201 ICBC basic account").length).toBeGreaterThan(0);
    await user.keyboard("{Escape}");

    await amount(user, "entry-line-0-debit", "100.1");
    await amount(user, "entry-line-1-credit", "100");
    await waitFor(() => expect(screen.getByTestId("entry-total-debit")).toHaveTextContent("100.10"));
    expect(screen.getByTestId("entry-total-credit")).toHaveTextContent("100.00");
    expect(screen.getByTestId("entry-difference")).toHaveTextContent("Difference CN¥0.10: debits exceed credits");
    expect(screen.getByTestId("entry-difference")).toHaveAttribute("data-balanced", "false");
    expect(submit).toBeDisabled();

    await amount(user, "entry-line-1-credit", "100.1");
    await waitFor(() => expect(screen.getByTestId("entry-difference")).toHaveTextContent("Debits equal credits"));
    expect(screen.getByTestId("entry-total-credit")).toHaveTextContent("100.10");
    await waitFor(() => expect(submit).toBeEnabled());
    await user.click(submit);

    await screen.findByTestId("entry-detail");
    expect(posted).toHaveLength(1);
    expect(posted[0]).toMatchObject({
      journal: "GJ",
      description: "Cash sale",
      lines: [
        { account_id: 1, debit: "100.10", credit: "0.00", description: "", project_id: null, cash_flow_tag: "" },
        { account_id: 4, debit: "0.00", credit: "100.10", description: "", project_id: null, cash_flow_tag: "" },
      ],
    });
    expect(posted[0]!.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(screen.getByText("Journal entry GJ-2026-000042")).toBeInTheDocument();
  }, 90_000);

  it("a line is a debit or a credit: typing one side empties the other, and a third line keeps the entry unbalanced", async () => {
    serveBooks();
    const user = userEvent.setup({ delay: null });
    renderRoute("tenant", "/finance/entries/new");
    await screen.findByTestId("entry-form");
    await amount(user, "entry-line-0-credit", "50");
    await amount(user, "entry-line-0-debit", "80");
    await waitFor(() => expect(screen.getByTestId("entry-total-credit")).toHaveTextContent("0.00"));
    expect(screen.getByTestId("entry-total-debit")).toHaveTextContent("80.00");
    await user.click(screen.getByTestId("entry-add-line"));
    expect(screen.getByTestId("entry-line-2")).toBeInTheDocument();
    await amount(user, "entry-line-1-credit", "30");
    await amount(user, "entry-line-2-credit", "30");
    await waitFor(() =>
      expect(screen.getByTestId("entry-difference")).toHaveTextContent("Difference CN¥20.00: debits exceed credits"),
    );
    expect(screen.getByTestId("entry-submit")).toBeDisabled();
  }, 60_000);

  it("shows the server's problem in words (a closed period) and stays on the form", async () => {
    serveBooks();
    server.use(http.post("/api/finance/entries/", () => problem(409, "period_closed")));
    const user = userEvent.setup({ delay: null });
    renderRoute("tenant", "/finance/entries/new");
    await screen.findByTestId("entry-form");
    await user.type(screen.getByTestId("entry-form-description"), "Late accrual");
    await choose(user, "entry-line-0-account", "1122 Trade receivables");
    await choose(user, "entry-line-1-account", "5001 Revenue from main operations");
    await amount(user, "entry-line-0-debit", "10");
    await amount(user, "entry-line-1-credit", "10");
    await waitFor(() => expect(screen.getByTestId("entry-submit")).toBeEnabled());
    await user.click(screen.getByTestId("entry-submit"));
    expect(await screen.findByTestId("form-error")).toHaveTextContent("The accounting period of this date is closed.");
    expect(screen.getByTestId("entry-form")).toBeInTheDocument();
  }, 60_000);

  it("is not offered to a member who may only read the books", async () => {
    serveBooks(READER);
    renderRoute("tenant", "/finance/entries/new");
    expect(await screen.findByTestId("error-state")).toHaveAttribute("data-problem-code", "permission_denied");
    expect(screen.queryByTestId("entry-form")).toBeNull();
  });
});
