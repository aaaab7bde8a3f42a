import { Alert, Button, Center, Group, Paper, PasswordInput, Stack, Text, TextInput, Title } from "@mantine/core";
import { IconAlertCircle, IconInfoCircle } from "@tabler/icons-react";
import { useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { setCsrfToken } from "../api/client";
import { authApi } from "../api/endpoints";
import { isApiError, type ApiError } from "../api/problem";
import { keys } from "../api/queries";
import type { Locale } from "../api/types";
import { errorText, fieldErrorTexts } from "../components/feedback";
import { LanguageSwitch } from "../components/LanguageSwitch";
import { applyLocale, currentLocale } from "../i18n";

/** `notice`: why the previous session ended, if it ended while the app was open. */
export function LoginScreen({ notice = null, onSignedIn }: { notice?: ApiError | null; onSignedIn?: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [locale, setLocale] = useState<Locale>(currentLocale());

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const me = await authApi.login(email.trim(), password);
      setCsrfToken(me.csrf_token);
      onSignedIn?.();
      client.setQueryData(keys.me, me);
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  };
  const fields = isApiError(error, "validation_failed") ? fieldErrorTexts(error, t) : {};

  return (
    <Center mih="100vh" bg="var(--mantine-color-gray-0)" p="md">
      <Stack w={380} gap="md">
        <Group justify="space-between">
          <Group gap={8}>
            <img src="/favicon.svg" alt="" width={28} height={28} />
            <Title order={3}>Voxflow</Title>
          </Group>
          <LanguageSwitch
            value={locale}
            onChange={(next) => {
              applyLocale(next);
              setLocale(next);
            }}
          />
        </Group>
        <Paper withBorder shadow="sm" p="xl" radius="md" component="form" onSubmit={submit} data-testid="login-form">
          <Stack gap="md">
            <div>
              <Title order={4}>{t("login.title")}</Title>
              <Text size="sm" c="dimmed">
                {t("login.subtitle")}
              </Text>
            </div>
            {notice && !error ? (
              <Alert color="yellow" icon={<IconInfoCircle />} data-testid="login-notice">
                {errorText(notice, t)}
              </Alert>
            ) : null}
            {error && !isApiError(error, "validation_failed") ? (
              <Alert color="red" icon={<IconAlertCircle />} data-testid="login-error">
                {errorText(error, t)}
              </Alert>
            ) : null}
            <TextInput
              label={t("login.email")}
              type="email"
              autoComplete="username"
              required
              autoFocus
              value={email}
              onChange={(event) => setEmail(event.currentTarget.value)}
              error={fields.email}
              data-testid="login-email"
            />
            <PasswordInput
              label={t("login.password")}
              autoComplete="current-password"
              required
              value={password}
              onChange={(event) => setPassword(event.currentTarget.value)}
              error={fields.password}
              data-testid="login-password"
            />
            <Button type="submit" loading={busy} fullWidth data-testid="login-submit">
              {t("login.submit")}
            </Button>
          </Stack>
        </Paper>
      </Stack>
    </Center>
  );
}
