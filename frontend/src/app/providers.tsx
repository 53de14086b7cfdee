import { QueryClientProvider, type QueryClient } from "@tanstack/react-query";
import { App as AntApp, ConfigProvider, type ConfigProviderProps } from "antd";
import enUSModule from "antd/locale/en_US";
import zhCNModule from "antd/locale/zh_CN";
import type { i18n as I18n } from "i18next";
import { useMemo, useState, type ReactNode } from "react";
import { I18nextProvider, useTranslation } from "react-i18next";
import { setDateLanguage } from "@/lib/dates";
import { currentLanguage, i18n as appI18n } from "@/lib/i18n";
import { createQueryClient } from "@/lib/queryClient";

type LocaleData = NonNullable<ConfigProviderProps["locale"]>;

/**
 * `antd/locale/*` are CommonJS modules; the production bundler hands over the whole module object
 * (Node's interop: `{ default: locale }`) where the dev server and Vitest hand over its default
 * export. Either way, the locale itself.
 */
export function antdLocale(module: LocaleData | { default: LocaleData }): LocaleData {
  return "default" in module && typeof module.default === "object" ? module.default : (module as LocaleData);
}

const zhCN = antdLocale(zhCNModule);
const enUS = antdLocale(enUSModule);

const theme = {
  token: {
    colorPrimary: "#1677ff",
    borderRadius: 6,
    fontFamily:
      '-apple-system, BlinkMacSystemFont, "Segoe UI", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Helvetica Neue", Arial, sans-serif',
  },
};

/** Ant Design in the UI language (its own texts: pagination, empty states, modals). */
function AntdLocale({ children, motion }: { children: ReactNode; motion: boolean }) {
  const { i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const locale = language === "zh-CN" ? zhCN : enUS;
  setDateLanguage(language);
  const themed = useMemo(() => (motion ? theme : { token: { ...theme.token, motion: false } }), [motion]);
  return (
    <ConfigProvider locale={locale} theme={themed}>
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

export function AppProviders({
  children,
  queryClient,
  i18n = appI18n,
  motion = true,
}: {
  children: ReactNode;
  queryClient?: QueryClient;
  i18n?: I18n;
  /** Animations off (tests: jsdom never finishes a CSS transition). */
  motion?: boolean;
}) {
  const [client] = useState(() => queryClient ?? createQueryClient());
  return (
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={client}>
        <AntdLocale motion={motion}>{children}</AntdLocale>
      </QueryClientProvider>
    </I18nextProvider>
  );
}
