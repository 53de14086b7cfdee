import { QueryClient } from "@tanstack/react-query";
import { render } from "@testing-library/react";
import type { ReactElement } from "react";
import { RouterProvider } from "react-router";
import { AppProviders } from "@/app/providers";
import { createTestRouter } from "@/app/router";
import { createI18n, type AppLanguage } from "@/lib/i18n";
import type { Me } from "@/lib/me";

export function testQueryClient() {
  return new QueryClient({
    defaultOptions: { queries: { retry: false, gcTime: Infinity }, mutations: { retry: false } },
  });
}

export function renderWithProviders(
  ui: ReactElement,
  { language = "en" as AppLanguage, queryClient = testQueryClient() } = {},
) {
  const i18n = createI18n(language);
  return {
    i18n,
    queryClient,
    ...render(
      <AppProviders i18n={i18n} queryClient={queryClient} motion={false}>
        {ui}
      </AppProviders>,
    ),
  };
}

export function renderRoute(
  kind: "public" | "tenant",
  path: string,
  options: { language?: AppLanguage; queryClient?: QueryClient } = {},
) {
  const router = createTestRouter(kind, path);
  return { router, ...renderWithProviders(<RouterProvider router={router} />, options) };
}

export function makeMe(
  overrides: {
    permissions?: string[];
    roles?: string[];
    has_mfa?: boolean;
    preferred_language?: "zh-hans" | "en" | null;
    billing_lock?: string;
  } = {},
): Me {
  return {
    user: {
      id: 1,
      email: "li.wei@acme.test",
      full_name: "Li Wei",
      // The API always sends a language; `null` here stands for "never chosen" (the default, en).
      preferred_language: (overrides.preferred_language === undefined ? "en" : overrides.preferred_language) as "en",
      is_operator: false,
      has_mfa: overrides.has_mfa ?? false,
    },
    company: {
      id: 1,
      name: "Acme Trading",
      slug: "acme",
      country: "CN",
      currency: "CNY",
      locale: "zh-hans",
      time_zone: "Asia/Shanghai",
      status: "active",
      billing_lock: overrides.billing_lock ?? "",
    },
    roles: overrides.roles ?? ["owner"],
    permissions: overrides.permissions ?? ["members.manage", "settings.manage", "apikeys.manage"],
  };
}
