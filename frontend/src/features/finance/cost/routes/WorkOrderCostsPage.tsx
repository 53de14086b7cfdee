/** `/finance/cost/work-orders`: the cost of each work order (materials, labour, overhead); a row opens its
 * cost sheet, where materials are issued at their moving average and labour hours are recorded. */
import { Button, Descriptions, Drawer, Form, Input, InputNumber, Select, Space, Table, Typography } from "antd";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { FormAlert, useFormProblem } from "@/components/FormAlert";
import { QueryView } from "@/components/PageState";
import { tablePagination, usePageParams } from "@/components/pagination";
import { useAccess } from "@/lib/access";
import { formatDate, formatMoney, formatQuantity, formatUnitPrice } from "@/lib/format";
import { currentLanguage } from "@/lib/i18n";
import { useFunctionalCurrency } from "../api/currency";
import { useItemCosts } from "../api/itemCosts";
import { useCostSettings, useUpdateCostSettings } from "../api/settings";
import {
  useIssueMaterial,
  useRecordLabour,
  useWorkOrderCosts,
  useWorkOrderSheet,
  type WorkOrderCost,
  type WorkOrderSheet,
} from "../api/workOrders";
import { newIdempotencyKey } from "../components/idempotencyKey";
import { sheetLineKindLabel, workOrderStatusLabel } from "../components/labels";

function RatesForm() {
  const { t } = useTranslation();
  const settings = useCostSettings();
  const update = useUpdateCostSettings();
  const [form] = Form.useForm<{ labour_cost_per_hour: number; overhead_per_hour: number }>();
  const problem = useFormProblem(form);
  if (!settings.data) return null;
  return (
    <Form
      form={form}
      layout="inline"
      data-testid="cost-rates-form"
      initialValues={{
        labour_cost_per_hour: Number(settings.data.labour_cost_per_hour),
        overhead_per_hour: Number(settings.data.overhead_per_hour),
      }}
      onFinish={(values) => {
        problem.clear();
        update
          .mutateAsync({
            labour_cost_per_hour: String(values.labour_cost_per_hour),
            overhead_per_hour: String(values.overhead_per_hour),
          })
          .catch(problem.report);
      }}
    >
      <FormAlert state={problem.state} />
      <Form.Item name="labour_cost_per_hour" label={t("financeCost.workOrders.labourRate")}>
        <InputNumber min={0} />
      </Form.Item>
      <Form.Item name="overhead_per_hour" label={t("financeCost.workOrders.overheadRate")}>
        <InputNumber min={0} />
      </Form.Item>
      <Button htmlType="submit" loading={update.isPending}>
        {t("financeCost.save")}
      </Button>
    </Form>
  );
}

function Sheet({ sheet, currency }: { sheet: WorkOrderSheet; currency: string }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const { can } = useAccess();
  const money = (value: string) => formatMoney(value, currency, language);
  const materials = useItemCosts({ page: 1, page_size: 100 });
  const issue = useIssueMaterial(sheet.work_order_id);
  const labour = useRecordLabour(sheet.work_order_id);
  const [materialForm] = Form.useForm<{ stock: string; quantity: number }>();
  const [labourForm] = Form.useForm<{ hours: number; note?: string }>();
  const materialProblem = useFormProblem(materialForm);
  const labourProblem = useFormProblem(labourForm);
  const materialKey = useRef(newIdempotencyKey());
  const labourKey = useRef(newIdempotencyKey());
  const open = sheet.status === "open" && ["open", "in_progress"].includes(sheet.work_order_status);
  return (
    <Space direction="vertical" size="large" style={{ width: "100%" }}>
      <Descriptions size="small" column={3} bordered>
        <Descriptions.Item label={t("financeCost.workOrders.product")}>{sheet.sku}</Descriptions.Item>
        <Descriptions.Item label={t("financeCost.workOrders.quantity")}>
          {formatQuantity(sheet.quantity, language)}
        </Descriptions.Item>
        <Descriptions.Item label={t("financeCost.workOrders.status")}>
          {workOrderStatusLabel(t, sheet.work_order_status)}
        </Descriptions.Item>
        <Descriptions.Item label={t("financeCost.workOrders.materials")}>{money(sheet.materials)}</Descriptions.Item>
        <Descriptions.Item label={t("financeCost.workOrders.labour")}>
          {money(sheet.labour)} ({formatQuantity(sheet.labour_hours, language)} h)
        </Descriptions.Item>
        <Descriptions.Item label={t("financeCost.workOrders.overhead")}>{money(sheet.overhead)}</Descriptions.Item>
        <Descriptions.Item label={t("financeCost.workOrders.total")}>{money(sheet.total)}</Descriptions.Item>
        <Descriptions.Item label={t("financeCost.workOrders.unitCost")}>
          {formatUnitPrice(sheet.unit_cost, currency, language)}
        </Descriptions.Item>
      </Descriptions>
      <Table
        data-testid="sheet-lines"
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={sheet.lines}
        locale={{ emptyText: t("financeCost.workOrders.noLines") }}
        columns={[
          {
            title: t("financeCost.workOrders.date"),
            dataIndex: "occurred_on",
            render: (v: string) => formatDate(v, language),
          },
          {
            title: t("financeCost.workOrders.kind"),
            dataIndex: "kind",
            render: (k: string) => sheetLineKindLabel(t, k),
          },
          {
            title: t("financeCost.workOrders.lineQuantity"),
            dataIndex: "quantity",
            align: "right",
            render: (v: string) => formatQuantity(v, language),
          },
          {
            title: t("financeCost.workOrders.lineRate"),
            dataIndex: "unit_cost",
            align: "right",
            render: (v: string) => formatUnitPrice(v, currency, language),
          },
          { title: t("financeCost.workOrders.value"), dataIndex: "value", align: "right", render: money },
          { title: t("financeCost.note"), dataIndex: "note" },
        ]}
      />
      {open && can("finance.post") ? (
        <>
          <Typography.Text strong>{t("financeCost.workOrders.issueMaterial")}</Typography.Text>
          <FormAlert state={materialProblem.state} />
          <Form
            form={materialForm}
            layout="inline"
            data-testid="material-form"
            onFinish={(values) => {
              materialProblem.clear();
              const [itemId, warehouseId] = values.stock.split(":").map(Number);
              issue
                .mutateAsync({
                  idempotencyKey: materialKey.current,
                  body: { item_id: itemId ?? 0, warehouse_id: warehouseId ?? null, quantity: String(values.quantity) },
                })
                .then(() => {
                  materialKey.current = newIdempotencyKey();
                  materialForm.resetFields();
                })
                .catch(materialProblem.report);
            }}
          >
            <Form.Item name="stock" rules={[{ required: true }]}>
              <Select
                style={{ width: 280 }}
                placeholder={t("financeCost.workOrders.material")}
                showSearch
                optionFilterProp="label"
                options={(materials.data?.results ?? []).map((row) => ({
                  value: `${row.item_id}:${row.warehouse_id}`,
                  label: `${row.sku} · ${row.warehouse_code} · ${formatQuantity(row.quantity, language)} ${row.unit}`,
                }))}
              />
            </Form.Item>
            <Form.Item name="quantity" rules={[{ required: true }]}>
              <InputNumber min={0.0001} placeholder={t("financeCost.workOrders.quantity")} />
            </Form.Item>
            <Button htmlType="submit" loading={issue.isPending}>
              {t("financeCost.workOrders.issue")}
            </Button>
          </Form>
          <Typography.Text strong>{t("financeCost.workOrders.recordLabour")}</Typography.Text>
          <FormAlert state={labourProblem.state} />
          <Form
            form={labourForm}
            layout="inline"
            data-testid="labour-form"
            onFinish={(values) => {
              labourProblem.clear();
              labour
                .mutateAsync({
                  idempotencyKey: labourKey.current,
                  body: { hours: String(values.hours), note: values.note ?? "" },
                })
                .then(() => {
                  labourKey.current = newIdempotencyKey();
                  labourForm.resetFields();
                })
                .catch(labourProblem.report);
            }}
          >
            <Form.Item name="hours" rules={[{ required: true }]}>
              <InputNumber min={0.01} placeholder={t("financeCost.workOrders.hours")} />
            </Form.Item>
            <Form.Item name="note">
              <Input maxLength={500} placeholder={t("financeCost.note")} />
            </Form.Item>
            <Button htmlType="submit" loading={labour.isPending}>
              {t("financeCost.workOrders.record")}
            </Button>
          </Form>
        </>
      ) : null}
    </Space>
  );
}

export function Component() {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const { can } = useAccess();
  const currency = useFunctionalCurrency();
  const [params, setParams] = usePageParams();
  const [openId, setOpenId] = useState<number | null>(null);
  const list = useWorkOrderCosts(params);
  const sheet = useWorkOrderSheet(openId);
  const money = (value: string) => formatMoney(value, currency, language);
  return (
    <Space direction="vertical" size="large" style={{ width: "100%" }} data-testid="work-order-costs-page">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t("financeCost.workOrders.title")}
      </Typography.Title>
      {can("finance.post") ? <RatesForm /> : null}
      <QueryView query={list}>
        {(page) => (
          <Table<WorkOrderCost>
            data-testid="work-order-costs-table"
            rowKey="work_order_id"
            size="small"
            dataSource={page.results}
            pagination={tablePagination(page.count, params, setParams)}
            locale={{ emptyText: t("financeCost.workOrders.empty") }}
            onRow={(row) => ({ onClick: () => setOpenId(row.work_order_id), style: { cursor: "pointer" } })}
            columns={[
              { title: t("financeCost.workOrders.number"), dataIndex: "number" },
              { title: t("financeCost.workOrders.product"), dataIndex: "sku" },
              {
                title: t("financeCost.workOrders.quantity"),
                dataIndex: "quantity",
                align: "right",
                render: (v: string) => formatQuantity(v, language),
              },
              {
                title: t("financeCost.workOrders.status"),
                dataIndex: "work_order_status",
                render: (s: string) => workOrderStatusLabel(t, s),
              },
              { title: t("financeCost.workOrders.materials"), dataIndex: "materials", align: "right", render: money },
              { title: t("financeCost.workOrders.labour"), dataIndex: "labour", align: "right", render: money },
              { title: t("financeCost.workOrders.overhead"), dataIndex: "overhead", align: "right", render: money },
              { title: t("financeCost.workOrders.total"), dataIndex: "total", align: "right", render: money },
              {
                title: t("financeCost.workOrders.unitCost"),
                dataIndex: "unit_cost",
                align: "right",
                render: (v: string) => formatUnitPrice(v, currency, language),
              },
            ]}
          />
        )}
      </QueryView>
      <Drawer
        open={openId !== null}
        width={900}
        title={sheet.data ? t("financeCost.workOrders.sheetTitle", { number: sheet.data.number }) : ""}
        onClose={() => setOpenId(null)}
        destroyOnClose
      >
        {openId !== null ? (
          <QueryView query={sheet}>{(data) => <Sheet sheet={data} currency={currency} />}</QueryView>
        ) : null}
      </Drawer>
    </Space>
  );
}
