import { Button, Group, Text } from "@mantine/core";
import { IconEye } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { useProviderTenant } from "../api/queries";
import { navigate, paths } from "../router";
import { useSession } from "../session";

/** Shown on every screen while a provider admin views an organisation: whose data this is, and the way out. */
export function ViewAsBanner({ tenantId }: { tenantId: string }) {
  const { t } = useTranslation();
  const { exitViewAs } = useSession();
  const tenant = useProviderTenant(tenantId);
  const exit = () => {
    exitViewAs();
    navigate(paths.providerTenant(tenantId));
  };
  return (
    <div className="vf-view-as" role="status" data-testid="view-as-banner">
      <Group gap="xs" wrap="nowrap">
        <IconEye size={18} />
        <Text size="sm" fw={600}>
          {t("viewAs.banner", { name: tenant.data?.name ?? "…" })}
        </Text>
        {tenant.data?.status === "suspended" ? (
          <Text size="sm">· {t("tenantStatus.suspended")}</Text>
        ) : null}
        <Text size="sm" className="vf-view-as-note">
          {t("viewAs.audited")}
        </Text>
      </Group>
      <Button size="compact-sm" variant="white" color="orange" onClick={exit} data-testid="view-as-exit">
        {t("viewAs.exit")}
      </Button>
    </div>
  );
}
