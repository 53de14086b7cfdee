import { PlusOutlined } from "@ant-design/icons";
import { App, Button, Card, Input, Select, Space, Typography } from "antd";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useAccess } from "@/lib/access";
import { problemMessage } from "@/lib/problem";
import { useUpdateAccount } from "../api/account";
import { ACCOUNT_TYPES, useChart, type Account, type AccountType } from "../api/accounts";
import { AccountFormModal } from "../components/AccountFormModal";
import { buildAccountTree, filterAccountTree, parentIds } from "../components/accountTree";
import { AccountTreeTable } from "../components/AccountTreeTable";
import { BooksHeader } from "../components/BooksHeader";
import { BooksQueryView } from "../components/BooksQueryView";

type Editing = { mode: "add"; parent: Account | null } | { mode: "rename"; account: Account } | null;

/**
 * `/finance/accounts`: the chart of accounts (科目表) as a tree by code, searchable by code or name and
 * filtered by type. Members who post may add accounts, rename them and deactivate or reactivate them.
 */
export function AccountsPage() {
  const { t } = useTranslation();
  const { can } = useAccess();
  const { modal, message } = App.useApp();
  const chart = useChart();
  const update = useUpdateAccount();
  const [search, setSearch] = useState("");
  const [type, setType] = useState<AccountType | null>(null);
  const [expanded, setExpanded] = useState<number[] | null>(null);
  const [editing, setEditing] = useState<Editing>(null);
  const accounts = useMemo(() => chart.data ?? [], [chart.data]);
  const roots = useMemo(() => {
    const typed = type ? accounts.filter((account) => account.type === type) : accounts;
    return filterAccountTree(buildAccountTree(typed), search);
  }, [accounts, type, search]);
  // Searching opens every branch that holds a match; otherwise the member's own choice (all open at first).
  const expandedKeys = search.trim() || expanded === null ? parentIds(roots) : expanded;
  const canEdit = can("finance.post");

  const toggleActive = (account: Account) => {
    const run = async () => {
      try {
        await update.mutateAsync({ id: account.id, body: { is_active: !account.is_active } });
      } catch (error) {
        void message.error(problemMessage(t, error));
      }
    };
    if (!account.is_active) return void run();
    modal.confirm({
      title: t("finance.books.accounts.deactivateTitle", { code: account.code }),
      content: t("finance.books.accounts.deactivateBody"),
      okText: t("finance.books.accounts.deactivate"),
      okButtonProps: { danger: true, "data-testid": "account-deactivate-confirm" } as never,
      cancelText: t("actions.cancel"),
      onOk: run,
    });
  };

  return (
    <Space direction="vertical" size="large" style={{ width: "100%" }} data-testid="accounts-page">
      <BooksHeader
        title={t("finance.books.accounts.title")}
        intro={t("finance.books.accounts.intro")}
        extra={
          canEdit ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setEditing({ mode: "add", parent: null })}
              data-testid="account-add"
            >
              {t("finance.books.accounts.add")}
            </Button>
          ) : null
        }
      />
      <Card>
        <Space wrap style={{ marginBottom: 16 }}>
          <Input.Search
            allowClear
            value={search}
            onChange={(event) => setSearch(event.target.value)}
            placeholder={t("finance.books.accounts.search")}
            style={{ width: 280 }}
            data-testid="account-search"
          />
          <Select<AccountType>
            allowClear
            value={type ?? undefined}
            onChange={(next) => setType(next ?? null)}
            placeholder={t("finance.books.accounts.allTypes")}
            style={{ minWidth: 160 }}
            data-testid="account-filter-type"
            options={ACCOUNT_TYPES.map((value) => ({ value, label: t(`finance.books.accountTypes.${value}`) }))}
          />
          <Typography.Text type="secondary" data-testid="account-count">
            {t("finance.books.accounts.count", { count: accounts.length })}
          </Typography.Text>
        </Space>
        <BooksQueryView
          query={chart}
          isEmpty={() => roots.length === 0}
          empty={search || type ? t("finance.books.accounts.noMatch") : t("finance.books.accounts.empty")}
        >
          {() => (
            <AccountTreeTable
              roots={roots}
              expanded={expandedKeys}
              onExpand={setExpanded}
              canEdit={canEdit}
              onRename={(account) => setEditing({ mode: "rename", account })}
              onAddChild={(account) => setEditing({ mode: "add", parent: account })}
              onToggleActive={toggleActive}
            />
          )}
        </BooksQueryView>
      </Card>
      <AccountFormModal
        key={editing ? (editing.mode === "rename" ? `r${editing.account.id}` : `a${editing.parent?.id ?? 0}`) : "none"}
        open={editing !== null}
        account={editing?.mode === "rename" ? editing.account : null}
        parent={editing?.mode === "add" ? editing.parent : null}
        accounts={accounts}
        onClose={() => setEditing(null)}
      />
    </Space>
  );
}

export { AccountsPage as Component };
