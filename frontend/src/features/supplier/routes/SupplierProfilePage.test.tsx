import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import type { SupplierProfile } from "@/features/supplier/api/supplierProfile";
import { page, problem } from "@/test/fixtures";
import { CATEGORY_TREE } from "@/test/marketplace";
import { makeMe, renderRoute } from "@/test/render";
import { server } from "@/test/server";

const PROFILE: SupplierProfile = {
  id: 7,
  role: "supplier",
  is_listed: true,
  display_name_en: "",
  display_name_zh: "苏州精密轴承",
  description_en: "",
  description_zh: "",
  categories: [],
  regions_served: [],
  capacity_note: "",
  min_order_note: "",
  verified: false,
  verified_at: null,
  rating: null,
  rating_count: 0,
  reputation: null,
  certifications: [],
  created_at: "2026-05-01T08:00:00Z",
  updated_at: "2026-05-01T08:00:00Z",
};

describe("the supplier profile", () => {
  it("creates the profile a company lacks, then lists certificates with their expiry", async () => {
    const saved: unknown[] = [];
    let exists = false;
    server.use(
      http.get("/api/me/", () =>
        HttpResponse.json(makeMe({ permissions: ["company.view", "catalog.manage"], roles: ["sales"] })),
      ),
      http.get("/api/marketplace/categories/", () => HttpResponse.json(CATEGORY_TREE)),
      http.get("/api/supplier-profile/", () =>
        exists ? HttpResponse.json(PROFILE) : problem(404, "supplier_profile_missing"),
      ),
      http.put("/api/supplier-profile/", async ({ request }) => {
        saved.push(await request.json());
        exists = true;
        return HttpResponse.json(PROFILE);
      }),
      http.get("/api/supplier-profile/certifications/", () =>
        HttpResponse.json(
          page([
            {
              id: 1,
              type: "ISO 9001",
              number: "CN-9001-77",
              issuer: "CQC",
              valid_until: "2020-01-31",
              status: "expired",
              has_document: false,
              document_name: "",
            },
          ]),
        ),
      ),
    );
    const user = userEvent.setup({ delay: null });
    renderRoute("tenant", "/supplier/profile");

    const save = await screen.findByTestId("supplier-profile-save");
    expect(save).toHaveTextContent("Create profile");
    await user.click(save);
    expect(await screen.findAllByText("Give a display name in Chinese or in English.")).not.toHaveLength(0);
    expect(saved).toEqual([]);

    await user.type(screen.getByTestId("supplier-name-zh"), "苏州精密轴承");
    await user.click(save);
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0]).toEqual(
      expect.objectContaining({ display_name_zh: "苏州精密轴承", role: "both", is_listed: true, category_codes: [] }),
    );
    const row = await screen.findByTestId("certification-row-1");
    expect(within(row).getByTestId("certification-status-expired")).toHaveTextContent("Expired");
    expect(row).toHaveTextContent("No document");
  });
});
