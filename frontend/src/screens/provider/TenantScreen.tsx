import { Alert, Button, Group, Modal, Stack, Text, Textarea } from "@mantine/core";
import { IconEye, IconPlayerPause, IconPlayerPlay } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { usageItems } from "../../admin/usage";
import { providerApi } from "../../api/endpoints";
import { useInvalidateProvider, useProviderTenant } from "../../api/queries";
import type { ProviderTenant, TenantStatus } from "../../api/types";
import { AuditLog } from "../../audit/AuditLog";
import { notifyDone } from "../../components/feedback";
import { formatDateTime } from "../../components/format";
import { Page } from "../../components/Page";
import { Section } from "../../components/Section";
import { QueryState } from "../../components/QueryState";
import { TenantStatusBadge } from "../../components/TenantStatusBadge";
import { UsageCards } from "../../components/Usage";
import { FormActions } from "../../forms/FormActions";
import { FormAlert } from "../../forms/FormAlert";
import {
  checkLimits, checkTenantProfile, LimitsFields, limitsOf, limitValues, profileOf, profileValues, TenantProfileFields,
} from "../../forms/TenantFields";
import { useForm } from "../../forms/useForm";
import { check, required } from "../../forms/validation";
import { paths } from "../../router";
import { useSession } from "../../session";
import { useViewAs } from "./useViewAs";

/** One organisation, as the provider sees it: usage, settings and limits, suspension, its audit log. */
export function TenantScreen({ tenantId }: { tenantId: string }) {
  const { t } = useTranslation();
  const { locale } = useSession();
  const tenant = useProviderTenant(tenantId);
  const viewAs = useViewAs();
  const [changing, setChanging] = useState<TenantStatus | null>(null);
  const data = tenant.data;

  return (
    <Page
      title={
        data ? (
          <Group gap="sm">
            {data.name}
            <TenantStatusBadge status={data.status} />
          </Group>
        ) : (
          t("tenants.title")
        )
      }
      description={data ? t("tenants.subtitle", { slug: data.slug, date: formatDateTime(data.created_at, locale) }) : undefined}
      back={{ href: paths.providerTenants(), label: t("tenants.title") }}
      testId="tenant-screen"
      actions={
        data ? (
          <>
            <Button variant="light" color="orange" leftSection={<IconEye size={16} />} onClick={() => void viewAs(data.id)} data-testid="tenant-view-as">
              {t("tenants.viewAs")}
            </Button>
            {data.status === "active" ? (
              <Button variant="light" color="red" leftSection={<IconPlayerPause size={16} />} onClick={() => setChanging("suspended")} data-testid="tenant-suspend">
                {t("tenants.suspend")}
              </Button>
            ) : (
              <Button variant="light" color="teal" leftSection={<IconPlayerPlay size={16} />} onClick={() => setChanging("active")} data-testid="tenant-reactivate">
                {t("tenants.reactivate")}
              </Button>
            )}
          </>
        ) : null
      }
    >
      <QueryState isLoading={tenant.isLoading} error={tenant.error} retry={() => void tenant.refetch()} />
      {data ? (
        <Stack gap="lg">
          {data.status === "suspended" ? (
            <Alert color="red" title={t("tenants.suspendedTitle")} data-testid="tenant-suspended">
              {t("tenants.suspendedText", { reason: data.status_reason ?? "—" })}
            </Alert>
          ) : null}
          <UsageCards items={usageItems(data)} locale={locale} />
          <Section title={t("tenants.settingsTitle")}>
            <TenantForm key={data.id} tenant={data} />
          </Section>
          <Section title={t("audit.title")}>
            <AuditLog scope="provider" tenantId={data.id} />
          </Section>
        </Stack>
      ) : null}
      {data && changing ? <StatusModal tenant={data} status={changing} onClose={() => setChanging(null)} /> : null}
    </Page>
  );
}


function TenantForm({ tenant }: { tenant: ProviderTenant }) {
  const { t } = useTranslation();
  const invalidate = useInvalidateProvider();
  const form = useForm({
    initial: { ...profileValues(tenant), ...limitValues(tenant.limits) },
    validate: (values) => ({ ...checkTenantProfile(values), ...checkLimits(values) }),
    submit: async (values) => {
      await providerApi.update(tenant.id, { ...profileOf(values), limits: limitsOf(values) });
      notifyDone(t("tenants.saved"));
      void invalidate();
    },
  });
  return (
    <form {...form.props} data-testid="tenant-edit">
      <Stack gap="sm">
        <FormAlert message={form.alert} />
        <TenantProfileFields form={form} testId="tenant-edit" />
        <Text size="sm" fw={600} mt="xs">
          {t("tenants.limits")}
        </Text>
        <LimitsFields form={form} testId="tenant-edit" />
        <FormActions submit={t("common.save")} busy={form.busy} testId="tenant-edit-save" />
      </Stack>
    </form>
  );
}

/** Suspend or reactivate, with the reason the audit log keeps. */
function StatusModal({ tenant, status, onClose }: { tenant: ProviderTenant; status: TenantStatus; onClose: () => void }) {
  const { t } = useTranslation();
  const invalidate = useInvalidateProvider();
  const suspend = status === "suspended";
  const form = useForm({
    initial: { reason: "" },
    validate: (values) => ({ reason: check(values.reason, required) }),
    submit: async (values) => {
      await providerApi.setStatus(tenant.id, status, values.reason.trim());
      notifyDone(t(suspend ? "tenants.suspendedDone" : "tenants.reactivatedDone", { name: tenant.name }));
      void invalidate();
      onClose();
    },
  });
  return (
    <Modal opened onClose={onClose} title={t(suspend ? "tenants.suspendTitle" : "tenants.reactivateTitle", { name: tenant.name })} data-testid="status-form">
      <form {...form.props}>
        <Stack>
          <FormAlert message={form.alert} />
          <Text size="sm">{t(suspend ? "tenants.suspendText" : "tenants.reactivateText")}</Text>
          <Textarea label={t("tenants.reason")} required autosize minRows={2} maxLength={500} data-autofocus {...form.text("reason")} data-testid="status-reason" />
          <FormActions
            onCancel={onClose}
            submit={t(suspend ? "tenants.suspend" : "tenants.reactivate")}
            color={suspend ? "red" : "teal"}
            busy={form.busy}
            testId="status-submit"
          />
        </Stack>
      </form>
    </Modal>
  );
}
