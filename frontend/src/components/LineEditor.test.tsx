import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Button, Form, Input } from "antd";
import { describe, expect, it, vi } from "vitest";
import { renderWithProviders } from "@/test/render";
import {
  dateColumn,
  decimalPlaces,
  descriptionColumn,
  LineEditor,
  LineTotals,
  maxDecimals,
  priceColumn,
  quantityColumn,
  taxRateColumn,
  unitColumn,
  type LineColumn,
} from "./LineEditor";

// Deliberately not any API's names: the editor must work with whatever names a page maps.
interface Line {
  text: string;
  qty: string | null;
  uom: string;
  price_each: string | null;
  tax_percent: string | null;
  wanted_on: string | null;
  ref_id: number | null;
}

const empty = (): Line => ({
  text: "",
  qty: null,
  uom: "pcs",
  price_each: null,
  tax_percent: "13",
  wanted_on: null,
  ref_id: null,
});

function Harness({
  lines = [empty()],
  onFinish,
  extraColumns = [],
  summary = false,
}: {
  lines?: Line[];
  onFinish: (values: { items: Line[] }) => void;
  extraColumns?: LineColumn<Line>[];
  summary?: boolean;
}) {
  const [form] = Form.useForm<{ items: Line[] }>();
  const columns: LineColumn<Line>[] = [
    descriptionColumn<Line>({ field: "text", label: "What", maxLength: 10, maxLengthMessage: "Too long." }),
    quantityColumn<Line>({
      field: "qty",
      label: "How many",
      requiredMessage: "Say how many.",
      positiveMessage: "More than none.",
      maxDecimals: { places: 2, message: "Two decimals at most." },
    }),
    unitColumn<Line>({
      field: "uom",
      label: "Unit",
      requiredMessage: "Say the unit.",
      maxLength: 5,
      maxLengthMessage: "Unit too long.",
    }),
    priceColumn<Line>({ field: "price_each", label: "Price", rules: [{ required: true, message: "Say the price." }] }),
    taxRateColumn<Line>({ field: "tax_percent", label: "Tax" }),
    dateColumn<Line>({ field: "wanted_on", label: "Wanted on" }),
    ...extraColumns,
  ];
  return (
    <Form form={form} layout="vertical" initialValues={{ items: lines }} onFinish={onFinish}>
      <LineEditor<Line>
        form={form}
        name="items"
        columns={columns}
        hiddenFields={["ref_id"]}
        emptyLine={empty}
        maxLines={3}
        emptyMessage="Add a line."
        testIdPrefix="x-line"
        listTestId="x-lines"
        labels={{ title: (n) => `Line ${n}`, remove: "Remove line", add: "Add a line" }}
        lineSummary={
          summary ? (line, index) => <span data-testid={`x-line-${index}-echo`}>{line.qty ?? "-"}</span> : undefined
        }
      />
      <Button htmlType="submit" data-testid="x-save">
        Save
      </Button>
    </Form>
  );
}

/** The input of a cell (Ant Design's AutoComplete puts the test id on its wrapper). */
function inputOf(testId: string): HTMLElement {
  const element = screen.getByTestId(testId);
  return element.matches("input, textarea") ? element : within(element).getByRole("combobox");
}

const type = (testId: string, value: string) => fireEvent.change(inputOf(testId), { target: { value } });

describe("LineEditor", () => {
  it("edits lines under the page's own field names, keeping hidden fields, and adds and removes lines", async () => {
    const onFinish = vi.fn();
    const user = userEvent.setup({ delay: null });
    renderWithProviders(<Harness lines={[{ ...empty(), ref_id: 42 }]} onFinish={onFinish} />);

    const first = screen.getByTestId("x-line-0");
    expect(within(first).getByText("Line 1")).toBeInTheDocument();
    for (const label of ["What", "How many", "Unit", "Price", "Tax", "Wanted on"])
      expect(within(first).getByText(label)).toBeInTheDocument();
    // The only line cannot be removed.
    expect(screen.queryByTestId("x-line-0-remove")).toBeNull();

    type("x-line-0-description", "Bolts");
    type("x-line-0-quantity", "12.5");
    type("x-line-0-price", "0.35");
    await user.click(screen.getByTestId("x-line-add"));
    expect(await screen.findByTestId("x-line-1")).toHaveTextContent("Line 2");
    expect(screen.getByTestId("x-line-1-tax")).toHaveValue("13");
    type("x-line-1-description", "Nuts");
    type("x-line-1-quantity", "4");
    type("x-line-1-price", "1");

    await user.click(screen.getByTestId("x-save"));
    await waitFor(() => expect(onFinish).toHaveBeenCalledOnce());
    expect(onFinish.mock.calls[0]![0]).toEqual({
      items: [
        {
          text: "Bolts",
          qty: "12.5",
          uom: "pcs",
          price_each: "0.35",
          tax_percent: "13",
          wanted_on: null,
          ref_id: 42,
        },
        { ...empty(), text: "Nuts", qty: "4", price_each: "1" },
      ],
    });

    await user.click(screen.getByTestId("x-line-0-remove"));
    await waitFor(() => expect(screen.queryByTestId("x-line-1")).toBeNull());
    expect(screen.getByTestId("x-line-0-description")).toHaveValue("Nuts");
    expect(screen.queryByTestId("x-line-0-remove")).toBeNull();
  });

  it("stops adding at the most lines allowed", async () => {
    const user = userEvent.setup({ delay: null });
    renderWithProviders(<Harness lines={[empty(), empty()]} onFinish={() => undefined} />);
    await user.click(screen.getByTestId("x-line-add"));
    expect(await screen.findByTestId("x-line-2")).toBeInTheDocument();
    expect(screen.queryByTestId("x-line-add")).toBeNull();
  });

  it("shows each column's message on its line and saves nothing", async () => {
    const onFinish = vi.fn();
    const user = userEvent.setup({ delay: null });
    renderWithProviders(<Harness onFinish={onFinish} />);
    type("x-line-0-description", "Far too long a text");
    type("x-line-0-quantity", "0");
    type("x-line-0-unit", "");
    await user.click(screen.getByTestId("x-save"));

    const line = screen.getByTestId("x-line-0");
    for (const message of ["Too long.", "More than none.", "Say the unit.", "Say the price."])
      expect(await within(line).findByText(message)).toBeInTheDocument();

    type("x-line-0-quantity", "1.125");
    expect(await within(line).findByText("Two decimals at most.")).toBeInTheDocument();
    expect(onFinish).not.toHaveBeenCalled();
  });

  it("answers an empty list with the page's message", async () => {
    const onFinish = vi.fn();
    const user = userEvent.setup({ delay: null });
    renderWithProviders(<Harness lines={[]} onFinish={onFinish} />);
    expect(screen.getByTestId("x-lines")).toBeInTheDocument();
    await user.click(screen.getByTestId("x-save"));
    expect(await screen.findByText("Add a line.")).toBeInTheDocument();
    expect(onFinish).not.toHaveBeenCalled();
  });

  it("draws a line's summary and a column's input again when the fields they read change", async () => {
    const seen: string[] = [];
    const echo: LineColumn<Line> = {
      field: "text",
      label: "Echo",
      testId: "echo-input",
      span: { span: 24 },
      rerenderOn: ["qty"],
      input: ({ testId, row }) => {
        seen.push(`row ${row}`);
        return <Input data-testid={testId} />;
      },
    };
    renderWithProviders(<Harness onFinish={() => undefined} summary extraColumns={[echo]} />);
    expect(screen.getByTestId("x-line-0-echo")).toHaveTextContent("-");
    const before = seen.length;
    type("x-line-0-quantity", "7");
    await waitFor(() => expect(screen.getByTestId("x-line-0-echo")).toHaveTextContent("7"));
    expect(seen.length).toBeGreaterThan(before);
  });

  it("suggests the common units that start with what is typed, in the member's language", async () => {
    const user = userEvent.setup({ delay: null });
    renderWithProviders(<Harness onFinish={() => undefined} />, { language: "zh-CN" });
    await user.clear(inputOf("x-line-0-unit"));
    await user.type(inputOf("x-line-0-unit"), "k");
    expect(await screen.findByText("千克 (kg)")).toBeInTheDocument();
    expect(screen.queryByText("件 (pcs)")).toBeNull();
  });
});

describe("LineTotals", () => {
  it("shows net, tax and total in the currency, as the language writes it", () => {
    const amounts = { net: "1234.5", tax: "160.49", total: "1394.99" };
    const labels = { net: "Net", tax: "Tax", total: "Total" };
    const { unmount } = renderWithProviders(
      <LineTotals amounts={amounts} currency="CNY" labels={labels} testIdPrefix="x-total" />,
    );
    expect(screen.getByTestId("x-totals")).toHaveTextContent("Net");
    expect(screen.getByTestId("x-total-net")).toHaveTextContent("CN¥1,234.50");
    expect(screen.getByTestId("x-total-tax")).toHaveTextContent("CN¥160.49");
    expect(screen.getByTestId("x-total")).toHaveTextContent("CN¥1,394.99");
    unmount();

    renderWithProviders(
      <LineTotals amounts={{ net: 700, tax: 0, total: 700 }} currency="JPY" labels={labels} testIdPrefix="x-total" />,
      { language: "zh-CN" },
    );
    expect(screen.getByTestId("x-total")).toHaveTextContent("JP¥700");
    expect(screen.getByTestId("x-total")).not.toHaveTextContent("700.00");
  });
});

describe("decimal rules", () => {
  it("counts the decimals written and rejects more than allowed", async () => {
    expect(decimalPlaces("12.50")).toBe(2);
    expect(decimalPlaces("12")).toBe(0);
    expect(decimalPlaces(null)).toBe(0);
    const rule = maxDecimals(2, "No.") as { validator: (rule: unknown, value: string) => Promise<void> };
    await expect(rule.validator({}, "1.25")).resolves.toBeUndefined();
    await expect(rule.validator({}, "1.255")).rejects.toThrow("No.");
  });
});
