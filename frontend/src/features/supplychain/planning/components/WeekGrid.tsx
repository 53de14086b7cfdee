/** An editable grid of quantities: one row per item (SKU), one column per ISO week. Cells hold text, so a
 * value the server refuses (negative, not a number) is sent as typed and reported on its cell. */
import { Input, Table } from "antd";
import { useTranslation } from "react-i18next";

export type GridValues = Record<string, Record<string, string>>;

export function WeekGrid({
  weeks,
  skus,
  values,
  onChange,
  errors = {},
  testId = "week-grid",
}: {
  weeks: string[];
  skus: string[];
  values: GridValues;
  onChange: (values: GridValues) => void;
  /** Messages by "sku|week". */
  errors?: Record<string, string>;
  testId?: string;
}) {
  const { t } = useTranslation();
  const set = (sku: string, week: string, value: string) =>
    onChange({ ...values, [sku]: { ...(values[sku] ?? {}), [week]: value } });
  return (
    <Table
      data-testid={testId}
      size="small"
      pagination={false}
      scroll={{ x: true }}
      rowKey="sku"
      dataSource={skus.map((sku) => ({ sku }))}
      columns={[
        { title: t("supplyChain.planning.grid.sku"), dataIndex: "sku", fixed: "left" },
        ...weeks.map((week) => ({
          title: week,
          key: week,
          render: (_: unknown, row: { sku: string }) => {
            const message = errors[`${row.sku}|${week}`];
            return (
              <Input
                size="small"
                style={{ width: 84 }}
                status={message ? "error" : undefined}
                title={message}
                aria-label={`${row.sku} ${week}`}
                data-testid={`cell-${row.sku}-${week}`}
                value={values[row.sku]?.[week] ?? ""}
                onChange={(event) => set(row.sku, week, event.target.value)}
              />
            );
          },
        })),
      ]}
    />
  );
}

/** The grid as lines for the API (empty cells are 0), in row then week order. */
export function gridLines(weeks: string[], skus: string[], values: GridValues) {
  return skus.flatMap((sku) =>
    weeks.map((week) => ({ sku, week, quantity: (values[sku]?.[week] ?? "").trim() || "0" })),
  );
}

/** Field errors of a refused grid ("lines.<n>.quantity") placed on their cells. */
export function cellErrors(
  weeks: string[],
  skus: string[],
  fieldErrors: Record<string, string[]> | undefined,
): Record<string, string> {
  const lines = skus.flatMap((sku) => weeks.map((week) => `${sku}|${week}`));
  const out: Record<string, string> = {};
  for (const [field, messages] of Object.entries(fieldErrors ?? {})) {
    const match = /^lines\.(\d+)\./.exec(field);
    const cell = match ? lines[Number(match[1])] : undefined;
    if (cell) out[cell] = messages.join(" ");
  }
  return out;
}
