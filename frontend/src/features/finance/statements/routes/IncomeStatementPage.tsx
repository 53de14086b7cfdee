/** /finance/statements/income-statement: 利润表. */
import StatementPage from "../components/StatementPage";

export function Component() {
  return <StatementPage kind="income-statement" />;
}
