import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import { renderRoute } from "@/test/render";
import { server } from "@/test/server";
import type { AccountInput } from "../api/accounts";
import { account, READER, serveBooks } from "../test/books";

/** The codes of the tree's rows as shown, top to bottom. */
function shownCodes(): string[] {
  return screen
    .getAllByTestId(/^account-row-/)
    .map((row) => row.getAttribute("data-testid")!.replace("account-row-", ""));
}

describe("chart of accounts", () => {
  it("shows the chart as a tree by code, with type, role, report line and flags; search keeps a match's parents", async () => {
    serveBooks(READER);
    const user = userEvent.setup({ delay: null });
    renderRoute("tenant", "/finance/accounts");

    await screen.findByTestId("account-tree");
    expect(shownCodes()).toEqual(["1001", "1002", "100201", "100202", "1122", "5001", "5602"]);
    const bank = screen.getByTestId("account-row-1002");
    expect(bank).toHaveTextContent("Bank deposits");
    expect(bank).toHaveTextContent("Summary");
    expect(bank).toHaveTextContent("Cash and cash equivalents");
    // Its role (the default bank account) under the name of the role.
    expect(screen.getByTestId("account-row-100201")).toHaveTextContent("ICBC basic accountAssetBank deposits");
    expect(screen.getByTestId("account-row-100202")).toHaveTextContent("USD");
    expect(screen.getByTestId("account-row-5001")).toHaveTextContent("Revenue");
    expect(screen.getByTestId("account-inactive-5602")).toHaveTextContent("Inactive");
    expect(screen.getByTestId("account-count")).toHaveTextContent("7 accounts");
    // A reader changes nothing.
    expect(screen.queryByTestId("account-add")).toBeNull();
    expect(screen.queryByTestId("account-actions-1001")).toBeNull();

    await user.type(screen.getByTestId("account-search"), "招行");
    await waitFor(() => expect(shownCodes()).toEqual(["1002", "100202"]));
    await user.clear(screen.getByTestId("account-search"));
    await user.type(screen.getByTestId("account-search"), "nothing like it");
    expect(await screen.findByText("No account matches.")).toBeInTheDocument();
  }, 60_000);

  it("adds a sub-account under a parent (which gives its type and report line)", async () => {
    serveBooks();
    const created: AccountInput[] = [];
    server.use(
      http.post("/api/finance/accounts/", async ({ request }) => {
        const body = (await request.json()) as AccountInput;
        created.push(body);
        return HttpResponse.json(
          account({ id: 23, code: body.code, name_en: body.name_en, name_zh: body.name_zh, parent_id: 2 }),
          { status: 201 },
        );
      }),
    );
    const user = userEvent.setup({ delay: null });
    renderRoute("tenant", "/finance/accounts");

    await user.click(await screen.findByTestId("account-actions-1002"));
    await user.click(await screen.findByText("Add sub-account"));
    const dialog = await screen.findByRole("dialog");
    expect(within(dialog).getByText("1002 Bank deposits")).toBeInTheDocument();
    // Under a parent the type is the parent's: not asked.
    expect(within(dialog).queryByTestId("account-form-type")).toBeNull();
    await user.type(within(dialog).getByTestId("account-form-code"), "100203");
    await user.type(within(dialog).getByTestId("account-form-name-zh"), "建行一般户");
    await user.type(within(dialog).getByTestId("account-form-name-en"), "CCB general account");
    // The parent is a cash account, so the box starts ticked: this one is not.
    expect(within(dialog).getByTestId("account-form-cash")).toBeChecked();
    await user.click(within(dialog).getByTestId("account-form-cash"));
    await user.click(screen.getByTestId("account-form-submit"));

    await waitFor(() => expect(created).toHaveLength(1));
    expect(created[0]).toEqual({
      code: "100203",
      name_zh: "建行一般户",
      name_en: "CCB general account",
      parent_id: 2,
      currency: "",
      is_cash: false,
    });
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
  }, 60_000);

  it("asks for a type and a report line for a top-level account", async () => {
    serveBooks();
    const created: AccountInput[] = [];
    server.use(
      http.post("/api/finance/accounts/", async ({ request }) => {
        created.push((await request.json()) as AccountInput);
        return HttpResponse.json(account({ id: 30, code: "1012", name_en: "Other monetary funds" }), { status: 201 });
      }),
    );
    const user = userEvent.setup({ delay: null });
    renderRoute("tenant", "/finance/accounts");
    await user.click(await screen.findByTestId("account-add"));
    const dialog = await screen.findByRole("dialog");
    await user.type(within(dialog).getByTestId("account-form-code"), "1012");
    await user.type(within(dialog).getByTestId("account-form-name-en"), "Other monetary funds");
    await user.click(screen.getByTestId("account-form-submit"));
    expect(await within(dialog).findByText("Choose the account type.")).toBeInTheDocument();
    expect(within(dialog).getByText("Choose the report line.")).toBeInTheDocument();
    expect(created).toEqual([]);
  }, 60_000);

  it("deactivates an account after confirmation", async () => {
    serveBooks();
    const patches: unknown[] = [];
    server.use(
      http.patch("/api/finance/accounts/:id/", async ({ request, params }) => {
        patches.push({ id: params.id, body: await request.json() });
        return HttpResponse.json(account({ id: 3, code: "1122", name_en: "Trade receivables", is_active: false }));
      }),
    );
    const user = userEvent.setup({ delay: null });
    renderRoute("tenant", "/finance/accounts");
    await user.click(await screen.findByTestId("account-actions-1122"));
    await user.click(await screen.findByText("Deactivate"));
    await user.click(await screen.findByTestId("account-deactivate-confirm"));
    await waitFor(() => expect(patches).toEqual([{ id: "3", body: { is_active: false } }]));
  }, 60_000);
});
