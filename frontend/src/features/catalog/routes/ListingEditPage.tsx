import { App, Card, Space, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import { QueryView } from "@/components/PageState";
import { useAccess } from "@/lib/access";
import { useSignedInMe } from "@/lib/me";
import { useOwnListing, useUpdateListing } from "../api/listing";
import { useCreateListing, type ListingInput, type OwnListing } from "../api/listings";
import { ListingForm } from "../components/ListingForm";
import { ListingImages } from "../components/ListingImages";
import { StatusTag } from "../components/StatusTag";
import { StockSourceCard } from "../components/StockSourceCard";

function EditListing({ listing }: { listing: OwnListing }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useAccess();
  const update = useUpdateListing();
  const canEdit = can("catalog.manage");
  const archived = listing.status === "archived";
  const onSubmit = async (body: ListingInput) => {
    // A linked listing's stock is inventory's: send the rest, not a figure that may have moved meanwhile.
    const { availability, stock_quantity, ...rest } = body;
    const linked = listing.stock_source === "inventory";
    await update.mutateAsync({ id: listing.id, body: linked ? rest : { ...rest, availability, stock_quantity } });
    void message.success(t("catalog.saved"));
  };
  return (
    <Space direction="vertical" size="large" style={{ width: "100%" }}>
      <Space wrap>
        <Typography.Title level={2} style={{ margin: 0 }} data-testid="listing-title">
          {listing.sku}
        </Typography.Title>
        <StatusTag status={listing.status} />
        {listing.is_public ? (
          <Link to={`/marketplace/listings/${listing.id}`}>
            <Tag color="blue">{t("catalog.viewOnMarketplace")}</Tag>
          </Link>
        ) : null}
      </Space>
      <ListingForm
        key={listing.updated_at}
        listing={listing}
        currency={listing.currency}
        readOnly={archived || !canEdit}
        submitting={update.isPending}
        onSubmit={onSubmit}
      />
      <StockSourceCard listing={listing} canEdit={canEdit && can("inventory.manage") && !archived} />
      <Card size="small" title={t("catalog.images")}>
        <ListingImages listing={listing} canEdit={canEdit && !archived} />
      </Card>
    </Space>
  );
}

function NewListing() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useSignedInMe();
  const navigate = useNavigate();
  const create = useCreateListing();
  const onSubmit = async (body: ListingInput) => {
    const listing = await create.mutateAsync(body);
    void message.success(t("catalog.created"));
    // Pictures are added to a saved listing: continue on its page.
    void navigate(`/catalog/listings/${listing.id}`, { replace: true });
  };
  return (
    <Space direction="vertical" size="large" style={{ width: "100%" }}>
      <Typography.Title level={2} style={{ margin: 0 }}>
        {t("catalog.newListing")}
      </Typography.Title>
      <ListingForm
        listing={null}
        currency={me.company?.currency ?? "CNY"}
        readOnly={false}
        submitting={create.isPending}
        onSubmit={onSubmit}
      />
    </Space>
  );
}

export function ListingEditPage() {
  const { t } = useTranslation();
  const { listingId } = useParams();
  const id = listingId ? Number(listingId) : null;
  const listing = useOwnListing(id);
  return (
    <Space direction="vertical" size="middle" style={{ width: "100%" }} data-testid="listing-edit-page">
      <Link to="/catalog">← {t("catalog.backToCatalog")}</Link>
      {id === null ? (
        <NewListing />
      ) : (
        <QueryView query={listing} loadingRows={12}>
          {(data) => <EditListing listing={data} />}
        </QueryView>
      )}
    </Space>
  );
}

export { ListingEditPage as Component };
