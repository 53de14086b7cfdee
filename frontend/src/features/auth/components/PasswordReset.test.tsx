import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import { problem } from "@/test/fixtures";
import { renderRoute } from "@/test/render";
import { server } from "@/test/server";

const BASE = "/_allauth/browser/v1";
const NOT_SIGNED_IN = { status: 401, data: { flows: [{ id: "login" }] }, meta: { is_authenticated: false } };

function requestHandler(seen: { body: unknown; language: string | null }[]) {
  return http.post(`${BASE}/auth/password/request`, async ({ request }) => {
    seen.push({ body: await request.json(), language: request.headers.get("Accept-Language") });
    return HttpResponse.json({ status: 200 });
  });
}

describe("Forgot password (sign-in pages)", () => {
  it("on the public host, asks for the address and answers the same whatever the address", async () => {
    const seen: { body: unknown; language: string | null }[] = [];
    server.use(requestHandler(seen));
    const user = userEvent.setup();
    renderRoute("public", "/signin");

    await user.click(await screen.findByTestId("signin-forgot"));
    await user.type(screen.getByTestId("forgot-email"), "someone@acme.test");
    await user.click(screen.getByTestId("forgot-submit"));

    expect(await screen.findByTestId("forgot-sent")).toHaveTextContent(
      "We sent an e-mail to someone@acme.test. If the address has a Hansa account",
    );
    expect(seen).toEqual([{ body: { email: "someone@acme.test" }, language: "en" }]);
    await user.click(screen.getByTestId("forgot-back"));
    expect(await screen.findByTestId("signin-form")).toBeInTheDocument();
  });

  it("on a company host, in Chinese, pre-fills the address of the sign-in link and sends the language", async () => {
    const seen: { body: unknown; language: string | null }[] = [];
    server.use(
      requestHandler(seen),
      http.get("/api/me/", () => problem(401, "not_authenticated")),
    );
    const user = userEvent.setup();
    renderRoute("tenant", "/signin?email=li.wei%40acme.test", { language: "zh-CN" });

    await user.click(await screen.findByTestId("signin-forgot"));
    expect(screen.getByTestId("forgot-email")).toHaveValue("li.wei@acme.test");
    await user.click(screen.getByTestId("forgot-submit"));

    expect(await screen.findByTestId("forgot-sent")).toHaveTextContent("我们已向 li.wei@acme.test 发送邮件");
    expect(seen.map((s) => s.body)).toEqual([{ email: "li.wei@acme.test" }]);
  });

  it("checks the address before sending anything", async () => {
    const seen: { body: unknown; language: string | null }[] = [];
    server.use(requestHandler(seen));
    const user = userEvent.setup();
    renderRoute("public", "/account/password/reset");
    await user.type(await screen.findByTestId("forgot-email"), "not-an-address");
    await user.click(screen.getByTestId("forgot-submit"));
    expect(await screen.findByText("Enter a valid e-mail address.")).toBeInTheDocument();
    expect(seen).toEqual([]);
  });
});

describe("Reset password page (the e-mail's link)", () => {
  it("shows whose account, sets the new password and says every session ended", async () => {
    const posted: unknown[] = [];
    server.use(
      http.get(`${BASE}/auth/password/reset`, ({ request }) =>
        request.headers.get("X-Password-Reset-Key") === "k-1"
          ? HttpResponse.json({ status: 200, data: { user: { id: 1, email: "li.wei@acme.test" } } })
          : HttpResponse.json(
              { status: 400, errors: [{ code: "invalid_password_reset", message: "bad", param: "key" }] },
              { status: 400 },
            ),
      ),
      http.post(`${BASE}/auth/password/reset`, async ({ request }) => {
        posted.push(await request.json());
        return HttpResponse.json(NOT_SIGNED_IN, { status: 401 });
      }),
    );
    const user = userEvent.setup();
    renderRoute("public", "/account/password/reset/k-1");

    expect(await screen.findByTestId("reset-account")).toHaveTextContent("li.wei@acme.test");
    await user.type(screen.getByTestId("reset-password"), "a-new-passphrase-1");
    await user.type(screen.getByTestId("reset-password-confirm"), "a-new-passphrase-2");
    await user.click(screen.getByTestId("reset-submit"));
    expect(await screen.findByText("The two passwords differ.")).toBeInTheDocument();
    expect(posted).toEqual([]);

    await user.clear(screen.getByTestId("reset-password-confirm"));
    await user.type(screen.getByTestId("reset-password-confirm"), "a-new-passphrase-1");
    await user.click(screen.getByTestId("reset-submit"));

    expect(await screen.findByTestId("reset-done")).toHaveTextContent("signed out everywhere");
    expect(posted).toEqual([{ key: "k-1", password: "a-new-passphrase-1" }]);
  });

  it("puts a refused password on its field", async () => {
    server.use(
      http.get(`${BASE}/auth/password/reset`, () =>
        HttpResponse.json({ status: 200, data: { user: { id: 1, email: "li.wei@acme.test" } } }),
      ),
      http.post(`${BASE}/auth/password/reset`, () =>
        HttpResponse.json(
          {
            status: 400,
            errors: [{ code: "password_too_common", message: "This password is too common.", param: "password" }],
          },
          { status: 400 },
        ),
      ),
    );
    const user = userEvent.setup();
    renderRoute("public", "/account/password/reset/k-1");
    await user.type(await screen.findByTestId("reset-password"), "password1234");
    await user.type(screen.getByTestId("reset-password-confirm"), "password1234");
    await user.click(screen.getByTestId("reset-submit"));
    await waitFor(() => expect(screen.getAllByText("This password is too common.").length).toBeGreaterThan(0));
    expect(screen.queryByTestId("reset-done")).not.toBeInTheDocument();
  });

  it("an expired or used link offers to ask again, on a company host too", async () => {
    server.use(
      http.get(`${BASE}/auth/password/reset`, () =>
        HttpResponse.json(
          { status: 400, errors: [{ code: "invalid_password_reset", message: "bad", param: "key" }] },
          { status: 400 },
        ),
      ),
    );
    renderRoute("tenant", "/account/password/reset/old-key", { language: "zh-CN" });
    expect(await screen.findByTestId("reset-invalid")).toHaveTextContent("此链接无法使用");
    expect(screen.getByTestId("reset-ask-again")).toBeInTheDocument();
  });
});
