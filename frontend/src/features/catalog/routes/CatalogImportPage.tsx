import { DownloadOutlined, InboxOutlined } from "@ant-design/icons";
import { Alert, Card, Collapse, Space, Table, Tag, Typography, Upload, Button } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import { EmptyState, QueryView } from "@/components/PageState";
import { FIRST_PAGE } from "@/lib/api";
import { saveBlob } from "@/lib/files";
import { formatDateTime } from "@/lib/format";
import { currentLanguage } from "@/lib/i18n";
import { problemMessage, toProblem } from "@/lib/problem";
import { useImportJob } from "../api/importJob";
import { useImportJobs, useUploadCatalogFile, type ImportJob } from "../api/imports";
import { CATALOG_COLUMNS, catalogTemplate } from "../components/catalogColumns";
import { ImportJobView } from "../components/ImportJobView";

const STATE_COLORS: Record<string, string> = {
  validating: "processing",
  validated: "blue",
  importing: "processing",
  done: "green",
  failed: "red",
};

function UploadArea() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const upload = useUploadCatalogFile();
  const [error, setError] = useState<unknown>(null);
  const problem = error ? toProblem(error) : null;
  return (
    <Space direction="vertical" size="middle" style={{ width: "100%" }}>
      {problem ? (
        <Alert
          type="error"
          showIcon
          data-testid="import-upload-error"
          data-problem-code={problem.code}
          message={problemMessage(t, problem)}
          description={
            [problem.detail, ...Object.values(problem.fieldErrors).flat()].filter(Boolean).join(" ") || undefined
          }
        />
      ) : null}
      <Upload.Dragger
        accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        multiple={false}
        showUploadList={false}
        disabled={upload.isPending}
        data-testid="import-upload"
        customRequest={({ file, onSuccess, onError }) => {
          setError(null);
          upload.mutate(file as File, {
            onSuccess: (job) => {
              onSuccess?.(job);
              void navigate(`/catalog/import/${job.id}`);
            },
            onError: (failure) => {
              onError?.(failure);
              setError(failure);
            },
          });
        }}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{upload.isPending ? t("catalog.import.uploading") : t("catalog.import.drop")}</p>
        <p className="ant-upload-hint">{t("catalog.import.hint")}</p>
      </Upload.Dragger>
      <Collapse
        size="small"
        items={[
          {
            key: "columns",
            label: t("catalog.import.columnsTitle"),
            children: (
              <Space direction="vertical" style={{ width: "100%" }}>
                <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
                  {t("catalog.import.columnsHelp")}
                </Typography.Paragraph>
                <Space size={[4, 4]} wrap>
                  {CATALOG_COLUMNS.map((column) => (
                    <Typography.Text key={column} code>
                      {column}
                    </Typography.Text>
                  ))}
                </Space>
                <Button
                  icon={<DownloadOutlined />}
                  onClick={() => saveBlob(catalogTemplate(), "catalog-template.csv")}
                  data-testid="import-template"
                >
                  {t("catalog.import.template")}
                </Button>
              </Space>
            ),
          },
        ]}
      />
    </Space>
  );
}

function RecentImports() {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const jobs = useImportJobs({ ...FIRST_PAGE, page_size: 10 });
  return (
    <Card size="small" title={t("catalog.import.recent")}>
      <QueryView
        query={jobs}
        isEmpty={(data) => data.count === 0}
        empty={<EmptyState description={t("catalog.import.noneYet")} />}
      >
        {(data) => (
          <Table<ImportJob>
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={data.results}
            data-testid="import-history"
            columns={[
              {
                key: "file",
                title: t("catalog.import.file"),
                render: (_, job) => <Link to={`/catalog/import/${job.id}`}>{job.file_name}</Link>,
              },
              {
                key: "state",
                title: t("catalog.import.state"),
                render: (_, job) => (
                  <Tag color={STATE_COLORS[job.state]}>{t(`catalog.import.states.${job.state}`)}</Tag>
                ),
              },
              { key: "rows", title: t("catalog.import.totalRows"), dataIndex: "total_rows" },
              { key: "errors", title: t("catalog.import.errorCount"), dataIndex: "error_count" },
              {
                key: "created",
                title: t("catalog.import.uploaded"),
                render: (_, job) => formatDateTime(job.created_at, language),
              },
            ]}
          />
        )}
      </QueryView>
    </Card>
  );
}

function JobPanel({ id }: { id: number }) {
  const navigate = useNavigate();
  const job = useImportJob(id);
  return (
    <QueryView query={job} loadingRows={6}>
      {(data) => <ImportJobView job={data} onAnother={() => void navigate("/catalog/import")} />}
    </QueryView>
  );
}

export function CatalogImportPage() {
  const { t } = useTranslation();
  const { jobId } = useParams();
  return (
    <Space direction="vertical" size="large" style={{ width: "100%" }} data-testid="catalog-import-page">
      <Link to="/catalog">← {t("catalog.backToCatalog")}</Link>
      <div>
        <Typography.Title level={2} style={{ margin: 0 }}>
          {t("catalog.import.title")}
        </Typography.Title>
        <Typography.Text type="secondary">{t("catalog.import.intro")}</Typography.Text>
      </div>
      {jobId ? <JobPanel id={Number(jobId)} /> : <UploadArea />}
      <RecentImports />
    </Space>
  );
}

export { CatalogImportPage as Component };
