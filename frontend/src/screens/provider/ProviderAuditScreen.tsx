import { useTranslation } from "react-i18next";
import { AuditLog } from "../../audit/AuditLog";
import { Page } from "../../components/Page";

export function ProviderAuditScreen() {
  const { t } = useTranslation();
  return (
    <Page title={t("audit.providerTitle")} description={t("audit.providerDescription")} testId="provider-audit-screen">
      <AuditLog scope="provider" />
    </Page>
  );
}
