import { Divider, Group, Modal, Stack, Text, TextInput } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { providerApi } from "../../api/endpoints";
import type { TenantCreated, TenantProfile } from "../../api/types";
import { FormActions } from "../../forms/FormActions";
import { FormAlert } from "../../forms/FormAlert";
import { checkChosenPassword, PasswordChoice, type PasswordMode } from "../../forms/PasswordChoice";
import {
  checkLimits, checkTenantProfile, LimitsFields, limitsOf, limitValues, profileOf, profileValues, TenantProfileFields,
} from "../../forms/TenantFields";
import { useForm } from "../../forms/useForm";
import { check, email, required, slug } from "../../forms/validation";

/** The API's defaults for a new organisation. */
const NEW_TENANT: TenantProfile = { name: "", timezone: "Europe/Moscow", locale: "ru", default_region: "RU" };
const DEFAULT_LIMITS = { max_concurrent_calls: 30, max_calls_per_second: 5, max_users: 50, storage_quota_mb: 1024 };

/** A new organisation with its first admin, whose password is generated (shown once) or set now. */
export function TenantCreateModal({ onClose, onCreated }: { onClose: () => void; onCreated: (tenant: TenantCreated) => void }) {
  const { t } = useTranslation();
  const form = useForm({
    initial: {
      slug: "",
      ...profileValues(NEW_TENANT),
      ...limitValues(DEFAULT_LIMITS),
      "admin.email": "",
      "admin.name": "",
      "admin.mode": "generate" as PasswordMode,
      "admin.password": "",
    },
    validate: (values) => ({
      slug: check(values.slug, required, slug),
      ...checkTenantProfile(values),
      ...checkLimits(values),
      "admin.email": check(values["admin.email"], required, email),
      "admin.name": check(values["admin.name"], required),
      "admin.password": checkChosenPassword(values["admin.mode"], values["admin.password"]),
    }),
    submit: async (values) => {
      const created = await providerApi.create({
        slug: values.slug.trim(),
        ...profileOf(values),
        limits: limitsOf(values),
        admin: {
          email: values["admin.email"].trim(),
          name: values["admin.name"].trim(),
          ...(values["admin.mode"] === "set" ? { password: values["admin.password"] } : {}),
        },
      });
      onCreated(created);
    },
  });
  return (
    <Modal opened onClose={onClose} title={t("tenants.createTitle")} size="lg" data-testid="tenant-form">
      <form {...form.props}>
        <Stack gap="sm">
          <FormAlert message={form.alert} />
          <TenantProfileFields form={form} testId="tenant-form" />
          <TextInput
            label={t("tenants.slug")}
            description={t("tenants.slugHint")}
            inputWrapperOrder={["label", "input", "description", "error"]}
            required
            maxLength={40}
            {...form.text("slug")}
            data-testid="tenant-form-slug"
          />
          <Divider label={t("tenants.limits")} labelPosition="left" mt="xs" />
          <LimitsFields form={form} testId="tenant-form" />
          <Divider label={t("tenants.firstAdmin")} labelPosition="left" mt="xs" />
          <Text size="xs" c="dimmed">
            {t("tenants.firstAdminHint")}
          </Text>
          <Group grow align="flex-start">
            <TextInput label={t("users.email")} type="email" required {...form.text("admin.email")} data-testid="tenant-form-admin-email" />
            <TextInput label={t("users.name")} required maxLength={200} {...form.text("admin.name")} data-testid="tenant-form-admin-name" />
          </Group>
          <PasswordChoice form={form} mode="admin.mode" password="admin.password" testId="tenant-form-admin-password" />
          <FormActions onCancel={onClose} submit={t("tenants.createSubmit")} busy={form.busy} testId="tenant-form-submit" />
        </Stack>
      </form>
    </Modal>
  );
}
