import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import { page, problem } from "@/test/fixtures";
import { makeMe, renderRoute } from "@/test/render";
import { server } from "@/test/server";

function operator() {
  const me = makeMe({ has_mfa: true });
  return { ...me, user: { ...me.user, email: "ops@hansa.test", is_operator: true }, company: null };
}

function backup(id: number, overrides: Record<string, unknown> = {}) {
  return {
    id,
    company_slug: "acme",
    kind: "scheduled",
    status: "succeeded",
    size: 3 * 1024 * 1024,
    sha256: "a".repeat(64),
    tables: 135,
    rows: 6385,
    error: "",
    created_at: "2026-06-01T02:00:00Z",
    finished_at: "2026-06-01T02:01:00Z",
    company: { id: 7, exists: true },
    ...overrides,
  };
}

const LIVE = backup(11);
const GONE = backup(12, { company_slug: "gone-works", kind: "manual", company: { id: 9, exists: false } });
const FAILED = backup(13, { status: "failed", size: 0, tables: 0, rows: 0 });

describe("BackupsPage", () => {
  it("lists every backup, marks deleted companies and sends the filters to the server", async () => {
    const queries: string[] = [];
    server.use(
      http.get("/api/me/", () => HttpResponse.json(operator())),
      http.get("/api/console/backups/", ({ request }) => {
        queries.push(new URL(request.url).searchParams.toString());
        return HttpResponse.json(page([LIVE, GONE, FAILED]));
      }),
    );
    const user = userEvent.setup({ delay: null, pointerEventsCheck: 0 });
    renderRoute("public", "/console/backups");

    const live = await screen.findByTestId("backup-row-11");
    expect(within(live).getByTestId("backup-company-11")).toHaveAttribute("href", "/console/companies/7");
    expect(live).toHaveTextContent("3.0 MiB");
    expect(live).toHaveTextContent("135 / 6,385");
    expect(within(live).getByTestId("backup-restore-11")).toBeInTheDocument();
    const gone = screen.getByTestId("backup-row-12");
    expect(within(gone).queryByRole("link")).toBeNull();
    expect(within(gone).getByTestId("backup-deleted-12")).toHaveTextContent("deleted");
    expect(gone).toHaveTextContent("gone-works");
    expect(gone).toHaveTextContent("Manual");
    const failed = screen.getByTestId("backup-row-13");
    expect(failed).toHaveTextContent("Failed");
    expect(within(failed).queryByTestId("backup-restore-13")).toBeNull();
    expect(screen.getByTestId("console-nav-backups")).toHaveTextContent("Backups");
    expect(queries[0]).toBe("page=1&page_size=50");

    await user.type(screen.getByPlaceholderText("Company address (slug)"), "gone{Enter}");
    await waitFor(() => expect(queries.at(-1)).toBe("q=gone&page=1&page_size=50"));
    await user.click(screen.getByTestId("backups-filter-missing"));
    await waitFor(() => expect(queries.at(-1)).toBe("q=gone&company_missing=true&page=1&page_size=50"));
    await user.click(within(screen.getByTestId("backups-filter-status")).getByRole("combobox"));
    await user.click(await screen.findByTitle("Succeeded"));
    await waitFor(() =>
      expect(queries.at(-1)).toBe("q=gone&company_missing=true&status=succeeded&page=1&page_size=50"),
    );
    await user.click(screen.getByTestId("backups-filter-missing"));
    await waitFor(() => expect(queries.at(-1)).toBe("q=gone&status=succeeded&page=1&page_size=50"));
  });

  it("restores a deleted company only with a reason, and shows what came back", async () => {
    const posted: unknown[] = [];
    server.use(
      http.get("/api/me/", () => HttpResponse.json(operator())),
      http.get("/api/console/backups/", () => HttpResponse.json(page([GONE]))),
      http.post("/api/console/companies/9/backups/12/restore/", async ({ request }) => {
        posted.push(await request.json());
        return HttpResponse.json({
          slug: "gone-works",
          schema_name: "t_gone",
          replaced: false,
          tables: 135,
          rows: 6385,
          files: 4,
        });
      }),
    );
    const user = userEvent.setup({ delay: null, pointerEventsCheck: 0 });
    renderRoute("public", "/console/backups");
    await user.click(await screen.findByTestId("backup-restore-12"));
    await user.click(await screen.findByTestId("restore-dialog-confirm"));
    expect(await screen.findByText("Give a reason: it is kept in the platform audit log.")).toBeInTheDocument();
    expect(posted).toEqual([]);

    await user.type(screen.getByTestId("restore-dialog-reason"), "Deleted by mistake, ticket 4711");
    await user.click(screen.getByTestId("restore-dialog-confirm"));
    const result = await screen.findByTestId("restore-result");
    expect(posted).toEqual([{ reason: "Deleted by mistake, ticket 4711" }]);
    expect(result).toHaveTextContent("gone-works was restored from the backup.");
    expect(result).toHaveTextContent("6,385");
    expect(within(result).getByText("4")).toBeInTheDocument();
    await user.click(screen.getByTestId("restore-result-close"));
    await waitFor(() => expect(screen.queryByTestId("restore-result")).toBeNull());
  });

  it("shows a refused restore's problem, translated, and keeps the dialog open", async () => {
    server.use(
      http.get("/api/me/", () => HttpResponse.json(operator())),
      http.get("/api/console/backups/", () => HttpResponse.json(page([GONE]))),
      http.post("/api/console/companies/9/backups/12/restore/", () => problem(409, "backup_file_missing")),
    );
    const user = userEvent.setup({ delay: null, pointerEventsCheck: 0 });
    renderRoute("public", "/console/backups");
    await user.click(await screen.findByTestId("backup-restore-12"));
    await user.type(await screen.findByTestId("restore-dialog-reason"), "Deleted by mistake");
    await user.click(screen.getByTestId("restore-dialog-confirm"));
    expect(await screen.findByTestId("form-error")).toHaveTextContent(
      "The backup's archive file is no longer on disk.",
    );
    expect(screen.getByTestId("restore-dialog")).toBeInTheDocument();
    expect(screen.queryByTestId("restore-result")).toBeNull();
  });
});
