import { ActionIcon, Badge, Button, Modal, Paper, Stack, Table, Text, TextInput, Title, Tooltip } from "@mantine/core";
import { IconBan, IconKey, IconPlus } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { curlExamples } from "../../admin/curl";
import { apiKeysApi } from "../../api/endpoints";
import { useApiKeys, useInvalidateTenant } from "../../api/queries";
import type { ApiKey, ApiKeyCreated, TenantRole } from "../../api/types";
import { CopyCode } from "../../components/CopyCode";
import { EmptyState } from "../../components/EmptyState";
import { confirmThen, notifyDone } from "../../components/feedback";
import { formatDateTime } from "../../components/format";
import { Page } from "../../components/Page";
import { PagedTable } from "../../components/PagedTable";
import { RoleSelect } from "../../components/RoleSelect";
import { ShownOnce } from "../../components/ShownOnce";
import { FormActions } from "../../forms/FormActions";
import { FormAlert } from "../../forms/FormAlert";
import { useForm } from "../../forms/useForm";
import { check, required } from "../../forms/validation";
import { useSession } from "../../session";

const keyState = (key: ApiKey): "active" | "revoked" | "expired" =>
  key.revoked_at ? "revoked" : key.expires_at && new Date(key.expires_at) <= new Date() ? "expired" : "active";

export function ApiKeysScreen() {
  const { t } = useTranslation();
  const { tenantId, locale } = useSession();
  const keys = useApiKeys(tenantId);
  const invalidate = useInvalidateTenant();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<ApiKeyCreated | null>(null);

  const refresh = () => {
    void invalidate(tenantId, "apiKeys");
    void invalidate(tenantId, "actors");
  };

  const revoke = (key: ApiKey) =>
    confirmThen(
      {
        title: t("apiKeys.revokeTitle"),
        message: t("apiKeys.revokeText", { name: key.name }),
        confirm: t("apiKeys.revoke"),
        cancel: t("common.cancel"),
        danger: true,
      },
      async () => {
        await apiKeysApi.revoke(key.id);
        notifyDone(t("apiKeys.revoked", { name: key.name }));
        refresh();
      },
      t,
    );

  return (
    <Page
      title={t("apiKeys.title")}
      description={t("apiKeys.description")}
      testId="api-keys-screen"
      actions={
        <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)} data-testid="api-key-create">
          {t("apiKeys.create")}
        </Button>
      }
    >
      <PagedTable
        list={keys}
        testId="api-keys-table"
        rowActions
        columns={[
          { label: t("apiKeys.colName") },
          { label: t("apiKeys.colRole"), width: 140 },
          { label: t("apiKeys.colCreated"), width: 230 },
          { label: t("apiKeys.colLastUsed"), width: 180 },
          { label: t("apiKeys.colStatus"), width: 130 },
        ]}
        empty={<EmptyState icon={IconKey} title={t("apiKeys.emptyTitle")} text={t("apiKeys.emptyText")} />}
      >
        {keys.items.map((key) => {
          const state = keyState(key);
          return (
            <Table.Tr key={key.id} data-testid={`api-key-row-${key.name}`} style={state === "active" ? undefined : { opacity: 0.6 }}>
              <Table.Td>
                <Text size="sm" fw={600}>
                  {key.name}
                </Text>
                <Text size="xs" c="dimmed" className="vf-mono">
                  {key.prefix}…
                </Text>
              </Table.Td>
              <Table.Td>{t(`roles.${key.role}`)}</Table.Td>
              <Table.Td>
                <Text size="sm">{formatDateTime(key.created_at, locale)}</Text>
                <Text size="xs" c="dimmed">
                  {key.created_by}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" c={key.last_used_at ? undefined : "dimmed"} data-testid="api-key-last-used">
                  {key.last_used_at ? formatDateTime(key.last_used_at, locale) : t("apiKeys.neverUsed")}
                </Text>
              </Table.Td>
              <Table.Td>
                <Tooltip label={formatDateTime(key.revoked_at ?? key.expires_at, locale)} disabled={state === "active"}>
                  <Badge variant="light" color={state === "active" ? "teal" : "gray"} data-testid="api-key-status">
                    {t(`apiKeys.state_${state}`)}
                  </Badge>
                </Tooltip>
              </Table.Td>
              <Table.Td>
                {state === "active" ? (
                  <Tooltip label={t("apiKeys.revoke")}>
                    <ActionIcon variant="subtle" color="red" onClick={() => void revoke(key)} aria-label={t("apiKeys.revokeFor", { name: key.name })} data-testid="api-key-revoke">
                      <IconBan size={16} />
                    </ActionIcon>
                  </Tooltip>
                ) : null}
              </Table.Td>
            </Table.Tr>
          );
        })}
      </PagedTable>
      <Paper withBorder p="md" mt="xl">
        <Title order={5} mb={4}>
          {t("apiKeys.howTitle")}
        </Title>
        <Text size="sm" c="dimmed" mb="sm">
          {t("apiKeys.howText")}
        </Text>
        <CurlExamples apiKey="vfk_…" />
      </Paper>
      {creating ? (
        <ApiKeyCreateModal
          onClose={() => setCreating(false)}
          onCreated={(key) => {
            setCreating(false);
            setCreated(key);
            refresh();
          }}
        />
      ) : null}
      {created ? (
        <ShownOnce title={t("apiKeys.createdTitle", { name: created.name })} label={t("apiKeys.key")} value={created.key} onClose={() => setCreated(null)}>
          <CurlExamples apiKey={created.key} />
        </ShownOnce>
      ) : null}
    </Page>
  );
}

/** The key at work: checking it, and uploading a contact list with it, for this installation. */
function CurlExamples({ apiKey }: { apiKey: string }) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm" data-testid="curl-examples">
      {curlExamples(window.location.origin, apiKey).map((example) => (
        <div key={example.key}>
          <Text size="sm" fw={600} mb={4}>
            {t(`apiKeys.example_${example.key}`)}
          </Text>
          <CopyCode value={example.command} block testId={`curl-${example.key}`} />
        </div>
      ))}
    </Stack>
  );
}

function ApiKeyCreateModal({ onClose, onCreated }: { onClose: () => void; onCreated: (key: ApiKeyCreated) => void }) {
  const { t } = useTranslation();
  const form = useForm({
    initial: { name: "", role: "admin" as TenantRole },
    validate: (values) => ({ name: check(values.name, required) }),
    submit: async (values) => onCreated(await apiKeysApi.create({ name: values.name.trim(), role: values.role })),
  });
  return (
    <Modal opened onClose={onClose} title={t("apiKeys.create")} data-testid="api-key-form">
      <form {...form.props}>
        <Stack>
          <FormAlert message={form.alert} />
          <TextInput
            label={t("apiKeys.name")}
            description={t("apiKeys.nameHint")}
            required
            data-autofocus
            maxLength={200}
            {...form.text("name")}
            data-testid="api-key-name"
          />
          <RoleSelect
            label={t("apiKeys.role")}
            description={t("apiKeys.roleHint")}
            value={form.values.role}
            onChange={(role) => form.set("role", role)}
            error={form.error("role")}
            data-testid="api-key-role"
          />
          <FormActions onCancel={onClose} submit={t("apiKeys.createSubmit")} busy={form.busy} testId="api-key-form-submit" />
        </Stack>
      </form>
    </Modal>
  );
}
