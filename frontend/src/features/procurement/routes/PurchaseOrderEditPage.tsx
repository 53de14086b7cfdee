import { App, Space, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import { ErrorState, QueryView } from "@/components/PageState";
import { useSignedInMe } from "@/lib/me";
import { ProblemError } from "@/lib/problem";
import { usePurchaseOrder, useUpdatePurchaseOrder } from "../api/purchaseOrder";
import { useCreatePurchaseOrder, type PoInput, type PurchaseOrder } from "../api/purchaseOrders";
import { newIdempotencyKey } from "../components/idempotencyKey";
import { PoForm } from "../components/PoForm";

function NewOrder({ homeCurrency }: { homeCurrency: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const create = useCreatePurchaseOrder();
  // One key for this form: a retry after a lost answer does not make a second draft.
  const [idempotencyKey] = useState(newIdempotencyKey);
  const onSubmit = async (body: PoInput) => {
    const order = await create.mutateAsync({ body, idempotencyKey });
    void message.success(t("procurement.form.draftSaved"));
    void navigate(`/purchase-orders/${order.id}`, { replace: true });
  };
  return (
    <Space direction="vertical" size="large" style={{ width: "100%" }}>
      <Typography.Title level={2} style={{ margin: 0 }}>
        {t("procurement.form.newTitle")}
      </Typography.Title>
      <PoForm order={null} homeCurrency={homeCurrency} submitting={create.isPending} onSubmit={onSubmit} />
    </Space>
  );
}

function EditOrder({ order, homeCurrency }: { order: PurchaseOrder; homeCurrency: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const update = useUpdatePurchaseOrder();
  if (order.status !== "draft") {
    return <ErrorState error={new ProblemError({ status: 409, code: "order_not_editable" })} />;
  }
  const onSubmit = async (body: PoInput) => {
    await update.mutateAsync({ id: order.id, body });
    void message.success(t("procurement.form.draftSaved"));
    void navigate(`/purchase-orders/${order.id}`);
  };
  return (
    <Space direction="vertical" size="large" style={{ width: "100%" }}>
      <Typography.Title level={2} style={{ margin: 0 }}>
        {t("procurement.form.editTitle", { number: order.number })}
      </Typography.Title>
      <PoForm order={order} homeCurrency={homeCurrency} submitting={update.isPending} onSubmit={onSubmit} />
    </Space>
  );
}

export function PurchaseOrderEditPage() {
  const { t } = useTranslation();
  const me = useSignedInMe();
  const { orderId } = useParams();
  const id = orderId ? Number(orderId) : null;
  const order = usePurchaseOrder(id);
  const homeCurrency = me.company?.currency ?? "CNY";
  return (
    <Space direction="vertical" size="middle" style={{ width: "100%" }} data-testid="po-edit-page">
      <Link to={id ? `/purchase-orders/${id}` : "/purchase-orders"}>
        ← {id ? t("procurement.backToOrder") : t("procurement.backToList")}
      </Link>
      {id === null ? (
        <NewOrder homeCurrency={homeCurrency} />
      ) : (
        <QueryView query={order}>{(data) => <EditOrder order={data} homeCurrency={homeCurrency} />}</QueryView>
      )}
    </Space>
  );
}

export { PurchaseOrderEditPage as Component };
