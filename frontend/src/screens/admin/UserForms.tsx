import { Button, Group, Modal, Stack, Text, TextInput } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { usersApi } from "../../api/endpoints";
import type { TenantRole, User, UserCreated } from "../../api/types";
import { RoleSelect } from "../../components/RoleSelect";
import { FormAlert } from "../../forms/FormAlert";
import { checkChosenPassword, PasswordChoice, type PasswordMode } from "../../forms/PasswordChoice";
import { useForm } from "../../forms/useForm";
import { check, email, required } from "../../forms/validation";

/** Invite a user: e-mail, name, role; the password is generated (shown once) or set now. */
export function UserCreateModal({ onClose, onCreated }: { onClose: () => void; onCreated: (user: UserCreated) => void }) {
  const { t } = useTranslation();
  const form = useForm({
    initial: { email: "", name: "", role: "manager" as TenantRole, mode: "generate" as PasswordMode, password: "" },
    validate: (values) => ({
      email: check(values.email, required, email),
      name: check(values.name, required),
      password: checkChosenPassword(values.mode, values.password),
    }),
    submit: async (values) => {
      const user = await usersApi.create({
        email: values.email.trim(),
        name: values.name.trim(),
        role: values.role,
        ...(values.mode === "set" ? { password: values.password } : {}),
      });
      onCreated(user);
    },
  });
  return (
    <Modal opened onClose={onClose} title={t("users.createTitle")} data-testid="user-form">
      <form onSubmit={form.onSubmit}>
        <Stack>
          <FormAlert message={form.alert} />
          <TextInput label={t("users.email")} type="email" required data-autofocus {...form.text("email")} data-testid="user-email" />
          <TextInput label={t("users.name")} required maxLength={200} {...form.text("name")} data-testid="user-name" />
          <RoleSelect
            label={t("users.role")}
            value={form.values.role}
            onChange={(role) => form.set("role", role)}
            error={form.error("role")}
            data-testid="user-role"
          />
          <PasswordChoice
            mode={form.values.mode}
            onMode={(mode) => form.set("mode", mode)}
            password={form.values.password}
            onPassword={(password) => form.set("password", password)}
            error={form.error("password")}
            testId="user-password"
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" loading={form.busy} data-testid="user-form-submit">
              {t("users.create")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** A new password for someone else: they must change it at their next sign-in; their sessions end. */
export function ResetPasswordModal({ user, onClose, onDone }: {
  user: User;
  onClose: () => void;
  onDone: (password: string | null, sessionsEnded: number) => void;
}) {
  const { t } = useTranslation();
  const form = useForm({
    initial: { mode: "generate" as PasswordMode, password: "" },
    validate: (values) => ({ password: checkChosenPassword(values.mode, values.password) }),
    submit: async (values) => {
      const done = await usersApi.resetPassword(user.id, values.mode === "set" ? values.password : undefined);
      onDone(done.password, done.sessions_ended);
    },
  });
  return (
    <Modal opened onClose={onClose} title={t("users.resetTitle", { name: user.name || user.email })} data-testid="reset-form">
      <form onSubmit={form.onSubmit}>
        <Stack>
          <FormAlert message={form.alert} />
          <Text size="sm" c="dimmed">
            {t("users.resetText")}
          </Text>
          <PasswordChoice
            mode={form.values.mode}
            onMode={(mode) => form.set("mode", mode)}
            password={form.values.password}
            onPassword={(password) => form.set("password", password)}
            error={form.error("password")}
            testId="reset-password"
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" color="orange" loading={form.busy} data-testid="reset-form-submit">
              {t("users.reset")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
