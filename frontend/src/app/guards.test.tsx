import { screen } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import { ROLES_RESPONSE } from "@/test/fixtures";
import { makeMe, renderRoute } from "@/test/render";
import { server } from "@/test/server";

const problem = (status: number, code: string) =>
  HttpResponse.json(
    { type: "about:blank", title: code, status, code },
    { status, headers: { "Content-Type": "application/problem+json" } },
  );

describe("route guards", () => {
  it("a typed-in URL without its permission renders the 403 page", async () => {
    server.use(http.get("/api/me/", () => HttpResponse.json(makeMe({ permissions: ["settings.manage"] }))));
    renderRoute("tenant", "/settings/members");
    expect(await screen.findByTestId("forbidden")).toBeInTheDocument();
    expect(screen.queryByTestId("members-page")).toBeNull();
    // The layout is still there, so the member can navigate away.
    expect(screen.getByTestId("side-menu")).toBeInTheDocument();
  });

  it("the same URL with the permission opens the page", async () => {
    server.use(
      http.get("/api/me/", () => HttpResponse.json(makeMe({ permissions: ["members.manage"] }))),
      http.get("/api/members/", () =>
        HttpResponse.json({
          count: 1,
          next: null,
          previous: null,
          results: [
            {
              id: 1,
              email: "li.wei@acme.test",
              full_name: "Li Wei",
              roles: ["owner"],
              status: "active",
              joined_at: "2025-01-02T03:04:05Z",
            },
          ],
        }),
      ),
      http.get("/api/invitations/", () => HttpResponse.json({ count: 0, next: null, previous: null, results: [] })),
      http.get("/api/roles/", () => HttpResponse.json(ROLES_RESPONSE)),
    );
    renderRoute("tenant", "/settings/members");
    expect(await screen.findByTestId("members-page")).toBeInTheDocument();
    expect(await screen.findByText("li.wei@acme.test")).toBeInTheDocument();
    expect(await screen.findByText("No invitations sent.")).toBeInTheDocument();
    expect(screen.queryByTestId("forbidden")).toBeNull();
  });

  it("a list that answers an HTML 404 (a proxy, a stale deploy) shows a clean error state, not a crash", async () => {
    server.use(
      http.get("/api/me/", () => HttpResponse.json(makeMe({ permissions: ["apikeys.manage"] }))),
      http.get(
        "/api/api-keys/",
        () => new HttpResponse("<h1>Not Found</h1>", { status: 404, headers: { "Content-Type": "text/html" } }),
      ),
    );
    renderRoute("tenant", "/settings/api-keys");
    const error = await screen.findByTestId("error-state");
    expect(error).toHaveAttribute("data-problem-code", "not_found");
    expect(error).toHaveTextContent("This was not found.");
    expect(screen.getByTestId("retry")).toBeInTheDocument();
  });

  it("a signed-out visitor is sent to the sign-in page, keeping where they were going", async () => {
    server.use(http.get("/api/me/", () => problem(403, "not_authenticated")));
    const { router } = renderRoute("tenant", "/profile");
    expect(await screen.findByTestId("signin-form")).toBeInTheDocument();
    expect(router.state.location.pathname).toBe("/signin");
    expect(router.state.location.search).toBe("?next=%2Fprofile");
  });

  it("an unknown path inside the workspace is a 404 page", async () => {
    server.use(http.get("/api/me/", () => HttpResponse.json(makeMe())));
    renderRoute("tenant", "/no/such/page");
    expect(await screen.findByTestId("not-found")).toBeInTheDocument();
  });
});
