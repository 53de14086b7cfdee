import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import {
  Button,
  Card,
  Col,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Row,
  Select,
  Space,
  Switch,
  Typography,
} from "antd";
import { useEffect, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { CategoryTreeSelect } from "@/components/CategoryTreeSelect";
import { FormAlert, useFormProblem } from "@/components/FormAlert";
import { roleLabel } from "@/lib/access";
import { trimDecimal } from "@/lib/format";
import type { Department } from "../api/departments";
import type { Member, Role } from "../api/members";
import type { ApprovalRule, RuleInput, StepMode } from "../api/rules";
import { decimalPlaces, minorUnits } from "./poFormValues";

const MAX_STEPS = 10;

interface StepValues {
  mode: StepMode;
  user_ids: number[];
  roles: string[];
}

interface Values {
  name: string;
  priority: number | null;
  active: boolean;
  min_amount: string | null;
  max_amount: string | null;
  category_code: string | null;
  department_id: number | null;
  reminder_after_hours: number;
  steps: StepValues[];
}

function valuesOf(rule: ApprovalRule | null, nextPriority: number): Values {
  if (!rule) {
    return {
      name: "",
      priority: nextPriority,
      active: true,
      min_amount: null,
      max_amount: null,
      category_code: null,
      department_id: null,
      reminder_after_hours: 24,
      steps: [{ mode: "any", user_ids: [], roles: ["approver"] }],
    };
  }
  return {
    name: rule.name,
    priority: rule.priority,
    active: rule.active ?? true,
    min_amount: trimDecimal(rule.min_amount ?? null),
    max_amount: trimDecimal(rule.max_amount ?? null),
    category_code: rule.category_code || null,
    department_id: rule.department_id ?? null,
    reminder_after_hours: rule.reminder_after_hours ?? 24,
    steps: rule.steps.map((step) => ({
      mode: step.mode ?? "any",
      user_ids: step.user_ids ?? [],
      roles: step.roles ?? [],
    })),
  };
}

function bodyOf(values: Values): RuleInput {
  return {
    name: values.name.trim(),
    priority: values.priority ?? 0,
    active: values.active,
    min_amount: values.min_amount || null,
    max_amount: values.max_amount || null,
    category_code: values.category_code ?? "",
    department_id: values.department_id,
    reminder_after_hours: values.reminder_after_hours,
    steps: values.steps.map((step) => ({
      mode: step.mode,
      user_ids: step.user_ids,
      roles: step.roles as NonNullable<RuleInput["steps"][number]["roles"]>,
    })),
  };
}

/**
 * An approval rule: when it applies (amount range in the company's currency, category and its
 * sub-categories, the requester's department) and its serial steps, each "any of" or "all of" the
 * members and roles named. Only members and roles that may approve (po.approve) can be named.
 */
export function RuleModal({
  open,
  rule,
  nextPriority,
  currency,
  members,
  roles,
  departments,
  submitting,
  onSubmit,
  onClose,
}: {
  open: boolean;
  rule: ApprovalRule | null;
  nextPriority: number;
  currency: string;
  members: readonly Member[];
  roles: readonly Role[];
  departments: readonly Department[];
  submitting: boolean;
  onSubmit: (body: RuleInput) => Promise<unknown>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  // A step's own errors ("name at least one member or role") are reported on the step as a whole.
  const fieldMap = useMemo(
    () => Object.fromEntries(Array.from({ length: MAX_STEPS }, (_, i) => [`steps.${i}`, `steps.${i}.user_ids`])),
    [],
  );
  const { state, report, clear } = useFormProblem(form, fieldMap);
  const minor = minorUnits(currency);
  const approvingRoles = roles.filter((role) => role.permissions.includes("po.approve")).map((role) => role.role);
  const approvers = members.filter((member) => member.roles.some((role) => approvingRoles.includes(role)));

  useEffect(() => {
    if (open) {
      clear();
      form.resetFields();
      form.setFieldsValue(valuesOf(rule, nextPriority));
    }
  }, [open, rule, nextPriority, form, clear]);

  const onOk = async () => {
    const values = await form.validateFields();
    clear();
    try {
      await onSubmit(bodyOf(values));
      onClose();
    } catch (error) {
      report(error);
    }
  };

  const amountRules = [
    {
      validator: (_: unknown, value: string | null) =>
        decimalPlaces(value) <= minor
          ? Promise.resolve()
          : Promise.reject(new Error(t("procurement.validation.priceDecimals", { currency, n: minor }))),
    },
  ];

  return (
    <Modal
      open={open}
      width={860}
      title={rule ? t("procurement.rules.editTitle", { name: rule.name }) : t("procurement.rules.newTitle")}
      okText={t("actions.save")}
      cancelText={t("actions.cancel")}
      confirmLoading={submitting}
      okButtonProps={{ "data-testid": "rule-save" } as Record<string, string>}
      onOk={() => void onOk().catch(() => undefined)}
      onCancel={onClose}
      forceRender
    >
      <Form<Values> form={form} layout="vertical" name="approval-rule" initialValues={valuesOf(rule, nextPriority)}>
        <FormAlert state={state} />
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="name"
              label={t("procurement.rules.name")}
              rules={[
                { required: true, whitespace: true, message: t("validation.required") },
                { max: 200, message: t("validation.maxLength", { max: 200 }) },
              ]}
            >
              <Input data-testid="rule-name" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item
              name="priority"
              label={t("procurement.rules.priority")}
              extra={t("procurement.rules.priorityHelp")}
              rules={[{ required: true, message: t("validation.required") }]}
            >
              <InputNumber
                min={0}
                max={1_000_000}
                precision={0}
                style={{ width: "100%" }}
                data-testid="rule-priority"
              />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="active" label={t("procurement.rules.active")} valuePropName="checked">
              <Switch data-testid="rule-active" />
            </Form.Item>
          </Col>
        </Row>
        <Card size="small" title={t("procurement.rules.when")} style={{ marginBottom: 16 }}>
          <Row gutter={16}>
            <Col xs={12} md={6}>
              <Form.Item name="min_amount" label={t("procurement.rules.minAmount", { currency })} rules={amountRules}>
                <InputNumber<string> stringMode min="0" style={{ width: "100%" }} data-testid="rule-min-amount" />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item
                name="max_amount"
                label={t("procurement.rules.maxAmount", { currency })}
                dependencies={["min_amount"]}
                rules={[
                  ...amountRules,
                  ({ getFieldValue }) => ({
                    validator: (_, value: string | null) => {
                      const min = getFieldValue("min_amount") as string | null;
                      return value && min && Number(value) < Number(min)
                        ? Promise.reject(new Error(t("procurement.rules.maxBelowMin")))
                        : Promise.resolve();
                    },
                  }),
                ]}
              >
                <InputNumber<string> stringMode min="0" style={{ width: "100%" }} data-testid="rule-max-amount" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="category_code"
                label={t("procurement.fields.category")}
                extra={t("procurement.rules.categoryHelp")}
              >
                <CategoryTreeSelect data-testid="rule-category" placeholder={t("procurement.rules.anyCategory")} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="department_id"
                label={t("procurement.rules.department")}
                extra={t("procurement.rules.departmentHelp")}
              >
                <Select<number | null>
                  allowClear
                  placeholder={t("procurement.rules.anyDepartment")}
                  options={departments.map((d) => ({ value: d.id, label: `${d.name} (${d.code})` }))}
                  data-testid="rule-department"
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="reminder_after_hours"
                label={t("procurement.rules.reminder")}
                extra={t("procurement.rules.reminderHelp")}
                rules={[{ required: true, message: t("validation.required") }]}
              >
                <InputNumber
                  min={1}
                  max={24 * 90}
                  precision={0}
                  suffix={t("procurement.rules.hours")}
                  style={{ width: "100%" }}
                  data-testid="rule-reminder"
                />
              </Form.Item>
            </Col>
          </Row>
        </Card>
        <Typography.Title level={5}>{t("procurement.rules.steps")}</Typography.Title>
        <Typography.Paragraph type="secondary">{t("procurement.rules.stepsHelp")}</Typography.Paragraph>
        <Form.List
          name="steps"
          rules={[
            {
              validator: async (_, steps: StepValues[] | undefined) => {
                if (!steps || steps.length === 0) throw new Error(t("procurement.rules.stepsRequired"));
              },
            },
          ]}
        >
          {(fields, { add, remove }, { errors }) => (
            <div data-testid="rule-steps">
              {fields.map((field, index) => (
                <Card
                  key={field.key}
                  size="small"
                  style={{ marginBottom: 12 }}
                  data-testid={`rule-step-${index}`}
                  title={t("procurement.approval.level", { n: index + 1 })}
                  extra={
                    fields.length > 1 ? (
                      <Button
                        type="text"
                        danger
                        icon={<DeleteOutlined />}
                        onClick={() => remove(field.name)}
                        aria-label={t("procurement.rules.removeStep")}
                        data-testid={`rule-step-${index}-remove`}
                      />
                    ) : null
                  }
                >
                  <Form.Item name={[field.name, "mode"]} style={{ marginBottom: 8 }}>
                    <Radio.Group>
                      <Radio value="any" data-testid={`rule-step-${index}-mode-any`}>
                        {t("procurement.rules.modeAny")}
                      </Radio>
                      <Radio value="all" data-testid={`rule-step-${index}-mode-all`}>
                        {t("procurement.rules.modeAll")}
                      </Radio>
                    </Radio.Group>
                  </Form.Item>
                  <Row gutter={12}>
                    <Col xs={24} md={14}>
                      <Form.Item
                        name={[field.name, "user_ids"]}
                        label={t("procurement.rules.members")}
                        dependencies={[["steps", field.name, "roles"]]}
                        rules={[
                          ({ getFieldValue }) => ({
                            validator: (_, value: number[] | undefined) =>
                              (value?.length ?? 0) > 0 ||
                              ((getFieldValue(["steps", field.name, "roles"]) as string[] | undefined)?.length ?? 0) > 0
                                ? Promise.resolve()
                                : Promise.reject(new Error(t("procurement.rules.stepNeedsSomeone"))),
                          }),
                        ]}
                      >
                        <Select<number[]>
                          mode="multiple"
                          optionFilterProp="label"
                          placeholder={t("procurement.rules.membersPlaceholder")}
                          options={approvers.map((m) => ({
                            value: m.user_id,
                            label: m.full_name ? `${m.full_name} (${m.email})` : m.email,
                          }))}
                          data-testid={`rule-step-${index}-members`}
                        />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={10}>
                      <Form.Item name={[field.name, "roles"]} label={t("procurement.rules.roles")}>
                        <Select<string[]>
                          mode="multiple"
                          placeholder={t("procurement.rules.rolesPlaceholder")}
                          options={approvingRoles.map((role) => ({ value: role, label: roleLabel(t, role) }))}
                          data-testid={`rule-step-${index}-roles`}
                        />
                      </Form.Item>
                    </Col>
                  </Row>
                </Card>
              ))}
              <Form.ErrorList errors={errors} />
              {fields.length < MAX_STEPS ? (
                <Space>
                  <Button
                    type="dashed"
                    icon={<PlusOutlined />}
                    onClick={() => add({ mode: "any", user_ids: [], roles: [] })}
                    data-testid="rule-step-add"
                  >
                    {t("procurement.rules.addStep")}
                  </Button>
                </Space>
              ) : null}
            </div>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
