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

const READY = {
  id: 7,
  status: "ready",
  size: 2048,
  created_at: "2026-12-01T10:00:00Z",
  finished_at: "2026-12-01T10:00:05Z",
  download_url: "/api/company/export/7/download/",
};

describe("CompanyData", () => {
  it("lists exports with their download link, asks for a new one, and closes only with the slug typed", async () => {
    const posts: unknown[] = [];
    const closes: unknown[] = [];
    server.use(
      http.get("/api/me/", () => HttpResponse.json(makeMe({ has_mfa: true }))),
      http.get("/api/company/", () => HttpResponse.json(COMPANY)),
      http.get("/api/company/export/", () =>
        HttpResponse.json({ count: 1, next: null, previous: null, results: [READY] }),
      ),
      http.post("/api/company/export/", () => {
        posts.push(true);
        return HttpResponse.json({ ...READY, id: 8, status: "pending", download_url: null }, { status: 202 });
      }),
      http.post("/api/company/close/", async ({ request }) => {
        closes.push(await request.json());
        return HttpResponse.json({
          status: "closed",
          reason: "Moving on",
          closed_at: "2026-12-06T10:00:00Z",
          erase_after: "2027-03-06T10:00:00Z",
        });
      }),
    );
    const user = userEvent.setup({ delay: null });
    renderRoute("tenant", "/settings/company");
    expect(await screen.findByTestId("export-download-7")).toHaveAttribute("href", READY.download_url);
    await user.click(screen.getByTestId("export-request"));
    await waitFor(() => expect(posts).toHaveLength(1));

    await user.click(await screen.findByTestId("company-close-open"));
    await user.type(await screen.findByTestId("company-close-slug"), "acme-wrong");
    await user.type(screen.getByTestId("company-close-reason"), "Moving on");
    await user.click(screen.getByTestId("company-close-confirm"));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(closes).toEqual([]);
    await user.clear(screen.getByTestId("company-close-slug"));
    await user.type(screen.getByTestId("company-close-slug"), "acme");
    await user.click(screen.getByTestId("company-close-confirm"));
    await waitFor(() => expect(closes).toEqual([{ confirm_slug: "acme", reason: "Moving on" }]));
  });
});
