/** Answers of the Hansa API shaped as the OpenAPI documents say, for the unit tests' fake server. */
import { HttpResponse } from "msw";

/** `GET /api/roles/` as identity/roles.py defines it (a page, as every list). */
export const ROLES_RESPONSE = page([
  {
    role: "owner",
    permissions: [
      "apikeys.manage",
      "audit.view",
      "billing.manage",
      "catalog.manage",
      "company.view",
      "finance.post",
      "finance.view",
      "members.manage",
      "po.approve",
      "po.create",
      "rfq.award",
      "rfq.create",
      "rfq.publish",
      "rfq.quote",
      "settings.manage",
      "so.accept",
      "so.manage",
      "stock.adjust",
      "stock.view",
    ],
  },
  { role: "admin", permissions: ["apikeys.manage", "audit.view", "company.view", "members.manage", "settings.manage"] },
  { role: "buyer", permissions: ["company.view", "po.create", "rfq.award", "rfq.create", "rfq.publish", "stock.view"] },
  { role: "approver", permissions: ["company.view", "po.approve", "stock.view", "supplychain.view"] },
  {
    role: "sales",
    permissions: ["catalog.manage", "company.view", "rfq.quote", "so.accept", "so.manage", "stock.view"],
  },
  { role: "warehouse", permissions: ["company.view", "stock.adjust", "stock.view"] },
  { role: "finance", permissions: ["billing.manage", "company.view", "finance.post", "finance.view"] },
  { role: "viewer", permissions: ["company.view", "finance.view", "stock.view"] },
]);

export function page<T>(results: T[]) {
  return { count: results.length, next: null, previous: null, results };
}

export function problem(status: number, code: string, extra: Record<string, unknown> = {}) {
  return HttpResponse.json(
    { type: "about:blank", title: code, status, code, ...extra },
    { status, headers: { "Content-Type": "application/problem+json" } },
  );
}
