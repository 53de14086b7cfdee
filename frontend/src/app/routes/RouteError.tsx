import { Button } from "antd";
import { useTranslation } from "react-i18next";
import { isRouteErrorResponse, useRouteError } from "react-router";
import { ErrorState } from "@/components/PageState";
import { NotFound } from "@/components/StatusPages";

/** A route that failed to load or render (often a stale chunk after a deploy: reload fixes it). */
export function RouteError() {
  const { t } = useTranslation();
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFound />;
  return (
    <div style={{ padding: 48 }}>
      <ErrorState
        error={error}
        extra={
          <Button type="primary" onClick={() => window.location.reload()}>
            {t("actions.reload")}
          </Button>
        }
      />
    </div>
  );
}

export function RouteLoading() {
  return null;
}
