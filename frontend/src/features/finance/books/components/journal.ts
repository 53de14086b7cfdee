import { localized } from "@/lib/format";
import type { AppLanguage } from "@/lib/i18n";

/** A journal's name in the UI language ("记账凭证" / "General journal"). */
export function localizedJournal(journal: { name_zh: string; name_en: string }, language: AppLanguage): string {
  return localized(journal.name_en, journal.name_zh, language);
}
