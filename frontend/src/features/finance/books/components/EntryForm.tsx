import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Col, DatePicker, Form, Input, InputNumber, Row, Select, Space, Typography } from "antd";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { FormAlert, useFormProblem } from "@/components/FormAlert";
import { dayjs, type Dayjs } from "@/lib/dates";
import { formatMoney } from "@/lib/format";
import { currentLanguage } from "@/lib/i18n";
import { useCreateEntry, type JournalEntry, type ManualEntryInput } from "../api/entries";
import { useJournals } from "../api/journals";
import { newIdempotencyKey } from "../api/keys";
import { useProjects } from "../api/projects";
import { AccountSelect } from "./AccountSelect";
import { centsToDecimal, toCents, totalsOf } from "./cents";
import { localizedJournal } from "./journal";
import { CASH_FLOW_TAGS, cashFlowTagLabel } from "./labels";

export interface EntryLineValues {
  account_id: number | null;
  description?: string;
  debit?: string | null;
  credit?: string | null;
  project_id?: number | null;
  cash_flow_tag?: string | null;
}

export interface EntryFormValues {
  date: Dayjs;
  journal: string;
  description: string;
  lines: EntryLineValues[];
}

const EMPTY_LINE: EntryLineValues = { account_id: null, description: "", debit: null, credit: null };

/** A line that can be posted: an account and exactly one of debit and credit above zero. */
function lineComplete(line: EntryLineValues | undefined): boolean {
  if (!line || line.account_id === null || line.account_id === undefined) return false;
  return toCents(line.debit) > 0n !== toCents(line.credit) > 0n;
}

/** The API's body for the form's values (amounts as decimal strings, empty sides as "0"). */
export function manualEntryBody(values: EntryFormValues): ManualEntryInput {
  return {
    date: values.date.format("YYYY-MM-DD"),
    journal: values.journal,
    description: values.description.trim(),
    lines: values.lines.map((line) => ({
      account_id: line.account_id ?? 0,
      debit: centsToDecimal(toCents(line.debit)),
      credit: centsToDecimal(toCents(line.credit)),
      description: (line.description ?? "").trim(),
      project_id: line.project_id ?? null,
      cash_flow_tag: line.cash_flow_tag ?? "",
    })),
  };
}

/**
 * A manual journal entry (记账凭证): date, journal, description and its lines, each a debit or a credit on a
 * postable account. The totals and their difference are shown as they are typed; the entry can be posted
 * only when every line is complete and debits equal credits.
 */
export function EntryForm({
  currency,
  onPosted,
  onCancel,
}: {
  /** The functional currency (amounts are entered in it). */
  currency: string;
  onPosted: (entry: JournalEntry) => void;
  onCancel?: () => void;
}) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const [form] = Form.useForm<EntryFormValues>();
  const problem = useFormProblem(form);
  const create = useCreateEntry();
  const journals = useJournals();
  const projects = useProjects();
  const [idempotencyKey] = useState(newIdempotencyKey);
  const watched = Form.useWatch("lines", form);
  const lines = useMemo(() => watched ?? [], [watched]);
  const totals = totalsOf(lines);
  const balanced = totals.difference === 0n && totals.debit > 0n;
  const complete = lines.length >= 2 && lines.every(lineComplete);
  const money = (cents: bigint) => formatMoney(centsToDecimal(cents), currency, language);

  const submit = async (values: EntryFormValues) => {
    problem.clear();
    try {
      onPosted(await create.mutateAsync({ body: manualEntryBody(values), idempotencyKey }));
    } catch (error) {
      problem.report(error);
    }
  };

  // A line is a debit or a credit: typing one side empties the other.
  const clearOther = (row: number, side: "debit" | "credit", value: string | null) => {
    if (value && toCents(value) > 0n) form.setFieldValue(["lines", row, side === "debit" ? "credit" : "debit"], null);
  };

  return (
    <Form<EntryFormValues>
      form={form}
      layout="vertical"
      onFinish={(values) => void submit(values)}
      initialValues={{ date: dayjs(), journal: "GJ", description: "", lines: [{ ...EMPTY_LINE }, { ...EMPTY_LINE }] }}
      data-testid="entry-form"
    >
      <FormAlert state={problem.state} />
      <Card>
        <Row gutter={16}>
          <Col xs={24} md={6}>
            <Form.Item
              name="date"
              label={t("finance.books.entryForm.date")}
              rules={[{ required: true, message: t("finance.books.entryForm.dateRequired") }]}
            >
              <DatePicker style={{ width: "100%" }} allowClear={false} data-testid="entry-form-date" />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item name="journal" label={t("finance.books.entryForm.journal")} rules={[{ required: true }]}>
              <Select<string>
                data-testid="entry-form-journal"
                options={(journals.data ?? [{ code: "GJ", name_zh: "记账凭证", name_en: "General journal" }]).map(
                  (journal) => ({
                    value: journal.code,
                    label: `${journal.code} ${localizedJournal(journal, language)}`,
                  }),
                )}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="description"
              label={t("finance.books.entryForm.description")}
              rules={[{ required: true, whitespace: true, message: t("finance.books.entryForm.descriptionRequired") }]}
            >
              <Input maxLength={500} data-testid="entry-form-description" />
            </Form.Item>
          </Col>
        </Row>
      </Card>
      <Card title={t("finance.books.entryForm.lines")} style={{ marginTop: 16 }}>
        <Form.List name="lines">
          {(fields, { add, remove }) => (
            <>
              <Row gutter={8} style={{ fontWeight: 500, marginBottom: 8 }}>
                <Col span={6}>{t("finance.books.lines.account")}</Col>
                <Col span={5}>{t("finance.books.lines.description")}</Col>
                <Col span={3}>{t("finance.books.lines.debit")}</Col>
                <Col span={3}>{t("finance.books.lines.credit")}</Col>
                <Col span={3}>{t("finance.books.lines.project")}</Col>
                <Col span={3}>{t("finance.books.lines.cashFlowTag")}</Col>
                <Col span={1} />
              </Row>
              {fields.map((field, index) => (
                <Row gutter={8} key={field.key} data-testid={`entry-line-${index}`} align="top">
                  <Col span={6}>
                    <Form.Item
                      name={[field.name, "account_id"]}
                      rules={[{ required: true, message: t("finance.books.entryForm.accountRequired") }]}
                    >
                      <AccountSelect style={{ width: "100%" }} data-testid={`entry-line-${index}-account`} />
                    </Form.Item>
                  </Col>
                  <Col span={5}>
                    <Form.Item name={[field.name, "description"]}>
                      <Input maxLength={500} data-testid={`entry-line-${index}-description`} />
                    </Form.Item>
                  </Col>
                  <Col span={3}>
                    <Form.Item name={[field.name, "debit"]}>
                      <InputNumber<string>
                        stringMode
                        min="0"
                        precision={2}
                        style={{ width: "100%" }}
                        onChange={(value) => clearOther(field.name, "debit", value)}
                        data-testid={`entry-line-${index}-debit`}
                      />
                    </Form.Item>
                  </Col>
                  <Col span={3}>
                    <Form.Item name={[field.name, "credit"]}>
                      <InputNumber<string>
                        stringMode
                        min="0"
                        precision={2}
                        style={{ width: "100%" }}
                        onChange={(value) => clearOther(field.name, "credit", value)}
                        data-testid={`entry-line-${index}-credit`}
                      />
                    </Form.Item>
                  </Col>
                  <Col span={3}>
                    <Form.Item name={[field.name, "project_id"]}>
                      <Select<number>
                        allowClear
                        showSearch
                        optionFilterProp="label"
                        popupMatchSelectWidth={false}
                        data-testid={`entry-line-${index}-project`}
                        options={(projects.data ?? [])
                          .filter((project) => project.is_active)
                          .map((project) => ({ value: project.id, label: `${project.code} ${project.name}` }))}
                      />
                    </Form.Item>
                  </Col>
                  <Col span={3}>
                    <Form.Item name={[field.name, "cash_flow_tag"]}>
                      <Select<string>
                        allowClear
                        popupMatchSelectWidth={false}
                        data-testid={`entry-line-${index}-cash-flow`}
                        options={CASH_FLOW_TAGS.map((tag) => ({ value: tag, label: cashFlowTagLabel(t, tag) }))}
                      />
                    </Form.Item>
                  </Col>
                  <Col span={1}>
                    <Button
                      type="text"
                      icon={<DeleteOutlined />}
                      disabled={fields.length <= 2}
                      onClick={() => remove(field.name)}
                      aria-label={t("finance.books.entryForm.removeLine")}
                      data-testid={`entry-line-${index}-remove`}
                    />
                  </Col>
                </Row>
              ))}
              <Row gutter={8} align="middle" data-testid="entry-totals">
                <Col span={11}>
                  <Button icon={<PlusOutlined />} onClick={() => add({ ...EMPTY_LINE })} data-testid="entry-add-line">
                    {t("finance.books.entryForm.addLine")}
                  </Button>
                </Col>
                <Col span={3}>
                  <Typography.Text strong data-testid="entry-total-debit">
                    {money(totals.debit)}
                  </Typography.Text>
                </Col>
                <Col span={3}>
                  <Typography.Text strong data-testid="entry-total-credit">
                    {money(totals.credit)}
                  </Typography.Text>
                </Col>
                <Col span={7}>
                  <Typography.Text
                    type={totals.difference === 0n ? "success" : "danger"}
                    data-testid="entry-difference"
                    data-balanced={balanced ? "true" : "false"}
                  >
                    {totals.difference === 0n
                      ? t("finance.books.entryForm.balanced")
                      : t("finance.books.entryForm.difference", {
                          amount: money(totals.difference < 0n ? -totals.difference : totals.difference),
                          side:
                            totals.difference > 0n
                              ? t("finance.books.entryForm.debitExceeds")
                              : t("finance.books.entryForm.creditExceeds"),
                        })}
                  </Typography.Text>
                </Col>
              </Row>
            </>
          )}
        </Form.List>
        {!complete && lines.length > 0 ? (
          <Alert
            type="info"
            showIcon
            style={{ marginTop: 16 }}
            message={t("finance.books.entryForm.incomplete")}
            data-testid="entry-incomplete"
          />
        ) : null}
      </Card>
      <Space style={{ marginTop: 16 }}>
        <Button
          type="primary"
          htmlType="submit"
          loading={create.isPending}
          disabled={!balanced || !complete}
          data-testid="entry-submit"
        >
          {t("finance.books.entryForm.post")}
        </Button>
        {onCancel ? <Button onClick={onCancel}>{t("actions.cancel")}</Button> : null}
      </Space>
    </Form>
  );
}
