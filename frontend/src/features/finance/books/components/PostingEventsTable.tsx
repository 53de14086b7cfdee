import { Button, Select, Space, Table, Tag, Typography, message } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { FIRST_PAGE, type PageParams } from "@/lib/api";
import { useAccess } from "@/lib/access";
import { formatDate, formatDateTime } from "@/lib/format";
import { currentLanguage } from "@/lib/i18n";
import { problemMessage } from "@/lib/problem";
import { EVENT_STATUSES, usePostingEvents, type PostingEvent, type PostingEventStatus } from "../api/postingEvents";
import { useRetryPostingEvent } from "../api/postingEventRetry";
import { BooksQueryView } from "./BooksQueryView";
import { eventKindLabel } from "./labels";

const STATUS_COLORS: Record<PostingEventStatus, string> = {
  pending: "gold",
  posted: "green",
  skipped: "default",
  failed: "red",
};

export function EventStatusTag({ status }: { status: PostingEventStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLORS[status]} data-testid={`event-status-${status}`}>
      {t(`finance.books.events.status.${status}`)}
    </Tag>
  );
}

/** Business events and what became of them: the entry they posted, or the error; failed ones can be retried. */
export function PostingEventsTable({
  status,
  onStatus,
  params = FIRST_PAGE,
  onPage,
}: {
  status: PostingEventStatus | null;
  onStatus: (status: PostingEventStatus | null) => void;
  params?: PageParams;
  onPage: (params: PageParams) => void;
}) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const { can } = useAccess();
  const events = usePostingEvents({ ...params, status: status ?? undefined });
  const retry = useRetryPostingEvent();
  const [toast, holder] = message.useMessage();

  const onRetry = async (event: PostingEvent) => {
    try {
      const after = await retry.mutateAsync(event.id);
      if (after.status === "failed") void toast.error(after.last_error || t("finance.books.events.stillFailing"));
      else void toast.success(t("finance.books.events.retried"));
    } catch (error) {
      void toast.error(problemMessage(t, error));
    }
  };

  return (
    <Space direction="vertical" style={{ width: "100%" }} data-testid="posting-events">
      {holder}
      <Select<PostingEventStatus>
        allowClear
        value={status ?? undefined}
        onChange={(next) => onStatus(next ?? null)}
        placeholder={t("finance.books.events.allStatuses")}
        style={{ minWidth: 180 }}
        data-testid="events-filter-status"
        options={EVENT_STATUSES.map((value) => ({ value, label: t(`finance.books.events.status.${value}`) }))}
      />
      <BooksQueryView query={events} isEmpty={(data) => data.count === 0} empty={t("finance.books.events.empty")}>
        {(data) => (
          <Table<PostingEvent>
            rowKey="id"
            size="small"
            dataSource={data.results}
            loading={events.isFetching && events.isPlaceholderData}
            pagination={{
              current: params.page,
              pageSize: params.page_size,
              total: data.count,
              onChange: (page, pageSize) => onPage({ page, page_size: pageSize }),
            }}
            columns={[
              {
                key: "kind",
                title: t("finance.books.events.kind"),
                render: (_, event) => eventKindLabel(t, event.kind),
              },
              { key: "source", title: t("finance.books.events.source"), dataIndex: "source_id" },
              {
                key: "occurred",
                title: t("finance.books.events.occurredOn"),
                render: (_, event) => formatDate(event.occurred_on, language),
              },
              {
                key: "status",
                title: t("finance.books.events.statusLabel"),
                render: (_, event) => <EventStatusTag status={event.status} />,
              },
              { key: "attempts", title: t("finance.books.events.attempts"), dataIndex: "attempts", align: "right" },
              {
                key: "result",
                title: t("finance.books.events.result"),
                render: (_, event) =>
                  event.entry_id !== null ? (
                    <Link to={`/finance/entries/${event.entry_id}`} data-testid={`event-entry-${event.id}`}>
                      {event.entry_number}
                    </Link>
                  ) : event.last_error ? (
                    <Typography.Text type="danger" data-testid={`event-error-${event.id}`}>
                      {event.last_error}
                    </Typography.Text>
                  ) : event.posted_at ? (
                    formatDateTime(event.posted_at, language)
                  ) : null,
              },
              {
                key: "actions",
                title: "",
                render: (_, event) =>
                  can("finance.post") && (event.status === "failed" || event.status === "pending") ? (
                    <Button
                      size="small"
                      loading={retry.isPending && retry.variables === event.id}
                      onClick={() => void onRetry(event)}
                      data-testid={`event-retry-${event.id}`}
                    >
                      {t("finance.books.events.retry")}
                    </Button>
                  ) : null,
              },
            ]}
          />
        )}
      </BooksQueryView>
    </Space>
  );
}
