/** /finance/statements/general-ledger: one account's lines over a range with the running balance (明细账). */
import { Card, Descriptions, Select, Table } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { EmptyState, QueryView } from "@/components/PageState";
import { currentLanguage } from "@/lib/i18n";
import { formatDate } from "@/lib/format";
import { useAccountSearch } from "../api/accounts";
import { useLedgerHeader, useLedgerLines, type LedgerLine } from "../api/generalLedger";
import RangeBar from "../components/RangeBar";
import { formatFigure, monthRangeDates, useRangeState } from "../components/range";

export function Component() {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const state = useRangeState();
  const [search, setSearch] = useState("");
  const [accountId, setAccountId] = useState<number | null>(null);
  const [page, setPage] = useState(1);
  const accounts = useAccountSearch(search);
  const ledger = accountId === null ? null : { account_id: accountId, ...monthRangeDates(state.range) };
  const header = useLedgerHeader(ledger);
  const lines = useLedgerLines(ledger, { page, page_size: 50 });
  const name = (a: { code: string; name_zh: string; name_en: string }) =>
    `${a.code} ${state.lang === "en" ? a.name_en : a.name_zh}`;
  return (
    <div data-testid="statement-general-ledger">
      <RangeBar
        state={state}
        withCompare={false}
        extra={
          <Select<number>
            showSearch
            filterOption={false}
            onSearch={setSearch}
            value={accountId ?? undefined}
            onChange={(value) => {
              setAccountId(value);
              setPage(1);
            }}
            placeholder={t("financeStatements.pickAccount")}
            style={{ minWidth: 280 }}
            options={(accounts.data?.results ?? []).map((a) => ({ value: a.id, label: name(a) }))}
            data-testid="ledger-account"
          />
        }
      />
      {ledger === null ? (
        <EmptyState description={t("financeStatements.pickAccount")} />
      ) : (
        <QueryView query={header}>
          {(head) => (
            <Card title={name(head.account)}>
              <Descriptions size="small" column={4} style={{ marginBottom: 16 }}>
                <Descriptions.Item label={t("financeStatements.opening")}>
                  {formatFigure(head.opening, language)}
                </Descriptions.Item>
                <Descriptions.Item label={t("financeStatements.debit")}>
                  {formatFigure(head.debit, language)}
                </Descriptions.Item>
                <Descriptions.Item label={t("financeStatements.credit")}>
                  {formatFigure(head.credit, language)}
                </Descriptions.Item>
                <Descriptions.Item label={t("financeStatements.closing")}>
                  {formatFigure(head.closing, language)}
                </Descriptions.Item>
              </Descriptions>
              <QueryView query={lines}>
                {(data) => (
                  <Table<LedgerLine>
                    rowKey={(line) => `${line.entry_id}-${line.line_no}`}
                    size="small"
                    dataSource={data.results}
                    data-testid="ledger-lines"
                    pagination={{
                      current: page,
                      pageSize: 50,
                      total: data.count,
                      onChange: setPage,
                      showSizeChanger: false,
                    }}
                    columns={[
                      {
                        title: t("financeStatements.date"),
                        dataIndex: "date",
                        render: (v: string) => formatDate(v, language),
                      },
                      { title: t("financeStatements.entryNumber"), dataIndex: "entry_number" },
                      { title: t("financeStatements.description"), dataIndex: "description" },
                      {
                        title: t("financeStatements.debit"),
                        dataIndex: "debit",
                        align: "right",
                        render: (v: string) => (Number(v) ? formatFigure(v, language) : ""),
                      },
                      {
                        title: t("financeStatements.credit"),
                        dataIndex: "credit",
                        align: "right",
                        render: (v: string) => (Number(v) ? formatFigure(v, language) : ""),
                      },
                      {
                        title: t("financeStatements.balance"),
                        dataIndex: "balance",
                        align: "right",
                        render: (v: string) => formatFigure(v, language),
                      },
                    ]}
                  />
                )}
              </QueryView>
            </Card>
          )}
        </QueryView>
      )}
    </div>
  );
}
