/** GET /api/catalog/export/?file_type=csv|xlsx — the catalog in the import's columns, as a file. */
import { downloadFile } from "@/lib/files";

export type ExportFormat = "csv" | "xlsx";

export function exportCatalog(format: ExportFormat): Promise<void> {
  return downloadFile(`/api/catalog/export/?file_type=${format}`, `catalog.${format}`);
}
