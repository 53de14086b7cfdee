import type { ImportJob } from "../api/imports";

/** How far a job is, 0 to 100, from the rows its task has done. */
export function importPercent(job: Pick<ImportJob, "rows_done" | "total_rows" | "state">): number {
  if (job.state === "done") return 100;
  if (job.total_rows <= 0) return 0;
  return Math.min(100, Math.floor((job.rows_done / job.total_rows) * 100));
}
