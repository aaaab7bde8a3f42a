import { ActionIcon, Badge, Button, Group, Modal, Paper, Stack, Table, Text, TextInput, Title, Tooltip } from "@mantine/core";
import { IconBan, IconKey, IconPlus } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { curlExamples } from "../../admin/curl";
import { apiKeysApi } from "../../api/endpoints";
import { useApiKeys, useInvalidateTenant } from "../../api/queries";
import type { ApiKey, ApiKeyCreated, TenantRole } from "../../api/types";
import { CopyCode } from "../../components/CopyCode";
import { EmptyState } from "../../components/EmptyState";
import { confirmAction, notifyDone, notifyError } from "../../components/feedback";
import { formatDateTime } from "../../components/format";
import { LoadMore } from "../../components/LoadMore";
import { Page } from "../../components/Page";
import { QueryState } from "../../components/QueryState";
import { RoleSelect } from "../../components/RoleSelect";
import { ShownOnce } from "../../components/ShownOnce";
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

  const revoke = async (key: ApiKey) => {
    const ok = await confirmAction({
      title: t("apiKeys.revokeTitle"),
      message: t("apiKeys.revokeText", { name: key.name }),
      confirm: t("apiKeys.revoke"),
      cancel: t("common.cancel"),
      danger: true,
    });
    if (!ok) return;
    try {
      await apiKeysApi.revoke(key.id);
      notifyDone(t("apiKeys.revoked", { name: key.name }));
      refresh();
    } catch (error) {
      notifyError(error, t);
    }
  };

  const empty = !keys.isLoading && !keys.error && keys.items.length === 0;

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
      <QueryState isLoading={keys.isLoading} error={keys.error} retry={() => void keys.refetch()} />
      {empty ? <EmptyState icon={IconKey} title={t("apiKeys.emptyTitle")} text={t("apiKeys.emptyText")} /> : null}
      {keys.items.length > 0 ? (
        <Table verticalSpacing="sm" highlightOnHover data-testid="api-keys-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("apiKeys.colName")}</Table.Th>
              <Table.Th w={140}>{t("apiKeys.colRole")}</Table.Th>
              <Table.Th w={230}>{t("apiKeys.colCreated")}</Table.Th>
              <Table.Th w={180}>{t("apiKeys.colLastUsed")}</Table.Th>
              <Table.Th w={130}>{t("apiKeys.colStatus")}</Table.Th>
              <Table.Th w={56}>
                <span className="vf-visually-hidden">{t("common.actions")}</span>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
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
          </Table.Tbody>
        </Table>
      ) : null}
      <LoadMore list={keys} />
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
      <form onSubmit={form.onSubmit}>
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
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" loading={form.busy} data-testid="api-key-form-submit">
              {t("apiKeys.createSubmit")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
