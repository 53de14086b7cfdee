import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { http, HttpResponse } from "msw";
import { describe, expect, it, vi } from "vitest";
import { renderWithProviders } from "@/test/render";
import { server } from "@/test/server";
import { TenantSigninForm } from "./TenantSigninForm";

const AUTHENTICATED = {
  status: 200,
  data: { user: { id: 1, email: "li.wei@acme.test" }, methods: [] },
  meta: { is_authenticated: true },
};

describe("TenantSigninForm", () => {
  it("signs in with e-mail and password", async () => {
    let body: unknown;
    server.use(
      http.post("/_allauth/browser/v1/auth/login", async ({ request }) => {
        body = await request.json();
        return HttpResponse.json(AUTHENTICATED);
      }),
      http.get("/api/me/", () => HttpResponse.json({}, { status: 401 })),
    );
    const onSignedIn = vi.fn();
    const user = userEvent.setup({ delay: null });
    renderWithProviders(<TenantSigninForm initialEmail="li.wei@acme.test" onSignedIn={onSignedIn} />);
    expect(screen.getByTestId("signin-email")).toHaveValue("li.wei@acme.test");
    await user.type(screen.getByTestId("signin-password"), "s3cret-pass");
    await user.click(screen.getByTestId("signin-submit"));
    await waitFor(() => expect(onSignedIn).toHaveBeenCalledOnce());
    expect(body).toEqual({ email: "li.wei@acme.test", password: "s3cret-pass" });
  });

  it("asks for the TOTP code when allauth says MFA is pending, and shows a wrong code's error", async () => {
    const codes: string[] = [];
    server.use(
      http.post("/_allauth/browser/v1/auth/login", () =>
        HttpResponse.json(
          {
            status: 401,
            data: { flows: [{ id: "login" }, { id: "mfa_authenticate", is_pending: true }] },
            meta: { is_authenticated: false },
          },
          { status: 401 },
        ),
      ),
      http.post("/_allauth/browser/v1/auth/2fa/authenticate", async ({ request }) => {
        const { code } = (await request.json()) as { code: string };
        codes.push(code);
        if (code !== "123456") {
          return HttpResponse.json(
            { status: 400, errors: [{ message: "Incorrect code.", code: "incorrect_code", param: "code" }] },
            { status: 400 },
          );
        }
        return HttpResponse.json(AUTHENTICATED);
      }),
      http.get("/api/me/", () => HttpResponse.json({}, { status: 401 })),
    );
    const onSignedIn = vi.fn();
    const user = userEvent.setup({ delay: null });
    renderWithProviders(<TenantSigninForm onSignedIn={onSignedIn} />);
    await user.type(screen.getByTestId("signin-email"), "li.wei@acme.test");
    await user.type(screen.getByTestId("signin-password"), "s3cret-pass");
    await user.click(screen.getByTestId("signin-submit"));

    const code = await screen.findByTestId("mfa-code");
    await user.type(code, "000000");
    await user.click(screen.getByTestId("mfa-submit"));
    expect(await screen.findByTestId("form-error")).toHaveTextContent("That code is not correct.");
    // Ant Design shows a field's errors one timer tick after it receives them.
    await waitFor(() =>
      expect(screen.getByTestId("mfa-code").closest(".ant-form-item")).toHaveTextContent("Incorrect code."),
    );
    expect(onSignedIn).not.toHaveBeenCalled();

    await user.clear(screen.getByTestId("mfa-code"));
    await user.type(screen.getByTestId("mfa-code"), "123 456");
    await user.click(screen.getByTestId("mfa-submit"));
    await waitFor(() => expect(onSignedIn).toHaveBeenCalledOnce());
    expect(codes).toEqual(["000000", "123456"]);
  });

  it("shows wrong credentials as a translated message", async () => {
    server.use(
      http.post("/_allauth/browser/v1/auth/login", () =>
        HttpResponse.json(
          {
            status: 400,
            errors: [
              {
                message: "The email address and/or password you specified are not correct.",
                code: "email_password_mismatch",
                param: "password",
              },
            ],
          },
          { status: 400 },
        ),
      ),
    );
    const user = userEvent.setup({ delay: null });
    renderWithProviders(<TenantSigninForm onSignedIn={vi.fn()} />, { language: "zh-CN" });
    await user.type(screen.getByTestId("signin-email"), "li.wei@acme.test");
    await user.type(screen.getByTestId("signin-password"), "wrong-pass");
    await user.click(screen.getByTestId("signin-submit"));
    expect(await screen.findByTestId("form-error")).toHaveTextContent("邮箱或密码不正确。");
  });
});
