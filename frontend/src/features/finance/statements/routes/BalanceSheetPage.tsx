/** /finance/statements/balance-sheet: 资产负债表. */
import StatementPage from "../components/StatementPage";

export function Component() {
  return <StatementPage kind="balance-sheet" />;
}
