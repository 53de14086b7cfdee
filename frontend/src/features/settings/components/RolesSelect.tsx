import { Checkbox, Tooltip } from "antd";
import { useTranslation } from "react-i18next";
import { permissionLabel, roleLabel } from "@/lib/access";
import type { Role } from "../api/roles";

/**
 * One checkbox per role of `GET /api/roles/`; hovering a role lists what it grants. `owner` is
 * offered only to owners (the server refuses anyone else with `owner_role_reserved`).
 */
export function RolesSelect({
  roles,
  canGrantOwner,
  value,
  onChange,
}: {
  roles: readonly Role[];
  canGrantOwner: boolean;
  value?: string[];
  onChange?: (roles: string[]) => void;
}) {
  const { t } = useTranslation();
  return (
    <Checkbox.Group
      data-testid="roles-select"
      style={{ display: "grid", gridTemplateColumns: "repeat(2, minmax(0, 1fr))", gap: 8 }}
      value={value}
      onChange={(selected) => onChange?.(selected as string[])}
      options={roles.map(({ role, permissions }) => ({
        value: role,
        disabled: role === "owner" && !canGrantOwner && !value?.includes("owner"),
        label: (
          <Tooltip title={permissions.map((p) => permissionLabel(t, p)).join(t("common.listSeparator"))}>
            <span data-testid={`role-option-${role}`}>{roleLabel(t, role)}</span>
          </Tooltip>
        ),
      }))}
    />
  );
}
