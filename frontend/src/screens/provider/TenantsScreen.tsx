import { ActionIcon, Button, Group, SegmentedControl, Table, Text, Tooltip } from "@mantine/core";
import { IconBuildingPlus, IconBuildings, IconEye } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { usageItems } from "../../admin/usage";
import { useInvalidateProvider, useProviderTenants } from "../../api/queries";
import type { TenantCreated, TenantStatus } from "../../api/types";
import { EmptyState } from "../../components/EmptyState";
import { notifyDone } from "../../components/feedback";
import { Link } from "../../components/Link";
import { Page } from "../../components/Page";
import { PagedTable } from "../../components/PagedTable";
import { SearchInput, useSearch } from "../../components/SearchInput";
import { ShownOnce } from "../../components/ShownOnce";
import { TenantStatusBadge } from "../../components/TenantStatusBadge";
import { UsageValue } from "../../components/Usage";
import { paths } from "../../router";
import { useSession } from "../../session";
import { TenantCreateModal } from "./TenantCreateModal";
import { useViewAs } from "./useViewAs";

type StatusFilter = "all" | TenantStatus;

/** The provider's organisations: find them, see their usage, create one with its first admin. */
export function TenantsScreen() {
  const { t } = useTranslation();
  const { locale } = useSession();
  const [search, setSearch, debounced] = useSearch();
  const [status, setStatus] = useState<StatusFilter>("all");
  const tenants = useProviderTenants(debounced, status === "all" ? null : status);
  const invalidate = useInvalidateProvider();
  const viewAs = useViewAs();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<TenantCreated | null>(null);
  // The usage columns: what the API reports (campaigns once it does).
  const columns = tenants.items.length ? usageItems(tenants.items[0]).filter((item) => item.key !== "api_keys").map((item) => item.key) : [];

  return (
    <Page
      title={t("tenants.title")}
      description={t("tenants.description")}
      testId="tenants-screen"
      actions={
        <Button leftSection={<IconBuildingPlus size={16} />} onClick={() => setCreating(true)} data-testid="tenant-create">
          {t("tenants.create")}
        </Button>
      }
    >
      <Group mb="md" gap="md">
        <SearchInput value={search} onChange={setSearch} label={t("tenants.search")} testId="tenant-search" />
        <SegmentedControl
          value={status}
          onChange={(value) => setStatus(value as StatusFilter)}
          data={(["all", "active", "suspended"] as const).map((value) => ({ value, label: t(`tenants.filter_${value}`) }))}
          aria-label={t("tenants.statusFilter")}
          data-testid="tenant-status-filter"
        />
      </Group>
      <PagedTable
        list={tenants}
        testId="tenants-table"
        rowActions
        columns={[
          { label: t("tenants.colName") },
          { label: t("tenants.colStatus"), width: 130 },
          ...columns.map((key) => ({ label: t(`tenantUsage.${key}`), width: key === "storage" ? 170 : 100 })),
        ]}
        empty={
          <EmptyState icon={IconBuildings} title={t("tenants.emptyTitle")} text={debounced || status !== "all" ? t("tenants.noMatch") : t("tenants.emptyText")} />
        }
      >
        {tenants.items.map((tenant) => {
          const items = new Map(usageItems(tenant).map((item) => [item.key, item]));
          return (
            <Table.Tr key={tenant.id} data-testid={`tenant-row-${tenant.slug}`}>
              <Table.Td>
                <Link href={paths.providerTenant(tenant.id)} className="vf-strong-link" data-testid="tenant-open">
                  {tenant.name}
                </Link>
                <Text size="xs" c="dimmed" className="vf-mono">
                  {tenant.slug}
                </Text>
              </Table.Td>
              <Table.Td>
                <TenantStatusBadge status={tenant.status} />
              </Table.Td>
              {columns.map((key) => {
                const item = items.get(key);
                return <Table.Td key={key}>{item ? <UsageValue item={item} locale={locale} /> : "—"}</Table.Td>;
              })}
              <Table.Td>
                <Tooltip label={t("tenants.viewAs")}>
                  <ActionIcon variant="subtle" color="orange" onClick={() => void viewAs(tenant.id)} aria-label={t("tenants.viewAsNamed", { name: tenant.name })} data-testid="tenant-view-as">
                    <IconEye size={18} />
                  </ActionIcon>
                </Tooltip>
              </Table.Td>
            </Table.Tr>
          );
        })}
      </PagedTable>
      {creating ? (
        <TenantCreateModal
          onClose={() => setCreating(false)}
          onCreated={(tenant) => {
            setCreating(false);
            void invalidate();
            notifyDone(t("tenants.created", { name: tenant.name }));
            if (tenant.admin_initial_password) setCreated(tenant);
          }}
        />
      ) : null}
      {created?.admin_initial_password ? (
        <ShownOnce
          title={t("tenants.createdTitle", { name: created.name })}
          label={t("tenants.adminPassword", { email: created.admin_email })}
          value={created.admin_initial_password}
          onClose={() => setCreated(null)}
        >
          <Text size="sm" c="dimmed">
            {t("tenants.adminPasswordHint", { email: created.admin_email, url: window.location.origin })}
          </Text>
        </ShownOnce>
      ) : null}
    </Page>
  );
}
