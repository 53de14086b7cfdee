/** The "next steps" a member is offered on the home page, each open only to some permissions. */
import type { Permission } from "@/lib/access";
import { can } from "@/lib/access";
import type { Me } from "@/lib/me";

export interface NextStep {
  key: string;
  /** Route inside the workspace. */
  to: string;
  permission?: Permission;
  /** Hidden once done. */
  done?: (me: Me) => boolean;
}

export const NEXT_STEPS: readonly NextStep[] = [
  { key: "mfa", to: "/profile", done: (me) => me.user.has_mfa },
  { key: "supplierProfile", to: "/supplier/profile", permission: "catalog.manage" },
  { key: "rfq", to: "/rfqs/new", permission: "rfq.create" },
  { key: "rfqInbox", to: "/rfq-inbox", permission: "rfq.quote" },
  { key: "finance", to: "/finance", permission: "finance.view" },
  { key: "company", to: "/settings/company", permission: "settings.manage" },
  { key: "invite", to: "/settings/members", permission: "members.manage" },
  { key: "apiKeys", to: "/settings/api-keys", permission: "apikeys.manage" },
  { key: "audit", to: "/settings/audit", permission: "audit.view" },
  { key: "language", to: "/profile" },
];

export function nextStepsFor(me: Me): NextStep[] {
  return NEXT_STEPS.filter((step) => (!step.permission || can(me, step.permission)) && !step.done?.(me));
}
