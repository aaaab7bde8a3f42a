import { Button } from "@mantine/core";
import { IconBuilding } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { EmptyState } from "../components/EmptyState";
import { Link } from "../components/Link";
import { paths } from "../router";

/** A provider admin works inside one organisation at a time, opened from the list of organisations. */
export function ChooseTenantScreen() {
  const { t } = useTranslation();
  return (
    <EmptyState
      icon={IconBuilding}
      title={t("tenant.chooseTitle")}
      text={t("tenant.chooseText")}
      testId="choose-tenant"
      action={
        <Button component={Link} href={paths.providerTenants()}>
          {t("tenant.toTenants")}
        </Button>
      }
    />
  );
}
