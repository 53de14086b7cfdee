import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import { page } from "@/test/fixtures";
import { makeMe, renderRoute } from "@/test/render";
import { server } from "@/test/server";
import type { ApiKey } from "../api/apiKeys";

const KEY: ApiKey = {
  id: 5,
  name: "ERP",
  prefix: "hk_ab12",
  permissions: ["company.view", "stock.view", "stock.adjust"],
  created_by: "li.wei@acme.test",
  created_at: "2025-01-02T03:04:05Z",
  expires_at: null,
  last_used_at: null,
  revoked_at: null,
};

describe("ApiKeysPage", () => {
  it("creates a key with the creator's permissions, shows its secret once, and revokes keys", async () => {
    let keys: ApiKey[] = [KEY];
    const posted: unknown[] = [];
    server.use(
      http.get("/api/me/", () =>
        HttpResponse.json(makeMe({ permissions: ["company.view", "apikeys.manage", "stock.view"] })),
      ),
      http.get("/api/api-keys/", () => HttpResponse.json(page(keys))),
      http.post("/api/api-keys/", async ({ request }) => {
        const body = (await request.json()) as { name: string; permissions: string[]; expires_at: string | null };
        posted.push(body);
        const created = { ...KEY, id: 6, name: body.name, permissions: body.permissions, prefix: "hk_cd34" };
        keys = [created, ...keys];
        return HttpResponse.json({ ...created, secret: "hk_cd34.s3cr3t-shown-once" }, { status: 201 });
      }),
      http.delete("/api/api-keys/:id/", ({ params }) => {
        keys = keys.map((k) => (k.id === Number(params.id) ? { ...k, revoked_at: "2025-02-01T00:00:00Z" } : k));
        return HttpResponse.json(keys.find((k) => k.id === Number(params.id)));
      }),
    );
    const user = userEvent.setup({ delay: null });
    renderRoute("tenant", "/settings/api-keys");
    const row = await screen.findByTestId("api-key-row-5");
    expect(within(row).getByText("See the company's workspace")).toBeInTheDocument();
    expect(within(row).getByText("+1")).toBeInTheDocument();
    expect(within(row).getByTestId("api-key-status-5")).toHaveTextContent("Active");

    await user.click(screen.getByTestId("api-key-create-open"));
    // Only permissions the creator holds are offered.
    expect(await screen.findByTestId("api-key-permission-stock.view")).toBeInTheDocument();
    expect(screen.queryByTestId("api-key-permission-stock.adjust")).toBeNull();
    await user.type(screen.getByTestId("api-key-name"), "Warehouse scanner");
    await user.click(screen.getByTestId("api-key-permission-stock.view"));
    await user.click(screen.getByTestId("api-key-create-submit"));

    expect(await screen.findByTestId("api-key-secret")).toHaveTextContent("hk_cd34.s3cr3t-shown-once");
    expect(posted).toHaveLength(1);
    const body = posted[0] as { name: string; permissions: string[]; expires_at: string };
    expect(body.name).toBe("Warehouse scanner");
    expect(body.permissions).toEqual(["stock.view"]);
    // 90 days by default.
    const days = (new Date(body.expires_at).getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(89.9);
    expect(days).toBeLessThan(90.1);
    await user.click(screen.getByTestId("api-key-secret-done"));
    await waitFor(() => expect(screen.queryByTestId("api-key-secret")).toBeNull());
    expect(await screen.findByTestId("api-key-row-6")).toHaveTextContent("Warehouse scanner");

    await user.click(within(screen.getByTestId("api-key-row-5")).getByTestId("api-key-revoke-5"));
    await user.click(await screen.findByRole("button", { name: "Confirm" }));
    await waitFor(() => expect(screen.getByTestId("api-key-status-5")).toHaveTextContent("Revoked"));
    expect(screen.queryByTestId("api-key-revoke-5")).toBeNull();
  });
});
