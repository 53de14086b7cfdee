import { LinkOutlined } from "@ant-design/icons";
import { Space, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useAccess } from "@/lib/access";
import { localized } from "@/lib/format";
import { currentLanguage } from "@/lib/i18n";
import { useOwnListing } from "../api/ownListings";

/**
 * The company's own marketplace listing an item is sold as: to its catalog page for members who
 * manage the catalog, else to its public marketplace page.
 */
export function ListingLink({ listingId, showName = false }: { listingId: number | null; showName?: boolean }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const { can } = useAccess();
  const listing = useOwnListing(showName ? listingId : null);
  if (listingId === null) return <>—</>;
  const to = can("catalog.manage") ? `/catalog/listings/${listingId}` : `/marketplace/listings/${listingId}`;
  const label = listing.data
    ? `${listing.data.sku} · ${localized(listing.data.name_en, listing.data.name_zh, language)}`
    : t("inventory.items.listingLink", { id: listingId });
  return (
    <Link to={to} data-testid={`listing-link-${listingId}`}>
      <Space size={4}>
        <LinkOutlined />
        <Typography.Text style={{ color: "inherit" }}>{label}</Typography.Text>
      </Space>
    </Link>
  );
}
