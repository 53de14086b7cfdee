import { Descriptions, Progress, Space, Tag, Tooltip, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { categoryName, indexCategories, useCategoryTree } from "@/lib/categories";
import { regionName } from "@/lib/format";
import { currentLanguage } from "@/lib/i18n";
import type { MatchReasons as Reasons } from "../api/matches";

export const COMPONENTS = ["price_level", "reputation", "lead_time", "verified"] as const;

/** Why a supplier matched, in one line: categories, lines covered, regions, certificates, badge. */
export function MatchSummary({ reasons }: { reasons: Reasons }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const tree = useCategoryTree();
  const index = indexCategories(tree.data ?? []);
  return (
    <Space size={[4, 4]} wrap data-testid="match-summary">
      {reasons.added_by_buyer ? <Tag color="blue">{t("rfqs.matching.addedByYou")}</Tag> : null}
      {reasons.lines_total ? (
        <Tag color={reasons.lines_covered === reasons.lines_total ? "green" : "gold"}>
          {t("rfqs.matching.linesCovered", { covered: reasons.lines_covered ?? 0, total: reasons.lines_total })}
        </Tag>
      ) : null}
      {(reasons.categories ?? []).map((code) => {
        const node = index.get(code);
        return <Tag key={`c-${code}`}>{node ? categoryName(node, language) : code}</Tag>;
      })}
      {(reasons.regions ?? []).map((region) => (
        <Tag key={`r-${region}`} color="cyan">
          {regionName(region, language)}
        </Tag>
      ))}
      {(reasons.certifications ?? []).map((c) => (
        <Tag key={`x-${c}`} color="purple">
          {c}
        </Tag>
      ))}
      {reasons.verified ? <Tag color="green">{t("suppliers.verified")}</Tag> : null}
    </Space>
  );
}

/** The four parts of the score (each 0 to 1) and where each came from. */
export function MatchDetails({ reasons }: { reasons: Reasons }) {
  const { t } = useTranslation();
  const components = reasons.components ?? {};
  const sources = reasons.sources ?? {};
  return (
    <Descriptions size="small" column={1} bordered data-testid="match-details">
      {COMPONENTS.map((name) => {
        const value = components[name];
        const source = sources[name];
        return (
          <Descriptions.Item key={name} label={t(`rfqs.matching.components.${name}`)}>
            <Space>
              <Progress
                percent={value === undefined ? 0 : Math.round(Number(value) * 100)}
                size="small"
                style={{ width: 160, margin: 0 }}
                format={(percent) => `${percent}%`}
              />
              {source ? (
                <Tooltip title={t(`rfqs.matching.sourceHelp.${source.split("+")[0]}`, { defaultValue: "" })}>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {source
                      .split("+")
                      .map((part) => t(`rfqs.matching.sources.${part}`, { defaultValue: part }))
                      .join(" + ")}
                  </Typography.Text>
                </Tooltip>
              ) : null}
            </Space>
          </Descriptions.Item>
        );
      })}
    </Descriptions>
  );
}

/** A score of 0 to 100. */
export function Score({ score }: { score: string | null | undefined }) {
  if (score === null || score === undefined) return <>—</>;
  const value = Number(score);
  return (
    <Space size={6}>
      <Progress type="circle" percent={Math.round(value)} size={32} format={() => ""} />
      <Typography.Text strong data-testid="match-score">
        {value.toFixed(1)}
      </Typography.Text>
    </Space>
  );
}
