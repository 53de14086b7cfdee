import type { UseQueryResult } from "@tanstack/react-query";
import { Button, Empty, Result, Skeleton } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { problemMessage, toProblem } from "@/lib/problem";

export function LoadingState({ rows = 4 }: { rows?: number }) {
  return (
    <div data-testid="loading" aria-busy="true">
      <Skeleton active paragraph={{ rows }} />
    </div>
  );
}

export function EmptyState({ description, action }: { description: ReactNode; action?: ReactNode }) {
  return (
    <div data-testid="empty">
      <Empty description={description}>{action}</Empty>
    </div>
  );
}

function resultStatus(status: number): "403" | "404" | "500" | "error" | "warning" {
  if (status === 403) return "403";
  if (status === 404) return "404";
  if (status >= 500) return "500";
  if (status === 0) return "warning";
  return "error";
}

/** An error as a page: what went wrong in words (from its problem code) and a way to try again. */
export function ErrorState({ error, onRetry, extra }: { error: unknown; onRetry?: () => void; extra?: ReactNode }) {
  const { t } = useTranslation();
  const problem = toProblem(error);
  const title =
    problem.status === 404
      ? t("errors.notAvailableTitle")
      : problem.status === 403
        ? t("errors.forbiddenTitle")
        : t("errors.title");
  return (
    <div data-testid="error-state" data-problem-code={problem.code}>
      <Result
        status={resultStatus(problem.status)}
        title={title}
        subTitle={problemMessage(t, problem)}
        extra={
          <>
            {onRetry ? (
              <Button data-testid="retry" onClick={onRetry}>
                {t("actions.retry")}
              </Button>
            ) : null}
            {problem.code === "mfa_required" ? (
              <Link to="/profile" data-testid="set-up-mfa">
                <Button type="primary">{t("errors.setUpMfa")}</Button>
              </Link>
            ) : null}
            {extra}
          </>
        }
      />
    </div>
  );
}

/** Loading, error and (optionally) empty states around a query; children get its data. */
export function QueryView<T>({
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
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  if (isEmpty?.(query.data) && empty !== undefined) return <>{empty}</>;
  return <>{children(query.data)}</>;
}
