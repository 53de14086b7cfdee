/** The period pickers (range and comparative), the labels' language and the export button of a statement page. */
import { DownloadOutlined, FilePdfOutlined } from "@ant-design/icons";
import { App, Button, Checkbox, DatePicker, Segmented, Space } from "antd";
import { useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { problemMessage } from "@/lib/problem";
import { downloadExport, exportUrl, type ExportFormat, type ExportReport } from "../api/export";
import type { StatementLang } from "../api/statements";
import { previousRange, type MonthRange, type RangeState } from "./range";

export default function RangeBar({
  state,
  report,
  withCompare = true,
  extra,
  exportParams,
}: {
  state: RangeState;
  /** What the export buttons download; none without it. */
  report?: ExportReport;
  withCompare?: boolean;
  extra?: ReactNode;
  exportParams?: Record<string, string | undefined>;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState<ExportFormat | null>(null);
  const download = async (format: ExportFormat) => {
    if (!report) return;
    setBusy(format);
    try {
      await downloadExport(exportUrl(report, format, { ...state.query, ...exportParams }), `${report}.${format}`);
    } catch (error) {
      void message.error(problemMessage(t, error));
    } finally {
      setBusy(null);
    }
  };
  return (
    <Space wrap style={{ marginBottom: 16 }} data-testid="statement-range-bar">
      <DatePicker.RangePicker
        picker="month"
        allowClear={false}
        value={state.range}
        onChange={(value) => value?.[0] && value[1] && state.setRange([value[0], value[1]] as MonthRange)}
        aria-label={t("financeStatements.range")}
        data-testid="statement-range"
      />
      {withCompare && (
        <>
          <Checkbox
            checked={state.compare !== null}
            onChange={(event) => state.setCompare(event.target.checked ? previousRange(state.range) : null)}
            data-testid="statement-compare"
          >
            {t("financeStatements.compare")}
          </Checkbox>
          {state.compare && (
            <DatePicker.RangePicker
              picker="month"
              allowClear={false}
              value={state.compare}
              onChange={(value) => value?.[0] && value[1] && state.setCompare([value[0], value[1]] as MonthRange)}
              aria-label={t("financeStatements.compareRange")}
            />
          )}
        </>
      )}
      {extra}
      <Segmented<StatementLang>
        value={state.lang}
        onChange={(value) => state.setLang(value)}
        options={[
          { value: "zh-CN", label: "中文" },
          { value: "en", label: "English" },
        ]}
        aria-label={t("financeStatements.labels")}
        data-testid="statement-lang"
      />
      {report && (
        <>
          <Button
            icon={<DownloadOutlined />}
            loading={busy === "xlsx"}
            onClick={() => void download("xlsx")}
            data-testid="export-xlsx"
          >
            {t("financeStatements.exportXlsx")}
          </Button>
          <Button
            icon={<FilePdfOutlined />}
            loading={busy === "pdf"}
            onClick={() => void download("pdf")}
            data-testid="export-pdf"
          >
            {t("financeStatements.exportPdf")}
          </Button>
        </>
      )}
    </Space>
  );
}
