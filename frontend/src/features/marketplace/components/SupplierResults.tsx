import { Checkbox, Col, Input, List, Pagination, Row, Select, Space, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { CategoryTreeSelect } from "@/components/CategoryTreeSelect";
import { EmptyState, QueryView } from "@/components/PageState";
import { SupplierRating, VerifiedBadge } from "@/components/SupplierBadges";
import { RegionSelect } from "@/components/RegionSelect";
import { categoryName } from "@/lib/categories";
import { countryName, localized, regionName } from "@/lib/format";
import { currentLanguage } from "@/lib/i18n";
import { useSupplierSearch, type SupplierCard, type SupplierQuery } from "../api/suppliers";

const PAGE_SIZE = 20;
const SORTS = ["relevance", "rating", "name"] as const;

/** The supplier directory: the same words as the product search, with its own filters. */
export function SupplierResults({
  query,
  onChange,
}: {
  query: SupplierQuery;
  onChange: (changes: Partial<SupplierQuery>) => void;
}) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const suppliers = useSupplierSearch({ ...query, page_size: PAGE_SIZE });
  return (
    <Space direction="vertical" size="middle" style={{ width: "100%" }} data-testid="supplier-search">
      <Row gutter={[12, 12]}>
        <Col xs={24} md={7}>
          <CategoryTreeSelect
            value={query.category}
            onChange={(value) => onChange({ category: (value as string | undefined) || undefined, page: undefined })}
            placeholder={t("marketplace.filters.category")}
          />
        </Col>
        <Col xs={24} md={6}>
          <RegionSelect
            value={query.region}
            onChange={(value) => onChange({ region: (value as string | undefined) || undefined, page: undefined })}
            placeholder={t("marketplace.filters.region")}
          />
        </Col>
        <Col xs={24} md={5}>
          <Input.Search
            key={query.certification ?? ""}
            defaultValue={query.certification}
            allowClear
            placeholder={t("marketplace.filters.certificationPlaceholder")}
            onSearch={(value) => onChange({ certification: value.trim() || undefined, page: undefined })}
          />
        </Col>
        <Col xs={12} md={3} style={{ display: "flex", alignItems: "center" }}>
          <Checkbox
            data-testid="supplier-filter-verified"
            checked={query.verified ?? false}
            onChange={(event) => onChange({ verified: event.target.checked || undefined, page: undefined })}
          >
            {t("suppliers.verified")}
          </Checkbox>
        </Col>
        <Col xs={12} md={3}>
          <Select
            style={{ width: "100%" }}
            value={query.sort ?? "relevance"}
            onChange={(sort) => onChange({ sort, page: undefined })}
            options={SORTS.map((value) => ({ value, label: t(`suppliers.sort.${value}`) }))}
          />
        </Col>
      </Row>
      <QueryView
        query={suppliers}
        isEmpty={(data) => data.count === 0}
        empty={<EmptyState description={t("suppliers.noneFound")} />}
      >
        {(data) => (
          <>
            <Typography.Text>{t("marketplace.count", { n: data.count })}</Typography.Text>
            <div data-testid="supplier-results">
              <List<SupplierCard>
                loading={suppliers.isFetching && suppliers.isPlaceholderData}
                dataSource={data.results}
                renderItem={(supplier) => (
                  <List.Item data-testid={`supplier-result-${supplier.id}`}>
                    <Space direction="vertical" size={4} style={{ width: "100%" }}>
                      <Space wrap>
                        <Link to={`/marketplace/suppliers/${supplier.id}`}>
                          <Typography.Text strong style={{ fontSize: 15 }}>
                            {localized(supplier.display_name_en, supplier.display_name_zh, language)}
                          </Typography.Text>
                        </Link>
                        <VerifiedBadge verified={supplier.verified} />
                        <SupplierRating reputation={supplier.reputation} />
                        <Typography.Text type="secondary">{countryName(supplier.country, language)}</Typography.Text>
                      </Space>
                      <Space size={[4, 4]} wrap>
                        {supplier.categories.slice(0, 6).map((c) => (
                          <Tag key={c.code}>{categoryName(c, language)}</Tag>
                        ))}
                        {supplier.regions_served.slice(0, 6).map((r) => (
                          <Tag key={r} color="cyan">
                            {regionName(r, language)}
                          </Tag>
                        ))}
                        {supplier.valid_certifications.map((c) => (
                          <Tag key={c} color="purple">
                            {c}
                          </Tag>
                        ))}
                      </Space>
                    </Space>
                  </List.Item>
                )}
              />
            </div>
            {data.count > PAGE_SIZE ? (
              <Pagination
                align="end"
                current={query.page ?? 1}
                pageSize={PAGE_SIZE}
                total={data.count}
                showSizeChanger={false}
                onChange={(page) => onChange({ page })}
              />
            ) : null}
          </>
        )}
      </QueryView>
    </Space>
  );
}
