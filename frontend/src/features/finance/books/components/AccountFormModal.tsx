import { Checkbox, Form, Input, Modal, Select, TreeSelect } from "antd";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { FormAlert, useFormProblem } from "@/components/FormAlert";
import { currentLanguage } from "@/lib/i18n";
import { useUpdateAccount } from "../api/account";
import { ACCOUNT_TYPES, useCreateAccount, type Account, type AccountType } from "../api/accounts";
import { newIdempotencyKey } from "../api/keys";
import { buildAccountTree, type AccountNode } from "./accountTree";
import { accountLabel, reportLineLabel } from "./labels";
import { REPORT_LINES, type ReportLine } from "./reportLines";

interface Values {
  code: string;
  name_zh: string;
  name_en: string;
  parent_id: number | null;
  type: AccountType | null;
  report_line: ReportLine | null;
  is_cash: boolean;
}

interface TreeOption {
  value: number;
  title: string;
  children?: TreeOption[];
}

function treeOptions(nodes: readonly AccountNode[], language: "zh-CN" | "en"): TreeOption[] {
  return nodes.map((node) => ({
    value: node.id,
    title: accountLabel(node, language),
    children: node.children ? treeOptions(node.children, language) : undefined,
  }));
}

/**
 * Add an account (code, names, and a parent — whose type and report line it takes — or a type and a report
 * line of its own), or rename one (`account` given): names and the cash flag.
 */
export function AccountFormModal({
  open,
  account,
  parent,
  accounts,
  onClose,
}: {
  open: boolean;
  /** The account to rename; absent to add one. */
  account?: Account | null;
  /** The parent proposed for a new account. */
  parent?: Account | null;
  accounts: readonly Account[];
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const [form] = Form.useForm<Values>();
  const problem = useFormProblem(form);
  const create = useCreateAccount();
  const update = useUpdateAccount();
  const [idempotencyKey] = useState(newIdempotencyKey);
  const parentId = Form.useWatch("parent_id", form) ?? null;
  const editing = Boolean(account);
  const tree = useMemo(() => treeOptions(buildAccountTree(accounts), language), [accounts, language]);
  const reportLines = useMemo(
    () => REPORT_LINES.map((line) => ({ value: line, label: reportLineLabel(t, line) })),
    [t],
  );

  const submit = async (values: Values) => {
    problem.clear();
    try {
      if (account) {
        await update.mutateAsync({
          id: account.id,
          body: { name_zh: values.name_zh.trim(), name_en: values.name_en.trim(), is_cash: values.is_cash },
        });
      } else {
        await create.mutateAsync({
          idempotencyKey,
          body: {
            code: values.code.trim(),
            name_zh: values.name_zh?.trim() ?? "",
            name_en: values.name_en?.trim() ?? "",
            parent_id: values.parent_id,
            ...(values.parent_id === null && values.type ? { type: values.type } : {}),
            ...(values.report_line ? { report_line: values.report_line } : {}),
            currency: "",
            is_cash: values.is_cash,
          },
        });
      }
      onClose();
    } catch (error) {
      problem.report(error);
    }
  };

  return (
    <Modal
      open={open}
      destroyOnHidden
      title={editing ? t("finance.books.accounts.renameTitle") : t("finance.books.accounts.addTitle")}
      okText={t("actions.save")}
      cancelText={t("actions.cancel")}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending || update.isPending}
      okButtonProps={{ "data-testid": "account-form-submit" } as never}
    >
      <FormAlert state={problem.state} />
      <Form<Values>
        form={form}
        layout="vertical"
        preserve={false}
        onFinish={(values) => void submit(values)}
        initialValues={{
          code: account?.code ?? "",
          name_zh: account?.name_zh ?? "",
          name_en: account?.name_en ?? "",
          parent_id: account ? account.parent_id : (parent?.id ?? null),
          type: null,
          report_line: null,
          is_cash: account?.is_cash ?? parent?.is_cash ?? false,
        }}
      >
        <Form.Item
          name="code"
          label={t("finance.books.accounts.code")}
          rules={[{ required: !editing, message: t("finance.books.accounts.codeRequired") }]}
        >
          <Input disabled={editing} maxLength={20} data-testid="account-form-code" />
        </Form.Item>
        <Form.Item name="name_zh" label={t("finance.books.accounts.nameZh")}>
          <Input maxLength={200} data-testid="account-form-name-zh" />
        </Form.Item>
        <Form.Item
          name="name_en"
          label={t("finance.books.accounts.nameEn")}
          dependencies={["name_zh"]}
          rules={[
            ({ getFieldValue }) => ({
              validator: (_, value: string | undefined) =>
                (value ?? "").trim() || String(getFieldValue("name_zh") ?? "").trim()
                  ? Promise.resolve()
                  : Promise.reject(new Error(t("finance.books.accounts.nameRequired"))),
            }),
          ]}
        >
          <Input maxLength={200} data-testid="account-form-name-en" />
        </Form.Item>
        {editing ? null : (
          <>
            <Form.Item
              name="parent_id"
              label={t("finance.books.accounts.parent")}
              extra={t("finance.books.accounts.parentHelp")}
            >
              <TreeSelect<number>
                allowClear
                showSearch
                treeNodeFilterProp="title"
                treeData={tree}
                placeholder={t("finance.books.accounts.noParent")}
                data-testid="account-form-parent"
              />
            </Form.Item>
            {parentId === null ? (
              <Form.Item
                name="type"
                label={t("finance.books.accounts.type")}
                rules={[{ required: true, message: t("finance.books.accounts.typeRequired") }]}
              >
                <Select<AccountType>
                  data-testid="account-form-type"
                  options={ACCOUNT_TYPES.map((type) => ({
                    value: type,
                    label: t(`finance.books.accountTypes.${type}`),
                  }))}
                />
              </Form.Item>
            ) : null}
            <Form.Item
              name="report_line"
              label={t("finance.books.accounts.reportLine")}
              rules={[{ required: parentId === null, message: t("finance.books.accounts.reportLineRequired") }]}
              extra={parentId === null ? undefined : t("finance.books.accounts.reportLineInherited")}
            >
              <Select
                allowClear
                showSearch
                optionFilterProp="label"
                options={reportLines}
                data-testid="account-form-report-line"
              />
            </Form.Item>
          </>
        )}
        <Form.Item name="is_cash" valuePropName="checked">
          <Checkbox data-testid="account-form-cash">{t("finance.books.accounts.isCashHelp")}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}
