import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import { LANGUAGE_STORAGE_KEY } from "@/lib/i18n";
import { makeMe, renderRoute } from "@/test/render";
import { server } from "@/test/server";

describe("LanguageSwitch", () => {
  it("switches the public pages between English and Chinese and remembers the choice", async () => {
    const user = userEvent.setup({ delay: null });
    renderRoute("public", "/", { language: "en" });
    expect(await screen.findByTestId("landing-title")).toHaveTextContent("One platform for your business");
    expect(screen.getByTestId("nav-signin")).toHaveTextContent("Sign in");

    await user.click(screen.getByTestId("language-option-zh-CN"));
    await waitFor(() =>
      expect(screen.getByTestId("landing-title")).toHaveTextContent("连接企业与贸易伙伴的一站式平台"),
    );
    expect(screen.getByTestId("nav-signin")).toHaveTextContent("登录");
    expect(window.localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe("zh-CN");
    expect(document.documentElement.lang).toBe("zh-CN");

    await user.click(screen.getByTestId("language-option-en"));
    await waitFor(() =>
      expect(screen.getByTestId("landing-title")).toHaveTextContent("One platform for your business"),
    );
  });

  it("in the workspace, saves the member's preferred language on the server", async () => {
    const patches: unknown[] = [];
    server.use(
      http.get("/api/me/", () => HttpResponse.json(makeMe({ preferred_language: null }))),
      http.patch("/api/me/", async ({ request }) => {
        const body = (await request.json()) as { preferred_language: "zh-hans" | "en" };
        patches.push(body);
        return HttpResponse.json(makeMe({ preferred_language: body.preferred_language }));
      }),
    );
    const user = userEvent.setup({ delay: null });
    renderRoute("tenant", "/", { language: "en" });
    expect(await screen.findByTestId("nav-home")).toHaveTextContent("Home");
    await user.click(screen.getByTestId("language-option-zh-CN"));
    await waitFor(() => expect(screen.getByTestId("nav-home")).toHaveTextContent("首页"));
    await waitFor(() => expect(patches).toEqual([{ preferred_language: "zh-hans" }]));
    expect(screen.getByTestId("home-page")).toHaveTextContent("下一步");
  });

  it("follows the member's saved preference over this browser's language", async () => {
    server.use(http.get("/api/me/", () => HttpResponse.json(makeMe({ preferred_language: "zh-hans" }))));
    renderRoute("tenant", "/", { language: "en" });
    await waitFor(() => expect(screen.getByTestId("nav-home")).toHaveTextContent("首页"));
  });
});
