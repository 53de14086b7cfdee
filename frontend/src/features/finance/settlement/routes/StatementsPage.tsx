import { UploadOutlined } from "@ant-design/icons";
import { Alert, App, Button, Card, Select, Space, Table, Tag, Typography, Upload } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { EmptyState, QueryView } from "@/components/PageState";
import { FIRST_PAGE } from "@/lib/api";
import { useAccess } from "@/lib/access";
import { formatDate, formatDateTime, formatMoney } from "@/lib/format";
import { currentLanguage } from "@/lib/i18n";
import { problemMessage, toProblem } from "@/lib/problem";
import { useBankAccounts } from "../api/payments";
import {
  useConfirmLine,
  useImportStatement,
  useLineMatches,
  useStatementLines,
  useStatements,
  type StatementLine,
} from "../api/statements";

/** The suggested open invoices of one line, each with a button that records the line as its payment. */
function LineMatches({ line }: { line: StatementLine }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const { message } = App.useApp();
  const matches = useLineMatches(line.id);
  const confirm = useConfirmLine();
  return (
    <QueryView
      query={matches}
      isEmpty={(page) => page.count === 0}
      empty={<Typography.Text type="secondary">{t("financeSettlement.statements.noMatch")}</Typography.Text>}
    >
      {(page) => (
        <Table
          rowKey={(row) => row.invoice.id}
          size="small"
          pagination={false}
          dataSource={page.results}
          columns={[
            {
              title: t("financeSettlement.statements.why"),
              dataIndex: "reason",
              render: (v: string) => t(`financeSettlement.statements.reasons.${v}`),
            },
            { title: t("financeSettlement.invoice"), render: (_, row) => row.invoice.number },
            { title: t("financeSettlement.partner"), render: (_, row) => row.invoice.partner_name },
            {
              title: t("financeSettlement.open"),
              align: "right",
              render: (_, row) => formatMoney(row.invoice.open_amount, row.invoice.currency, language),
            },
            {
              title: "",
              render: (_, row) => (
                <Button
                  size="small"
                  type={row.rank === 1 ? "primary" : "default"}
                  loading={confirm.isPending}
                  data-testid={`confirm-${row.invoice.id}`}
                  onClick={() =>
                    confirm.mutate(
                      { lineId: line.id, invoiceIds: [row.invoice.id] },
                      {
                        onSuccess: (payment) =>
                          void message.success(t("financeSettlement.payments.recorded", { number: payment.number })),
                        onError: (error) => void message.error(problemMessage(t, error)),
                      },
                    )
                  }
                >
                  {t("financeSettlement.statements.confirm")}
                </Button>
              ),
            },
          ]}
        />
      )}
    </QueryView>
  );
}

/** `/finance/bank-import`: upload a bank statement CSV, see each line's suggested invoices, confirm. */
export function Component() {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const { can } = useAccess();
  const banks = useBankAccounts();
  const statements = useStatements(FIRST_PAGE);
  const upload = useImportStatement();
  const [bankId, setBankId] = useState<number | null>(null);
  const [statementId, setStatementId] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const lines = useStatementLines(statementId);
  const problem = error ? toProblem(error) : null;
  return (
    <div data-testid="statements-page">
      {can("finance.post") && (
        <Card title={t("financeSettlement.statements.import")}>
          <Space wrap>
            <Select
              style={{ width: 260 }}
              placeholder={t("financeSettlement.payments.bankAccount")}
              value={bankId ?? undefined}
              onChange={(value: number) => setBankId(value)}
              options={(banks.data?.results ?? []).map((bank) => ({
                value: bank.id,
                label: `${bank.name} ${bank.currency}`,
              }))}
              data-testid="statement-bank"
            />
            <Upload
              accept=".csv,text/csv"
              showUploadList={false}
              disabled={bankId === null}
              beforeUpload={(file) => {
                setError(null);
                if (bankId !== null)
                  upload.mutate(
                    { bankAccountId: bankId, file },
                    { onSuccess: (statement) => setStatementId(statement.id), onError: setError },
                  );
                return false;
              }}
            >
              <Button icon={<UploadOutlined />} disabled={bankId === null} loading={upload.isPending}>
                {t("financeSettlement.statements.upload")}
              </Button>
            </Upload>
          </Space>
          <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
            {t("financeSettlement.statements.layout")}
          </Typography.Paragraph>
          {problem && (
            <Alert
              type="error"
              showIcon
              data-testid="statement-error"
              message={problemMessage(t, error)}
              description={
                <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                  {Object.entries(problem.fieldErrors).map(([field, messages]) => (
                    <li key={field}>
                      {field}: {messages.join(" ")}
                    </li>
                  ))}
                </ul>
              }
            />
          )}
        </Card>
      )}
      <Card title={t("financeSettlement.statements.title")} style={{ marginTop: 16 }}>
        <QueryView
          query={statements}
          isEmpty={(page) => page.count === 0}
          empty={<EmptyState description={t("financeSettlement.statements.empty")} />}
        >
          {(page) => (
            <Table
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={page.results}
              onRow={(row) => ({ onClick: () => setStatementId(row.id), style: { cursor: "pointer" } })}
              rowClassName={(row) => (row.id === statementId ? "ant-table-row-selected" : "")}
              columns={[
                { title: t("financeSettlement.statements.file"), dataIndex: "filename" },
                {
                  title: t("financeSettlement.statements.imported"),
                  dataIndex: "imported_at",
                  render: (v: string) => formatDateTime(v, language),
                },
                { title: t("financeSettlement.statements.lines"), dataIndex: "line_count" },
                { title: t("financeSettlement.statements.duplicates"), dataIndex: "duplicate_count" },
              ]}
            />
          )}
        </QueryView>
      </Card>
      {statementId !== null && (
        <Card title={t("financeSettlement.statements.lines")} style={{ marginTop: 16 }}>
          <QueryView query={lines}>
            {(page) => (
              <Table<StatementLine>
                rowKey="id"
                size="small"
                pagination={false}
                dataSource={page.results}
                expandable={{
                  expandedRowRender: (line) => <LineMatches line={line} />,
                  rowExpandable: (line) => line.status === "unmatched" && can("finance.post"),
                }}
                columns={[
                  {
                    title: t("financeSettlement.payments.date"),
                    dataIndex: "value_date",
                    render: (v: string) => formatDate(v, language),
                  },
                  {
                    title: t("financeSettlement.payments.amount"),
                    dataIndex: "signed_amount",
                    align: "right",
                    render: (v: string, row) => formatMoney(v, row.currency, language),
                  },
                  { title: t("financeSettlement.statements.counterparty"), dataIndex: "counterparty" },
                  { title: t("financeSettlement.payments.reference"), dataIndex: "reference" },
                  {
                    title: t("financeSettlement.status"),
                    dataIndex: "status",
                    render: (v: string, row) => (
                      <Tag color={v === "confirmed" ? "green" : "orange"}>
                        {t(`financeSettlement.statements.statuses.${v}`)}
                        {row.payment_number ? ` · ${row.payment_number}` : ""}
                      </Tag>
                    ),
                  },
                ]}
              />
            )}
          </QueryView>
        </Card>
      )}
    </div>
  );
}
