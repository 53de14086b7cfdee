import { PlusOutlined } from "@ant-design/icons";
import { Button, Card, Space, Table, Typography } from "antd";
import { useCallback, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { useAccess } from "@/lib/access";
import { FIRST_PAGE, type PageParams } from "@/lib/api";
import { formatDate } from "@/lib/format";
import { currentLanguage } from "@/lib/i18n";
import { useEntries, type JournalEntry } from "../api/entries";
import { Amount } from "../components/Amount";
import { BooksHeader } from "../components/BooksHeader";
import { BooksQueryView } from "../components/BooksQueryView";
import {
  EntryFilters,
  entryFilterParams,
  entryFiltersFrom,
  entryQuery,
  type EntryFilterValues,
} from "../components/EntryFilters";
import { EntryLinesTable } from "../components/EntryLinesTable";
import { EntryTags } from "../components/EntryTags";
import { ReverseEntryModal } from "../components/ReverseEntryModal";

/**
 * `/finance/entries`: journal entries (记账凭证), newest first, filtered by journal, period, account, days and
 * source (filters live in the address). A row opens to its lines; members who post can reverse an entry or
 * write a manual one.
 */
export function EntriesPage() {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const { can } = useAccess();
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = useMemo(() => entryFiltersFrom(searchParams), [searchParams]);
  const filterKey = entryFilterParams(filters).toString();
  const [paging, setPaging] = useState<{ key: string; params: PageParams }>({ key: filterKey, params: FIRST_PAGE });
  const params = paging.key === filterKey ? paging.params : FIRST_PAGE;
  const setParams = useCallback((next: PageParams) => setPaging({ key: filterKey, params: next }), [filterKey]);
  const entries = useEntries({ ...params, ...entryQuery(filters) });
  const [reversing, setReversing] = useState<JournalEntry | null>(null);
  const setFilters = (next: EntryFilterValues) => setSearchParams(entryFilterParams(next), { replace: true });
  const canPost = can("finance.post");

  return (
    <Space direction="vertical" size="large" style={{ width: "100%" }} data-testid="entries-page">
      <BooksHeader
        title={t("finance.books.entries.title")}
        intro={t("finance.books.entries.intro")}
        extra={
          canPost ? (
            <Link to="/finance/entries/new">
              <Button type="primary" icon={<PlusOutlined />} data-testid="entry-new">
                {t("finance.books.entries.new")}
              </Button>
            </Link>
          ) : null
        }
      />
      <Card>
        <EntryFilters value={filters} onChange={setFilters} />
        <BooksQueryView
          query={entries}
          isEmpty={(data) => data.count === 0}
          empty={filterKey ? t("finance.books.entries.emptyFiltered") : t("finance.books.entries.empty")}
        >
          {(data) => (
            <>
              <Typography.Text type="secondary" data-testid="entries-count">
                {t("finance.books.entries.count", { count: data.count })}
              </Typography.Text>
              <Table<JournalEntry>
                rowKey="id"
                size="small"
                dataSource={data.results}
                loading={entries.isFetching && entries.isPlaceholderData}
                expandable={{ expandedRowRender: (entry) => <EntryLinesTable entry={entry} /> }}
                onRow={(entry) => ({ "data-testid": `entry-row-${entry.id}` }) as never}
                pagination={{
                  current: params.page,
                  pageSize: params.page_size,
                  total: data.count,
                  showSizeChanger: true,
                  onChange: (page, pageSize) => setParams({ page, page_size: pageSize }),
                }}
                columns={[
                  {
                    key: "number",
                    title: t("finance.books.entries.number"),
                    render: (_, entry) => (
                      <Link to={`/finance/entries/${entry.id}`} data-testid={`entry-link-${entry.id}`}>
                        {entry.number}
                      </Link>
                    ),
                  },
                  {
                    key: "date",
                    title: t("finance.books.entries.date"),
                    render: (_, e) => formatDate(e.date, language),
                  },
                  { key: "journal", title: t("finance.books.entries.journal"), dataIndex: "journal" },
                  { key: "period", title: t("finance.books.entries.period"), dataIndex: "period" },
                  { key: "description", title: t("finance.books.entries.description"), dataIndex: "description" },
                  {
                    key: "source",
                    title: t("finance.books.entries.source"),
                    render: (_, e) => <EntryTags entry={e} />,
                  },
                  {
                    key: "total",
                    title: t("finance.books.entries.total"),
                    align: "right",
                    render: (_, e) => <Amount value={e.total} currency={e.currency} />,
                  },
                  ...(canPost
                    ? [
                        {
                          key: "actions",
                          title: "",
                          render: (_: unknown, entry: JournalEntry) =>
                            entry.reversed_by_id === null && entry.reversal_of_id === null ? (
                              <Button
                                size="small"
                                onClick={() => setReversing(entry)}
                                data-testid={`entry-reverse-${entry.id}`}
                              >
                                {t("finance.books.entries.reverse")}
                              </Button>
                            ) : null,
                        },
                      ]
                    : []),
                ]}
              />
            </>
          )}
        </BooksQueryView>
      </Card>
      {/* A fresh modal (and Idempotency-Key) for each entry reversed. */}
      <ReverseEntryModal key={reversing?.id ?? "none"} entry={reversing} onClose={() => setReversing(null)} />
    </Space>
  );
}

export { EntriesPage as Component };
