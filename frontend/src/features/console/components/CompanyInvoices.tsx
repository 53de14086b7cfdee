import { Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { CompanyDetail } from "../api/company";

/**
 * The company's invoices. The console's invoice list (`GET /api/console/invoices/`) is built with the
 * invoicing work; until it is on this branch the tab says how many invoices exist.
 */
export function CompanyInvoices({ detail }: { detail: CompanyDetail }) {
  const { t } = useTranslation();
  return (
    <Typography.Paragraph type="secondary" data-testid="company-invoices">
      {t("console.company.invoicesCount", { count: detail.invoices_count })}
    </Typography.Paragraph>
  );
}
