import { Button, Card, Descriptions, Space } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import { ErrorState } from "@/components/PageState";
import { useAccess } from "@/lib/access";
import { formatDate, formatDateTime } from "@/lib/format";
import { currentLanguage } from "@/lib/i18n";
import { ProblemError } from "@/lib/problem";
import { useEntry } from "../api/entry";
import { Amount } from "../components/Amount";
import { BooksHeader } from "../components/BooksHeader";
import { BooksQueryView } from "../components/BooksQueryView";
import { EntryLinesTable } from "../components/EntryLinesTable";
import { EntryTags } from "../components/EntryTags";
import { ReverseEntryModal } from "../components/ReverseEntryModal";

/** `/finance/entries/:entryId`: one entry with its lines, where it came from, and its reversal. */
export function EntryDetailPage() {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const { can } = useAccess();
  const navigate = useNavigate();
  const { entryId } = useParams();
  const id = entryId && /^\d+$/.test(entryId) ? Number(entryId) : null;
  const entry = useEntry(id);
  const [reversing, setReversing] = useState(false);

  if (id === null) return <ErrorState error={new ProblemError({ status: 404, code: "not_found" })} />;
  return (
    <BooksQueryView query={entry}>
      {(data) => (
        <Space direction="vertical" size="large" style={{ width: "100%" }} data-testid="entry-detail">
          <BooksHeader
            title={t("finance.books.entry.title", { number: data.number })}
            intro={data.description}
            extra={
              <Space>
                <Link to="/finance/entries">{t("finance.books.entry.back")}</Link>
                {can("finance.post") && data.reversed_by_id === null && data.reversal_of_id === null ? (
                  <Button danger onClick={() => setReversing(true)} data-testid="entry-detail-reverse">
                    {t("finance.books.entries.reverse")}
                  </Button>
                ) : null}
              </Space>
            }
          />
          <Card>
            <Descriptions column={{ xs: 1, md: 3 }} size="small">
              <Descriptions.Item label={t("finance.books.entries.date")}>
                {formatDate(data.date, language)}
              </Descriptions.Item>
              <Descriptions.Item label={t("finance.books.entries.journal")}>{data.journal}</Descriptions.Item>
              <Descriptions.Item label={t("finance.books.entries.period")}>{data.period}</Descriptions.Item>
              <Descriptions.Item label={t("finance.books.entries.total")}>
                <Amount value={data.total} currency={data.currency} testId="entry-detail-total" />
              </Descriptions.Item>
              <Descriptions.Item label={t("finance.books.entries.source")}>
                <EntryTags entry={data} />
                {data.source_id ? <span>{data.source_id}</span> : null}
              </Descriptions.Item>
              <Descriptions.Item label={t("finance.books.entry.createdBy")}>
                {data.created_by || "—"} · {formatDateTime(data.created_at, language)}
              </Descriptions.Item>
              {data.reversal_of_id !== null ? (
                <Descriptions.Item label={t("finance.books.entry.reverses")}>
                  <Link to={`/finance/entries/${data.reversal_of_id}`} data-testid="entry-reverses-link">
                    {t("finance.books.entry.open")}
                  </Link>
                </Descriptions.Item>
              ) : null}
              {data.reversed_by_id !== null ? (
                <Descriptions.Item label={t("finance.books.entry.reversedBy")}>
                  <Link to={`/finance/entries/${data.reversed_by_id}`} data-testid="entry-reversed-by-link">
                    {t("finance.books.entry.open")}
                  </Link>
                </Descriptions.Item>
              ) : null}
            </Descriptions>
          </Card>
          <Card title={t("finance.books.entryForm.lines")}>
            <EntryLinesTable entry={data} />
          </Card>
          <ReverseEntryModal
            entry={reversing ? data : null}
            onClose={() => setReversing(false)}
            onReversed={(reversal) => void navigate(`/finance/entries/${reversal.id}`)}
          />
        </Space>
      )}
    </BooksQueryView>
  );
}

export { EntryDetailPage as Component };
