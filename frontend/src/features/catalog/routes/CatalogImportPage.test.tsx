import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import { page, problem } from "@/test/fixtures";
import { importJob } from "@/test/marketplace";
import { makeMe, renderRoute } from "@/test/render";
import { server } from "@/test/server";

const SALES = ["company.view", "catalog.manage", "rfq.quote"];

function common(preferred_language: "en" | "zh-hans" = "en") {
  server.use(
    http.get("/api/me/", () => HttpResponse.json(makeMe({ permissions: SALES, roles: ["sales"], preferred_language }))),
    http.get("/api/catalog/imports/", () => HttpResponse.json(page([]))),
  );
}

describe("catalog import", () => {
  it("uploads a file, shows each broken row with its column, and imports only the valid rows", async () => {
    common();
    const applied: unknown[] = [];
    let uploaded: File | null = null;
    server.use(
      http.post("/api/catalog/imports/", async ({ request }) => {
        uploaded = (await request.formData()).get("file") as File;
        return HttpResponse.json(importJob(), { status: 201 });
      }),
      http.get("/api/catalog/imports/3/", () => HttpResponse.json(importJob())),
      http.post("/api/catalog/imports/3/apply/", async ({ request }) => {
        applied.push(await request.json());
        return HttpResponse.json(
          importJob({
            state: "done",
            only_valid: true,
            created_count: 2,
            skipped_count: 1,
            finished_at: "2026-05-01T08:01:00Z",
          }),
        );
      }),
    );
    const user = userEvent.setup({ delay: null });
    const { router } = renderRoute("tenant", "/catalog/import");
    const input = (await screen.findByTestId("catalog-import-page")).querySelector(
      "input[type=file]",
    ) as HTMLInputElement;
    await user.upload(input, new File(["sku,name_en\n"], "catalog.csv", { type: "text/csv" }));

    expect(await screen.findByTestId("import-validated")).toBeInTheDocument();
    expect(router.state.location.pathname).toBe("/catalog/import/3");
    expect(uploaded).not.toBeNull();
    const row = screen.getByTestId("import-error-row-4");
    expect(within(row).getByText("moq")).toBeInTheDocument();
    expect(screen.getByTestId("import-apply-all")).toBeDisabled();
    await user.click(screen.getByTestId("import-apply-valid"));
    expect(await screen.findByTestId("import-done")).toHaveTextContent("2 created, 0 updated, 1 skipped.");
    expect(applied).toEqual([{ only_valid: true }]);
  });

  it("follows a large file's background check with a progress bar", async () => {
    common();
    let reads = 0;
    server.use(
      http.get("/api/catalog/imports/9/", () => {
        reads += 1;
        return HttpResponse.json(
          reads === 1
            ? importJob({
                id: 9,
                state: "validating",
                run_in_background: true,
                total_rows: 4000,
                rows_done: 1000,
                validated_at: null,
              })
            : importJob({
                id: 9,
                state: "validated",
                run_in_background: true,
                total_rows: 4000,
                rows_done: 4000,
                valid_rows: 4000,
                error_count: 0,
                errors: [],
              }),
        );
      }),
    );
    renderRoute("tenant", "/catalog/import/9");
    const progress = await screen.findByTestId("import-progress");
    expect(progress).toHaveTextContent("25%");
    expect(screen.getByTestId("import-working")).toHaveTextContent("1000 of 4000 rows");
    expect(await screen.findByTestId("import-clean", {}, { timeout: 5000 })).toHaveTextContent(
      "All 4000 rows are valid.",
    );
    expect(screen.getByTestId("import-apply-all")).toBeEnabled();
    expect(reads).toBe(2);
  });

  it("says which columns are wrong when a file is refused", async () => {
    common("zh-hans");
    server.use(
      http.post("/api/catalog/imports/", () =>
        problem(400, "import_columns_invalid", { detail: "Missing columns: moq. Unexpected columns: price." }),
      ),
    );
    const user = userEvent.setup({ delay: null });
    renderRoute("tenant", "/catalog/import", { language: "zh-CN" });
    const input = (await screen.findByTestId("catalog-import-page")).querySelector(
      "input[type=file]",
    ) as HTMLInputElement;
    await user.upload(input, new File(["x"], "catalog.csv", { type: "text/csv" }));
    const alert = await screen.findByTestId("import-upload-error");
    expect(alert).toHaveAttribute("data-problem-code", "import_columns_invalid");
    expect(alert).toHaveTextContent("文件的列与要求不符");
    await waitFor(() => expect(alert).toHaveTextContent("Missing columns: moq"));
  });
});
