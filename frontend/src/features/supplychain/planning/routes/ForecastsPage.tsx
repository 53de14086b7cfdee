/** `/supply-chain/forecasts`: forecasts this company publishes to its suppliers (as the buyer) and those it
 * received from its customers (as the supplier); a buyer creates one for a trading partner here. */
import { Button, Form, Input, InputNumber, Modal, Segmented, Select, Space, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { FormAlert, useFormProblem } from "@/components/FormAlert";
import { QueryView } from "@/components/PageState";
import { tablePagination, usePageParams } from "@/components/pagination";
import { useAccess } from "@/lib/access";
import { formatDateTime } from "@/lib/format";
import { currentLanguage } from "@/lib/i18n";
import {
  useCreateForecast,
  useForecasts,
  useTradingPartners,
  type ForecastQuery,
  type ForecastSummary,
} from "../api/forecasts";
import { nextWeek, WEEK_PATTERN } from "../components/weeks";

interface CreateValues {
  supplier_id: number;
  title: string;
  start_week: string;
  weeks: number;
  tolerance_percent: number;
}

function CreateForecast({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [form] = Form.useForm<CreateValues>();
  const problem = useFormProblem(form);
  const partners = useTradingPartners();
  const create = useCreateForecast();
  return (
    <Modal
      open={open}
      title={t("supplyChain.planning.create.title")}
      onCancel={onClose}
      okText={t("supplyChain.planning.create.submit")}
      okButtonProps={{ loading: create.isPending, id: "forecast-create-submit" }}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <FormAlert state={problem.state} />
      <Form
        form={form}
        layout="vertical"
        data-testid="forecast-create-form"
        initialValues={{ start_week: nextWeek(), weeks: 12, tolerance_percent: 10 }}
        onFinish={(values) => {
          problem.clear();
          create
            .mutateAsync({
              supplier_id: values.supplier_id,
              title: values.title,
              start_week: values.start_week,
              weeks: values.weeks,
              tolerance_percent: String(values.tolerance_percent),
            })
            .then((forecast) => navigate(`/supply-chain/forecasts/${forecast.id}`))
            .catch(problem.report);
        }}
      >
        <Form.Item name="supplier_id" label={t("supplyChain.planning.create.supplier")} rules={[{ required: true }]}>
          <Select
            data-testid="forecast-supplier"
            loading={partners.isPending}
            options={(partners.data?.results ?? []).map((p) => ({ value: p.id, label: p.name }))}
            showSearch
            optionFilterProp="label"
          />
        </Form.Item>
        <Form.Item name="title" label={t("supplyChain.planning.create.name")} rules={[{ required: true }]}>
          <Input data-testid="forecast-title" maxLength={200} />
        </Form.Item>
        <Space>
          <Form.Item
            name="start_week"
            label={t("supplyChain.planning.create.startWeek")}
            rules={[{ required: true, pattern: WEEK_PATTERN, message: t("supplyChain.planning.create.weekFormat") }]}
          >
            <Input data-testid="forecast-start-week" placeholder="2026-W50" style={{ width: 120 }} />
          </Form.Item>
          <Form.Item name="weeks" label={t("supplyChain.planning.create.weeks")} rules={[{ required: true }]}>
            <InputNumber min={1} max={52} data-testid="forecast-weeks" />
          </Form.Item>
          <Form.Item name="tolerance_percent" label={t("supplyChain.planning.tolerance")} rules={[{ required: true }]}>
            <InputNumber min={0} max={999} addonAfter="%" data-testid="forecast-tolerance" />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}

export function Component() {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const { can } = useAccess();
  const [side, setSide] = useState<"buyer" | "supplier">("buyer");
  const [params, setParams] = usePageParams();
  const [creating, setCreating] = useState(false);
  const query: ForecastQuery = { side, ...params };
  const forecasts = useForecasts(query);
  return (
    <div data-testid="forecasts-page">
      <Space style={{ width: "100%", justifyContent: "space-between", marginBottom: 16 }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t("supplyChain.planning.title")}
        </Typography.Title>
        <Space>
          <Segmented
            data-testid="forecast-side"
            value={side}
            onChange={(value) => {
              setSide(value as "buyer" | "supplier");
              setParams({ ...params, page: 1 });
            }}
            options={[
              { value: "buyer", label: t("supplyChain.planning.side.buyer") },
              { value: "supplier", label: t("supplyChain.planning.side.supplier") },
            ]}
          />
          {can("supplychain.manage") ? (
            <Button type="primary" data-testid="forecast-new" onClick={() => setCreating(true)}>
              {t("supplyChain.planning.create.open")}
            </Button>
          ) : null}
        </Space>
      </Space>
      <Typography.Paragraph type="secondary">{t(`supplyChain.planning.side.${side}Intro`)}</Typography.Paragraph>
      <QueryView query={forecasts}>
        {(data) => (
          <Table<ForecastSummary>
            data-testid="forecasts-table"
            rowKey="id"
            dataSource={data.results}
            pagination={tablePagination(data.count, params, setParams)}
            locale={{ emptyText: t("supplyChain.planning.empty") }}
            columns={[
              {
                title: t("supplyChain.planning.columns.title"),
                dataIndex: "title",
                render: (title: string, row) => <Link to={`/supply-chain/forecasts/${row.id}`}>{title}</Link>,
              },
              {
                title: t(
                  side === "buyer" ? "supplyChain.planning.columns.supplier" : "supplyChain.planning.columns.buyer",
                ),
                dataIndex: "partner_name",
              },
              {
                title: t("supplyChain.planning.columns.horizon"),
                key: "horizon",
                render: (_, row) => t("supplyChain.planning.horizon", { start: row.start_week, count: row.weeks }),
              },
              { title: t("supplyChain.planning.columns.version"), dataIndex: "current_version" },
              {
                title: t("supplyChain.planning.columns.commitment"),
                key: "commitment",
                render: (_, row) =>
                  row.latest_commitment_number === null ? (
                    <Tag>{t("supplyChain.planning.notCommitted")}</Tag>
                  ) : row.flagged_count ? (
                    <Tag color="red" data-testid={`flagged-${row.id}`}>
                      {t("supplyChain.planning.deviations", { count: row.flagged_count })}
                    </Tag>
                  ) : (
                    <Tag color="green">{t("supplyChain.planning.withinTolerance")}</Tag>
                  ),
              },
              {
                title: t("supplyChain.planning.columns.updated"),
                dataIndex: "updated_at",
                render: (value: string) => formatDateTime(value, language),
              },
            ]}
          />
        )}
      </QueryView>
      <CreateForecast open={creating} onClose={() => setCreating(false)} />
    </div>
  );
}
