import { App, Button, Card, Space, Table, Tag, Typography } from "antd";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useAccess } from "@/lib/access";
import { formatDate, formatDateTime } from "@/lib/format";
import { currentLanguage } from "@/lib/i18n";
import { problemMessage } from "@/lib/problem";
import { useCreateFiscalYear } from "../api/fiscalYears";
import { usePeriods, type Period } from "../api/periods";
import { BooksHeader } from "../components/BooksHeader";
import { BooksQueryView } from "../components/BooksQueryView";
import { PeriodActionModal, type PeriodAction } from "../components/PeriodActionModal";

/** The periods grouped by fiscal year, the latest year first. */
export function periodsByYear(periods: readonly Period[]): { year: string; periods: Period[] }[] {
  const years = new Map<string, Period[]>();
  for (const period of periods) {
    const list = years.get(period.fiscal_year) ?? [];
    list.push(period);
    years.set(period.fiscal_year, list);
  }
  return [...years.entries()]
    .map(([year, list]) => ({ year, periods: list.sort((a, b) => a.start.localeCompare(b.start)) }))
    .sort((a, b) => (b.periods[0]?.start ?? "").localeCompare(a.periods[0]?.start ?? ""));
}

/**
 * `/finance/periods`: the accounting periods (会计期间) by fiscal year. A period is closed (结账) in order and
 * not while business events of its dates wait to post; the latest closed period can be reopened (反结账)
 * with a reason. The next fiscal year can be opened ahead of time.
 */
export function PeriodsPage() {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const { can } = useAccess();
  const { message } = App.useApp();
  const periods = usePeriods();
  const openYear = useCreateFiscalYear();
  const [acting, setActing] = useState<{ period: Period; action: PeriodAction } | null>(null);
  const years = useMemo(() => periodsByYear(periods.data ?? []), [periods.data]);
  const canPost = can("finance.post");
  const latestStart = years[0]?.periods[0]?.start;
  const nextYear = latestStart ? Number(latestStart.slice(0, 4)) + 1 : new Date().getFullYear();
  const lastClosed = [...(periods.data ?? [])].reverse().find((period) => period.status === "closed");

  const onOpenYear = async () => {
    try {
      const year = await openYear.mutateAsync(nextYear);
      void message.success(t("finance.books.periods.yearOpened", { year: year.name }));
    } catch (error) {
      void message.error(problemMessage(t, error));
    }
  };

  return (
    <Space direction="vertical" size="large" style={{ width: "100%" }} data-testid="periods-page">
      <BooksHeader
        title={t("finance.books.periods.title")}
        intro={t("finance.books.periods.intro")}
        extra={
          canPost ? (
            <Button onClick={() => void onOpenYear()} loading={openYear.isPending} data-testid="open-next-year">
              {t("finance.books.periods.openYear", { year: nextYear })}
            </Button>
          ) : null
        }
      />
      <BooksQueryView query={periods} isEmpty={(data) => data.length === 0} empty={t("finance.books.periods.empty")}>
        {() =>
          years.map(({ year, periods: list }) => (
            <Card
              key={year}
              title={t("finance.books.periods.fiscalYear", { year })}
              data-testid={`fiscal-year-${year}`}
            >
              <Table<Period>
                rowKey="id"
                size="small"
                pagination={false}
                dataSource={list}
                onRow={(period) => ({ "data-testid": `period-row-${period.label}` }) as never}
                columns={[
                  {
                    key: "label",
                    title: t("finance.books.periods.period"),
                    render: (_, period) => <Link to={`/finance/entries?period=${period.id}`}>{period.label}</Link>,
                  },
                  {
                    key: "dates",
                    title: t("finance.books.periods.dates"),
                    render: (_, period) =>
                      `${formatDate(period.start, language)} – ${formatDate(period.end, language)}`,
                  },
                  {
                    key: "status",
                    title: t("finance.books.periods.statusLabel"),
                    render: (_, period) => (
                      <Tag
                        color={period.status === "open" ? "green" : "default"}
                        data-testid={`period-status-${period.label}`}
                      >
                        {t(`finance.books.periods.status.${period.status}`)}
                      </Tag>
                    ),
                  },
                  {
                    key: "closed",
                    title: t("finance.books.periods.closedBy"),
                    render: (_, period) =>
                      period.closed_at ? (
                        <Typography.Text type="secondary">
                          {period.closed_by} · {formatDateTime(period.closed_at, language)}
                        </Typography.Text>
                      ) : null,
                  },
                  ...(canPost
                    ? [
                        {
                          key: "actions",
                          title: "",
                          render: (_: unknown, period: Period) =>
                            period.status === "open" ? (
                              <Button
                                size="small"
                                onClick={() => setActing({ period, action: "close" })}
                                data-testid={`period-close-${period.label}`}
                              >
                                {t("finance.books.periods.close")}
                              </Button>
                            ) : period.id === lastClosed?.id ? (
                              <Button
                                size="small"
                                danger
                                onClick={() => setActing({ period, action: "reopen" })}
                                data-testid={`period-reopen-${period.label}`}
                              >
                                {t("finance.books.periods.reopen")}
                              </Button>
                            ) : null,
                        },
                      ]
                    : []),
                ]}
              />
            </Card>
          ))
        }
      </BooksQueryView>
      <PeriodActionModal
        period={acting?.period ?? null}
        action={acting?.action ?? "close"}
        onClose={() => setActing(null)}
      />
    </Space>
  );
}

export { PeriodsPage as Component };
