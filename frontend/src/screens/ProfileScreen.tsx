import { Anchor, Button, Center, Group, Paper, PasswordInput, SegmentedControl, Stack, Text, TextInput, Title } from "@mantine/core";
import { IconDevicesOff } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { authApi } from "../api/endpoints";
import type { Locale } from "../api/types";
import { notifyDone, notifyError } from "../components/feedback";
import { Page } from "../components/Page";
import { Section } from "../components/Section";
import { FormActions } from "../forms/FormActions";
import { FormAlert } from "../forms/FormAlert";
import { useForm } from "../forms/useForm";
import { check, maxLength, minLength, required } from "../forms/validation";
import { LOCALES } from "../i18n";
import { useSession } from "../session";

/** Every user's own settings: name, language, password, other sessions. */
export function ProfileScreen() {
  const { t } = useTranslation();
  const { me, locale, setLocale } = useSession();
  return (
    <Page title={t("profile.title")} description={me.email ?? ""} testId="profile-screen">
      <Stack gap="lg" maw={560}>
        <Section title={t("profile.nameTitle")}>
          <NameForm />
        </Section>
        <Section title={t("profile.languageTitle")}>
          <SegmentedControl
            value={locale}
            onChange={(value) => setLocale(value as Locale)}
            data={LOCALES.map((value) => ({ value, label: t(`languages.${value}`) }))}
            aria-label={t("profile.languageTitle")}
            data-testid="profile-language"
          />
        </Section>
        <Section title={t("profile.passwordTitle")}>
          <ChangePasswordForm />
        </Section>
        <Section title={t("profile.sessionsTitle")}>
          <OtherSessions />
        </Section>
      </Stack>
    </Page>
  );
}


function NameForm() {
  const { t } = useTranslation();
  const { me, updateMe } = useSession();
  const form = useForm({
    initial: { name: me.name ?? "" },
    validate: (values) => ({ name: check(values.name, maxLength(200)) }),
    submit: async (values) => {
      updateMe(await authApi.updateProfile({ name: values.name.trim() }));
      notifyDone(t("profile.saved"));
    },
  });
  return (
    <form {...form.props}>
      <Group align="flex-start" gap="sm">
        <TextInput label={t("profile.name")} style={{ flex: 1 }} {...form.text("name")} data-testid="profile-name" />
        <Button type="submit" className="vf-align-input" loading={form.busy} data-testid="profile-name-save">
          {t("common.save")}
        </Button>
      </Group>
      <FormAlert message={form.alert} />
    </form>
  );
}

/** The own password: current, new, repeated. Every other session of the user ends. */
export function ChangePasswordForm({ onChanged }: { onChanged?: () => void }) {
  const { t } = useTranslation();
  const form = useForm({
    initial: { current_password: "", new_password: "", repeat: "" },
    validate: (values) => ({
      current_password: check(values.current_password, required),
      new_password: check(values.new_password, required, minLength(8)),
      repeat: values.repeat === values.new_password ? null : { key: "validation.passwordsDiffer" },
    }),
    submit: async (values) => {
      const { ended } = await authApi.changePassword(values.current_password, values.new_password);
      notifyDone(t("profile.passwordChanged", { count: ended }));
      form.reset();
      onChanged?.();
    },
  });
  return (
    <form {...form.props} data-testid="password-form">
      <Stack gap="sm">
        <FormAlert message={form.alert} />
        <PasswordInput
          label={t("profile.currentPassword")}
          autoComplete="current-password"
          required
          {...form.text("current_password")}
          data-testid="password-current"
        />
        <PasswordInput
          label={t("profile.newPassword")}
          description={t("password.rules")}
          autoComplete="new-password"
          required
          {...form.text("new_password")}
          data-testid="password-new"
        />
        <PasswordInput
          label={t("profile.repeatPassword")}
          autoComplete="new-password"
          required
          {...form.text("repeat")}
          data-testid="password-repeat"
        />
        <FormActions submit={t("profile.changePassword")} busy={form.busy} testId="password-submit" />
      </Stack>
    </form>
  );
}

function OtherSessions() {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const end = async () => {
    setBusy(true);
    try {
      const { ended } = await authApi.logoutOthers();
      notifyDone(t("profile.sessionsEnded", { count: ended }));
    } catch (error) {
      notifyError(error, t);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack gap="sm" align="flex-start">
      <Text size="sm" c="dimmed">
        {t("profile.sessionsText")}
      </Text>
      <Button variant="default" leftSection={<IconDevicesOff size={16} />} loading={busy} onClick={() => void end()} data-testid="logout-others">
        {t("profile.logoutOthers")}
      </Button>
    </Stack>
  );
}

/** After signing in with a password someone else set (a new account, a reset): choose one's own first. */
export function ChangePasswordScreen() {
  const { t } = useTranslation();
  const { me, updateMe, logout } = useSession();
  return (
    <Center mih="100vh" bg="var(--mantine-color-gray-0)" p="md">
      <Paper withBorder shadow="sm" p="xl" radius="md" w={420} data-testid="must-change-password">
        <Stack gap="md">
          <div>
            <Title order={4}>{t("profile.mustChangeTitle")}</Title>
            <Text size="sm" c="dimmed">
              {t("profile.mustChangeText", { email: me.email })}
            </Text>
          </div>
          <ChangePasswordForm onChanged={() => updateMe({ ...me, must_change_password: false })} />
          <Anchor component="button" type="button" size="sm" onClick={() => void logout()}>
            {t("header.logout")}
          </Anchor>
        </Stack>
      </Paper>
    </Center>
  );
}
