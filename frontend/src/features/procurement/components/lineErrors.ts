import { ProblemError, toProblem } from "@/lib/problem";

/**
 * A request that lists only some of a form's rows (the lines received, the lines changed) gets its
 * errors back by position in that list: `lines.1.accepted_quantity` is the second line *sent*. This
 * names them by the form's rows instead (`rows[1]`), and puts an error about a whole line
 * (`lines.1`, as an over-receipt is reported) on that row's `wholeLineField`.
 */
export function errorsOnRows(error: unknown, rows: readonly number[], wholeLineField: string): ProblemError {
  const problem = toProblem(error);
  const fieldErrors: Record<string, string[]> = {};
  for (const [field, messages] of Object.entries(problem.fieldErrors)) {
    const match = /^lines\.(\d+)(?:\.(.+))?$/.exec(field);
    const row = match ? rows[Number(match[1])] : undefined;
    const name = match && row !== undefined ? `lines.${row}.${match[2] ?? wholeLineField}` : field;
    (fieldErrors[name] ??= []).push(...messages);
  }
  return new ProblemError({
    status: problem.status,
    code: problem.code,
    title: problem.title,
    detail: problem.detail,
    type: problem.type,
    fieldErrors,
  });
}
