/**
 * GET /api/finance/statements/export/ — a statement (or all of them) as an XLSX workbook, or one as a PDF:
 * fetched with the session and handed to the browser as a download.
 */
import { downloadFile } from "@/lib/files";

export type ExportReport =
  | "trial_balance"
  | "balance_sheet"
  | "income_statement"
  | "cash_flow"
  | "receivables_aging"
  | "payables_aging"
  | "vat_summary"
  | "all";

export type ExportFormat = "xlsx" | "pdf";

export function exportUrl(
  report: ExportReport,
  format: ExportFormat,
  params: Record<string, string | undefined>,
): string {
  const query = new URLSearchParams({ report, file_format: format });
  for (const [key, value] of Object.entries(params)) if (value) query.set(key, value);
  return `/api/finance/statements/export/?${query.toString()}`;
}

export function downloadExport(url: string, fallbackName: string): Promise<void> {
  return downloadFile(url, fallbackName);
}
