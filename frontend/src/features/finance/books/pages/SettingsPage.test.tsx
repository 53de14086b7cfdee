import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import { renderRoute } from "@/test/render";
import { server } from "@/test/server";
import { READER, SETTINGS, serveBooks } from "../test/books";

describe("finance settings", () => {
  it("saves the tax id, default VAT and tolerances, and adds a project", async () => {
    serveBooks();
    const patches: unknown[] = [];
    const projects: unknown[] = [];
    server.use(
      http.patch("/api/finance/settings/", async ({ request }) => {
        const body = (await request.json()) as Record<string, string>;
        patches.push(body);
        return HttpResponse.json({ ...SETTINGS, ...body });
      }),
      http.post("/api/finance/projects/", async ({ request }) => {
        projects.push(await request.json());
        return HttpResponse.json({ id: 10, code: "P-02", name: "New line", is_active: true }, { status: 201 });
      }),
    );
    const user = userEvent.setup({ delay: null });
    renderRoute("tenant", "/finance/settings");

    const taxId = await screen.findByTestId("settings-tax_id");
    expect(taxId).toHaveValue("91310000MA1FL0001X");
    expect(screen.getByTestId("settings-default_vat_percent")).toHaveValue("13.00");
    await user.clear(screen.getByTestId("settings-price_tolerance_percent"));
    await user.type(screen.getByTestId("settings-price_tolerance_percent"), "5");
    await user.click(screen.getByTestId("settings-save"));
    await waitFor(() =>
      expect(patches).toEqual([
        {
          price_tolerance_percent: "5",
          quantity_tolerance_percent: "0.00",
          tax_id: "91310000MA1FL0001X",
          default_vat_percent: "13.00",
          approve_matched_invoices: false,
        },
      ]),
    );

    expect(screen.getByTestId("projects-card")).toHaveTextContent("Plant upgrade");
    await user.type(screen.getByTestId("project-code"), "P-02");
    await user.type(screen.getByTestId("project-name"), "New line");
    await user.click(screen.getByTestId("project-add"));
    await waitFor(() => expect(projects).toEqual([{ code: "P-02", name: "New line" }]));
  }, 60_000);

  it("a reader sees the settings read-only", async () => {
    serveBooks(READER);
    renderRoute("tenant", "/finance/settings");
    expect(await screen.findByTestId("settings-tax_id")).toBeDisabled();
    expect(screen.queryByTestId("settings-save")).toBeNull();
    expect(screen.queryByTestId("project-add")).toBeNull();
  });
});
