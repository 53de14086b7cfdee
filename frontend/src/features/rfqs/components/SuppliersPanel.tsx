import { Alert, App, Button, Popconfirm, Space, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { EmptyState, QueryView } from "@/components/PageState";
import { VerifiedBadge } from "@/components/SupplierBadges";
import { tablePagination } from "@/components/pagination";
import { useAccess } from "@/lib/access";
import type { PageParams } from "@/lib/api";
import { formatDateTime, localized } from "@/lib/format";
import { currentLanguage } from "@/lib/i18n";
import { problemMessage } from "@/lib/problem";
import { useAddInvitee, useExcludeMatch, useInvitations, useRemoveInvitee } from "../api/invitations";
import { useMatches, type MatchReasons } from "../api/matches";
import type { Rfq } from "../api/rfqs";
import { MatchDetails, MatchSummary, Score } from "./MatchReasons";

type RowState = "will_invite" | "matched" | "invited" | "removed";

interface SupplierRow {
  supplierId: number;
  name: string;
  verified: boolean;
  rank: number | null;
  score: string | null;
  reasons: MatchReasons;
  state: RowState;
  addedByBuyer: boolean;
  notifiedAt: string | null;
}

const STATE_COLORS: Record<RowState, string> = {
  will_invite: "processing",
  invited: "green",
  matched: "default",
  removed: "red",
};

const PAGE: PageParams = { page: 1, page_size: 50 };

interface LinkedSupplier {
  companyId: number;
  nameEn: string;
  nameZh: string;
}

/** The suppliers of the listings the lines link (from each line's snapshot of its listing). */
export function linkedSuppliers(rfq: Pick<Rfq, "lines">): LinkedSupplier[] {
  const found = new Map<number, LinkedSupplier>();
  for (const line of rfq.lines) {
    const snapshot = line.listing_snapshot;
    if (!snapshot || found.has(snapshot.supplier_id)) continue;
    found.set(snapshot.supplier_id, {
      companyId: snapshot.supplier_id,
      nameEn: snapshot.supplier_name_en,
      nameZh: snapshot.supplier_name_zh,
    });
  }
  return [...found.values()];
}

/** Linking a listing does not invite its supplier; offer to, when matching left it out. */
function LinkedSupplierHints({ rfq, shown }: { rfq: Rfq; shown: ReadonlySet<number> }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const { message } = App.useApp();
  const { can } = useAccess();
  const add = useAddInvitee();
  const missing = linkedSuppliers(rfq).filter((s) => !shown.has(s.companyId));
  if (missing.length === 0 || !can("rfq.publish")) return null;
  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      {missing.map((supplier) => {
        const name = localized(supplier.nameEn, supplier.nameZh, language);
        return (
          <Alert
            key={supplier.companyId}
            type="warning"
            showIcon
            data-testid={`linked-supplier-${supplier.companyId}`}
            message={t("rfqs.matching.linkedNotMatched", { name })}
            action={
              <Button
                size="small"
                loading={add.isPending}
                onClick={() =>
                  add
                    .mutateAsync({ rfqId: rfq.id, supplierId: supplier.companyId })
                    .then(() => void message.success(t("rfqs.matching.invitedMessage", { name })))
                    .catch((error: unknown) => void message.error(problemMessage(t, error)))
                }
              >
                {t("rfqs.matching.invite")}
              </Button>
            }
          />
        );
      })}
    </Space>
  );
}

function SupplierTable({
  rfq,
  rows,
  count,
  params,
  onPage,
  loading,
}: {
  rfq: Rfq;
  rows: SupplierRow[];
  count: number;
  params: PageParams;
  onPage: (params: PageParams) => void;
  loading: boolean;
}) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const { message } = App.useApp();
  const { can } = useAccess();
  const add = useAddInvitee();
  const remove = useRemoveInvitee();
  const exclude = useExcludeMatch();
  const editable = can("rfq.publish") && (rfq.status === "draft" || rfq.status === "open");
  const busy = add.isPending || remove.isPending || exclude.isPending;

  const run = (action: Promise<unknown>, done: string) =>
    action
      .then(() => void message.success(done))
      .catch((error: unknown) => void message.error(problemMessage(t, error)));

  const actionFor = (row: SupplierRow) => {
    if (!editable) return null;
    const args = { rfqId: rfq.id, supplierId: row.supplierId };
    const testId = (what: string) => `supplier-${what}-${row.supplierId}`;
    switch (row.state) {
      case "will_invite":
        return (
          <Button
            size="small"
            disabled={busy}
            data-testid={testId("exclude")}
            onClick={() => void run(exclude.mutateAsync(args), t("rfqs.matching.excluded", { name: row.name }))}
          >
            {t("rfqs.matching.exclude")}
          </Button>
        );
      case "invited":
        return (
          <Popconfirm
            title={t("rfqs.matching.removeConfirm", { name: row.name })}
            okText={t("rfqs.matching.remove")}
            cancelText={t("actions.cancel")}
            onConfirm={() => run(remove.mutateAsync(args), t("rfqs.matching.removed", { name: row.name }))}
          >
            <Button size="small" danger disabled={busy} data-testid={testId("remove")}>
              {t("rfqs.matching.remove")}
            </Button>
          </Popconfirm>
        );
      default:
        return (
          <Button
            size="small"
            type="primary"
            ghost
            disabled={busy}
            data-testid={testId("invite")}
            onClick={() => void run(add.mutateAsync(args), t("rfqs.matching.invitedMessage", { name: row.name }))}
          >
            {row.state === "removed" ? t("rfqs.matching.inviteAgain") : t("rfqs.matching.invite")}
          </Button>
        );
    }
  };

  return (
    <Table<SupplierRow>
      data-testid="rfq-suppliers"
      rowKey="supplierId"
      size="middle"
      dataSource={rows}
      loading={loading}
      pagination={tablePagination(count, params, onPage)}
      scroll={{ x: true }}
      expandable={{ expandedRowRender: (row) => <MatchDetails reasons={row.reasons} /> }}
      onRow={(row) => ({ "data-testid": `supplier-row-${row.supplierId}` }) as React.HTMLAttributes<HTMLElement>}
      columns={[
        { key: "rank", title: t("rfqs.matching.rank"), render: (_, row) => row.rank ?? "—", width: 64 },
        {
          key: "name",
          title: t("rfqs.matching.supplier"),
          render: (_, row) => (
            <Space size={4} wrap>
              <Typography.Text strong>{row.name}</Typography.Text>
              <VerifiedBadge verified={row.verified} />
            </Space>
          ),
        },
        { key: "score", title: t("rfqs.matching.score"), render: (_, row) => <Score score={row.score} /> },
        { key: "why", title: t("rfqs.matching.why"), render: (_, row) => <MatchSummary reasons={row.reasons} /> },
        {
          key: "state",
          title: t("rfqs.matching.state"),
          render: (_, row) => (
            <Space direction="vertical" size={0}>
              <Tag color={STATE_COLORS[row.state]} data-testid={`supplier-state-${row.supplierId}`}>
                {t(`rfqs.matching.states.${row.state}`)}
              </Tag>
              {row.notifiedAt ? (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t("rfqs.matching.notifiedAt", { time: formatDateTime(row.notifiedAt, language) })}
                </Typography.Text>
              ) : null}
            </Space>
          ),
        },
        { key: "actions", title: "", render: (_, row) => actionFor(row) },
      ]}
    />
  );
}

/** Before publishing: who the draft would reach now (the preview), with the buyer's own changes. */
function DraftSuppliers({ rfq }: { rfq: Rfq }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const [params, setParams] = useState<PageParams>(PAGE);
  const matches = useMatches(rfq.id, params.page, params.page_size);
  const invitations = useInvitations(rfq.id, { page: 1, page_size: 200 });
  const chosen = new Map((invitations.data?.results ?? []).map((i) => [i.supplier_id, i] as const));
  return (
    <QueryView
      query={matches}
      isEmpty={(data) => data.count === 0 && chosen.size === 0}
      empty={
        <Space direction="vertical" style={{ width: "100%" }}>
          <LinkedSupplierHints rfq={rfq} shown={new Set()} />
          <EmptyState description={t("rfqs.matching.noMatches")} />
        </Space>
      }
    >
      {(data) => {
        const rows: SupplierRow[] = data.results.map((match) => {
          const invitation = chosen.get(match.supplier_id);
          const state: RowState =
            invitation?.status === "invited"
              ? "invited"
              : invitation?.status === "removed"
                ? "removed"
                : match.would_invite
                  ? "will_invite"
                  : "matched";
          return {
            supplierId: match.supplier_id,
            name: localized(match.display_name_en, match.display_name_zh, language) || match.name,
            verified: match.verified,
            rank: match.rank,
            score: match.score,
            reasons: { ...match.reasons, added_by_buyer: invitation?.reasons.added_by_buyer ?? false },
            state,
            addedByBuyer: Boolean(invitation?.reasons.added_by_buyer),
            notifiedAt: null,
          };
        });
        const shown = new Set(rows.map((row) => row.supplierId));
        for (const invitation of chosen.values()) {
          if (shown.has(invitation.supplier_id) || params.page !== 1) continue;
          rows.push({
            supplierId: invitation.supplier_id,
            name:
              localized(invitation.display_name_en, invitation.display_name_zh, language) || invitation.supplier_name,
            verified: invitation.verified,
            rank: invitation.rank,
            score: invitation.score,
            reasons: invitation.reasons,
            state: invitation.status === "removed" ? "removed" : "invited",
            addedByBuyer: true,
            notifiedAt: null,
          });
        }
        const invited = rows.filter((row) => row.state === "will_invite" || row.state === "invited").length;
        return (
          <Space direction="vertical" style={{ width: "100%" }}>
            <LinkedSupplierHints rfq={rfq} shown={new Set([...rows.map((row) => row.supplierId), ...chosen.keys()])} />
            <Typography.Text data-testid="match-preview-count">
              {t("rfqs.matching.previewCount", { matched: data.count, invited, topN: rfq.top_n })}
            </Typography.Text>
            <SupplierTable
              rfq={rfq}
              rows={rows}
              count={data.count}
              params={params}
              onPage={setParams}
              loading={matches.isFetching}
            />
          </Space>
        );
      }}
    </QueryView>
  );
}

/** After publishing: every invited, matched and removed supplier with its score and why. */
function PublishedSuppliers({ rfq }: { rfq: Rfq }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const [params, setParams] = useState<PageParams>(PAGE);
  const invitations = useInvitations(rfq.id, params);
  return (
    <QueryView
      query={invitations}
      isEmpty={(data) => data.count === 0}
      empty={<EmptyState description={t("rfqs.matching.noneInvited")} />}
    >
      {(data) => (
        <Space direction="vertical" style={{ width: "100%" }}>
          <Typography.Text data-testid="invited-count">
            {t("rfqs.matching.publishedCount", { invited: rfq.invited_count, matched: rfq.matched_count })}
          </Typography.Text>
          <SupplierTable
            rfq={rfq}
            count={data.count}
            params={params}
            onPage={setParams}
            loading={invitations.isFetching && invitations.isPlaceholderData}
            rows={data.results.map((i) => ({
              supplierId: i.supplier_id,
              name: localized(i.display_name_en, i.display_name_zh, language) || i.supplier_name,
              verified: i.verified,
              rank: i.rank,
              score: i.score,
              reasons: i.reasons,
              state: i.status,
              addedByBuyer: Boolean(i.reasons.added_by_buyer),
              notifiedAt: i.notified_at,
            }))}
          />
        </Space>
      )}
    </QueryView>
  );
}

/** Which suppliers the RFQ reaches, why each matched and its score; invitees added or removed. */
export function SuppliersPanel({ rfq }: { rfq: Rfq }) {
  return rfq.status === "draft" ? <DraftSuppliers rfq={rfq} /> : <PublishedSuppliers rfq={rfq} />;
}
