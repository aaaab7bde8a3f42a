import { useTranslation } from "react-i18next";
import { AuditLog } from "../../audit/AuditLog";
import { Page } from "../../components/Page";

export function AuditScreen() {
  const { t } = useTranslation();
  return (
    <Page title={t("audit.title")} description={t("audit.description")} testId="audit-screen">
      <AuditLog scope="tenant" />
    </Page>
  );
}
