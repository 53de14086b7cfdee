/**
 * Named permissions, checked against `me.permissions`. Navigation, route guards and buttons all ask
 * here, so a permission is spelled in one place. The server checks again: this only decides what
 * to show.
 */
import type { TFunction } from "i18next";
import { useMe } from "./me";

/** Every permission the backend names (identity/roles.py), in its order. */
export const PERMISSIONS = [
  "company.view",
  "settings.manage",
  "members.manage",
  "apikeys.manage",
  "audit.view",
  "rfq.create",
  "rfq.publish",
  "rfq.award",
  "rfq.quote",
  "po.create",
  "po.approve",
  "po.receive",
  "approval.rules",
  "so.accept",
  "so.manage",
  "so.ship",
  "catalog.manage",
  "stock.view",
  "stock.adjust",
  "inventory.manage",
  "finance.view",
  "finance.post",
  "supplychain.view",
  "supplychain.manage",
  "billing.manage",
] as const;

export type Permission = (typeof PERMISSIONS)[number];

/**
 * Who may read procurement's company-wide data (the rate table, the procurement settings): the server's
 * READ_ANY in tenants/procurement/api/common.py.
 */
export const PROCUREMENT_READERS: readonly Permission[] = ["po.create", "po.approve", "po.receive", "finance.view"];

/**
 * The roles the backend defines, for their labels. Which roles exist, and what each grants, is read
 * from `GET /api/roles/`; a role the server adds later is shown by its code until it gets a label.
 */
export const ROLES = ["owner", "admin", "buyer", "approver", "sales", "warehouse", "finance", "viewer"] as const;

export type PermissionSource = { permissions?: readonly string[] | null } | readonly string[] | null | undefined;

function permissionsOf(source: PermissionSource): readonly string[] {
  if (!source) return [];
  if (Array.isArray(source)) return source as readonly string[];
  return (source as { permissions?: readonly string[] | null }).permissions ?? [];
}

export function can(source: PermissionSource, permission: Permission): boolean {
  return permissionsOf(source).includes(permission);
}

export function canAll(source: PermissionSource, permissions: readonly Permission[]): boolean {
  return permissions.every((p) => can(source, p));
}

export function canAny(source: PermissionSource, permissions: readonly Permission[]): boolean {
  return permissions.some((p) => can(source, p));
}

export type Access = Record<Permission, boolean>;

/** Every named permission as a boolean (Ant Design Pro's access object). */
export function accessFor(source: PermissionSource): Access {
  return Object.fromEntries(PERMISSIONS.map((p) => [p, can(source, p)])) as Access;
}

export function useAccess(): { can: (permission: Permission) => boolean; access: Access } {
  const { data } = useMe();
  return { can: (permission) => can(data, permission), access: accessFor(data) };
}

export function roleLabel(t: TFunction, role: string): string {
  return t(`roles.${role}`, { defaultValue: role });
}

export function permissionLabel(t: TFunction, permission: string): string {
  return t(`permissions.${permission}`, { defaultValue: permission });
}
