import { Card, Col, Descriptions, List, Row, Space, Statistic, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link, useOutletContext } from "react-router";
import { dayjs } from "@/lib/dates";
import { formatDate } from "@/lib/format";
import { currentLanguage } from "@/lib/i18n";
import type { FinanceOutletContext } from "../../sections";
import { useEntries } from "../api/entries";
import { usePeriods, type Period } from "../api/periods";
import { usePostingEvents } from "../api/postingEvents";
import { useFinanceSettings } from "../api/settings";
import { Amount } from "../components/Amount";
import { BooksHeader } from "../components/BooksHeader";
import { BooksError, BooksQueryView } from "../components/BooksQueryView";
import { sourceLabel } from "../components/labels";

/** The period today falls in; else the latest open one; else the latest. */
export function currentPeriod(periods: readonly Period[], today: string): Period | undefined {
  return (
    periods.find((period) => period.start <= today && today <= period.end) ??
    [...periods].reverse().find((period) => period.status === "open") ??
    periods.at(-1)
  );
}

function EventCount({ status }: { status: "pending" | "failed" }) {
  const { t } = useTranslation();
  const events = usePostingEvents({ status, page: 1, page_size: 1 });
  const count = events.data?.count;
  return (
    <Link to={`/finance/rules?tab=events&status=${status}`} data-testid={`home-events-${status}`}>
      <Statistic
        title={t(`finance.books.home.events_${status}`)}
        value={count ?? "—"}
        valueStyle={status === "failed" && count ? { color: "#cf1322" } : undefined}
      />
    </Link>
  );
}

/**
 * `/finance`: the books at a glance — how they are kept, the current period, business events waiting to
 * post or failed, the latest entries, and a card for every finance section. When the plan lacks the books
 * the page says so and links to the plans.
 */
export function FinanceHomePage() {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const { sections } = useOutletContext<FinanceOutletContext | undefined>() ?? { sections: [] };
  const settings = useFinanceSettings();
  const periods = usePeriods();
  const entries = useEntries({ page: 1, page_size: 5 });
  const period = periods.data ? currentPeriod(periods.data, dayjs().format("YYYY-MM-DD")) : undefined;

  if (settings.isError) return <BooksError error={settings.error} onRetry={() => void settings.refetch()} />;

  return (
    <Space direction="vertical" size="large" style={{ width: "100%" }} data-testid="finance-home">
      <BooksHeader title={t("finance.books.home.title")} intro={t("finance.books.home.intro")} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card title={t("finance.books.home.books")} style={{ height: "100%" }}>
            <BooksQueryView query={settings} loadingRows={3}>
              {(data) => (
                <Descriptions column={1} size="small">
                  <Descriptions.Item label={t("finance.books.settings.functionalCurrency")}>
                    <span data-testid="home-currency">{data.functional_currency}</span>
                  </Descriptions.Item>
                  <Descriptions.Item label={t("finance.books.settings.chartTemplate")}>
                    <span data-testid="home-template">{t(`finance.books.templates.${data.chart_template}`)}</span>
                  </Descriptions.Item>
                  <Descriptions.Item label={t("finance.books.home.currentPeriod")}>
                    {period ? (
                      <Space data-testid="home-period">
                        <Link to="/finance/periods">{period.label}</Link>
                        <Tag color={period.status === "open" ? "green" : "default"}>
                          {t(`finance.books.periods.status.${period.status}`)}
                        </Tag>
                      </Space>
                    ) : (
                      "—"
                    )}
                  </Descriptions.Item>
                </Descriptions>
              )}
            </BooksQueryView>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t("finance.books.home.postingEvents")} style={{ height: "100%" }}>
            <Row gutter={16}>
              <Col span={12}>
                <EventCount status="pending" />
              </Col>
              <Col span={12}>
                <EventCount status="failed" />
              </Col>
            </Row>
          </Card>
        </Col>
      </Row>
      <Card
        title={t("finance.books.home.latestEntries")}
        extra={<Link to="/finance/entries">{t("finance.books.home.allEntries")}</Link>}
      >
        <BooksQueryView
          query={entries}
          isEmpty={(data) => data.count === 0}
          empty={t("finance.books.entries.empty")}
          loadingRows={3}
        >
          {(data) => (
            <List
              size="small"
              dataSource={data.results}
              data-testid="home-latest-entries"
              renderItem={(entry) => (
                <List.Item extra={<Amount value={entry.total} currency={entry.currency} />}>
                  <Space wrap>
                    <Link to={`/finance/entries/${entry.id}`}>{entry.number}</Link>
                    <Typography.Text type="secondary">{formatDate(entry.date, language)}</Typography.Text>
                    <span>{entry.description}</span>
                    <Tag>{sourceLabel(t, entry.source_kind)}</Tag>
                  </Space>
                </List.Item>
              )}
            />
          )}
        </BooksQueryView>
      </Card>
      <Row gutter={[16, 16]} data-testid="home-sections">
        {sections
          .filter((section) => section.path !== "")
          .map((section) => (
            <Col xs={24} md={12} xl={8} key={section.key}>
              <Link to={`/finance/${section.path}`} data-testid={`home-section-${section.key}`}>
                <Card hoverable size="small" title={t(section.labelKey)}>
                  <Typography.Text type="secondary">
                    {section.descriptionKey ? t(section.descriptionKey) : t(section.labelKey)}
                  </Typography.Text>
                </Card>
              </Link>
            </Col>
          ))}
      </Row>
    </Space>
  );
}

export { FinanceHomePage as Component };
