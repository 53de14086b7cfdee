import { Space } from "antd";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { ErrorState } from "@/components/PageState";
import { useAccess } from "@/lib/access";
import { ProblemError } from "@/lib/problem";
import { useFinanceSettings } from "../api/settings";
import { BooksHeader } from "../components/BooksHeader";
import { BooksQueryView } from "../components/BooksQueryView";
import { EntryForm } from "../components/EntryForm";

/** `/finance/entries/new`: write a manual journal entry (members with finance.post). */
export function EntryNewPage() {
  const { t } = useTranslation();
  const { can } = useAccess();
  const navigate = useNavigate();
  const settings = useFinanceSettings();
  if (!can("finance.post")) return <ErrorState error={new ProblemError({ status: 403, code: "permission_denied" })} />;
  return (
    <Space direction="vertical" size="large" style={{ width: "100%" }} data-testid="entry-new-page">
      <BooksHeader title={t("finance.books.entryForm.title")} intro={t("finance.books.entryForm.intro")} />
      <BooksQueryView query={settings}>
        {(data) => (
          <EntryForm
            currency={data.functional_currency}
            onPosted={(entry) => void navigate(`/finance/entries/${entry.id}`)}
            onCancel={() => void navigate("/finance/entries")}
          />
        )}
      </BooksQueryView>
    </Space>
  );
}

export { EntryNewPage as Component };
