import { Alert, Paper, Stack, TagsInput } from "@mantine/core";
import { IconInfoCircle } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { tenantApi } from "../../api/endpoints";
import { useInvalidateTenant, useTenantSettings } from "../../api/queries";
import type { Tenant } from "../../api/types";
import { notifyDone } from "../../components/feedback";
import { LimitsView } from "../../components/LimitsView";
import { Page } from "../../components/Page";
import { QueryState } from "../../components/QueryState";
import { Section } from "../../components/Section";
import { FormActions } from "../../forms/FormActions";
import { FormAlert } from "../../forms/FormAlert";
import { checkTenantProfile, profileOf, profileValues, TenantProfileFields } from "../../forms/TenantFields";
import { useForm } from "../../forms/useForm";
import { hostName } from "../../forms/validation";
import { useSession } from "../../session";

/** The organisation's own settings (its admins); the provider's limits are shown, not edited. */
export function SettingsScreen() {
  const { t } = useTranslation();
  const { tenantId, locale } = useSession();
  const tenant = useTenantSettings(tenantId);
  return (
    <Page title={t("settings.title")} description={t("settings.description")} testId="settings-screen">
      <QueryState isLoading={tenant.isLoading} error={tenant.error} retry={() => void tenant.refetch()} />
      {tenant.data ? (
        <Stack gap="lg" maw={720}>
          <SettingsForm key={tenant.data.id} tenant={tenant.data} />
          <Section title={t("settings.limitsTitle")} text={t("settings.limitsText")}>
            <LimitsView limits={tenant.data.limits} locale={locale} />
          </Section>
        </Stack>
      ) : null}
    </Page>
  );
}

function SettingsForm({ tenant }: { tenant: Tenant }) {
  const { t } = useTranslation();
  const { tenantId } = useSession();
  const invalidate = useInvalidateTenant();
  const form = useForm({
    initial: { ...profileValues(tenant), allowed_http_hosts: tenant.allowed_http_hosts },
    validate: (values) => {
      const badHost = values.allowed_http_hosts.find((host) => hostName(host));
      return {
        ...checkTenantProfile(values),
        allowed_http_hosts: badHost ? { key: "validation.hostNamed", values: { host: badHost } } : null,
      };
    },
    submit: async (values) => {
      await tenantApi.update({ ...profileOf(values), allowed_http_hosts: values.allowed_http_hosts });
      notifyDone(t("settings.saved"));
      void invalidate(tenantId, "settings");
    },
  });
  return (
    <Paper withBorder p="md" component="form" {...form.props} data-testid="settings-form">
      <Stack gap="sm">
        <FormAlert message={form.alert} />
        <TenantProfileFields form={form} testId="settings" />
        <TagsInput
          label={t("settings.hosts")}
          description={t("settings.hostsHint")}
          placeholder={t("settings.hostsPlaceholder")}
          value={form.values.allowed_http_hosts}
          onChange={(hosts) => form.set("allowed_http_hosts", hosts)}
          error={form.error("allowed_http_hosts")}
          splitChars={[",", " "]}
          clearable
          data-testid="settings-hosts"
        />
        {form.values.allowed_http_hosts.length === 0 ? (
          <Alert color="gray" icon={<IconInfoCircle />} p="xs">
            {t("settings.noHosts")}
          </Alert>
        ) : null}
        <FormActions submit={t("common.save")} busy={form.busy} testId="settings-save" />
      </Stack>
    </Paper>
  );
}
