/** `/supply-chain/forecasts/:forecastId`: one forecast. The plan (forecast vs committed per item and week,
 * deviations beyond the tolerance in red) with its chart, the versions (each kept, with what changed), the
 * supplier's commitments; the buyer publishes a new version (week grid, XLSX, or from consumption), the
 * supplier commits and turns its commitment into scheduled sales orders. */
import {
  Alert,
  Button,
  Descriptions,
  Input,
  InputNumber,
  Space,
  Table,
  Tabs,
  Tag,
  Tooltip,
  Typography,
  Upload,
  message,
} from "antd";
import { lazy, Suspense, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { QueryView } from "@/components/PageState";
import { useAccess } from "@/lib/access";
import { formatDateTime, formatQuantity } from "@/lib/format";
import { currentLanguage } from "@/lib/i18n";
import { problemMessage, toProblem } from "@/lib/problem";
import {
  useCommit,
  useCommitment,
  useCommitments,
  useDeriveForecast,
  useForecast,
  useImportForecast,
  usePublishVersion,
  useSchedule,
  useVersionDiff,
  useVersions,
  type Forecast,
  type Plan,
} from "../api/forecasts";
import { cellErrors, gridLines, WeekGrid, type GridValues } from "../components/WeekGrid";
import { horizon } from "../components/weeks";

const PlanChart = lazy(() => import("../components/PlanChart"));

type Row = Plan["rows"][number];

function PlanTable({ plan }: { plan: Plan }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const committed = plan.commitment_id !== null;
  return (
    <Table<Row>
      data-testid="plan-grid"
      size="small"
      rowKey="sku"
      pagination={false}
      scroll={{ x: true }}
      dataSource={plan.rows}
      columns={[
        {
          title: t("supplyChain.planning.grid.sku"),
          dataIndex: "sku",
          fixed: "left",
          render: (sku: string, row) => (
            <Tooltip title={row.description}>
              <span>
                {sku}
                {row.supplier_sku ? <Typography.Text type="secondary"> ({row.supplier_sku})</Typography.Text> : null}
              </span>
            </Tooltip>
          ),
        },
        ...plan.weeks.map((week, index) => ({
          title: week,
          key: week,
          render: (_: unknown, row: Row) => {
            const cell = row.cells[index];
            if (!cell) return null;
            return (
              <div
                data-testid={`plan-${row.sku}-${week}`}
                data-flagged={cell.flagged ? "true" : "false"}
                style={{
                  background: cell.flagged ? "#fff1f0" : undefined,
                  border: cell.flagged ? "1px solid #ffa39e" : undefined,
                  padding: "2px 4px",
                  borderRadius: 4,
                  whiteSpace: "nowrap",
                }}
              >
                <div>{formatQuantity(cell.forecast_quantity, language)}</div>
                {committed ? (
                  <Typography.Text type={cell.flagged ? "danger" : "secondary"} style={{ fontSize: 12 }}>
                    {formatQuantity(cell.committed_quantity, language)}
                    {cell.deviation_percent !== null && Number(cell.deviation_quantity) !== 0
                      ? ` (${Number(cell.deviation_percent) > 0 ? "+" : ""}${cell.deviation_percent}%)`
                      : ""}
                  </Typography.Text>
                ) : null}
                {cell.sales_order_number ? (
                  <div>
                    <Tag color="blue" style={{ fontSize: 11 }}>
                      {cell.sales_order_number}
                    </Tag>
                  </div>
                ) : null}
              </div>
            );
          },
        })),
      ]}
    />
  );
}

function Versions({ forecastId }: { forecastId: number }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const versions = useVersions(forecastId);
  const [selected, setSelected] = useState<number | null>(null);
  const diff = useVersionDiff(forecastId, selected);
  return (
    <QueryView query={versions}>
      {(data) => (
        <>
          <Table
            data-testid="versions-table"
            size="small"
            rowKey="number"
            pagination={false}
            dataSource={data.results}
            columns={[
              { title: t("supplyChain.planning.columns.version"), dataIndex: "number" },
              {
                title: t("supplyChain.planning.versions.source"),
                dataIndex: "source",
                render: (source: string) => t(`supplyChain.planning.source.${source}`, { defaultValue: source }),
              },
              {
                title: t("supplyChain.planning.columns.horizon"),
                key: "horizon",
                render: (_, row) => t("supplyChain.planning.horizon", { start: row.start_week, count: row.weeks }),
              },
              {
                title: t("supplyChain.planning.tolerance"),
                dataIndex: "tolerance_percent",
                render: (value: string) => `${value}%`,
              },
              {
                title: t("supplyChain.planning.versions.total"),
                dataIndex: "total_quantity",
                render: (value: string | null) => formatQuantity(value ?? "0", language),
              },
              {
                title: t("supplyChain.planning.versions.published"),
                dataIndex: "published_at",
                render: (value: string, row) => `${formatDateTime(value, language)} · ${row.published_by}`,
              },
              {
                key: "diff",
                render: (_, row) =>
                  row.number > 1 ? (
                    <Button size="small" data-testid={`diff-${row.number}`} onClick={() => setSelected(row.number)}>
                      {t("supplyChain.planning.versions.compare", { previous: row.number - 1 })}
                    </Button>
                  ) : null,
              },
            ]}
          />
          {selected !== null && diff.data ? (
            <div data-testid="version-diff" style={{ marginTop: 16 }}>
              <Typography.Title level={5}>
                {t("supplyChain.planning.versions.diffTitle", {
                  version: diff.data.version,
                  against: diff.data.against,
                })}
              </Typography.Title>
              <Table
                size="small"
                rowKey={(row) => `${row.sku}|${row.week}`}
                pagination={false}
                dataSource={diff.data.rows}
                locale={{ emptyText: t("supplyChain.planning.versions.noChange") }}
                columns={[
                  { title: t("supplyChain.planning.grid.sku"), dataIndex: "sku" },
                  { title: t("supplyChain.planning.grid.week"), dataIndex: "week" },
                  {
                    title: t("supplyChain.planning.versions.before"),
                    dataIndex: "before_quantity",
                    render: (v: string) => formatQuantity(v, language),
                  },
                  {
                    title: t("supplyChain.planning.versions.after"),
                    dataIndex: "after_quantity",
                    render: (v: string) => formatQuantity(v, language),
                  },
                  {
                    title: t("supplyChain.planning.versions.change"),
                    dataIndex: "change_quantity",
                    render: (v: string) => (
                      <Typography.Text type={Number(v) < 0 ? "danger" : "success"}>
                        {Number(v) > 0 ? "+" : ""}
                        {formatQuantity(v, language)}
                      </Typography.Text>
                    ),
                  },
                ]}
              />
            </div>
          ) : null}
        </>
      )}
    </QueryView>
  );
}

function initialValues(plan: Plan | null, use: "forecast" | "committed"): GridValues {
  const values: GridValues = {};
  for (const row of plan?.rows ?? []) {
    values[row.sku] = {};
    row.cells.forEach((cell) => {
      const source =
        use === "committed" && cell.committed_quantity !== null ? cell.committed_quantity : cell.forecast_quantity;
      (values[row.sku] as Record<string, string>)[cell.week] = String(Number(source));
    });
  }
  return values;
}

function GridEditor({
  weeks,
  skus: initialSkus,
  initial,
  canAddItems,
  submitLabel,
  pending,
  onSubmit,
  testId,
}: {
  weeks: string[];
  skus: string[];
  initial: GridValues;
  canAddItems: boolean;
  submitLabel: string;
  pending: boolean;
  onSubmit: (lines: ReturnType<typeof gridLines>) => Promise<unknown>;
  testId: string;
}) {
  const { t } = useTranslation();
  const [skus, setSkus] = useState(initialSkus);
  const [values, setValues] = useState<GridValues>(initial);
  const [newSku, setNewSku] = useState("");
  const [error, setError] = useState<unknown>(null);
  const problem = error ? toProblem(error) : null;
  const errors = cellErrors(weeks, skus, problem?.fieldErrors);
  return (
    <div data-testid={testId}>
      {problem ? (
        <Alert
          type="error"
          showIcon
          data-testid="grid-error"
          style={{ marginBottom: 12 }}
          message={problemMessage(t, error)}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {Object.entries(problem.fieldErrors).map(([field, messages]) => (
                <li key={field}>{`${field}: ${messages.join(" ")}`}</li>
              ))}
            </ul>
          }
        />
      ) : null}
      <WeekGrid
        weeks={weeks}
        skus={skus}
        values={values}
        onChange={setValues}
        errors={errors}
        testId={`${testId}-grid`}
      />
      <Space style={{ marginTop: 12 }} wrap>
        {canAddItems ? (
          <Space.Compact>
            <Input
              data-testid="grid-new-sku"
              placeholder={t("supplyChain.planning.grid.addSku")}
              value={newSku}
              onChange={(event) => setNewSku(event.target.value)}
            />
            <Button
              data-testid="grid-add-sku"
              disabled={!newSku.trim() || skus.includes(newSku.trim())}
              onClick={() => {
                setSkus([...skus, newSku.trim()]);
                setNewSku("");
              }}
            >
              {t("supplyChain.planning.grid.add")}
            </Button>
          </Space.Compact>
        ) : null}
        <Button
          type="primary"
          loading={pending}
          disabled={skus.length === 0}
          data-testid={`${testId}-submit`}
          onClick={() => {
            setError(null);
            onSubmit(gridLines(weeks, skus, values)).catch(setError);
          }}
        >
          {submitLabel}
        </Button>
      </Space>
    </div>
  );
}

function BuyerActions({ forecast }: { forecast: Forecast }) {
  const { t } = useTranslation();
  const publish = usePublishVersion(forecast.id);
  const importFile = useImportForecast(forecast.id);
  const derive = useDeriveForecast(forecast.id);
  const [weeksBack, setWeeksBack] = useState(8);
  const [importError, setImportError] = useState<unknown>(null);
  const [deriveError, setDeriveError] = useState<unknown>(null);
  const plan = forecast.plan;
  const weeks = plan?.weeks ?? [];
  const skus = (plan?.rows ?? []).map((row) => row.sku);
  const importProblem = importError ? toProblem(importError) : null;
  return (
    <Tabs
      data-testid="buyer-actions"
      items={[
        {
          key: "grid",
          label: t("supplyChain.planning.publish.grid"),
          children: (
            <GridEditor
              key={`${forecast.current_version}`}
              testId="publish"
              weeks={weeks.length ? weeks : horizon(forecast.start_week, forecast.weeks)}
              skus={skus}
              initial={initialValues(plan, "forecast")}
              canAddItems
              submitLabel={t("supplyChain.planning.publish.submit")}
              pending={publish.isPending}
              onSubmit={(lines) =>
                publish.mutateAsync({ lines }).then((version) => {
                  void message.success(t("supplyChain.planning.publish.done", { version: version.number }));
                })
              }
            />
          ),
        },
        {
          key: "import",
          label: t("supplyChain.planning.publish.import"),
          children: (
            <div data-testid="import-panel">
              <Typography.Paragraph type="secondary">
                {t("supplyChain.planning.publish.importHelp")}
              </Typography.Paragraph>
              {importProblem ? (
                <Alert
                  type="error"
                  showIcon
                  data-testid="import-error"
                  style={{ marginBottom: 12 }}
                  message={problemMessage(t, importError)}
                  description={
                    <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                      {Object.entries(importProblem.fieldErrors).map(([field, messages]) => (
                        <li
                          key={field}
                        >{`${field.replace(/^file\.?/, "") || t("supplyChain.planning.publish.file")}: ${messages.join(" ")}`}</li>
                      ))}
                    </ul>
                  }
                />
              ) : null}
              <Upload
                accept=".xlsx"
                showUploadList={false}
                beforeUpload={(file) => {
                  setImportError(null);
                  importFile
                    .mutateAsync(file)
                    .then(
                      (version) =>
                        void message.success(t("supplyChain.planning.publish.done", { version: version.number })),
                    )
                    .catch(setImportError);
                  return false;
                }}
              >
                <Button loading={importFile.isPending} data-testid="import-button">
                  {t("supplyChain.planning.publish.chooseFile")}
                </Button>
              </Upload>
            </div>
          ),
        },
        {
          key: "derive",
          label: t("supplyChain.planning.publish.derive"),
          children: (
            <div data-testid="derive-panel">
              <Typography.Paragraph type="secondary">
                {t("supplyChain.planning.publish.deriveHelp")}
              </Typography.Paragraph>
              {deriveError ? (
                <Alert type="error" showIcon style={{ marginBottom: 12 }} message={problemMessage(t, deriveError)} />
              ) : null}
              <Space>
                <InputNumber
                  min={1}
                  max={52}
                  value={weeksBack}
                  onChange={(value) => setWeeksBack(value ?? 8)}
                  addonBefore={t("supplyChain.planning.publish.weeksBack")}
                  data-testid="derive-weeks"
                />
                <Button
                  loading={derive.isPending}
                  data-testid="derive-button"
                  onClick={() => {
                    setDeriveError(null);
                    derive
                      .mutateAsync(weeksBack)
                      .then(
                        (version) =>
                          void message.success(t("supplyChain.planning.publish.done", { version: version.number })),
                      )
                      .catch(setDeriveError);
                  }}
                >
                  {t("supplyChain.planning.publish.deriveSubmit")}
                </Button>
              </Space>
            </div>
          ),
        },
      ]}
    />
  );
}

function Commitments({ forecast }: { forecast: Forecast }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const { can } = useAccess();
  const commitments = useCommitments(forecast.id);
  const schedule = useSchedule();
  const [opened, setOpened] = useState<number | null>(null);
  const detail = useCommitment(opened);
  const [scheduleError, setScheduleError] = useState<unknown>(null);
  const supplier = forecast.side === "supplier";
  return (
    <QueryView query={commitments}>
      {(data) => (
        <>
          {scheduleError ? (
            <Alert
              type="error"
              showIcon
              data-testid="schedule-error"
              style={{ marginBottom: 12 }}
              message={problemMessage(t, scheduleError)}
            />
          ) : null}
          <Table
            data-testid="commitments-table"
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={data.results}
            locale={{ emptyText: t("supplyChain.planning.commitments.none") }}
            columns={[
              { title: t("supplyChain.planning.commitments.number"), dataIndex: "number" },
              { title: t("supplyChain.planning.columns.version"), dataIndex: "version" },
              {
                title: t("supplyChain.planning.commitments.deviations"),
                dataIndex: "flagged_count",
                render: (count: number) =>
                  count ? (
                    <Tag color="red">{t("supplyChain.planning.deviations", { count })}</Tag>
                  ) : (
                    <Tag color="green">{t("supplyChain.planning.withinTolerance")}</Tag>
                  ),
              },
              {
                title: t("supplyChain.planning.commitments.committedAt"),
                dataIndex: "committed_at",
                render: (value: string, row) => `${formatDateTime(value, language)} · ${row.committed_by}`,
              },
              { title: t("supplyChain.planning.commitments.note"), dataIndex: "note" },
              {
                key: "actions",
                render: (_, row, index) => (
                  <Space>
                    <Button
                      size="small"
                      onClick={() => setOpened(row.id)}
                      data-testid={`commitment-open-${row.number}`}
                    >
                      {t("supplyChain.planning.commitments.open")}
                    </Button>
                    {supplier && index === 0 && can("supplychain.manage") && can("so.manage") ? (
                      <Button
                        size="small"
                        type="primary"
                        loading={schedule.isPending}
                        data-testid={`schedule-${row.number}`}
                        onClick={() => {
                          setScheduleError(null);
                          schedule
                            .mutateAsync({ commitmentId: row.id, body: {} })
                            .then(
                              (result) =>
                                void message.success(
                                  t("supplyChain.planning.commitments.scheduled", {
                                    count: result.orders.length,
                                    numbers: result.orders.map((o) => o.number).join(", "),
                                  }),
                                ),
                            )
                            .catch(setScheduleError);
                        }}
                      >
                        {t("supplyChain.planning.commitments.schedule")}
                      </Button>
                    ) : null}
                  </Space>
                ),
              },
            ]}
          />
          {detail.data ? (
            <Table
              data-testid="commitment-lines"
              style={{ marginTop: 16 }}
              size="small"
              rowKey={(line) => `${line.sku}|${line.week}`}
              pagination={false}
              dataSource={detail.data.lines}
              rowClassName={(line) => (line.flagged ? "planning-flagged" : "")}
              columns={[
                { title: t("supplyChain.planning.grid.sku"), dataIndex: "sku" },
                { title: t("supplyChain.planning.grid.week"), dataIndex: "week" },
                {
                  title: t("supplyChain.planning.chart.forecast"),
                  dataIndex: "forecast_quantity",
                  render: (v: string) => formatQuantity(v, language),
                },
                {
                  title: t("supplyChain.planning.chart.committed"),
                  dataIndex: "committed_quantity",
                  render: (v: string) => formatQuantity(v, language),
                },
                {
                  title: t("supplyChain.planning.commitments.deviation"),
                  dataIndex: "deviation_quantity",
                  render: (v: string, line) => (
                    <Typography.Text
                      type={line.flagged ? "danger" : undefined}
                      data-flagged={line.flagged ? "true" : "false"}
                    >
                      {formatQuantity(v, language)}
                      {line.deviation_percent !== null ? ` (${line.deviation_percent}%)` : ""}
                    </Typography.Text>
                  ),
                },
                {
                  title: t("supplyChain.planning.commitments.salesOrder"),
                  dataIndex: "sales_order_number",
                  render: (number: string, line) =>
                    number && line.sales_order_id ? (
                      <Link to={`/sales/orders/${line.sales_order_id}`}>{number}</Link>
                    ) : (
                      ""
                    ),
                },
              ]}
            />
          ) : null}
        </>
      )}
    </QueryView>
  );
}

function ForecastView({ forecast }: { forecast: Forecast }) {
  const { t } = useTranslation();
  const { can } = useAccess();
  const commit = useCommit(forecast.id);
  const plan = forecast.plan;
  const manage = can("supplychain.manage");
  const skus = useMemo(() => (plan?.rows ?? []).map((row) => row.sku), [plan]);
  const tabs = [
    {
      key: "plan",
      label: t("supplyChain.planning.tabs.plan"),
      children: plan ? (
        <>
          <Suspense fallback={null}>
            <PlanChart totals={plan.totals} />
          </Suspense>
          <PlanTable plan={plan} />
        </>
      ) : (
        <Typography.Paragraph data-testid="no-version">{t("supplyChain.planning.noVersion")}</Typography.Paragraph>
      ),
    },
    {
      key: "versions",
      label: t("supplyChain.planning.tabs.versions"),
      children: <Versions forecastId={forecast.id} />,
    },
    {
      key: "commitments",
      label: t("supplyChain.planning.tabs.commitments"),
      children: <Commitments forecast={forecast} />,
    },
  ];
  if (manage && forecast.side === "buyer")
    tabs.push({
      key: "publish",
      label: t("supplyChain.planning.tabs.publish"),
      children: <BuyerActions forecast={forecast} />,
    });
  if (manage && forecast.side === "supplier" && plan)
    tabs.push({
      key: "commit",
      label: t("supplyChain.planning.tabs.commit"),
      children: (
        <GridEditor
          key={`${plan.version}-${plan.commitment_number ?? 0}`}
          testId="commit"
          weeks={plan.weeks}
          skus={skus}
          initial={initialValues(plan, "committed")}
          canAddItems={false}
          submitLabel={t("supplyChain.planning.commit.submit", { version: plan.version })}
          pending={commit.isPending}
          onSubmit={(lines) =>
            commit.mutateAsync({ version: plan.version, lines }).then((result) => {
              void message.success(t("supplyChain.planning.commit.done", { count: result.flagged_count }));
            })
          }
        />
      ),
    });
  return (
    <div data-testid="forecast-page">
      <Typography.Title level={3}>{forecast.title}</Typography.Title>
      <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 16 }}>
        <Descriptions.Item
          label={t(
            forecast.side === "buyer" ? "supplyChain.planning.columns.supplier" : "supplyChain.planning.columns.buyer",
          )}
        >
          {forecast.partner_name}
        </Descriptions.Item>
        <Descriptions.Item label={t("supplyChain.planning.columns.horizon")}>
          {t("supplyChain.planning.horizon", { start: forecast.start_week, count: forecast.weeks })}
        </Descriptions.Item>
        <Descriptions.Item
          label={t("supplyChain.planning.tolerance")}
        >{`${forecast.tolerance_percent}%`}</Descriptions.Item>
        <Descriptions.Item label={t("supplyChain.planning.columns.version")}>
          {forecast.current_version}
        </Descriptions.Item>
        <Descriptions.Item label={t("supplyChain.planning.columns.commitment")}>
          {forecast.latest_commitment_number === null ? (
            <Tag>{t("supplyChain.planning.notCommitted")}</Tag>
          ) : forecast.flagged_count ? (
            <Tag color="red" data-testid="forecast-flagged">
              {t("supplyChain.planning.deviations", { count: forecast.flagged_count })}
            </Tag>
          ) : (
            <Tag color="green">{t("supplyChain.planning.withinTolerance")}</Tag>
          )}
        </Descriptions.Item>
      </Descriptions>
      <Tabs items={tabs} />
    </div>
  );
}

export function Component() {
  const params = useParams();
  const forecast = useForecast(Number(params.forecastId));
  return <QueryView query={forecast}>{(data) => <ForecastView forecast={data} />}</QueryView>;
}
