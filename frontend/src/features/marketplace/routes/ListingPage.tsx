import { FileSearchOutlined, ShopOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Col, Descriptions, Image, Row, Space, Table, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { QueryView } from "@/components/PageState";
import { CertificationStatusTag, VerifiedBadge } from "@/components/SupplierBadges";
import { useAccess } from "@/lib/access";
import { categoryName, categoryPath, useCategoryTree } from "@/lib/categories";
import { formatDate, formatDateTime, formatQuantity, formatUnitPrice, localized, regionName } from "@/lib/format";
import { currentLanguage } from "@/lib/i18n";
import { useListing, type Listing } from "../api/listing";
import { AvailabilityTag, BasePrice, ListingThumb } from "../components/ListingResults";

function PriceTiers({ listing }: { listing: Listing }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const unit = t(`units.${listing.unit}`, { defaultValue: listing.unit });
  if (!listing.prices_visible || !listing.price_tiers) {
    return (
      <Alert
        type="info"
        showIcon
        data-testid="prices-hint"
        message={t("marketplace.pricesHidden")}
        action={<Link to="/signin">{t("nav.signIn")}</Link>}
      />
    );
  }
  return (
    <Table
      data-testid="price-tiers"
      size="small"
      pagination={false}
      rowKey={(tier) => tier.min_quantity}
      dataSource={listing.price_tiers}
      columns={[
        {
          key: "min",
          title: t("catalog.fields.minQuantity"),
          render: (_, tier) => `≥ ${formatQuantity(tier.min_quantity, language)} ${unit}`,
        },
        {
          key: "price",
          title: t("catalog.fields.unitPrice"),
          render: (_, tier) => formatUnitPrice(tier.unit_price, listing.currency, language),
        },
      ]}
    />
  );
}

function ListingView({ listing }: { listing: Listing }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const { can } = useAccess();
  const tree = useCategoryTree();
  const name = localized(listing.name_en, listing.name_zh, language) || listing.sku;
  const other = localized(listing.name_en, listing.name_zh, language === "zh-CN" ? "en" : "zh-CN");
  const description = localized(listing.description_en, listing.description_zh, language);
  const supplier = localized(listing.supplier.display_name_en, listing.supplier.display_name_zh, language);
  const unit = t(`units.${listing.unit}`, { defaultValue: listing.unit });
  const category = tree.data
    ? categoryPath(tree.data, listing.category.code, language)
    : categoryName(listing.category, language);

  return (
    <Space direction="vertical" size="large" style={{ width: "100%" }} data-testid="listing-page">
      {!listing.is_public ? (
        <Alert type="warning" showIcon message={t("marketplace.previewNotPublic")} data-testid="listing-preview" />
      ) : null}
      <Row gutter={[24, 24]}>
        <Col xs={24} md={9}>
          {listing.images.length > 0 ? (
            <Image.PreviewGroup>
              <Space wrap>
                {listing.images.map((image, index) => (
                  <Image
                    key={image.id}
                    src={image.url}
                    alt={name}
                    width={index === 0 ? 320 : 96}
                    style={{ objectFit: "cover", borderRadius: 6 }}
                  />
                ))}
              </Space>
            </Image.PreviewGroup>
          ) : (
            <ListingThumb src={null} alt={name} size={240} />
          )}
        </Col>
        <Col xs={24} md={15}>
          <Typography.Title level={2} style={{ marginBottom: 0 }} data-testid="listing-name">
            {name}
          </Typography.Title>
          {other && other !== name ? <Typography.Text type="secondary">{other}</Typography.Text> : null}
          <div style={{ margin: "12px 0" }}>
            <BasePrice listing={listing} />
          </div>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t("marketplace.sku")}>{listing.sku}</Descriptions.Item>
            <Descriptions.Item label={t("catalog.fields.category")}>{category}</Descriptions.Item>
            <Descriptions.Item label={t("catalog.fields.moq")}>
              {formatQuantity(listing.moq, language)} {unit}
            </Descriptions.Item>
            <Descriptions.Item label={t("catalog.fields.leadTime")}>
              {t("marketplace.days_n", { days: listing.lead_time_days })}
            </Descriptions.Item>
            <Descriptions.Item label={t("catalog.fields.availability")}>
              <AvailabilityTag availability={listing.availability} />
              {listing.availability === "in_stock" && listing.stock_quantity !== null ? (
                <Space size={4}>
                  <Typography.Text type="secondary">
                    {t("marketplace.inStockQuantity", {
                      quantity: formatQuantity(listing.stock_quantity, language),
                      unit,
                    })}
                  </Typography.Text>
                  <Tag color={listing.stock_source === "inventory" ? "green" : "default"} data-testid="stock-source">
                    {t(`marketplace.stockSource.${listing.stock_source}`)}
                  </Tag>
                </Space>
              ) : null}
            </Descriptions.Item>
            <Descriptions.Item label={t("marketplace.updated")}>
              {formatDateTime(listing.updated_at, language)}
            </Descriptions.Item>
          </Descriptions>
          {can("rfq.create") ? (
            <Link to={`/rfqs/new?listing=${listing.id}`}>
              <Button
                type="primary"
                icon={<FileSearchOutlined />}
                style={{ marginTop: 16 }}
                data-testid="request-quote"
              >
                {t("marketplace.requestQuote")}
              </Button>
            </Link>
          ) : null}
        </Col>
      </Row>
      <Row gutter={[24, 24]}>
        <Col xs={24} lg={14}>
          <Space direction="vertical" size="large" style={{ width: "100%" }}>
            <Card size="small" title={t("catalog.fields.priceTiers")}>
              <PriceTiers listing={listing} />
            </Card>
            <Card size="small" title={t("catalog.fields.attributes")}>
              {listing.attributes.length > 0 ? (
                <Descriptions column={1} size="small" bordered data-testid="listing-attributes">
                  {listing.attributes.map((attribute) => (
                    <Descriptions.Item key={attribute.key} label={attribute.key}>
                      {attribute.value}
                    </Descriptions.Item>
                  ))}
                </Descriptions>
              ) : (
                <Typography.Text type="secondary">{t("marketplace.noAttributes")}</Typography.Text>
              )}
            </Card>
            {description ? (
              <Card size="small" title={t("catalog.fields.description")}>
                <Typography.Paragraph style={{ whiteSpace: "pre-wrap", marginBottom: 0 }}>
                  {description}
                </Typography.Paragraph>
              </Card>
            ) : null}
          </Space>
        </Col>
        <Col xs={24} lg={10}>
          <Card
            size="small"
            title={
              <Space>
                <ShopOutlined />
                {t("marketplace.supplier")}
              </Space>
            }
            data-testid="listing-supplier"
          >
            <Space direction="vertical" style={{ width: "100%" }}>
              <Space wrap>
                <Link to={`/marketplace/suppliers/${listing.supplier.id}`} data-testid="listing-supplier-link">
                  <Typography.Text strong>{supplier}</Typography.Text>
                </Link>
                <VerifiedBadge verified={listing.supplier.verified} />
              </Space>
              {listing.supplier.regions_served.length > 0 ? (
                <div>
                  <Typography.Text type="secondary">{t("suppliers.regionsServed")}: </Typography.Text>
                  {listing.supplier.regions_served.map((r) => (
                    <Tag key={r}>{regionName(r, language)}</Tag>
                  ))}
                </div>
              ) : null}
              {listing.supplier_certifications.length > 0 ? (
                <Space direction="vertical" size={4}>
                  {listing.supplier_certifications.map((c) => (
                    <Space key={c.id} wrap size={4}>
                      <Typography.Text>{c.type}</Typography.Text>
                      <CertificationStatusTag status={c.status} />
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {t("certifications.validUntilDate", { date: formatDate(c.valid_until, language) })}
                      </Typography.Text>
                    </Space>
                  ))}
                </Space>
              ) : null}
            </Space>
          </Card>
        </Col>
      </Row>
    </Space>
  );
}

export function ListingPage() {
  const { t } = useTranslation();
  const id = Number(useParams().listingId);
  const listing = useListing(id);
  return (
    <Space direction="vertical" size="middle" style={{ width: "100%" }}>
      <Link to="/marketplace">← {t("marketplace.backToSearch")}</Link>
      <QueryView query={listing} loadingRows={10}>
        {(data) => <ListingView listing={data} />}
      </QueryView>
    </Space>
  );
}

export { ListingPage as Component };
