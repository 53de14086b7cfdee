import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import { makeMe, renderWithProviders } from "@/test/render";
import { server } from "@/test/server";
import { MfaCard } from "./MfaCard";

const BASE = "/_allauth/browser/v1";
const TOTP_URL = "otpauth://totp/Hansa:li.wei%40acme.test?secret=JBSWY3DPEHPK3PXP&issuer=Hansa";

describe("MfaCard", () => {
  it("enrols a TOTP app from the QR code (confirming the password), then shows the recovery codes once", async () => {
    let active = false;
    let reauthenticated = false;
    server.use(
      http.get("/api/me/", () => HttpResponse.json(makeMe({ has_mfa: active }))),
      http.get(`${BASE}/account/authenticators`, () =>
        HttpResponse.json({
          status: 200,
          data: active
            ? [
                { type: "totp", created_at: 1, last_used_at: null },
                {
                  type: "recovery_codes",
                  created_at: 1,
                  last_used_at: null,
                  total_code_count: 10,
                  unused_code_count: 10,
                },
              ]
            : [],
        }),
      ),
      http.get(`${BASE}/account/authenticators/totp`, () =>
        HttpResponse.json({ status: 404, meta: { secret: "JBSWY3DPEHPK3PXP", totp_url: TOTP_URL } }, { status: 404 }),
      ),
      http.post(`${BASE}/account/authenticators/totp`, async ({ request }) => {
        const { code } = (await request.json()) as { code: string };
        if (code !== "654321") {
          return HttpResponse.json(
            { status: 400, errors: [{ message: "Incorrect code.", code: "incorrect_code", param: "code" }] },
            { status: 400 },
          );
        }
        // allauth validates the input first, then wants the password again (a sign-in does not count).
        if (!reauthenticated) {
          return HttpResponse.json(
            {
              status: 401,
              data: { user: {}, methods: [], flows: [{ id: "reauthenticate" }] },
              meta: { is_authenticated: true },
            },
            { status: 401 },
          );
        }
        active = true;
        return HttpResponse.json({ status: 200, data: { type: "totp", created_at: 1, last_used_at: null } });
      }),
      http.get(`${BASE}/account/authenticators/recovery-codes`, () => {
        // allauth may want the password again before it reveals codes.
        if (!reauthenticated) {
          return HttpResponse.json(
            {
              status: 401,
              data: { user: {}, methods: [], flows: [{ id: "reauthenticate" }] },
              meta: { is_authenticated: true },
            },
            { status: 401 },
          );
        }
        return HttpResponse.json({
          status: 200,
          data: {
            type: "recovery_codes",
            total_code_count: 2,
            unused_code_count: 2,
            unused_codes: ["aaaa-1111", "bbbb-2222"],
          },
        });
      }),
      http.post(`${BASE}/auth/reauthenticate`, async ({ request }) => {
        const { password } = (await request.json()) as { password: string };
        reauthenticated = password === "s3cret-pass";
        return reauthenticated
          ? HttpResponse.json({ status: 200, data: {}, meta: { is_authenticated: true } })
          : HttpResponse.json(
              {
                status: 400,
                errors: [{ message: "Incorrect password.", code: "incorrect_password", param: "password" }],
              },
              { status: 400 },
            );
      }),
    );

    const user = userEvent.setup({ delay: null });
    renderWithProviders(<MfaCard />);
    await user.click(await screen.findByTestId("mfa-setup"));
    expect(await screen.findByTestId("totp-secret")).toHaveTextContent("JBSWY3DPEHPK3PXP");
    expect(screen.getByTestId("totp-secret")).toHaveAttribute("data-totp-url", TOTP_URL);
    expect(screen.getByTestId("totp-enrolment").querySelector("canvas, svg")).not.toBeNull();

    await user.type(screen.getByTestId("totp-code"), "111111");
    await user.click(screen.getByTestId("totp-activate"));
    expect(await screen.findByTestId("form-error")).toHaveTextContent("That code is not correct.");

    await user.clear(screen.getByTestId("totp-code"));
    await user.type(screen.getByTestId("totp-code"), "654321");
    await user.click(screen.getByTestId("totp-activate"));

    await user.type(await screen.findByTestId("reauth-password"), "s3cret-pass");
    await user.click(screen.getByTestId("reauth-submit"));

    const codes = await screen.findByTestId("recovery-codes");
    expect(
      within(codes)
        .getAllByTestId("recovery-code")
        .map((c) => c.textContent),
    ).toEqual(["aaaa-1111", "bbbb-2222"]);
    await user.click(screen.getByTestId("recovery-codes-done"));
    await waitFor(() => expect(screen.queryByTestId("recovery-codes")).toBeNull());
    expect(await screen.findByTestId("mfa-enabled")).toBeInTheDocument();
    expect(screen.getByTestId("recovery-codes-count")).toHaveTextContent("10 of 10 recovery codes unused");
  });
});
