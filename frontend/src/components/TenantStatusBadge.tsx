import { Badge } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { TenantStatus } from "../api/types";

export function TenantStatusBadge({ status }: { status: TenantStatus }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={status === "active" ? "teal" : "red"} data-testid="tenant-status" data-status={status}>
      {t(`tenantStatus.${status}`)}
    </Badge>
  );
}
