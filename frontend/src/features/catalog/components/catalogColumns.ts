/** The columns of a catalog file (import and export), in the order the export writes them. */
export const CATALOG_COLUMNS = [
  "sku",
  "name_en",
  "name_zh",
  "category_code",
  "unit",
  "currency",
  "price_tiers",
  "moq",
  "lead_time_days",
  "availability",
  "stock_quantity",
  "attributes",
  "description_en",
  "description_zh",
  "status",
] as const;

/** An example row for the template, matching CATALOG_COLUMNS. */
const EXAMPLE = [
  "6205-2RS",
  "Deep groove ball bearing 6205-2RS",
  "深沟球轴承 6205-2RS",
  "10.01.01",
  "pcs",
  "CNY",
  "1:12.50;100:11.00",
  "100",
  "7",
  "in_stock",
  "5000",
  "Bore=25 mm;Material=GCr15",
  "",
  "",
  "active",
];

function csvCell(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** A UTF-8 CSV (with a byte-order mark, so spreadsheet programs read Chinese right) to start from. */
export function catalogTemplate(): Blob {
  const lines = [CATALOG_COLUMNS.join(","), EXAMPLE.map(csvCell).join(",")];
  return new Blob(["\ufeff", `${lines.join("\r\n")}\r\n`], { type: "text/csv;charset=utf-8" });
}
