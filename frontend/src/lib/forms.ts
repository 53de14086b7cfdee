/** Putting a server's field errors on the fields of an Ant Design form. */
import type { FormInstance } from "antd";
import { toProblem, type ProblemError } from "./problem";

/** Django's MinimumLengthValidator (AUTH_PASSWORD_VALIDATORS) and the sign-up API both ask for 10. */
export const PASSWORD_MIN_LENGTH = 10;

/** A server field name as an Ant Design name path: `lines.0.quantity` → `["lines", 0, "quantity"]`. */
export function fieldPath(field: string): (string | number)[] {
  return field.split(".").map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/**
 * Sets each of the problem's field errors on the form field of the same name (or its alias in
 * `fieldMap`). Nested names (`lines.0.quantity`, as DRF reports errors in lists) land on the field of
 * that row of a Form.List. Returns the messages that matched no field, for the form's own error banner.
 */
export function applyProblemToForm(
  form: FormInstance,
  error: unknown,
  fieldMap: Record<string, string> = {},
): string[] {
  const problem: ProblemError = toProblem(error);
  const registered = new Set(Object.keys(form.getFieldsValue(true) as Record<string, unknown>));
  const unplaced: string[] = [];
  const fields: { name: (string | number)[]; errors: string[] }[] = [];
  for (const [field, messages] of Object.entries(problem.fieldErrors)) {
    const name = fieldMap[field] ?? field;
    const path = fieldPath(name);
    if (registered.has(String(path[0])) && (path.length === 1 || isRegistered(form, path))) {
      fields.push({ name: path, errors: messages });
    } else {
      unplaced.push(...messages);
    }
  }
  if (fields.length > 0) form.setFields(fields);
  return unplaced;
}

/** Whether a nested path names a field the form renders (so an error put there is seen). */
function isRegistered(form: FormInstance, path: (string | number)[]): boolean {
  try {
    return form.getFieldInstance(path) !== undefined || hasValue(form, path);
  } catch {
    return false;
  }
}

function hasValue(form: FormInstance, path: (string | number)[]): boolean {
  const parent = form.getFieldValue(path.slice(0, -1)) as unknown;
  return typeof parent === "object" && parent !== null && String(path.at(-1)) in parent;
}
