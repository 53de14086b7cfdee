import type { FormInstance } from "antd";
import { useCallback, useState } from "react";
import type { FormErrorState } from "@/components/FormAlert";
import { applyProblemToForm } from "@/lib/forms";
import { toProblem } from "@/lib/problem";

/**
 * Like `useFormProblem`, for forms that send only some of their rows: the field map is given with each
 * error (it depends on what was sent). A conflict's detail (which line, how much is left) is shown too.
 */
export function useSentRowsProblem(form: FormInstance) {
  const [state, setState] = useState<FormErrorState | null>(null);
  const report = useCallback(
    (error: unknown, fieldMap: Record<string, string> = {}) => {
      const problem = toProblem(error);
      const messages = applyProblemToForm(form, error, fieldMap);
      if (problem.status === 409 && problem.detail && !messages.includes(problem.detail)) messages.push(problem.detail);
      setState({ error, messages });
    },
    [form],
  );
  const clear = useCallback(() => setState(null), []);
  return { state, report, clear };
}
