import { Button, Dropdown, Table, Tag, Typography } from "antd";
import { MoreOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { currentLanguage } from "@/lib/i18n";
import type { Account } from "../api/accounts";
import type { AccountNode } from "./accountTree";
import { accountName, reportLineLabel, roleName } from "./labels";

/**
 * The chart as a tree table: code, name, type, role, report line, cash and active flags. With `canEdit`,
 * each row offers to rename, add a sub-account, and deactivate or reactivate.
 */
export function AccountTreeTable({
  roots,
  expanded,
  onExpand,
  canEdit,
  onRename,
  onAddChild,
  onToggleActive,
}: {
  roots: AccountNode[];
  expanded: readonly number[];
  onExpand: (keys: number[]) => void;
  canEdit: boolean;
  onRename: (account: Account) => void;
  onAddChild: (account: Account) => void;
  onToggleActive: (account: Account) => void;
}) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  return (
    <Table<AccountNode>
      rowKey="id"
      size="small"
      dataSource={roots}
      pagination={false}
      data-testid="account-tree"
      expandable={{ expandedRowKeys: [...expanded], onExpandedRowsChange: (keys) => onExpand(keys as number[]) }}
      onRow={(account) => ({ "data-testid": `account-row-${account.code}` }) as never}
      rowClassName={(account) => (account.is_active ? "" : "account-inactive")}
      columns={[
        {
          key: "code",
          title: t("finance.books.accounts.code"),
          dataIndex: "code",
          width: 200,
          render: (code: string, account) => (
            <Typography.Text strong={!account.is_postable} type={account.is_active ? undefined : "secondary"}>
              {code}
            </Typography.Text>
          ),
        },
        {
          key: "name",
          title: t("finance.books.accounts.name"),
          render: (_, account) => (
            <Typography.Text strong={!account.is_postable} type={account.is_active ? undefined : "secondary"}>
              {accountName(account, language)}
            </Typography.Text>
          ),
        },
        {
          key: "type",
          title: t("finance.books.accounts.type"),
          render: (_, account) => t(`finance.books.accountTypes.${account.type}`),
        },
        {
          key: "role",
          title: t("finance.books.accounts.role"),
          render: (_, account) => (account.role ? <Tag color="blue">{roleName(t, account.role)}</Tag> : null),
        },
        {
          key: "report_line",
          title: t("finance.books.accounts.reportLine"),
          render: (_, account) => reportLineLabel(t, account.report_line),
        },
        {
          key: "flags",
          title: t("finance.books.accounts.flags"),
          render: (_, account) => (
            <>
              {account.is_postable ? null : <Tag>{t("finance.books.accounts.summary")}</Tag>}
              {account.is_cash ? <Tag color="green">{t("finance.books.accounts.cash")}</Tag> : null}
              {account.currency ? <Tag>{account.currency}</Tag> : null}
              {account.is_active ? null : (
                <Tag color="default" data-testid={`account-inactive-${account.code}`}>
                  {t("finance.books.accounts.inactive")}
                </Tag>
              )}
            </>
          ),
        },
        ...(canEdit
          ? [
              {
                key: "actions",
                title: "",
                width: 48,
                render: (_: unknown, account: AccountNode) => (
                  <Dropdown
                    trigger={["click"]}
                    menu={{
                      items: [
                        { key: "rename", label: t("finance.books.accounts.rename") },
                        { key: "child", label: t("finance.books.accounts.addChild") },
                        {
                          key: "active",
                          danger: account.is_active,
                          label: account.is_active
                            ? t("finance.books.accounts.deactivate")
                            : t("finance.books.accounts.activate"),
                        },
                      ],
                      onClick: ({ key }) => {
                        if (key === "rename") onRename(account);
                        else if (key === "child") onAddChild(account);
                        else onToggleActive(account);
                      },
                    }}
                  >
                    <Button
                      type="text"
                      size="small"
                      icon={<MoreOutlined />}
                      aria-label={t("finance.books.accounts.actions")}
                      data-testid={`account-actions-${account.code}`}
                    />
                  </Dropdown>
                ),
              },
            ]
          : []),
      ]}
    />
  );
}
