/** Putting a server's field errors on the fields of an Ant Design form. */
import type { FormInstance } from "antd";
import { toProblem, type ProblemError } from "./problem";

/** Django's MinimumLengthValidator (AUTH_PASSWORD_VALIDATORS) and the sign-up API both ask for 10. */
export const PASSWORD_MIN_LENGTH = 10;

/**
 * Sets each of the problem's field errors on the form field of the same name (or its alias in
 * `fieldMap`). Returns the messages that matched no field, for the form's own error banner.
 */
export function applyProblemToForm(
  form: FormInstance,
  error: unknown,
  fieldMap: Record<string, string> = {},
): string[] {
  const problem: ProblemError = toProblem(error);
  const registered = new Set(Object.keys(form.getFieldsValue(true) as Record<string, unknown>));
  const unplaced: string[] = [];
  const fields: { name: string; errors: string[] }[] = [];
  for (const [field, messages] of Object.entries(problem.fieldErrors)) {
    const name = fieldMap[field] ?? field;
    if (registered.has(name)) fields.push({ name, errors: messages });
    else unplaced.push(...messages);
  }
  if (fields.length > 0) form.setFields(fields);
  return unplaced;
}
