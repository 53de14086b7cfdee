import { App, Card, Space, Table, Tabs, Tag, Typography } from "antd";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { useAccess } from "@/lib/access";
import { FIRST_PAGE, type PageParams } from "@/lib/api";
import { localized } from "@/lib/format";
import { currentLanguage } from "@/lib/i18n";
import { problemMessage } from "@/lib/problem";
import { useUpdatePostingRule } from "../api/postingRule";
import { EVENT_STATUSES, type PostingEventStatus } from "../api/postingEvents";
import { usePostingRules, type PostingRule } from "../api/postingRules";
import { AccountSelect } from "../components/AccountSelect";
import { BooksHeader } from "../components/BooksHeader";
import { BooksQueryView } from "../components/BooksQueryView";
import { accountLabel, eventKindLabel } from "../components/labels";
import { PostingEventsTable } from "../components/PostingEventsTable";

/** The rules grouped by business event kind, each kind's components in the table's order. */
export function rulesByKind(rules: readonly PostingRule[]): { kind: string; rules: PostingRule[] }[] {
  const kinds = new Map<string, PostingRule[]>();
  for (const rule of rules) kinds.set(rule.event_kind, [...(kinds.get(rule.event_kind) ?? []), rule]);
  return [...kinds.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([kind, list]) => ({ kind, rules: list }));
}

function RuleTable() {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const { can } = useAccess();
  const { message } = App.useApp();
  const rules = usePostingRules();
  const update = useUpdatePostingRule();
  const groups = useMemo(() => rulesByKind(rules.data ?? []), [rules.data]);

  const change = async (rule: PostingRule, accountId: number | null) => {
    if (accountId === null || accountId === rule.account.id) return;
    try {
      await update.mutateAsync({ id: rule.id, accountId });
      void message.success(t("finance.books.rules.changed"));
    } catch (error) {
      void message.error(problemMessage(t, error));
    }
  };

  return (
    <BooksQueryView query={rules} isEmpty={(data) => data.length === 0} empty={t("finance.books.rules.empty")}>
      {() => (
        <Space direction="vertical" size="middle" style={{ width: "100%" }}>
          <Typography.Text type="secondary">{t("finance.books.rules.intro")}</Typography.Text>
          {groups.map(({ kind, rules: list }) => (
            <Card
              key={kind}
              size="small"
              title={eventKindLabel(t, kind)}
              extra={<Typography.Text code>{kind}</Typography.Text>}
              data-testid={`rules-${kind}`}
            >
              <Table<PostingRule>
                rowKey="id"
                size="small"
                pagination={false}
                dataSource={list}
                columns={[
                  {
                    key: "component",
                    title: t("finance.books.rules.component"),
                    render: (_, rule) => (
                      <Space direction="vertical" size={0}>
                        <span>{localized(rule.description_en, rule.description_zh, language) || rule.component}</span>
                        <Typography.Text type="secondary" code>
                          {rule.component}
                        </Typography.Text>
                      </Space>
                    ),
                  },
                  {
                    key: "side",
                    title: t("finance.books.rules.side"),
                    render: (_, rule) => (
                      <Tag color={rule.side === "debit" ? "blue" : "purple"}>
                        {rule.side === "debit" ? t("finance.books.lines.debit") : t("finance.books.lines.credit")}
                      </Tag>
                    ),
                  },
                  {
                    key: "account",
                    title: t("finance.books.rules.account"),
                    render: (_, rule) =>
                      can("finance.post") ? (
                        <AccountSelect
                          allowClear={false}
                          value={rule.account.id}
                          onChange={(next) => void change(rule, next)}
                          style={{ minWidth: 260 }}
                          disabled={update.isPending && update.variables?.id === rule.id}
                          data-testid={`rule-account-${rule.id}`}
                        />
                      ) : (
                        accountLabel(rule.account, language)
                      ),
                  },
                ]}
              />
            </Card>
          ))}
        </Space>
      )}
    </BooksQueryView>
  );
}

/**
 * `/finance/rules`: the posting rules (记账规则) — for each business event (业务事项), the account each of
 * its components posts to — and the business events themselves with what became of them.
 * `?tab=events&status=failed` opens the failed events.
 */
export function RulesPage() {
  const { t } = useTranslation();
  const [searchParams, setSearchParams] = useSearchParams();
  const tab = searchParams.get("tab") === "events" ? "events" : "rules";
  const rawStatus = searchParams.get("status");
  const status = EVENT_STATUSES.includes(rawStatus as PostingEventStatus) ? (rawStatus as PostingEventStatus) : null;
  const [paging, setPaging] = useState<{ status: string | null; params: PageParams }>({ status, params: FIRST_PAGE });
  const params = paging.status === status ? paging.params : FIRST_PAGE;

  const setQuery = (next: { tab: string; status?: PostingEventStatus | null }) => {
    const query = new URLSearchParams();
    if (next.tab === "events") query.set("tab", "events");
    if (next.status) query.set("status", next.status);
    setSearchParams(query, { replace: true });
  };

  return (
    <Space direction="vertical" size="large" style={{ width: "100%" }} data-testid="rules-page">
      <BooksHeader title={t("finance.books.rules.title")} intro={t("finance.books.rules.pageIntro")} />
      <Tabs
        activeKey={tab}
        onChange={(key) => setQuery({ tab: key, status: key === "events" ? status : null })}
        items={[
          { key: "rules", label: t("finance.books.rules.tab"), children: <RuleTable /> },
          {
            key: "events",
            label: t("finance.books.events.tab"),
            children: (
              <PostingEventsTable
                status={status}
                onStatus={(next) => setQuery({ tab: "events", status: next })}
                params={params}
                onPage={(next) => setPaging({ status, params: next })}
              />
            ),
          },
        ]}
      />
    </Space>
  );
}

export { RulesPage as Component };
