import type { TFunction } from "i18next";

/** The actions the backend records (identity services and auth signals), grouped for the filter. */
export const AUDIT_ACTION_GROUPS: Record<string, readonly string[]> = {
  "auth.": ["auth.signed_in", "auth.signed_out", "auth.sign_in_failed"],
  "mfa.": ["mfa.added", "mfa.removed", "mfa.reset"],
  "member.": ["member.roles_changed", "member.removed"],
  "invitation.": ["invitation.created", "invitation.resent", "invitation.revoked", "invitation.accepted"],
  "api_key.": ["api_key.created", "api_key.revoked"],
  "company.": ["company.settings_changed"],
};

export const AUDIT_ACTIONS: readonly string[] = Object.values(AUDIT_ACTION_GROUPS).flat();

/** An action's name in the UI language; an action without one is shown as recorded. */
export function auditActionLabel(t: TFunction, action: string): string {
  return t(`auditActions.${action}`, { defaultValue: action });
}
