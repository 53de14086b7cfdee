import { SafetyCertificateOutlined } from "@ant-design/icons";
import { Tag, Tooltip } from "antd";
import { useTranslation } from "react-i18next";

/** The operator-granted badge of a supplier whose papers were checked. */
export function VerifiedBadge({ verified }: { verified: boolean }) {
  const { t } = useTranslation();
  if (!verified) return null;
  return (
    <Tooltip title={t("suppliers.verifiedHelp")}>
      <Tag color="green" icon={<SafetyCertificateOutlined />} data-testid="verified-badge">
        {t("suppliers.verified")}
      </Tag>
    </Tooltip>
  );
}

const CERTIFICATION_COLORS: Record<string, string> = { valid: "green", expiring: "orange", expired: "red" };

/** `valid`, `expiring` (within 30 days) or `expired`, as the API judges a certificate today. */
export function CertificationStatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={CERTIFICATION_COLORS[status] ?? "default"} data-testid={`certification-status-${status}`}>
      {t(`certifications.status.${status}`, { defaultValue: status })}
    </Tag>
  );
}

/** The supplier rating (0 to 5) the platform computes from its RFQ and delivery history; none while unrated. */
export function SupplierRating({ reputation }: { reputation: string | null | undefined }) {
  const { t } = useTranslation();
  if (reputation === null || reputation === undefined) return null;
  return (
    <Tooltip title={t("suppliers.ratingHelp")}>
      <Tag color="gold" data-testid="supplier-rating">
        ★ {Number(reputation).toFixed(1)}
      </Tag>
    </Tooltip>
  );
}
