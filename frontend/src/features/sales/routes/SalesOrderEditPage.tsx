import { App, Space, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams, useSearchParams } from "react-router";
import { ErrorState, LoadingState, QueryView } from "@/components/PageState";
import { Forbidden } from "@/components/StatusPages";
import { useAccess } from "@/lib/access";
import { useSignedInMe } from "@/lib/me";
import { ProblemError } from "@/lib/problem";
import { useCustomer } from "../api/customer";
import { useSalesOrder, useUpdateSalesOrder } from "../api/salesOrder";
import { useCreateSalesOrder, type ManualOrderInput, type SalesOrder } from "../api/salesOrders";
import { newIdempotencyKey } from "../components/idempotencyKey";
import { SalesOrderForm } from "../components/SalesOrderForm";

/** A new order; `?customer=<id>` (from the customer's page) starts it for that customer. */
function NewOrder() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useSignedInMe();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const customerId = Number(params.get("customer")) || null;
  const customer = useCustomer(customerId);
  const create = useCreateSalesOrder();
  const [idempotencyKey] = useState(newIdempotencyKey);
  if (customerId !== null && customer.isPending) return <LoadingState rows={8} />;
  const onSubmit = async (body: ManualOrderInput) => {
    const order = await create.mutateAsync({ body, idempotencyKey });
    void message.success(t("sales.form.created", { number: order.number }));
    void navigate(`/sales-orders/${order.id}`, { replace: true });
  };
  return (
    <Space direction="vertical" size="large" style={{ width: "100%" }}>
      <div>
        <Typography.Title level={2} style={{ margin: 0 }}>
          {t("sales.form.newTitle")}
        </Typography.Title>
        <Typography.Text type="secondary">{t("sales.form.newIntro")}</Typography.Text>
      </div>
      {customer.isError ? <ErrorState error={customer.error} /> : null}
      <SalesOrderForm
        order={null}
        customer={customer.data ?? null}
        currency={me.company?.currency ?? "CNY"}
        submitting={create.isPending}
        onSubmit={onSubmit}
      />
    </Space>
  );
}

function EditOrder({ order }: { order: SalesOrder }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const update = useUpdateSalesOrder();
  if (order.source !== "manual") {
    return <ErrorState error={new ProblemError({ status: 409, code: "order_not_manual" })} />;
  }
  if (!order.actions.includes("edit")) {
    return <ErrorState error={new ProblemError({ status: 409, code: "order_not_awaiting_acceptance" })} />;
  }
  const onSubmit = async (body: ManualOrderInput) => {
    const { customer_id: _customer, ...changes } = body;
    await update.mutateAsync({ id: order.id, body: changes });
    void message.success(t("sales.form.saved"));
    void navigate(`/sales-orders/${order.id}`);
  };
  return (
    <Space direction="vertical" size="large" style={{ width: "100%" }}>
      <Typography.Title level={2} style={{ margin: 0 }}>
        {t("sales.form.editTitle", { number: order.number })}
      </Typography.Title>
      <SalesOrderForm order={order} currency={order.currency} submitting={update.isPending} onSubmit={onSubmit} />
    </Space>
  );
}

function ExistingOrder({ id }: { id: number }) {
  const order = useSalesOrder(id);
  return <QueryView query={order}>{(data) => <EditOrder order={data} />}</QueryView>;
}

/** `/sales-orders/new` (an order entered by hand) and `/sales-orders/:orderId/edit` (while it awaits acceptance). */
export function SalesOrderEditPage() {
  const { t } = useTranslation();
  const { can } = useAccess();
  const { orderId } = useParams();
  const id = orderId ? Number(orderId) : null;
  if (!can("so.manage")) return <Forbidden />;
  return (
    <Space direction="vertical" size="middle" style={{ width: "100%" }} data-testid="so-edit-page">
      <Link to={id ? `/sales-orders/${id}` : "/sales-orders"}>
        ← {id ? t("sales.backToOrder") : t("sales.backToList")}
      </Link>
      {id === null ? <NewOrder /> : <ExistingOrder id={id} />}
    </Space>
  );
}

export { SalesOrderEditPage as Component };
