import { App, Space, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams, useSearchParams } from "react-router";
import { ErrorState, LoadingState, QueryView } from "@/components/PageState";
import { localized } from "@/lib/format";
import { currentLanguage } from "@/lib/i18n";
import { useSignedInMe } from "@/lib/me";
import { ProblemError } from "@/lib/problem";
import { useLinkedListing } from "../api/listingSearch";
import { useRfq, useUpdateRfq } from "../api/rfq";
import { useCreateRfq, type Rfq, type RfqInput } from "../api/rfqs";
import { useScreening } from "../api/screening";
import { RfqForm } from "../components/RfqForm";

/** A new draft; `?listing=<id>` (from a listing's "Request a quote") starts it with that listing. */
function NewRfq() {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const { message } = App.useApp();
  const me = useSignedInMe();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const listingId = Number(params.get("listing")) || null;
  const listing = useLinkedListing(listingId);
  const screening = useScreening();
  const create = useCreateRfq();

  if (screening.isPending || (listingId !== null && listing.isPending)) return <LoadingState rows={10} />;
  const onSubmit = async (body: RfqInput) => {
    const rfq = await create.mutateAsync(body);
    void message.success(t("rfqs.draftSaved"));
    void navigate(`/rfqs/${rfq.id}`, { replace: true });
  };
  const linked = listing.data ?? null;
  return (
    <Space direction="vertical" size="large" style={{ width: "100%" }}>
      <Typography.Title level={2} style={{ margin: 0 }}>
        {t("rfqs.newTitle")}
      </Typography.Title>
      {listing.isError ? <ErrorState error={listing.error} /> : null}
      <RfqForm
        rfq={null}
        screening={screening.data}
        currency={me.company?.currency ?? "CNY"}
        listing={linked}
        listingLabel={
          linked ? `${localized(linked.name_en, linked.name_zh, language) || linked.sku} · ${linked.sku}` : undefined
        }
        submitting={create.isPending}
        onSubmit={onSubmit}
      />
    </Space>
  );
}

function EditRfq({ rfq }: { rfq: Rfq }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const update = useUpdateRfq();
  if (rfq.status !== "draft") {
    return <ErrorState error={new ProblemError({ status: 409, code: "rfq_not_draft" })} />;
  }
  const onSubmit = async (body: RfqInput) => {
    await update.mutateAsync({ id: rfq.id, body });
    void message.success(t("rfqs.draftSaved"));
    void navigate(`/rfqs/${rfq.id}`);
  };
  return (
    <Space direction="vertical" size="large" style={{ width: "100%" }}>
      <Typography.Title level={2} style={{ margin: 0 }}>
        {t("rfqs.editTitle", { title: rfq.title })}
      </Typography.Title>
      <RfqForm
        rfq={rfq}
        screening={undefined}
        currency={rfq.currency}
        submitting={update.isPending}
        onSubmit={onSubmit}
      />
    </Space>
  );
}

export function RfqEditPage() {
  const { t } = useTranslation();
  const { rfqId } = useParams();
  const id = rfqId ? Number(rfqId) : null;
  const rfq = useRfq(id);
  return (
    <Space direction="vertical" size="middle" style={{ width: "100%" }} data-testid="rfq-edit-page">
      <Link to={id ? `/rfqs/${id}` : "/rfqs"}>← {id ? t("rfqs.backToRfq") : t("rfqs.backToList")}</Link>
      {id === null ? <NewRfq /> : <QueryView query={rfq}>{(data) => <EditRfq rfq={data} />}</QueryView>}
    </Space>
  );
}

export { RfqEditPage as Component };
