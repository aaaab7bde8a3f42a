import { Modal, Stack, Text, TextInput } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { usersApi } from "../../api/endpoints";
import type { TenantRole, User, UserCreated } from "../../api/types";
import { RoleSelect } from "../../components/RoleSelect";
import { FormActions } from "../../forms/FormActions";
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
      <form {...form.props}>
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
          <PasswordChoice form={form} mode="mode" password="password" testId="user-password" />
          <FormActions onCancel={onClose} submit={t("users.create")} busy={form.busy} testId="user-form-submit" />
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
      <form {...form.props}>
        <Stack>
          <FormAlert message={form.alert} />
          <Text size="sm" c="dimmed">
            {t("users.resetText")}
          </Text>
          <PasswordChoice form={form} mode="mode" password="password" testId="reset-password" />
          <FormActions onCancel={onClose} submit={t("users.reset")} color="orange" busy={form.busy} testId="reset-form-submit" />
        </Stack>
      </form>
    </Modal>
  );
}
