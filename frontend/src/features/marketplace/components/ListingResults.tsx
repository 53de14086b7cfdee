import { PictureOutlined } from "@ant-design/icons";
import { List, Space, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { SupplierRating, VerifiedBadge } from "@/components/SupplierBadges";
import { categoryName } from "@/lib/categories";
import { formatQuantity, formatUnitPrice, localized } from "@/lib/format";
import { currentLanguage } from "@/lib/i18n";
import type { ListingCard } from "../api/search";

export function ListingThumb({ src, alt, size = 88 }: { src: string | null; alt: string; size?: number }) {
  const box = {
    width: size,
    height: size,
    borderRadius: 6,
    background: "#f5f5f5",
    display: "grid",
    placeItems: "center",
    overflow: "hidden",
    flex: "none",
  } as const;
  return (
    <div style={box}>
      {src ? (
        <img src={src} alt={alt} loading="lazy" style={{ width: "100%", height: "100%", objectFit: "cover" }} />
      ) : (
        <PictureOutlined style={{ fontSize: size / 3, color: "#bfbfbf" }} />
      )}
    </div>
  );
}

export function AvailabilityTag({ availability }: { availability: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={availability === "in_stock" ? "green" : "blue"}>
      {t(`marketplace.availability.${availability}`, { defaultValue: availability })}
    </Tag>
  );
}

/** The price at the listing's MOQ, or — for anonymous visitors — nothing but a hint to sign in. */
export function BasePrice({ listing }: { listing: Pick<ListingCard, "base_price" | "currency" | "unit"> }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  if (listing.base_price === null) {
    return (
      <Typography.Text type="secondary" data-testid="price-hidden">
        {t("marketplace.signInForPrices")}
      </Typography.Text>
    );
  }
  return (
    <Typography.Text strong style={{ fontSize: 16, color: "#cf1322" }} data-testid="price">
      {formatUnitPrice(listing.base_price, listing.currency, language)}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {" "}
        / {t(`units.${listing.unit}`, { defaultValue: listing.unit })}
      </Typography.Text>
    </Typography.Text>
  );
}

export function ListingResults({ listings, loading }: { listings: ListingCard[]; loading: boolean }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  return (
    <div data-testid="search-results">
      <List<ListingCard>
        loading={loading}
        itemLayout="horizontal"
        dataSource={listings}
        renderItem={(listing) => {
          const name = localized(listing.name_en, listing.name_zh, language) || listing.sku;
          const other = localized(listing.name_en, listing.name_zh, language === "zh-CN" ? "en" : "zh-CN");
          const supplier = localized(listing.supplier.display_name_en, listing.supplier.display_name_zh, language);
          return (
            <List.Item data-testid={`search-result-${listing.id}`} style={{ alignItems: "flex-start" }}>
              <div style={{ display: "flex", alignItems: "flex-start", gap: 16, width: "100%" }}>
                <ListingThumb src={listing.image_url} alt={name} />
                <div style={{ flex: 1, minWidth: 0 }}>
                  <Link to={`/marketplace/listings/${listing.id}`} data-testid="result-name">
                    <Typography.Text strong style={{ fontSize: 15 }}>
                      {name}
                    </Typography.Text>
                  </Link>
                  {other && other !== name ? (
                    <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
                      {other}
                    </Typography.Text>
                  ) : null}
                  <div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t("marketplace.sku")}: {listing.sku} · {categoryName(listing.category, language)}
                    </Typography.Text>
                  </div>
                  <Space size={4} wrap style={{ marginTop: 4 }}>
                    <Link to={`/marketplace/suppliers/${listing.supplier.id}`} data-testid="result-supplier">
                      {supplier}
                    </Link>
                    <VerifiedBadge verified={listing.supplier.verified} />
                    <SupplierRating reputation={listing.supplier.reputation} />
                  </Space>
                </div>
                <div style={{ textAlign: "end", minWidth: 180 }}>
                  <BasePrice listing={listing} />
                  <div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t("marketplace.moqShort", {
                        quantity: formatQuantity(listing.moq, language),
                        unit: t(`units.${listing.unit}`, { defaultValue: listing.unit }),
                      })}
                      {" · "}
                      {t("marketplace.leadTimeShort", { days: listing.lead_time_days })}
                    </Typography.Text>
                  </div>
                  <AvailabilityTag availability={listing.availability} />
                </div>
              </div>
            </List.Item>
          );
        }}
      />
    </div>
  );
}
