import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { http, HttpResponse } from "msw";
import { describe, expect, it, vi } from "vitest";
import { page } from "@/test/fixtures";
import { renderWithProviders } from "@/test/render";
import { server } from "@/test/server";
import { customer } from "../test/fixtures";
import { SalesOrderForm } from "./SalesOrderForm";

const fill = (testId: string, value: string) => fireEvent.change(screen.getByTestId(testId), { target: { value } });

describe("SalesOrderForm", () => {
  it("enters lines in the shared line editor, totals them in the currency and sends the API's fields", async () => {
    server.use(http.get("/api/customers/", () => HttpResponse.json(page([customer()]))));
    const onSubmit = vi.fn(() => Promise.resolve());
    const user = userEvent.setup({ delay: null });
    renderWithProviders(
      <SalesOrderForm order={null} customer={customer()} currency="CNY" submitting={false} onSubmit={onSubmit} />,
    );

    expect(within(screen.getByTestId("so-line-form-0")).getByText("Line 1")).toBeInTheDocument();
    fill("so-line-0-sku", "PUMP-7");
    fill("so-line-0-description", "Centrifugal pump");
    fill("so-line-0-quantity", "2");
    fill("so-line-0-price", "1250.5");
    fill("so-line-0-tax", "13");
    await user.click(screen.getByTestId("so-line-add"));
    fill("so-line-1-sku", "SEAL-2");
    fill("so-line-1-quantity", "10");
    fill("so-line-1-price", "3");

    await waitFor(() => expect(screen.getByTestId("so-form-total-net")).toHaveTextContent("CN¥2,531.00"));
    expect(screen.getByTestId("so-form-total-tax")).toHaveTextContent("CN¥325.13");
    expect(screen.getByTestId("so-form-total")).toHaveTextContent("CN¥2,856.13");

    await user.click(screen.getByTestId("so-save"));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledOnce());
    expect((onSubmit.mock.calls[0] as unknown[])[0]).toMatchObject({
      customer_id: 7,
      currency: "CNY",
      lines: [
        {
          sku: "PUMP-7",
          description: "Centrifugal pump",
          quantity: "2",
          unit: "pcs",
          unit_price: "1250.5",
          tax_rate: "13",
          requested_date: null,
        },
        { sku: "SEAL-2", description: "", quantity: "10", unit: "pcs", unit_price: "3", tax_rate: "0" },
      ],
    });
  });

  it("keeps a line without a SKU or with no quantity from being sent", async () => {
    server.use(http.get("/api/customers/", () => HttpResponse.json(page([customer()]))));
    const onSubmit = vi.fn(() => Promise.resolve());
    const user = userEvent.setup({ delay: null });
    renderWithProviders(
      <SalesOrderForm order={null} customer={customer()} currency="CNY" submitting={false} onSubmit={onSubmit} />,
    );
    fill("so-line-0-quantity", "0");
    await user.click(screen.getByTestId("so-save"));
    const line = screen.getByTestId("so-line-form-0");
    expect(await within(line).findByText("Enter a quantity above zero.")).toBeInTheDocument();
    expect(within(line).getAllByText("Required.").length).toBeGreaterThan(0);
    expect(onSubmit).not.toHaveBeenCalled();
  });
});
