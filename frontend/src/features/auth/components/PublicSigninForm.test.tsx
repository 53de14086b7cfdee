import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { http, HttpResponse } from "msw";
import { afterEach, describe, expect, it, vi } from "vitest";
import { browser } from "@/lib/browser";
import { renderWithProviders } from "@/test/render";
import { server } from "@/test/server";
import { PublicSigninForm } from "./PublicSigninForm";

const acme = {
  slug: "acme",
  name: "Acme Trading",
  handoff_url: "http://acme.localhost:8000/api/session/handoff/?token=a",
  mfa_required: false,
  signin_url: "http://acme.localhost:8000/signin?email=li.wei%40acme.test",
};
const beta = {
  slug: "beta",
  name: "Beta Supply",
  handoff_url: "http://beta.localhost:8000/api/session/handoff/?token=b",
  mfa_required: true,
  signin_url: "http://beta.localhost:8000/signin?email=li.wei%40acme.test",
};

async function submit() {
  const user = userEvent.setup({ delay: null });
  await user.type(screen.getByTestId("signin-email"), "li.wei@acme.test");
  await user.type(screen.getByTestId("signin-password"), "s3cret-pass");
  await user.click(screen.getByTestId("signin-submit"));
  return user;
}

afterEach(() => vi.restoreAllMocks());

describe("PublicSigninForm", () => {
  it("forwards a member of one company straight to its handoff URL", async () => {
    const assign = vi.spyOn(browser, "assign").mockImplementation(() => undefined);
    server.use(http.post("/api/signin/", () => HttpResponse.json({ companies: [acme] })));
    renderWithProviders(<PublicSigninForm />);
    await submit();
    await waitFor(() => expect(assign).toHaveBeenCalledWith(acme.handoff_url));
  });

  it("lets a member of several companies pick one; MFA companies go to their sign-in page", async () => {
    const assign = vi.spyOn(browser, "assign").mockImplementation(() => undefined);
    server.use(http.post("/api/signin/", () => HttpResponse.json({ companies: [acme, beta] })));
    renderWithProviders(<PublicSigninForm />);
    const user = await submit();
    expect(await screen.findByTestId("company-picker")).toBeInTheDocument();
    expect(assign).not.toHaveBeenCalled();
    await user.click(screen.getByTestId("company-choice-beta"));
    expect(assign).toHaveBeenCalledWith(beta.signin_url);
  });

  it("shows invalid_credentials and too_many_attempts by code", async () => {
    let status = 400;
    server.use(
      http.post("/api/signin/", () =>
        HttpResponse.json(
          {
            type: "about:blank",
            title: "x",
            status,
            code: status === 400 ? "invalid_credentials" : "too_many_attempts",
          },
          { status, headers: { "Content-Type": "application/problem+json" } },
        ),
      ),
    );
    renderWithProviders(<PublicSigninForm />);
    const user = await submit();
    expect(await screen.findByTestId("form-error")).toHaveTextContent("The e-mail or password is not correct.");
    status = 429;
    await user.click(screen.getByTestId("signin-submit"));
    await waitFor(() => expect(screen.getByTestId("form-error")).toHaveTextContent("Too many attempts."));
  });
});
