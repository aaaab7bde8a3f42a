// A campaign's contacts, as a grid of squares in their status's colour (reached green, not reached red,
// waiting yellow) or as a table; either opens a contact's card with its attempts ("call now" for one
// that waits).
import { Badge, Button, Group, Modal, SegmentedControl, Select, SimpleGrid, Stack, Table, Text, Tooltip } from "@mantine/core";
import { IconLayoutGrid, IconList, IconPhoneCall, IconUsers } from "@tabler/icons-react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { EmptyState } from "../components/EmptyState";
import { notifyDone } from "../components/feedback";
import { formatDateTime } from "../components/format";
import { LoadMore } from "../components/LoadMore";
import { QueryState } from "../components/QueryState";
import { SearchInput, useSearch } from "../components/SearchInput";
import { useSession } from "../session";
import { campaignsApi } from "./api";
import { AttemptsTable } from "./AttemptsTable";
import { PERMISSIONS } from "./paths";
import { useCampaignContacts, useContactAttempts, useInvalidateOutbound } from "./queries";
import { CONTACT_STATUSES, type CampaignContact, type CampaignState, type ContactStatus } from "./types";
import { StatusBadge, StatusLegend, useProblems } from "./ui";

const GRID_AUTOLOAD = 1000;

export function CampaignContacts({ campaignId, state, status, onStatus }: {
  campaignId: string;
  state: CampaignState;
  status: ContactStatus | null;
  onStatus: (status: ContactStatus | null) => void;
}) {
  const { t } = useTranslation();
  const { tenantId } = useSession();
  const [search, setSearch, debounced] = useSearch();
  const [view, setView] = useState<"grid" | "table">("grid");
  const [open, setOpen] = useState<CampaignContact | null>(null);
  const live = state === "running" || state === "scheduled" || state === "paused";
  const contacts = useCampaignContacts(tenantId, campaignId, status, debounced, live);

  // The grid shows up to GRID_AUTOLOAD contacts at once; past that, "load more".
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = contacts;
  const count = contacts.items.length;
  useEffect(() => {
    if (view === "grid" && hasNextPage && !isFetchingNextPage && count < GRID_AUTOLOAD) void fetchNextPage();
  }, [view, hasNextPage, isFetchingNextPage, count, fetchNextPage]);

  return (
    <Stack gap="sm" data-testid="campaign-contacts">
      <Group justify="space-between">
        <Group gap="sm">
          <SearchInput value={search} onChange={setSearch} label={t("outbound.campaign.searchContacts")} testId="campaign-contact-search" />
          <Select
            placeholder={t("outbound.campaign.anyStatus")}
            aria-label={t("outbound.campaign.statusFilter")}
            data={CONTACT_STATUSES.map((value) => ({ value, label: t(`outbound.status.${value}`) }))}
            value={status}
            onChange={(value) => onStatus(value as ContactStatus | null)}
            clearable
            w={210}
            data-testid="campaign-contact-status"
          />
        </Group>
        <SegmentedControl
          size="xs"
          value={view}
          onChange={(value) => setView(value as "grid" | "table")}
          data={[
            { value: "grid", label: <Group gap={4} wrap="nowrap"><IconLayoutGrid size={14} />{t("outbound.campaign.grid")}</Group> },
            { value: "table", label: <Group gap={4} wrap="nowrap"><IconList size={14} />{t("outbound.campaign.table")}</Group> },
          ]}
          data-testid="campaign-contact-view"
        />
      </Group>
      <QueryState isLoading={contacts.isLoading} error={contacts.error} retry={() => void contacts.refetch()} height={120} />
      {!contacts.isLoading && !contacts.error && contacts.items.length === 0 ? (
        <EmptyState
          icon={IconUsers}
          title={state === "draft" ? t("outbound.campaign.contactsDraftTitle") : t("outbound.common.noMatchTitle")}
          text={state === "draft" ? t("outbound.campaign.contactsDraftText") : t("outbound.campaign.noContactsText")}
        />
      ) : null}
      {contacts.items.length > 0 ? (
        view === "grid" ? (
          <Stack gap="xs">
            <StatusLegend statuses={CONTACT_STATUSES} />
            <div className="vf-ob-grid" role="list" aria-label={t("outbound.campaign.gridLabel")} data-testid="contact-grid">
              {contacts.items.map((contact) => (
                <ContactCell key={contact.id} contact={contact} onOpen={() => setOpen(contact)} />
              ))}
            </div>
          </Stack>
        ) : (
          <ContactsTable contacts={contacts.items} onOpen={setOpen} />
        )
      ) : null}
      <LoadMore list={contacts} />
      {open ? <ContactCard campaignId={campaignId} contact={open} onClose={() => setOpen(null)} /> : null}
    </Stack>
  );
}

function ContactCell({ contact, onOpen }: { contact: CampaignContact; onOpen: () => void }) {
  const { t } = useTranslation();
  const label = `${contact.name || contact.phones[0] || ""} — ${t(`outbound.status.${contact.status}`)}`;
  return (
    <Tooltip
      openDelay={150}
      label={
        <Stack gap={0}>
          <Text size="xs" fw={700}>
            {contact.name || "—"}
          </Text>
          <Text size="xs">{contact.phones.join(", ")}</Text>
          <Text size="xs">
            {t(`outbound.status.${contact.status}`)} · {t("outbound.campaign.attemptsN", { n: contact.attempts })}
            {contact.last_outcome ? ` · ${t(`outbound.outcome.${contact.last_outcome}`, { defaultValue: contact.last_outcome })}` : ""}
          </Text>
        </Stack>
      }
    >
      <button type="button" className="vf-ob-cell" data-status={contact.status} aria-label={label} role="listitem" onClick={onOpen} data-testid="contact-cell" />
    </Tooltip>
  );
}

function ContactsTable({ contacts, onOpen }: { contacts: CampaignContact[]; onOpen: (contact: CampaignContact) => void }) {
  const { t } = useTranslation();
  const { locale } = useSession();
  return (
    <Table.ScrollContainer minWidth={860}>
      <Table highlightOnHover verticalSpacing={6} fz="sm" data-testid="contact-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("outbound.contacts.name")}</Table.Th>
            <Table.Th w={170}>{t("outbound.contacts.phones")}</Table.Th>
            <Table.Th w={180}>{t("outbound.campaign.status")}</Table.Th>
            <Table.Th w={80} ta="right">
              {t("outbound.campaign.attempts")}
            </Table.Th>
            <Table.Th w={140}>{t("outbound.campaign.lastOutcome")}</Table.Th>
            <Table.Th w={170}>{t("outbound.campaign.nextAttempt")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {contacts.map((contact) => (
            <Table.Tr key={contact.id} onClick={() => onOpen(contact)} style={{ cursor: "pointer" }} data-testid="campaign-contact-row">
              <Table.Td>
                {contact.name || "—"}
                {contact.external_id ? (
                  <Text size="xs" c="dimmed" className="vf-mono">
                    {contact.external_id}
                  </Text>
                ) : null}
              </Table.Td>
              <Table.Td className="vf-mono">{contact.phones.join(", ")}</Table.Td>
              <Table.Td>
                <StatusBadge status={contact.status} />
              </Table.Td>
              <Table.Td ta="right">{contact.attempts}</Table.Td>
              <Table.Td>{contact.last_outcome ? t(`outbound.outcome.${contact.last_outcome}`, { defaultValue: contact.last_outcome }) : "—"}</Table.Td>
              <Table.Td>{contact.status === "pending" ? formatDateTime(contact.next_attempt_at, locale) || t("outbound.campaign.asap") : "—"}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** A contact of the campaign: who, where it stands, its attempts; a waiting one can be called next. */
export function ContactCard({ campaignId, contact, onClose }: { campaignId: string; contact: CampaignContact; onClose: () => void }) {
  const { t } = useTranslation();
  const { tenantId, locale, can } = useSession();
  const attempts = useContactAttempts(tenantId, campaignId, contact.id);
  const invalidate = useInvalidateOutbound();
  const problems = useProblems();
  const [busy, setBusy] = useState(false);

  const callNow = async () => {
    setBusy(true);
    try {
      await campaignsApi.callNow(campaignId, contact.id);
      notifyDone(t("outbound.campaign.callNowDone", { name: contact.name || contact.phones[0] }));
      void invalidate(tenantId, "campaign", campaignId);
      onClose();
    } catch (error) {
      problems.notify(error);
    } finally {
      setBusy(false);
    }
  };

  const fact = (label: string, value: string) => (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm">{value || "—"}</Text>
    </div>
  );

  return (
    <Modal opened onClose={onClose} title={contact.name || contact.phones[0] || t("outbound.campaign.contact")} size="xl" data-testid="contact-card">
      <Stack gap="md">
        <Group justify="space-between">
          <StatusBadge status={contact.status} />
          {contact.status === "pending" && can(PERMISSIONS.campaignsWrite) ? (
            <Button size="xs" leftSection={<IconPhoneCall size={14} />} onClick={() => void callNow()} loading={busy} data-testid="contact-call-now">
              {t("outbound.campaign.callNow")}
            </Button>
          ) : null}
        </Group>
        <SimpleGrid cols={3} spacing="sm">
          {fact(t("outbound.contacts.phones"), contact.phones.join(", "))}
          {fact(t("outbound.contacts.externalId"), contact.external_id ?? "")}
          {fact(t("outbound.contacts.timezone"), contact.timezone ?? "")}
          {fact(t("outbound.campaign.attempts"), String(contact.attempts))}
          {fact(t("outbound.campaign.lastAttempt"), formatDateTime(contact.last_attempt_at, locale))}
          {fact(t("outbound.campaign.nextAttempt"), contact.status === "pending" ? formatDateTime(contact.next_attempt_at, locale) || t("outbound.campaign.asap") : "")}
          {fact(t("outbound.campaign.result"), contact.result ?? "")}
          {fact(t("outbound.campaign.source"), t(`outbound.campaign.source_${contact.source}`, { defaultValue: contact.source }))}
        </SimpleGrid>
        {Object.keys(contact.variables).length ? (
          <Group gap={4}>
            {Object.entries(contact.variables).map(([name, value]) => (
              <Badge key={name} variant="outline" color="gray" size="sm" tt="none">
                {name}: {value === null ? "—" : String(value)}
              </Badge>
            ))}
          </Group>
        ) : null}
        <QueryState isLoading={attempts.isLoading} error={attempts.error} retry={() => void attempts.refetch()} height={80} />
        {attempts.data?.length ? (
          <AttemptsTable attempts={attempts.data} testId="contact-attempts" />
        ) : attempts.data ? (
          <Text size="sm" c="dimmed">
            {t("outbound.campaign.noAttempts")}
          </Text>
        ) : null}
      </Stack>
    </Modal>
  );
}
