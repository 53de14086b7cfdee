import type { UseQueryResult } from "@tanstack/react-query";
import { Button, Result } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { EmptyState, ErrorState, LoadingState } from "@/components/PageState";
import { useAccess } from "@/lib/access";
import { toProblem } from "@/lib/problem";

/** Whether an error says the company's plan lacks the finance feature (403 feature_not_in_plan). */
export function isFeatureMissing(error: unknown): boolean {
  return error !== null && error !== undefined && toProblem(error).code === "feature_not_in_plan";
}

/** The books are not in the company's plan: say so, and show the way to a plan that has them. */
export function FinanceUpgradeNotice() {
  const { t } = useTranslation();
  const { can } = useAccess();
  return (
    <div data-testid="finance-upgrade">
      <Result
        status="info"
        title={t("finance.books.upgrade.title")}
        subTitle={can("billing.manage") ? t("finance.books.upgrade.body") : t("finance.books.upgrade.askOwner")}
        extra={
          can("billing.manage") ? (
            <Link to="/billing" data-testid="finance-upgrade-link">
              <Button type="primary">{t("finance.books.upgrade.action")}</Button>
            </Link>
          ) : null
        }
      />
    </div>
  );
}

/** An error of a books query: the upgrade notice when the plan lacks the books, else the usual error page. */
export function BooksError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  if (isFeatureMissing(error)) return <FinanceUpgradeNotice />;
  return <ErrorState error={error} onRetry={onRetry} />;
}

/** QueryView for the books: loading, the plan's upgrade notice or the error, empty, then the data. */
export function BooksQueryView<T>({
  query,
  isEmpty,
  empty,
  loadingRows,
  children,
}: {
  query: UseQueryResult<T>;
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  loadingRows?: number;
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) return <LoadingState rows={loadingRows} />;
  if (query.isError) return <BooksError error={query.error} onRetry={() => void query.refetch()} />;
  if (isEmpty?.(query.data) && empty !== undefined) {
    return <>{typeof empty === "string" ? <EmptyState description={empty} /> : empty}</>;
  }
  return <>{children(query.data)}</>;
}
