// The audit log with its filters: an organisation's (its admins), the installation's or one
// organisation's (the provider).
import { Badge, Group, Select, Stack, Table, Text, TextInput } from "@mantine/core";
import { IconHistory } from "@tabler/icons-react";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useActors, useAllTenants, useAuditLog } from "../api/queries";
import type { AuditEntry, AuditFilters } from "../api/types";
import { EmptyState } from "../components/EmptyState";
import { formatDateTime } from "../components/format";
import { PagedTable } from "../components/PagedTable";
import { useSession } from "../session";
import { AuditSummary } from "./AuditSummary";

export const OBJECT_TYPES = [
  "tenant", "user", "api_key", "flow", "number", "audio", "contact_list", "contact", "contact_import", "campaign", "dnc_entry",
];
export const ACTIONS = [
  "create", "update", "delete", "login", "change_password", "reset_password", "logout_others", "update_profile",
  "update_settings", "revoke", "suspend", "reactivate", "view_as", "publish", "rollback", "save_draft",
];

/** A datetime-local value as an ISO time; empty stays unset. */
const iso = (local: string) => (local ? new Date(local).toISOString() : null);

type Option = { value: string; label: string };

export function AuditLog({ scope, tenantId }: {
  scope: "tenant" | "provider";
  /** Provider: only this organisation's entries (no organisation filter then). */
  tenantId?: string;
}) {
  const { t } = useTranslation();
  const session = useSession();
  const [actor, setActor] = useState<string | null>(null);
  const [tenant, setTenant] = useState<string | null>(tenantId ?? null);
  const [objectType, setObjectType] = useState<string | null>(null);
  const [action, setAction] = useState<string | null>(null);
  const [since, setSince] = useState("");
  const [until, setUntil] = useState("");
  const filters: AuditFilters = useMemo(
    () => ({ actor_id: actor, tenant_id: scope === "provider" ? tenant : null, object_type: objectType, action, since: iso(since), until: iso(until) }),
    [actor, tenant, scope, objectType, action, since, until],
  );
  const entries = useAuditLog(scope, session.tenantId, filters);
  const actors = useActors(session.tenantId, scope === "tenant");
  const tenants = useAllTenants(scope === "provider");
  const tenantNames = useMemo(() => new Map((tenants.data ?? []).map((one) => [one.id, one.name])), [tenants.data]);

  const actorOptions: Option[] = [
    ...(actors.data?.users ?? []).map((user) => ({ value: user.id, label: user.name ? `${user.name} (${user.email})` : user.email })),
    ...(actors.data?.apiKeys ?? []).map((key) => ({ value: key.id, label: t("audit.apiKeyNamed", { name: key.name }) })),
  ];
  const options = (values: string[], prefix: string): Option[] =>
    values.map((value) => ({ value, label: t(`${prefix}.${value}`, { defaultValue: value }) }));
  const showTenant = scope === "provider" && !tenantId;

  return (
    <Stack gap="md">
      <Group gap="sm" align="flex-end" data-testid="audit-filters">
        {scope === "tenant" ? (
          <Select label={t("audit.who")} placeholder={t("audit.anyone")} data={actorOptions} value={actor} onChange={setActor} clearable searchable w={260} data-testid="audit-actor" />
        ) : null}
        {showTenant ? (
          <Select
            label={t("audit.tenant")}
            placeholder={t("audit.anyTenant")}
            data={(tenants.data ?? []).map((one) => ({ value: one.id, label: one.name }))}
            value={tenant}
            onChange={setTenant}
            clearable
            searchable
            w={240}
            data-testid="audit-tenant"
          />
        ) : null}
        <Select label={t("audit.objectType")} placeholder={t("audit.anything")} data={options(OBJECT_TYPES, "audit.objects")} value={objectType} onChange={setObjectType} clearable w={180} data-testid="audit-object-type" />
        <Select label={t("audit.action")} placeholder={t("audit.anyAction")} data={options(ACTIONS, "audit.actions")} value={action} onChange={setAction} clearable searchable w={200} data-testid="audit-action" />
        <TextInput label={t("audit.since")} type="datetime-local" value={since} onChange={(event) => setSince(event.currentTarget.value)} w={200} data-testid="audit-since" />
        <TextInput label={t("audit.until")} type="datetime-local" value={until} onChange={(event) => setUntil(event.currentTarget.value)} w={200} data-testid="audit-until" />
      </Group>
      <PagedTable
        list={entries}
        testId="audit-table"
        columns={[
          { label: t("audit.colWhen"), width: 170 },
          ...(showTenant ? [{ label: t("audit.tenant"), width: 170 }] : []),
          { label: t("audit.colWho"), width: 230 },
          { label: t("audit.colWhat"), width: 200 },
          { label: t("audit.colChanges") },
        ]}
        empty={<EmptyState icon={IconHistory} title={t("audit.emptyTitle")} text={t("audit.emptyText")} testId="audit-empty" />}
      >
        {entries.items.map((entry) => (
          <Row key={entry.id} entry={entry} tenantName={showTenant ? (entry.tenant_id ? (tenantNames.get(entry.tenant_id) ?? entry.tenant_id) : t("audit.installation")) : null} />
        ))}
      </PagedTable>
    </Stack>
  );
}

function Row({ entry, tenantName }: { entry: AuditEntry; tenantName: string | null }) {
  const { t } = useTranslation();
  const { locale } = useSession();
  return (
    <Table.Tr data-testid="audit-row" data-action={entry.action} data-object-type={entry.object_type}>
      <Table.Td>
        <Text size="sm">{formatDateTime(entry.at, locale)}</Text>
      </Table.Td>
      {tenantName !== null ? (
        <Table.Td>
          <Text size="sm">{tenantName}</Text>
        </Table.Td>
      ) : null}
      <Table.Td>
        <Text size="sm" truncate maw={220}>
          {entry.actor_label}
        </Text>
        <Group gap={4}>
          {entry.actor_kind === "api_key" ? (
            <Badge size="xs" variant="light" color="grape">
              {t("audit.apiKey")}
            </Badge>
          ) : null}
          {entry.via_provider ? (
            <Badge size="xs" variant="light" color="orange" data-testid="audit-via-provider">
              {t("audit.viaProvider")}
            </Badge>
          ) : null}
        </Group>
      </Table.Td>
      <Table.Td>
        <Text size="sm" fw={600}>
          {t(`audit.actions.${entry.action}`, { defaultValue: entry.action })}
        </Text>
        <Text size="xs" c="dimmed">
          {t(`audit.objects.${entry.object_type}`, { defaultValue: entry.object_type })}
          {entry.object_id ? <span className="vf-mono"> …{entry.object_id.slice(-6)}</span> : null}
        </Text>
      </Table.Td>
      <Table.Td>
        <AuditSummary summary={entry.summary} />
      </Table.Td>
    </Table.Tr>
  );
}
