import { Alert, type FormInstance } from "antd";
import { useCallback, useState } from "react";
import { useTranslation } from "react-i18next";
import { applyProblemToForm } from "@/lib/forms";
import { problemMessage } from "@/lib/problem";

export interface FormErrorState {
  error: unknown;
  /** Server messages that belong to no field of the form. */
  messages: string[];
}

/** The banner above a form for a failed submit; field messages sit on their fields instead. */
export function FormAlert({ state }: { state: FormErrorState | null }) {
  const { t } = useTranslation();
  if (!state) return null;
  return (
    <Alert
      data-testid="form-error"
      type="error"
      showIcon
      style={{ marginBottom: 16 }}
      message={problemMessage(t, state.error)}
      description={
        state.messages.length > 0 ? (
          <ul style={{ margin: 0, paddingInlineStart: 20 }}>
            {state.messages.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        ) : undefined
      }
    />
  );
}

/** Form-level error state plus a reporter that also puts field errors on their fields. */
export function useFormProblem(form: FormInstance, fieldMap?: Record<string, string>) {
  const [state, setState] = useState<FormErrorState | null>(null);
  const report = useCallback(
    (error: unknown) => setState({ error, messages: applyProblemToForm(form, error, fieldMap) }),
    [form, fieldMap],
  );
  const clear = useCallback(() => setState(null), []);
  return { state, report, clear };
}
