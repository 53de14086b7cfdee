import { Segmented } from "antd";
import { useTranslation } from "react-i18next";
import { changeLanguage, currentLanguage, type AppLanguage } from "@/lib/i18n";

const LABELS: Record<AppLanguage, string> = { "zh-CN": "中文", en: "English" };

export interface LanguageSwitchProps {
  /** Called after the UI has switched, e.g. to save the member's preference on the server. */
  onChanged?: (language: AppLanguage) => void;
  size?: "small" | "middle" | "large";
}

/** 中文 | English. Each label names its language in that language, so it reads in either. */
export function LanguageSwitch({ onChanged, size = "middle" }: LanguageSwitchProps) {
  const { i18n, t } = useTranslation();
  const value = currentLanguage(i18n);
  return (
    <Segmented<AppLanguage>
      data-testid="language-switch"
      aria-label={t("language.switch")}
      size={size}
      value={value}
      options={(Object.keys(LABELS) as AppLanguage[]).map((language) => ({
        value: language,
        label: (
          <span data-testid={`language-option-${language}`} lang={language}>
            {LABELS[language]}
          </span>
        ),
      }))}
      onChange={(language) => {
        void changeLanguage(language, { instance: i18n }).then(() => onChanged?.(language));
      }}
    />
  );
}
