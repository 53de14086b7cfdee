import { Button, Result } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

/** Shown when a member opens a page their permissions do not cover. */
export function Forbidden() {
  const { t } = useTranslation();
  return (
    <div data-testid="forbidden">
      <Result
        status="403"
        title="403"
        subTitle={t("errors.forbiddenPage")}
        extra={
          <Link to="/">
            <Button type="primary">{t("actions.backHome")}</Button>
          </Link>
        }
      />
    </div>
  );
}

export function NotFound() {
  const { t } = useTranslation();
  return (
    <div data-testid="not-found">
      <Result
        status="404"
        title="404"
        subTitle={t("errors.notFoundPage")}
        extra={
          <Link to="/">
            <Button type="primary">{t("actions.backHome")}</Button>
          </Link>
        }
      />
    </div>
  );
}
