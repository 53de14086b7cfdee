import { Alert, App, Button, Card, Descriptions, Progress, Result, Space, Table, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { formatDateTime } from "@/lib/format";
import { currentLanguage } from "@/lib/i18n";
import { problemMessage } from "@/lib/problem";
import { useApplyImport } from "../api/importJob";
import type { ImportJob } from "../api/imports";
import { importPercent } from "./importProgress";

type RowError = ImportJob["errors"][number];

function Summary({ job }: { job: ImportJob }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  return (
    <Descriptions size="small" column={{ xs: 1, md: 3 }} bordered data-testid="import-summary">
      <Descriptions.Item label={t("catalog.import.file")}>{job.file_name}</Descriptions.Item>
      <Descriptions.Item label={t("catalog.import.uploaded")}>
        {formatDateTime(job.created_at, language)} · {job.created_by}
      </Descriptions.Item>
      <Descriptions.Item label={t("catalog.import.totalRows")}>
        <span data-testid="import-total-rows">{job.total_rows}</span>
      </Descriptions.Item>
      {job.validated_at ? (
        <>
          <Descriptions.Item label={t("catalog.import.validRows")}>
            <span data-testid="import-valid-rows">{job.valid_rows}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t("catalog.import.errorCount")}>
            <span data-testid="import-error-count">{job.error_count}</span>
          </Descriptions.Item>
        </>
      ) : null}
    </Descriptions>
  );
}

/** The dry run's errors, each with the spreadsheet's row number (data starts at 2) and its column. */
export function ImportErrorsTable({ job }: { job: ImportJob }) {
  const { t } = useTranslation();
  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      {job.error_count > job.errors.length ? (
        <Alert
          type="warning"
          showIcon
          message={t("catalog.import.errorsTruncated", { shown: job.errors.length, total: job.error_count })}
        />
      ) : null}
      <Table<RowError>
        data-testid="import-errors-table"
        size="small"
        rowKey={(e) => `${e.row}:${e.column}:${e.message}`}
        dataSource={job.errors}
        pagination={job.errors.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        onRow={(e) => ({ "data-testid": `import-error-row-${e.row}` }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { key: "row", title: t("catalog.import.row"), dataIndex: "row", width: 80 },
          {
            key: "column",
            title: t("catalog.import.column"),
            render: (_, e) => (e.column ? <Typography.Text code>{e.column}</Typography.Text> : "—"),
            width: 180,
          },
          { key: "message", title: t("catalog.import.message"), dataIndex: "message" },
        ]}
      />
    </Space>
  );
}

/**
 * One import, as far as it has got: checking (a progress bar while a background task works), the
 * dry run's outcome with every row error and the choice to import all or only the valid rows,
 * importing (progress again), and the result.
 */
export function ImportJobView({ job, onAnother }: { job: ImportJob; onAnother: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const apply = useApplyImport();

  const onApply = (onlyValid: boolean) =>
    apply.mutate(
      { id: job.id, onlyValid },
      {
        onSuccess: (next) => {
          if (next.state === "done") void message.success(t("catalog.import.doneMessage"));
        },
        onError: (error) => void message.error(problemMessage(t, error)),
      },
    );

  const percent = importPercent(job);
  let body: React.ReactNode;
  switch (job.state) {
    case "validating":
    case "importing":
      body = (
        <Space direction="vertical" style={{ width: "100%" }} data-testid="import-working">
          <Typography.Text>
            {job.state === "validating" ? t("catalog.import.checking") : t("catalog.import.importing")}
          </Typography.Text>
          <Progress percent={percent} status="active" data-testid="import-progress" />
          <Typography.Text type="secondary">
            {t("catalog.import.rowsProgress", { done: job.rows_done, total: job.total_rows })}
          </Typography.Text>
        </Space>
      );
      break;
    case "validated":
      body = (
        <Space direction="vertical" size="middle" style={{ width: "100%" }} data-testid="import-validated">
          {job.error_count === 0 ? (
            <Alert
              type="success"
              showIcon
              data-testid="import-clean"
              message={t("catalog.import.clean", { n: job.valid_rows })}
            />
          ) : (
            <Alert
              type="warning"
              showIcon
              message={t("catalog.import.hasErrors", { errors: job.error_count, valid: job.valid_rows })}
            />
          )}
          {job.error_count > 0 ? <ImportErrorsTable job={job} /> : null}
          <Space wrap>
            <Button
              type="primary"
              disabled={job.error_count > 0}
              loading={apply.isPending && apply.variables?.onlyValid === false}
              onClick={() => onApply(false)}
              data-testid="import-apply-all"
            >
              {t("catalog.import.applyAll", { n: job.total_rows })}
            </Button>
            {job.error_count > 0 && job.valid_rows > 0 ? (
              <Button
                loading={apply.isPending && apply.variables?.onlyValid === true}
                onClick={() => onApply(true)}
                data-testid="import-apply-valid"
              >
                {t("catalog.import.applyValid", { n: job.valid_rows })}
              </Button>
            ) : null}
            <Button onClick={onAnother} data-testid="import-another">
              {t("catalog.import.another")}
            </Button>
          </Space>
        </Space>
      );
      break;
    case "done":
      body = (
        <div data-testid="import-done">
          <Result
            status="success"
            title={t("catalog.import.doneTitle")}
            subTitle={t("catalog.import.doneCounts", {
              created: job.created_count,
              updated: job.updated_count,
              skipped: job.skipped_count,
            })}
            extra={[
              <Link key="catalog" to="/catalog">
                <Button type="primary" data-testid="import-to-catalog">
                  {t("catalog.import.toCatalog")}
                </Button>
              </Link>,
              <Button key="another" onClick={onAnother}>
                {t("catalog.import.another")}
              </Button>,
            ]}
          />
        </div>
      );
      break;
    default:
      body = (
        <div data-testid="import-failed">
          <Result
            status="error"
            title={t("catalog.import.failedTitle")}
            subTitle={job.failure || t("catalog.import.failedHelp")}
            extra={
              <Button type="primary" onClick={onAnother}>
                {t("catalog.import.another")}
              </Button>
            }
          />
        </div>
      );
  }

  return (
    <Card data-testid="import-job" data-state={job.state}>
      <Space direction="vertical" size="large" style={{ width: "100%" }}>
        <Summary job={job} />
        {body}
      </Space>
    </Card>
  );
}
