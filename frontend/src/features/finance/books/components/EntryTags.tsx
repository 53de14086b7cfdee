import { Tag } from "antd";
import { useTranslation } from "react-i18next";
import type { JournalEntry } from "../api/entries";
import { sourceLabel } from "./labels";

/** Where an entry came from, and whether it reverses another or was reversed. */
export function EntryTags({
  entry,
}: {
  entry: Pick<JournalEntry, "id" | "source_kind" | "reversal_of_id" | "reversed_by_id">;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Tag>{sourceLabel(t, entry.source_kind)}</Tag>
      {entry.reversed_by_id !== null ? (
        <Tag color="orange" data-testid={`entry-reversed-${entry.id}`}>
          {t("finance.books.entries.reversed")}
        </Tag>
      ) : null}
    </>
  );
}
