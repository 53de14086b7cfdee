import {
  CarOutlined,
  CheckCircleOutlined,
  CloseCircleOutlined,
  EditOutlined,
  FileTextOutlined,
  InboxOutlined,
  StopOutlined,
  SwapOutlined,
} from "@ant-design/icons";
import { Timeline, Typography } from "antd";
import type { TFunction } from "i18next";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { EmptyState, QueryView } from "@/components/PageState";
import { formatDateTime } from "@/lib/format";
import { currentLanguage, type AppLanguage } from "@/lib/i18n";
import type { Amendment } from "../api/amendments";
import type { SalesOrderLine } from "../api/salesOrders";
import { useTimeline, type TimelineEvent } from "../api/timeline";
import { quantityWithUnit } from "./quantities";
import { describeLineChange } from "./terms";

type Data = Record<string, unknown>;

function text(value: unknown): string {
  return typeof value === "string" ? value : typeof value === "number" ? String(value) : "";
}

function lineList(value: unknown): Data[] {
  return Array.isArray(value) ? value.filter((v): v is Data => typeof v === "object" && v !== null) : [];
}

interface Look {
  color: string;
  dot: ReactNode;
  title: string;
  details: ReactNode[];
}

/** One event as words in the UI language (the API's `summary` is English; `details` has the facts). */
function describe(
  event: TimelineEvent,
  t: TFunction,
  language: AppLanguage,
  units: Map<number, string>,
  amendments: Map<number, Amendment>,
  currency: string,
): Look {
  const data = event.details as Data;
  const lines = (value: unknown, field: string) =>
    lineList(value)
      .map((l) => {
        const no = Number(l.line_no);
        return t("sales.timeline.lineQuantity", {
          line: no,
          quantity: quantityWithUnit(text(l[field]), units.get(no) ?? "", language),
        });
      })
      .join(t("common.listSeparator"));
  const reason = text(data.reason);
  const because = reason ? [t("sales.timeline.reason", { reason })] : [];
  switch (event.kind) {
    case "ordered":
      return {
        color: "blue",
        dot: <FileTextOutlined />,
        title:
          data.source === "hansa"
            ? t("sales.timeline.orderedHansa", { po: text(data.po_number) })
            : t("sales.timeline.orderedManual"),
        details: [],
      };
    case "change_proposed": {
      const by = text(data.proposed_by);
      return {
        color: "purple",
        dot: <EditOutlined />,
        title: t("sales.timeline.changeProposed", {
          version: text(data.version),
          by: t(`sales.party.${by}`, { defaultValue: by }),
        }),
        details: [
          ...because,
          ...lineList(data.lines).map((l) =>
            describeLineChange(l, undefined, { unit: units.get(Number(l.line_no)) ?? "", currency, t, language }),
          ),
        ],
      };
    }
    case "changed":
      return {
        color: "green",
        dot: <SwapOutlined />,
        title: t("sales.timeline.changed", { version: text(data.version) }),
        details: [],
      };
    case "change_rejected": {
      const version = Number(data.version);
      const superseded = amendments.get(version)?.status === "superseded";
      return {
        color: "gray",
        dot: <CloseCircleOutlined />,
        title: superseded
          ? t("sales.timeline.changeSuperseded", { version })
          : t("sales.timeline.changeRejected", { version }),
        details: because,
      };
    }
    case "acknowledged":
      return data.action === "reject"
        ? {
            color: "red",
            dot: <CloseCircleOutlined />,
            title: t("sales.timeline.rejected"),
            details: because,
          }
        : { color: "green", dot: <CheckCircleOutlined />, title: t("sales.timeline.accepted"), details: [] };
    case "shipped": {
      const tracking = text(data.tracking_number);
      return {
        color: "blue",
        dot: <CarOutlined />,
        title: t("sales.timeline.shipped", { number: text(data.shipment_number), carrier: text(data.carrier) }),
        details: [
          tracking ? (
            <span key="tracking" data-testid="timeline-tracking">
              {t("sales.timeline.tracking", { tracking })}
            </span>
          ) : (
            t("sales.timeline.noTracking")
          ),
          t("sales.timeline.packages", { n: Number(data.packages) || 1 }),
          lines(data.lines, "quantity"),
        ],
      };
    }
    case "received": {
      const received = lineList(data.lines);
      const refused = received.filter((l) => Number(l.rejected_quantity) > 0);
      return {
        color: "cyan",
        dot: <InboxOutlined />,
        title: text(data.receipt_number)
          ? t("sales.timeline.receivedNumber", { number: text(data.receipt_number) })
          : t("sales.timeline.received"),
        details: [
          received.length ? t("sales.timeline.acceptedLines", { lines: lines(received, "accepted_quantity") }) : "",
          refused.length ? t("sales.timeline.refusedLines", { lines: lines(refused, "rejected_quantity") }) : "",
        ].filter(Boolean),
      };
    }
    case "settlement_requested":
    case "settlement_accepted":
    case "settlement_declined": {
      const resolution = text(data.resolution);
      const what = t(`sales.settlements.resolutions.${resolution}`, { defaultValue: resolution });
      const returnNumber = text(data.return_number);
      const step = event.kind.replace("settlement_", "");
      return {
        color: step === "declined" ? "red" : step === "accepted" ? "green" : "orange",
        dot: undefined,
        title: t(`sales.settlements.timeline.${step}`, { what }),
        details: [
          returnNumber ? t("sales.settlements.returnNumber", { number: returnNumber }) : "",
          lines(data.lines, "quantity"),
          ...because,
        ].filter(Boolean),
      };
    }
    case "invoiced":
    case "credited":
    case "debited": {
      const key = event.kind;
      return {
        color: event.kind === "credited" ? "orange" : "green",
        dot: <FileTextOutlined />,
        title: t(`sales.timeline.${key}`, {
          number: text(data.invoice_number),
          total: text(data.total),
          currency: text(data.currency),
        }),
        details: [],
      };
    }
    case "invoice_rejected":
      return {
        color: "red",
        dot: <CloseCircleOutlined />,
        title: t("sales.timeline.invoiceRejected", { number: text(data.invoice_number) }),
        details: because,
      };
    case "paid":
      return {
        color: "green",
        dot: <CheckCircleOutlined />,
        title: t("sales.timeline.paid", { number: text(data.invoice_number) }),
        details: [],
      };
    case "closed": {
      const status = text(data.status);
      if (status === "cancelled") {
        const by = text(data.cancelled_by);
        return {
          color: "red",
          dot: <StopOutlined />,
          title: t("sales.timeline.cancelled", { by: t(`sales.party.${by}`, { defaultValue: by }) }),
          details: because,
        };
      }
      return {
        color: status === "completed" ? "green" : "gray",
        dot: <CheckCircleOutlined />,
        title: status === "completed" ? t("sales.timeline.completed") : t("sales.timeline.closedRejected"),
        details: [],
      };
    }
    default:
      return { color: "gray", dot: undefined, title: event.summary, details: [] };
  }
}

/**
 * The one timeline of the order: ordered, changes proposed and answered, acknowledged, each shipment with
 * carrier and tracking, each of the buyer's receipts, closed. Read again every 30 s while the order is open.
 */
export function SalesTimeline({
  orderId,
  live,
  currency,
  lines,
  amendments,
}: {
  orderId: number;
  live: boolean;
  currency: string;
  lines: SalesOrderLine[];
  amendments: Amendment[];
}) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const timeline = useTimeline(orderId, live);
  const units = new Map(lines.map((line) => [line.line_no, line.unit]));
  const byVersion = new Map(amendments.map((a) => [a.version, a]));
  return (
    <QueryView
      query={timeline}
      isEmpty={(events) => events.length === 0}
      empty={<EmptyState description={t("sales.timeline.empty")} />}
    >
      {(events) => (
        <div data-testid="so-timeline">
          <Timeline
            mode="left"
            items={events.map((event, index) => {
              const look = describe(event, t, language, units, byVersion, currency);
              return {
                key: `${event.kind}-${index}`,
                color: look.color,
                dot: look.dot,
                children: (
                  <div data-testid={`timeline-event-${event.kind}`} data-kind={event.kind}>
                    <Typography.Text strong>{look.title}</Typography.Text>
                    <Typography.Text type="secondary" style={{ display: "block", fontSize: 12 }}>
                      {formatDateTime(event.at, language)}
                    </Typography.Text>
                    {look.details.map((detail, i) => (
                      <Typography.Text key={i} style={{ display: "block" }}>
                        {detail}
                      </Typography.Text>
                    ))}
                  </div>
                ),
              };
            })}
          />
        </div>
      )}
    </QueryView>
  );
}
