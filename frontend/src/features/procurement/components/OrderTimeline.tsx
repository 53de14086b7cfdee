import { Space, Tag, Timeline, Typography } from "antd";
import type { TFunction } from "i18next";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { formatDate, formatDateTime, formatQuantity, formatUnitPrice } from "@/lib/format";
import { currentLanguage, type AppLanguage } from "@/lib/i18n";
import type { PoLine } from "../api/purchaseOrders";
import type { OrderEvent } from "../api/timeline";

const COLORS: Record<string, string> = {
  created: "gray",
  created_from_award: "gray",
  submitted: "blue",
  approval_step_approved: "green",
  approval_rejected: "red",
  approved: "green",
  sent: "blue",
  acknowledged: "green",
  proposal_received: "orange",
  proposal_accepted: "green",
  proposal_rejected: "red",
  change_requested: "orange",
  change_proposed: "orange",
  changed: "orange",
  change_rejected: "red",
  shipped: "cyan",
  received: "green",
  rejected_by_supplier: "red",
  cancelled: "red",
  closed: "gray",
};

type Details = Record<string, unknown>;

function text(value: unknown): string | null {
  if (typeof value === "number") return String(value);
  return typeof value === "string" && value.trim() !== "" ? value : null;
}

function records(value: unknown): Details[] {
  return Array.isArray(value)
    ? value.filter((row): row is Details => typeof row === "object" && row !== null && !Array.isArray(row))
    : [];
}

interface Context {
  t: TFunction;
  language: AppLanguage;
  currency: string;
  unitOf: (lineNo: unknown) => string;
  nameOf: (userId: number | null | undefined) => string;
}

/** "Line 2: quantity 120 pcs, price ¥11.50, date 1 Jul 2026" for a proposed or agreed change of a line. */
function changeLines(details: Details, c: Context): ReactNode[] {
  return records(details.lines).map((line) => {
    const parts = [
      text(line.quantity)
        ? c.t("procurement.timeline.quantity", {
            value: `${formatQuantity(text(line.quantity), c.language)} ${c.unitOf(line.line_no)}`,
          })
        : null,
      text(line.unit_price)
        ? c.t("procurement.timeline.price", {
            value: formatUnitPrice(text(line.unit_price) ?? "", c.currency, c.language),
          })
        : null,
      text(line.requested_date)
        ? c.t("procurement.timeline.requested", { value: formatDate(text(line.requested_date), c.language) })
        : null,
      text(line.promised_date)
        ? c.t("procurement.timeline.promised", { value: formatDate(text(line.promised_date), c.language) })
        : null,
    ].filter(Boolean);
    return parts.length > 0
      ? c.t("procurement.timeline.line", { n: text(line.line_no), what: parts.join(", ") })
      : null;
  });
}

function detailsOf(event: OrderEvent, c: Context): ReactNode[] {
  const d = event.details;
  const { t } = c;
  const reason = text(d.reason) ? t("procurement.timeline.reason", { reason: text(d.reason) }) : null;
  const onBehalf =
    typeof d.on_behalf_of === "number"
      ? t("procurement.timeline.onBehalfOf", { name: c.nameOf(d.on_behalf_of) })
      : null;
  const version = text(d.version) ? t("procurement.timeline.version", { n: text(d.version) }) : null;
  const kind = event.kind.endsWith("_ignored") ? "ignored" : event.kind;
  switch (kind) {
    case "created":
    case "created_from_award":
      return [
        text(d.rfq_id) ? (
          <Link key="rfq" to={`/rfqs/${text(d.rfq_id)}`}>
            {text(d.rfq_title)
              ? t("procurement.timeline.fromRfqTitled", { title: text(d.rfq_title) })
              : t("procurement.timeline.fromRfq", { id: text(d.rfq_id) })}
          </Link>
        ) : null,
      ];
    case "submitted":
      return [text(d.rule) ? t("procurement.timeline.rule", { name: text(d.rule) }) : t("procurement.timeline.noRule")];
    case "approval_step_approved":
      return [
        t("procurement.timeline.level", { n: text(d.step) }),
        onBehalf,
        text(d.note) ? `“${text(d.note)}”` : null,
      ];
    case "approval_rejected":
      return [t("procurement.timeline.level", { n: text(d.step) }), onBehalf, reason];
    case "approved":
      return [d.auto === true ? t("procurement.timeline.autoApproved") : t("procurement.timeline.allLevelsApproved")];
    case "sent":
      return [
        d.channel === "email"
          ? t("procurement.timeline.sentByEmail", { to: text(d.to) ?? "" })
          : t("procurement.timeline.sentOnHansa", { to: text(d.to) ?? "" }),
      ];
    case "acknowledged":
      return [
        text(d.so_number) ? t("procurement.timeline.supplierOrder", { number: text(d.so_number) }) : null,
        d.recorded_by_buyer === true ? t("procurement.timeline.recordedByHand") : null,
        text(d.note) ? `“${text(d.note)}”` : null,
        version,
        ...changeLines(d, c),
      ];
    case "proposal_received":
    case "change_proposed":
    case "change_requested":
    case "changed":
      return [
        d.proposed_by === "supplier"
          ? t("procurement.timeline.proposedBySupplier")
          : d.proposed_by === "buyer"
            ? t("procurement.timeline.proposedByBuyer")
            : null,
        version,
        reason,
        ...changeLines(d, c),
      ];
    case "proposal_accepted":
    case "proposal_rejected":
    case "change_rejected":
      return [version, reason];
    case "shipped":
      return [
        text(d.shipment_number) ? t("procurement.timeline.shipment", { number: text(d.shipment_number) }) : null,
        <span key="carrier" data-testid="timeline-carrier">
          {t("procurement.timeline.carrier", {
            carrier: text(d.carrier) ?? "—",
            tracking: text(d.tracking_number) ?? "—",
          })}
        </span>,
        text(d.packages) ? t("procurement.timeline.packages", { n: Number(d.packages) }) : null,
        text(d.shipped_at)
          ? t("procurement.timeline.shippedAt", { time: formatDateTime(text(d.shipped_at), c.language) })
          : null,
        ...records(d.lines).map((line) =>
          t("procurement.timeline.line", {
            n: text(line.line_no),
            what: `${formatQuantity(text(line.quantity), c.language)} ${c.unitOf(line.line_no)}`,
          }),
        ),
      ];
    case "received":
      return [
        text(d.receipt_number) ? t("procurement.timeline.receipt", { number: text(d.receipt_number) }) : null,
        d.complete === true ? t("procurement.timeline.complete") : t("procurement.timeline.partial"),
        ...records(d.lines).map((line) => {
          const unit = c.unitOf(line.line_no);
          const rejected = Number(text(line.rejected_quantity) ?? 0) > 0;
          return t("procurement.timeline.line", {
            n: text(line.line_no),
            what: [
              t("procurement.timeline.accepted", {
                value: `${formatQuantity(text(line.accepted_quantity), c.language)} ${unit}`,
              }),
              rejected
                ? t("procurement.timeline.rejectedQty", {
                    value: `${formatQuantity(text(line.rejected_quantity), c.language)} ${unit}`,
                    reason: text(line.rejection_reason) ?? "—",
                  })
                : null,
            ]
              .filter(Boolean)
              .join(", "),
          });
        }),
      ];
    case "rejected_by_supplier":
      return [
        text(d.so_number) ? t("procurement.timeline.supplierOrder", { number: text(d.so_number) }) : null,
        reason,
      ];
    case "cancelled":
      return [d.by === "supplier" ? t("procurement.timeline.bySupplier") : t("procurement.timeline.byBuyer"), reason];
    case "closed":
      return [d.short === true ? t("procurement.timeline.shortClosed") : null, reason];
    case "ignored":
      return [
        t("procurement.timeline.ignoredBecause", {
          status: t(`procurement.status.${text(d.status) ?? ""}`, { defaultValue: text(d.status) ?? "" }),
        }),
        reason,
      ];
    default:
      return [];
  }
}

function titleOf(kind: string, t: TFunction): string {
  if (kind.endsWith("_ignored")) {
    const base = kind.slice(0, -"_ignored".length);
    return t("procurement.timeline.ignored", {
      what: t(`procurement.timeline.documents.${base}`, { defaultValue: base }),
    });
  }
  return t(`procurement.timeline.kinds.${kind}`, { defaultValue: kind });
}

/**
 * The order's one timeline: every event from creation to closing, as the buyer's own records tell it —
 * who (member or supplier), when, and what (levels approved, the supplier's answer, changes with their
 * lines, shipments with carrier and tracking number, receipts with accepted and rejected quantities).
 */
export function OrderTimeline({
  events,
  lines,
  currency,
  nameOf,
}: {
  events: readonly OrderEvent[];
  lines: readonly PoLine[];
  currency: string;
  nameOf: (userId: number | null | undefined) => string;
}) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const units = new Map(lines.map((line) => [line.line_no, line.unit]));
  const context: Context = {
    t,
    language,
    currency,
    nameOf,
    unitOf: (lineNo) => units.get(Number(lineNo)) ?? "",
  };
  return (
    <div data-testid="po-timeline">
      <Timeline
        items={events.map((event) => {
          const details = detailsOf(event, context).filter((item) => item !== null && item !== "");
          const who =
            event.actor_id !== null && !nameOf(event.actor_id).startsWith("#")
              ? nameOf(event.actor_id)
              : event.actor_label;
          return {
            key: event.id,
            color: COLORS[event.kind] ?? (event.kind.endsWith("_ignored") ? "gray" : "blue"),
            children: (
              <Space
                direction="vertical"
                size={0}
                data-testid={`timeline-event-${event.kind}`}
                data-kind={event.kind}
                data-event-id={event.id}
              >
                <Space size={6} wrap>
                  <Typography.Text strong>{titleOf(event.kind, t)}</Typography.Text>
                  {who ? <Tag bordered={false}>{who}</Tag> : null}
                </Space>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatDateTime(event.at, language)}
                </Typography.Text>
                {details.map((item, index) => (
                  <Typography.Text key={index} style={{ fontSize: 13 }}>
                    {item}
                  </Typography.Text>
                ))}
              </Space>
            ),
          };
        })}
      />
    </div>
  );
}
