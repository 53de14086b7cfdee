/**
 * The line editor that RFQs, purchase orders and sales orders share: a card per line with the columns the
 * page asks for, a remove button, an "add line" button and the list's own error. It knows no API: the page
 * names the line's fields (its form values type), the labels and the validation messages, so renaming a
 * field of the API changes the page's mapping, never this component.
 */
import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import {
  AutoComplete,
  type AutoCompleteProps,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Space,
  Row,
  Typography,
  type ColProps,
  type FormInstance,
  type FormItemProps,
  type FormRule,
} from "antd";
import type { ReactElement, ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { CategoryTreeSelect } from "@/components/CategoryTreeSelect";
import { dateFieldProps } from "@/lib/dates";
import { formatMoney } from "@/lib/format";
import { currentLanguage } from "@/lib/i18n";
import { UNITS } from "@/lib/units";

/** The name of one of a line's fields. */
export type LineField<Line> = Extract<keyof Line, string>;

/** Where a cell sits: for test ids (`index`, its position on screen) and form paths (`row`). */
export interface LineCell {
  /** The line's name in the form list (stable while lines are added and removed). */
  row: number;
  /** The line's position on screen, from 0. */
  index: number;
  /** The cell's test id: `<testIdPrefix>-<index>-<column testId>`. */
  testId: string;
  /** The form path of another field of this line: `[list, row, field]`. */
  path: (field: string) => (string | number)[];
}

/** One editable field of a line. */
export interface LineColumn<Line> {
  /** The line's field the column edits (its form values name: the page maps it to the API). */
  field: LineField<Line>;
  label: ReactNode;
  /** Appended to the line's test id: `po-line-0-` + `quantity`. */
  testId: string;
  /** The grid cell's width (Ant Design's 24 columns). */
  span: ColProps;
  extra?: ReactNode;
  rules?: (cell: LineCell) => FormRule[];
  /** Other fields of the line whose change validates this one again. */
  dependencies?: LineField<Line>[];
  /** Other fields of the line whose change draws the input again (the input reads them). */
  rerenderOn?: LineField<Line>[];
  /** More Form.Item props (getValueFromEvent, getValueProps, normalize ...). */
  itemProps?: (cell: LineCell) => Omit<FormItemProps, "name" | "label" | "rules" | "extra" | "dependencies">;
  /** The input, given its test id. */
  input: (cell: LineCell) => ReactElement;
}

export interface LineEditorProps<Line> {
  form: FormInstance;
  /** The form list's name; "lines" unless said. */
  name?: string;
  columns: readonly LineColumn<Line>[];
  /** Fields kept on the line without an input (ids a pick filled in). */
  hiddenFields?: readonly LineField<Line>[];
  /** A new line's values. */
  emptyLine: () => Line;
  maxLines?: number;
  /** The list's error when it is left empty. */
  emptyMessage: string;
  /** `rfq-line` gives `rfq-line-0`, `rfq-line-0-quantity`, `rfq-line-0-remove`, `rfq-line-add`. */
  testIdPrefix: string;
  /** The list's own test id. */
  listTestId: string;
  /** A line card's test id, when it is not `<testIdPrefix>-<index>`. */
  lineTestId?: (index: number) => string;
  labels: { title: (n: number) => string; remove: string; add: string };
  /** Shown in a line's header (its amount), drawn again when the line changes. */
  lineSummary?: (line: Line, index: number) => ReactNode;
}

/** The lines of a form, one card each. */
export function LineEditor<Line>({
  form,
  name = "lines",
  columns,
  hiddenFields = [],
  emptyLine,
  maxLines = 500,
  emptyMessage,
  testIdPrefix,
  listTestId,
  lineTestId = (index) => `${testIdPrefix}-${index}`,
  labels,
  lineSummary,
}: LineEditorProps<Line>) {
  return (
    <Form.List
      name={name}
      rules={[
        {
          validator: async (_, lines: Line[] | undefined) => {
            if (!lines || lines.length === 0) throw new Error(emptyMessage);
          },
        },
      ]}
    >
      {(fields, { add, remove }, { errors }) => (
        <div data-testid={listTestId}>
          {fields.map((field, index) => {
            const path = (other: string) => [name, field.name, other];
            const cellOf = (column: LineColumn<Line>): LineCell => ({
              row: field.name,
              index,
              testId: `${testIdPrefix}-${index}-${column.testId}`,
              path,
            });
            const remover =
              fields.length > 1 ? (
                <Button
                  type="text"
                  danger
                  icon={<DeleteOutlined />}
                  onClick={() => remove(field.name)}
                  aria-label={labels.remove}
                  data-testid={`${testIdPrefix}-${index}-remove`}
                />
              ) : null;
            return (
              <Card
                key={field.key}
                size="small"
                style={{ marginBottom: 12 }}
                data-testid={lineTestId(index)}
                title={labels.title(index + 1)}
                extra={
                  lineSummary ? (
                    <Space>
                      <Form.Item
                        noStyle
                        shouldUpdate={(
                          prev: Record<string, Line[] | undefined>,
                          next: Record<string, Line[] | undefined>,
                        ) => prev[name]?.[field.name] !== next[name]?.[field.name]}
                      >
                        {() => lineSummary(form.getFieldValue([name, field.name]) as Line, index)}
                      </Form.Item>
                      {remover}
                    </Space>
                  ) : (
                    remover
                  )
                }
              >
                {hiddenFields.map((hidden) => (
                  <Form.Item key={hidden} name={[field.name, hidden]} hidden>
                    <Input />
                  </Form.Item>
                ))}
                <Row gutter={12}>
                  {columns.map((column) => {
                    const cell = cellOf(column);
                    const item = () => (
                      <Form.Item
                        {...column.itemProps?.(cell)}
                        name={[field.name, column.field]}
                        label={column.label}
                        extra={column.extra}
                        rules={column.rules?.(cell)}
                        dependencies={column.dependencies?.map((other) => path(other))}
                      >
                        {column.input(cell)}
                      </Form.Item>
                    );
                    return (
                      <Col key={column.field} {...column.span}>
                        {column.rerenderOn?.length ? (
                          <Form.Item noStyle dependencies={column.rerenderOn.map((other) => path(other))}>
                            {item}
                          </Form.Item>
                        ) : (
                          item()
                        )}
                      </Col>
                    );
                  })}
                </Row>
              </Card>
            );
          })}
          <Form.ErrorList errors={errors} />
          {fields.length < maxLines ? (
            <Button
              type="dashed"
              icon={<PlusOutlined />}
              onClick={() => add(emptyLine())}
              data-testid={`${testIdPrefix}-add`}
              block
            >
              {labels.add}
            </Button>
          ) : null}
        </div>
      )}
    </Form.List>
  );
}

// The columns every editor has, each with the page's field name, label and messages -----------------

const nothing = (value: unknown) => value === null || value === undefined || value === "";

/** Decimal places written in a decimal string ("12.50" → 2). */
export function decimalPlaces(value: string | number | null | undefined): number {
  const match = /\.(\d+)$/.exec(String(value ?? "").trim());
  return match?.[1]?.length ?? 0;
}

/** A rule: at most `places` decimals, or `message`. */
export function maxDecimals(places: number, message: string): FormRule {
  return {
    validator: (_, value: string | null) =>
      decimalPlaces(value) <= places ? Promise.resolve() : Promise.reject(new Error(message)),
  };
}

/** A decimal input (kept as the string typed, never a float). */
function decimalInput(testId: string, extra: { max?: string; suffix?: string } = {}) {
  return <InputNumber<string> stringMode min="0" style={{ width: "100%" }} data-testid={testId} {...extra} />;
}

/** A free-text description of what is bought or sold. */
export function descriptionColumn<Line>(options: {
  field: LineField<Line>;
  label: ReactNode;
  maxLength: number;
  maxLengthMessage: string;
  span?: ColProps;
  multiline?: boolean;
  placeholder?: string;
  /** More rules (a description or a linked item is required ...). */
  rules?: (cell: LineCell) => FormRule[];
  dependencies?: LineField<Line>[];
}): LineColumn<Line> {
  return {
    field: options.field,
    label: options.label,
    testId: "description",
    span: options.span ?? { xs: 24, md: 18 },
    dependencies: options.dependencies,
    rules: (cell) => [{ max: options.maxLength, message: options.maxLengthMessage }, ...(options.rules?.(cell) ?? [])],
    input: ({ testId }) =>
      options.multiline ? (
        <Input.TextArea rows={2} placeholder={options.placeholder} data-testid={testId} />
      ) : (
        <Input placeholder={options.placeholder} data-testid={testId} />
      ),
  };
}

/** A quantity above zero, with at most `maxDecimals` decimals when given. */
export function quantityColumn<Line>(options: {
  field: LineField<Line>;
  label: ReactNode;
  requiredMessage: string;
  positiveMessage: string;
  maxDecimals?: { places: number; message: string };
  span?: ColProps;
}): LineColumn<Line> {
  return {
    field: options.field,
    label: options.label,
    testId: "quantity",
    span: options.span ?? { xs: 12, md: 4 },
    rules: () => [
      { required: true, message: options.requiredMessage },
      {
        validator: (_, value: string | null) =>
          nothing(value) || Number(value) > 0 ? Promise.resolve() : Promise.reject(new Error(options.positiveMessage)),
      },
      ...(options.maxDecimals ? [maxDecimals(options.maxDecimals.places, options.maxDecimals.message)] : []),
    ],
    input: ({ testId }) => decimalInput(testId),
  };
}

/** The unit of the quantity: typed, or one of the common units suggested. */
export function unitColumn<Line>(options: {
  field: LineField<Line>;
  label: ReactNode;
  requiredMessage: string;
  maxLength: number;
  maxLengthMessage: string;
  span?: ColProps;
}): LineColumn<Line> {
  return {
    field: options.field,
    label: options.label,
    testId: "unit",
    span: options.span ?? { xs: 12, md: 4 },
    rules: () => [
      { required: true, whitespace: true, message: options.requiredMessage },
      { max: options.maxLength, message: options.maxLengthMessage },
    ],
    input: ({ testId }) => <UnitInput data-testid={testId} />,
  };
}

/** Form.Item gives it `value`, `onChange` and `id`. */
function UnitInput(props: AutoCompleteProps & { "data-testid": string }) {
  const { t } = useTranslation();
  return (
    <AutoComplete
      {...props}
      options={UNITS.map((unit) => ({ value: unit, label: `${t(`units.${unit}`)} (${unit})` }))}
      filterOption={(input, option) => String(option?.value ?? "").startsWith(input.trim().toLowerCase())}
    />
  );
}

/** A price per unit in the order's currency (`rules` add the currency's decimals, a requirement ...). */
export function priceColumn<Line>(options: {
  field: LineField<Line>;
  label: ReactNode;
  testId?: string;
  extra?: ReactNode;
  rules?: FormRule[];
  span?: ColProps;
}): LineColumn<Line> {
  return {
    field: options.field,
    label: options.label,
    testId: options.testId ?? "price",
    span: options.span ?? { xs: 12, md: 5 },
    extra: options.extra,
    rules: () => options.rules ?? [],
    input: ({ testId }) => decimalInput(testId),
  };
}

/** A tax rate in per cent (0 to 100). */
export function taxRateColumn<Line>(options: {
  field: LineField<Line>;
  label: ReactNode;
  rules?: FormRule[];
  span?: ColProps;
}): LineColumn<Line> {
  return {
    field: options.field,
    label: options.label,
    testId: "tax",
    span: options.span ?? { xs: 12, md: 4 },
    rules: () => options.rules ?? [],
    input: ({ testId }) => decimalInput(testId, { max: "100", suffix: "%" }),
  };
}

/** The date the line is wanted (kept as `YYYY-MM-DD`). */
export function dateColumn<Line>(options: {
  field: LineField<Line>;
  label: ReactNode;
  extra?: ReactNode;
  span?: ColProps;
}): LineColumn<Line> {
  return {
    field: options.field,
    label: options.label,
    testId: "date",
    span: options.span ?? { xs: 24, md: 7 },
    extra: options.extra,
    itemProps: () => dateFieldProps,
    input: ({ testId }) => <DatePicker style={{ width: "100%" }} data-testid={testId} />,
  };
}

/** The line's category, from the category tree (its code). */
export function categoryColumn<Line>(options: {
  field: LineField<Line>;
  label: ReactNode;
  rules?: (cell: LineCell) => FormRule[];
  dependencies?: LineField<Line>[];
  span?: ColProps;
}): LineColumn<Line> {
  return {
    field: options.field,
    label: options.label,
    testId: "category",
    span: options.span ?? { xs: 24, md: 12 },
    dependencies: options.dependencies,
    rules: options.rules,
    input: ({ testId }) => <CategoryTreeSelect data-testid={testId} />,
  };
}

/** Net, tax and total of the lines, in the order's currency. */
export interface LineAmounts {
  net: string | number;
  tax: string | number;
  total: string | number;
}

/** The totals row under the lines: `<testIdPrefix>-net`, `<testIdPrefix>-tax` and `<testIdPrefix>`. */
export function LineTotals({
  amounts,
  currency,
  labels,
  testIdPrefix,
}: {
  amounts: LineAmounts;
  currency: string;
  labels: { net: ReactNode; tax: ReactNode; total: ReactNode };
  testIdPrefix: string;
}) {
  const { i18n } = useTranslation();
  const language = currentLanguage(i18n);
  return (
    <Descriptions size="small" column={{ xs: 1, md: 3 }} data-testid={`${testIdPrefix}s`}>
      <Descriptions.Item label={labels.net}>
        <span data-testid={`${testIdPrefix}-net`}>{formatMoney(amounts.net, currency, language)}</span>
      </Descriptions.Item>
      <Descriptions.Item label={labels.tax}>
        <span data-testid={`${testIdPrefix}-tax`}>{formatMoney(amounts.tax, currency, language)}</span>
      </Descriptions.Item>
      <Descriptions.Item label={labels.total}>
        <Typography.Text strong data-testid={testIdPrefix}>
          {formatMoney(amounts.total, currency, language)}
        </Typography.Text>
      </Descriptions.Item>
    </Descriptions>
  );
}
