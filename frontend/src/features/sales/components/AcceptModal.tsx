import { Alert, App, DatePicker, Form, Modal, Radio, Space, Typography } from "antd";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { ErrorState } from "@/components/PageState";
import { FormAlert, useFormProblem } from "@/components/FormAlert";
import { beforeToday, dateFieldProps } from "@/lib/dates";
import { currentLanguage } from "@/lib/i18n";
import { useAcceptOrder, type AcceptLineInput, type ShortfallChoice } from "../api/orderActions";
import type { SalesOrder } from "../api/salesOrders";
import { useStockCheck } from "../api/stockCheck";
import { num, quantityWithUnit } from "./quantities";
import { StockCheckTable } from "./StockCheck";

interface CoverValues {
  cover?: Record<string, { choice: ShortfallChoice; due_date: string | null }>;
}

/**
 * Accepting an order: the stock check first, then, for each line stock cannot cover, how the shortfall is
 * made up — a make-to-order work order (with a due date) or a back-order waiting for stock. Accepting
 * reserves what is in stock and tells the buyer.
 */
export function AcceptModal({ order, open, onClose }: { order: SalesOrder; open: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const { message } = App.useApp();
  const [form] = Form.useForm<CoverValues>();
  const { state, report, clear } = useFormProblem(form);
  const stock = useStockCheck(order.id, open);
  const accept = useAcceptOrder();
  const short = (stock.data ?? []).filter((row) => num(row.shortfall) > 0);
  const lineByNo = new Map(order.lines.map((line) => [line.line_no, line]));

  useEffect(() => {
    if (open) {
      clear();
      form.resetFields();
    }
  }, [open, form, clear]);

  const onOk = async () => {
    const values = await form.validateFields();
    clear();
    const lines: AcceptLineInput[] = short.map((row) => {
      const cover = values.cover?.[String(row.line_no)];
      const choice = cover?.choice ?? "work_order";
      return {
        line_no: row.line_no,
        shortfall: choice,
        due_date: choice === "work_order" ? (cover?.due_date ?? null) : null,
      };
    });
    try {
      await accept.mutateAsync({ id: order.id, body: { lines } });
      void message.success(t("sales.accept.done"));
      onClose();
    } catch (error) {
      report(error);
    }
  };

  return (
    <Modal
      open={open}
      width={900}
      title={t("sales.accept.title", { number: order.number })}
      okText={t("sales.accept.submit")}
      cancelText={t("actions.back")}
      confirmLoading={accept.isPending}
      okButtonProps={{
        disabled: stock.isPending,
        ...({ "data-testid": "so-accept-confirm" } as Record<string, string>),
      }}
      onOk={() => void onOk().catch(() => undefined)}
      onCancel={onClose}
      forceRender
    >
      <Form form={form} layout="vertical" name="accept" data-testid="accept-form">
        <FormAlert state={state} />
        <Typography.Paragraph type="secondary">{t("sales.accept.intro")}</Typography.Paragraph>
        {stock.isError ? (
          <ErrorState error={stock.error} onRetry={() => void stock.refetch()} />
        ) : (
          <StockCheckTable rows={stock.data ?? []} loading={stock.isPending} />
        )}
        {stock.data && short.length === 0 ? (
          <Alert
            style={{ marginTop: 16 }}
            type="success"
            showIcon
            message={t("sales.accept.allCovered")}
            data-testid="accept-all-covered"
          />
        ) : null}
        {short.length > 0 ? (
          <Space direction="vertical" style={{ width: "100%", marginTop: 16 }} data-testid="accept-shortfalls">
            <Alert type="warning" showIcon message={t("sales.accept.shortfallIntro", { n: short.length })} />
            {short.map((row) => {
              const line = lineByNo.get(row.line_no);
              const key = String(row.line_no);
              return (
                <div key={key} data-testid={`accept-line-${row.line_no}`} style={{ paddingTop: 8 }}>
                  <Typography.Text strong>
                    {t("sales.accept.lineShort", {
                      line: row.line_no,
                      sku: row.sku,
                      quantity: quantityWithUnit(row.shortfall, row.unit, language),
                    })}
                  </Typography.Text>
                  <Space wrap align="start" style={{ marginTop: 8 }}>
                    <Form.Item name={["cover", key, "choice"]} initialValue="work_order" noStyle>
                      <Radio.Group data-testid={`accept-shortfall-${row.line_no}`}>
                        <Radio value="work_order" data-testid={`accept-shortfall-${row.line_no}-work_order`}>
                          {t("sales.shortfall.work_order")}
                        </Radio>
                        <Radio value="back_order" data-testid={`accept-shortfall-${row.line_no}-back_order`}>
                          {t("sales.shortfall.back_order")}
                        </Radio>
                      </Radio.Group>
                    </Form.Item>
                    <Form.Item noStyle dependencies={[["cover", key, "choice"]]}>
                      {({ getFieldValue }) =>
                        getFieldValue(["cover", key, "choice"]) === "back_order" ? null : (
                          <Form.Item
                            name={["cover", key, "due_date"]}
                            initialValue={line?.promised_date ?? line?.requested_date ?? order.requested_date ?? null}
                            style={{ margin: 0 }}
                            {...dateFieldProps}
                          >
                            <DatePicker
                              placeholder={t("sales.accept.dueDate")}
                              disabledDate={beforeToday}
                              data-testid={`accept-due-${row.line_no}`}
                            />
                          </Form.Item>
                        )
                      }
                    </Form.Item>
                  </Space>
                </div>
              );
            })}
          </Space>
        ) : null}
      </Form>
    </Modal>
  );
}
