// Campaigns (задания на обзвон): state, progress by contact status, search and a state filter.
import { Button, Group, Select, Table, Text } from "@mantine/core";
import { IconPhoneOutgoing, IconPlus, IconSearch } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useAllFlows } from "../api/queries";
import { EmptyState } from "../components/EmptyState";
import { formatDateTime } from "../components/format";
import { Link } from "../components/Link";
import { LoadMore } from "../components/LoadMore";
import { Page } from "../components/Page";
import { QueryState } from "../components/QueryState";
import { SearchInput, useSearch } from "../components/SearchInput";
import { useSession } from "../session";
import { outboundPaths, PERMISSIONS } from "./paths";
import { useCampaigns } from "./queries";
import { CAMPAIGN_STATES, type CampaignState } from "./types";
import { CampaignProgressBar, StateBadge } from "./ui";

export function CampaignsScreen() {
  const { t } = useTranslation();
  const { tenantId, locale, can } = useSession();
  const [search, setSearch, debounced] = useSearch();
  const [state, setState] = useState<CampaignState | null>(null);
  const campaigns = useCampaigns(tenantId, debounced, state);
  const flows = useAllFlows(tenantId);
  const writable = can(PERMISSIONS.campaignsWrite);
  const flowName = new Map((flows.data ?? []).map((flow) => [flow.id, flow.name]));
  const filtered = Boolean(debounced || state);
  const empty = !campaigns.isLoading && !campaigns.error && campaigns.items.length === 0;

  const create = writable ? (
    <Button component={Link} href={outboundPaths.campaignNew()} leftSection={<IconPlus size={16} />} data-testid="campaign-create">
      {t("outbound.campaigns.create")}
    </Button>
  ) : null;

  return (
    <Page title={t("outbound.campaigns.title")} description={t("outbound.campaigns.description")} testId="campaigns-screen" actions={create}>
      <Group mb="md" gap="sm">
        <SearchInput value={search} onChange={setSearch} label={t("outbound.campaigns.search")} testId="campaign-search" />
        <Select
          placeholder={t("outbound.campaigns.anyState")}
          aria-label={t("outbound.campaigns.stateFilter")}
          data={CAMPAIGN_STATES.map((value) => ({ value, label: t(`outbound.state.${value}`) }))}
          value={state}
          onChange={(value) => setState(value as CampaignState | null)}
          clearable
          w={220}
          data-testid="campaign-state-filter"
        />
      </Group>
      <QueryState isLoading={campaigns.isLoading} error={campaigns.error} retry={() => void campaigns.refetch()} />
      {empty ? (
        filtered ? (
          <EmptyState icon={IconSearch} title={t("outbound.common.noMatchTitle")} text={t("outbound.campaigns.noMatchText")} />
        ) : (
          <EmptyState icon={IconPhoneOutgoing} title={t("outbound.campaigns.emptyTitle")} text={t("outbound.campaigns.emptyText")} testId="campaigns-empty" action={create} />
        )
      ) : null}
      {campaigns.items.length > 0 ? (
        <Table highlightOnHover verticalSpacing="sm" data-testid="campaigns-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("outbound.campaigns.colName")}</Table.Th>
              <Table.Th w={140}>{t("outbound.campaigns.colState")}</Table.Th>
              <Table.Th w={320}>{t("outbound.campaigns.colProgress")}</Table.Th>
              <Table.Th w={190}>{t("outbound.campaigns.colCreated")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {campaigns.items.map((campaign) => (
              <Table.Tr key={campaign.id} data-testid={`campaign-row-${campaign.name}`}>
                <Table.Td>
                  <Link href={outboundPaths.campaign(campaign.id)} className="vf-strong-link" data-testid="campaign-open">
                    {campaign.name}
                  </Link>
                  <Text size="xs" c="dimmed" lineClamp={1}>
                    {[flowName.get(campaign.flow_id), campaign.comment].filter(Boolean).join(" · ") || "—"}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <StateBadge state={campaign.state} size="sm" />
                </Table.Td>
                <Table.Td>
                  <CampaignProgressBar counts={campaign.counts} total={campaign.total} size="md" withLabel />
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{formatDateTime(campaign.created_at, locale)}</Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
      <LoadMore list={campaigns} />
    </Page>
  );
}
