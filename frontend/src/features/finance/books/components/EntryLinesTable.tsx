import { Table, Tag, Typography } from "antd";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { formatMoney, formatQuantity } from "@/lib/format";
import { currentLanguage } from "@/lib/i18n";
import type { JournalEntry, JournalLine } from "../api/entries";
import { useProjects } from "../api/projects";
import { Amount } from "./Amount";
import { accountLabel, cashFlowTagLabel } from "./labels";

/** The lines of an entry: account, debit, credit (functional currency), the foreign amount and the dimensions. */
export function EntryLinesTable({ entry }: { entry: Pick<JournalEntry, "id" | "currency" | "lines"> }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const projects = useProjects();
  const projectCodes = useMemo(
    () => new Map((projects.data ?? []).map((project) => [project.id, `${project.code} ${project.name}`])),
    [projects.data],
  );
  const dimensions = (line: JournalLine) => {
    const tags: { key: string; text: string }[] = [];
    if (line.project_id !== null)
      tags.push({
        key: "project",
        text: `${t("finance.books.lines.project")}: ${projectCodes.get(line.project_id) ?? line.project_id}`,
      });
    if (line.department_id !== null)
      tags.push({ key: "department", text: `${t("finance.books.lines.department")}: ${line.department_id}` });
    if (line.partner_name)
      tags.push({ key: "partner", text: `${t("finance.books.lines.partner")}: ${line.partner_name}` });
    if (line.cash_flow_tag) tags.push({ key: "cash", text: cashFlowTagLabel(t, line.cash_flow_tag) });
    return tags;
  };
  return (
    <Table<JournalLine>
      size="small"
      rowKey="line_no"
      pagination={false}
      dataSource={entry.lines}
      data-testid={`entry-lines-${entry.id}`}
      columns={[
        { key: "no", title: "#", dataIndex: "line_no", width: 48 },
        {
          key: "account",
          title: t("finance.books.lines.account"),
          render: (_, line) => accountLabel(line.account, language),
        },
        { key: "description", title: t("finance.books.lines.description"), dataIndex: "description" },
        {
          key: "debit",
          title: t("finance.books.lines.debit"),
          align: "right",
          render: (_, line) => <Amount value={line.debit} currency={entry.currency} blankZero />,
        },
        {
          key: "credit",
          title: t("finance.books.lines.credit"),
          align: "right",
          render: (_, line) => <Amount value={line.credit} currency={entry.currency} blankZero />,
        },
        {
          key: "currency",
          title: t("finance.books.lines.currencyAmount"),
          align: "right",
          render: (_, line) =>
            line.currency && line.currency !== entry.currency ? (
              <Typography.Text type="secondary" style={{ whiteSpace: "nowrap" }}>
                {formatMoney(line.amount_currency, line.currency, language)} @ {formatQuantity(line.rate, language)}
              </Typography.Text>
            ) : null,
        },
        {
          key: "dimensions",
          title: t("finance.books.lines.dimensions"),
          render: (_, line) =>
            dimensions(line).map((tag) => (
              <Tag key={tag.key} style={{ marginBottom: 2 }}>
                {tag.text}
              </Tag>
            )),
        },
      ]}
    />
  );
}
