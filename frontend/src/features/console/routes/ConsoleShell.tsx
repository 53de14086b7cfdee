import { ConsoleLayout } from "../components/ConsoleLayout";
import { RequireOperator } from "../components/RequireOperator";

/** `/console`: the operator gate around the console's frame; its pages are child routes. */
export function ConsoleShell() {
  return (
    <RequireOperator>
      <ConsoleLayout />
    </RequireOperator>
  );
}

export { ConsoleShell as Component };
