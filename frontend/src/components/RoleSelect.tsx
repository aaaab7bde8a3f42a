import { Select, type SelectProps } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { TenantRole } from "../api/types";

export const TENANT_ROLES: TenantRole[] = ["admin", "manager", "agent"];

/** One of an organisation's roles (users and API keys have them). */
export function RoleSelect({ value, onChange, ...rest }: Omit<SelectProps, "data" | "value" | "onChange"> & {
  value: TenantRole;
  onChange: (role: TenantRole) => void;
}) {
  const { t } = useTranslation();
  return (
    <Select
      {...rest}
      data={TENANT_ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
      value={value}
      onChange={(next) => next && onChange(next as TenantRole)}
      allowDeselect={false}
    />
  );
}
