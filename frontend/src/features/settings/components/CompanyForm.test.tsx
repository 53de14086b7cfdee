import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import { makeMe, renderRoute } from "@/test/render";
import { server } from "@/test/server";

const COMPANY = {
  id: 1,
  name: "Acme Trading",
  slug: "acme",
  legal_name: "",
  country: "CN",
  currency: "CNY",
  locale: "zh-hans",
  time_zone: "Asia/Shanghai",
  status: "active",
  require_mfa: false,
  created_at: "2025-01-02T03:04:05Z",
};

function answer(hasMfa: boolean) {
  const patches: unknown[] = [];
  server.use(
    http.get("/api/me/", () => HttpResponse.json(makeMe({ has_mfa: hasMfa }))),
    http.get("/api/company/", () => HttpResponse.json(COMPANY)),
    http.get("/api/company/export/", () => HttpResponse.json({ count: 0, next: null, previous: null, results: [] })),
    http.patch("/api/company/", async ({ request }) => {
      const body = (await request.json()) as Record<string, unknown>;
      patches.push(body);
      return HttpResponse.json({ ...COMPANY, ...body });
    }),
  );
  return patches;
}

describe("CompanyForm", () => {
  it("saves the settings the API accepts; country and currency are read-only", async () => {
    const patches = answer(true);
    const user = userEvent.setup({ delay: null });
    renderRoute("tenant", "/settings/company");
    expect(await screen.findByTestId("company-country")).toHaveTextContent("(CN)");
    expect(screen.getByTestId("company-currency")).toHaveTextContent("CNY");
    await user.type(screen.getByTestId("company-legal-name"), "Acme Trading Co., Ltd.");
    await user.click(screen.getByTestId("company-require-mfa"));
    await user.click(screen.getByTestId("company-save"));
    await waitFor(() =>
      expect(patches).toEqual([
        {
          name: "Acme Trading",
          legal_name: "Acme Trading Co., Ltd.",
          locale: "zh-hans",
          time_zone: "Asia/Shanghai",
          require_mfa: true,
        },
      ]),
    );
  });

  it("will not require MFA from everyone while the member has none", async () => {
    const patches = answer(false);
    const user = userEvent.setup({ delay: null });
    renderRoute("tenant", "/settings/company");
    await user.click(await screen.findByTestId("company-require-mfa"));
    expect(await screen.findByTestId("company-require-mfa-warning")).toBeInTheDocument();
    expect(screen.getByTestId("company-save")).toBeDisabled();
    expect(patches).toEqual([]);
  });
});
