import { IconBuilding } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { EmptyState } from "../components/EmptyState";

/** A provider admin works inside one organisation at a time, picked in the header. */
export function ChooseTenantScreen() {
  const { t } = useTranslation();
  return <EmptyState icon={IconBuilding} title={t("tenant.chooseTitle")} text={t("tenant.chooseText")} testId="choose-tenant" />;
}
