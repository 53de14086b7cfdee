import {
  Alert,
  Card,
  Col,
  Descriptions,
  Empty,
  Input,
  Pagination,
  Row,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { EmptyState, QueryView } from "@/components/PageState";
import { CertificationStatusTag, SupplierRating, VerifiedBadge } from "@/components/SupplierBadges";
import { categoryName } from "@/lib/categories";
import { countryName, formatDate, formatRate, localized, regionName } from "@/lib/format";
import { currentLanguage } from "@/lib/i18n";
import { useListingSearch } from "../api/search";
import { useSupplier, type SupplierPage as Supplier } from "../api/supplier";
import { ListingResults } from "../components/ListingResults";

const CATALOG_PAGE_SIZE = 10;

function History({ supplier }: { supplier: Supplier }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const history = supplier.history;
  if (!history.has_history) {
    return <EmptyState description={<span data-testid="no-history">{t("suppliers.noHistory")}</span>} />;
  }
  return (
    <Row gutter={16} data-testid="supplier-history">
      <Col xs={24} sm={8}>
        <Statistic
          title={t("suppliers.history.responseRate")}
          value={formatRate(history.rfq_response_rate, language)}
        />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t("suppliers.history.rfqsAnswered", { answered: history.rfqs_answered, received: history.rfqs_received })}
        </Typography.Text>
      </Col>
      <Col xs={24} sm={8}>
        <Statistic title={t("suppliers.history.winRate")} value={formatRate(history.quote_win_rate, language)} />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t("suppliers.history.quotesWon", { won: history.quotes_won, submitted: history.quotes_submitted })}
        </Typography.Text>
      </Col>
      <Col xs={24} sm={8}>
        <Statistic
          title={t("suppliers.history.onTimeRate")}
          value={formatRate(history.on_time_delivery_rate, language)}
        />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t("suppliers.history.deliveriesOnTime", {
            onTime: history.on_time_deliveries,
            deliveries: history.deliveries,
          })}
        </Typography.Text>
      </Col>
    </Row>
  );
}

function SupplierCatalog({ supplierId }: { supplierId: number }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const [q, setQ] = useState("");
  const search = useListingSearch({ supplier_id: supplierId, q: q || undefined, page, page_size: CATALOG_PAGE_SIZE });
  return (
    <Space direction="vertical" style={{ width: "100%" }} data-testid="supplier-catalog">
      <Input.Search
        allowClear
        placeholder={t("suppliers.searchCatalog")}
        onSearch={(value) => {
          setQ(value.trim());
          setPage(1);
        }}
        style={{ maxWidth: 360 }}
        data-testid="supplier-catalog-search"
      />
      <QueryView
        query={search}
        isEmpty={(data) => data.count === 0}
        empty={<EmptyState description={t("suppliers.emptyCatalog")} />}
      >
        {(data) => (
          <>
            <ListingResults listings={data.results} loading={search.isFetching && search.isPlaceholderData} />
            {data.count > CATALOG_PAGE_SIZE ? (
              <Pagination
                align="end"
                current={page}
                pageSize={CATALOG_PAGE_SIZE}
                total={data.count}
                showSizeChanger={false}
                onChange={setPage}
              />
            ) : null}
          </>
        )}
      </QueryView>
    </Space>
  );
}

function SupplierView({ supplier }: { supplier: Supplier }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const name = localized(supplier.display_name_en, supplier.display_name_zh, language);
  const other = localized(supplier.display_name_en, supplier.display_name_zh, language === "zh-CN" ? "en" : "zh-CN");
  const description = localized(supplier.description_en, supplier.description_zh, language);
  return (
    <Space direction="vertical" size="large" style={{ width: "100%" }} data-testid="supplier-page">
      {!supplier.is_public ? (
        <Alert type="warning" showIcon message={t("suppliers.previewNotPublic")} data-testid="supplier-preview" />
      ) : null}
      <div>
        <Space wrap align="center">
          <Typography.Title level={2} style={{ margin: 0 }} data-testid="supplier-name">
            {name}
          </Typography.Title>
          <VerifiedBadge verified={supplier.verified} />
          <SupplierRating reputation={supplier.reputation} />
          {supplier.rating ? (
            <Tag color="gold">
              {t("suppliers.buyerRating", { rating: Number(supplier.rating).toFixed(1), n: supplier.rating_count })}
            </Tag>
          ) : null}
        </Space>
        {other && other !== name ? (
          <div>
            <Typography.Text type="secondary">{other}</Typography.Text>
          </div>
        ) : null}
      </div>
      <Card size="small" title={t("suppliers.profile")}>
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={t("suppliers.country")}>
            {countryName(supplier.country, language)}
          </Descriptions.Item>
          <Descriptions.Item label={t("suppliers.memberSince")}>
            {formatDate(supplier.member_since, language)}
          </Descriptions.Item>
          <Descriptions.Item label={t("suppliers.listings")}>{supplier.listing_count}</Descriptions.Item>
          {supplier.verified_at ? (
            <Descriptions.Item label={t("suppliers.verifiedAt")}>
              {formatDate(supplier.verified_at, language)}
            </Descriptions.Item>
          ) : null}
          <Descriptions.Item label={t("suppliers.categories")} span={2}>
            <Space size={[4, 4]} wrap data-testid="supplier-categories">
              {supplier.categories.map((c) => (
                <Link key={c.code} to={`/marketplace?category=${encodeURIComponent(c.code)}`}>
                  <Tag>{categoryName(c, language)}</Tag>
                </Link>
              ))}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label={t("suppliers.regionsServed")} span={2}>
            <Space size={[4, 4]} wrap data-testid="supplier-regions">
              {supplier.regions_served.map((r) => (
                <Tag key={r}>{regionName(r, language)}</Tag>
              ))}
            </Space>
          </Descriptions.Item>
          {supplier.capacity_note ? (
            <Descriptions.Item label={t("suppliers.capacity")} span={2}>
              <span style={{ whiteSpace: "pre-wrap" }}>{supplier.capacity_note}</span>
            </Descriptions.Item>
          ) : null}
          {supplier.min_order_note ? (
            <Descriptions.Item label={t("suppliers.minOrder")} span={2}>
              <span style={{ whiteSpace: "pre-wrap" }}>{supplier.min_order_note}</span>
            </Descriptions.Item>
          ) : null}
        </Descriptions>
        {description ? (
          <Typography.Paragraph style={{ whiteSpace: "pre-wrap", marginTop: 12, marginBottom: 0 }}>
            {description}
          </Typography.Paragraph>
        ) : null}
      </Card>
      <Card size="small" title={t("suppliers.qualifications")}>
        {supplier.certifications.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("suppliers.noCertifications")} />
        ) : (
          <Table
            data-testid="supplier-certifications"
            size="small"
            pagination={false}
            rowKey="id"
            dataSource={supplier.certifications}
            columns={[
              { key: "type", title: t("certifications.fields.type"), dataIndex: "type" },
              { key: "number", title: t("certifications.fields.number"), dataIndex: "number" },
              { key: "issuer", title: t("certifications.fields.issuer"), dataIndex: "issuer" },
              {
                key: "valid_until",
                title: t("certifications.fields.valid_until"),
                render: (_, c) => formatDate(c.valid_until, language),
              },
              {
                key: "status",
                title: t("certifications.fields.status"),
                render: (_, c) => <CertificationStatusTag status={c.status} />,
              },
            ]}
          />
        )}
      </Card>
      <Card size="small" title={t("suppliers.historyTitle")}>
        <History supplier={supplier} />
      </Card>
      <Card size="small" title={t("suppliers.catalog")}>
        <SupplierCatalog supplierId={supplier.id} />
      </Card>
    </Space>
  );
}

export function SupplierPage() {
  const { t } = useTranslation();
  const id = Number(useParams().supplierId);
  const supplier = useSupplier(id);
  return (
    <Space direction="vertical" size="middle" style={{ width: "100%" }}>
      <Link to="/marketplace">← {t("marketplace.backToSearch")}</Link>
      <QueryView query={supplier} loadingRows={10}>
        {(data) => <SupplierView supplier={data} />}
      </QueryView>
    </Space>
  );
}

export { SupplierPage as Component };
