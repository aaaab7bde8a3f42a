// A campaign's page: its state and the buttons that steer it (start, pause, resume, cancel), then, live,
// the progress bar, contacts by status, calls in progress, the last attempts and the contacts as a colour
// grid; the report by period, number and result; the settings; the results export.
import { Alert, Badge, Button, Group, Paper, Progress, SimpleGrid, Stack, Table, Tabs, Text, Title, Tooltip, UnstyledButton } from "@mantine/core";
import {
  IconAlertTriangle,
  IconEdit,
  IconPlayerPause,
  IconPlayerPlay,
  IconPlayerStop,
  IconTrash,
} from "@tabler/icons-react";
import { useQueryClient } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useAllFlows } from "../api/queries";
import { confirmAction, notifyDone } from "../components/feedback";
import { formatDateTime } from "../components/format";
import { Link } from "../components/Link";
import { Page } from "../components/Page";
import { QueryState } from "../components/QueryState";
import { Section } from "../components/Section";
import { navigate, paths } from "../router";
import { useSession } from "../session";
import { campaignsApi, type CampaignAction } from "./api";
import { AttemptsTable } from "./AttemptsTable";
import { clock, commandsFor, isFinal, secondsBetween, STATUS_COLORS, weekdayNames, windowSummary } from "./campaign";
import { CampaignContacts } from "./CampaignContacts";
import { CampaignReport } from "./CampaignReport";
import { ExportButton } from "./ExportButton";
import { useCampaignLive, type CampaignLive } from "./live";
import { outboundPaths, PERMISSIONS } from "./paths";
import { outboundKeys, useAllContactLists, useCampaign, useInvalidateOutbound } from "./queries";
import { CONTACT_STATUSES, RETRY_KINDS, type Campaign, type ContactStatus, type StatusCounts } from "./types";
import { CampaignProgressBar, StateBadge, useProblems } from "./ui";

const ACTION_ICONS = { start: IconPlayerPlay, pause: IconPlayerPause, resume: IconPlayerPlay, cancel: IconPlayerStop } as const;

export function CampaignScreen({ campaignId }: { campaignId: string }) {
  const { t } = useTranslation();
  const { tenantId, isProvider, can } = useSession();
  const campaign = useCampaign(tenantId, campaignId);
  const reports = can(PERMISSIONS.reports);
  const state = campaign.data?.state;
  // A provider admin's socket cannot name the organisation it views: they poll.
  const live = useCampaignLive(tenantId, campaignId, { socket: !isProvider, enabled: state !== undefined && state !== "draft" });
  const [tab, setTab] = useState<string | null>("progress");
  const [status, setStatus] = useState<ContactStatus | null>(null);

  if (!campaign.data) {
    return (
      <Page title={t("outbound.campaigns.title")} back={{ href: outboundPaths.campaigns(), label: t("outbound.campaigns.back") }}>
        <QueryState isLoading={campaign.isLoading} error={campaign.error} retry={() => void campaign.refetch()} />
      </Page>
    );
  }
  const current = campaign.data;
  const counts: StatusCounts = live.data?.counts ?? current.counts;
  const total = live.data?.total ?? current.total;

  return (
    <Page
      title={current.name}
      back={{ href: outboundPaths.campaigns(), label: t("outbound.campaigns.back") }}
      testId="campaign-screen"
      actions={<Commands campaign={current} onChanged={live.refresh} />}
    >
      <Summary campaign={current} state={live.data?.state ?? current.state} />
      {current.starting ? <Starting starting={current.starting} /> : null}
      {current.state_reason ? (
        <Alert color={current.state === "paused" ? "yellow" : "gray"} icon={<IconAlertTriangle />} mb="md" data-testid="campaign-state-reason">
          {t(`outbound.stateReason.${current.state_reason}`, { defaultValue: current.state_reason })}
        </Alert>
      ) : null}
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="progress" data-testid="campaign-tab-progress">
            {t("outbound.campaign.tabProgress")}
          </Tabs.Tab>
          {reports ? (
            <Tabs.Tab value="report" data-testid="campaign-tab-report">
              {t("outbound.campaign.tabReport")}
            </Tabs.Tab>
          ) : null}
          <Tabs.Tab value="settings" data-testid="campaign-tab-settings">
            {t("outbound.campaign.tabSettings")}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="progress">
          <Stack gap="lg">
            <Overview campaign={current} counts={counts} total={total} live={live} onStatus={setStatus} status={status} />
            <Section title={t("outbound.campaign.contacts")}>
              <CampaignContacts campaignId={campaignId} state={current.state} status={status} onStatus={setStatus} />
            </Section>
          </Stack>
        </Tabs.Panel>
        {reports ? (
          <Tabs.Panel value="report">
            <CampaignReport campaignId={campaignId} />
          </Tabs.Panel>
        ) : null}
        <Tabs.Panel value="settings">
          <Settings campaign={current} />
        </Tabs.Panel>
      </Tabs>
    </Page>
  );
}

/** Under the title: the state, the flow, when it started or finished, the comment. */
function Summary({ campaign, state }: { campaign: Campaign; state: Campaign["state"] }) {
  const { t } = useTranslation();
  const { tenantId, locale } = useSession();
  const flows = useAllFlows(tenantId);
  const flow = flows.data?.find((item) => item.id === campaign.flow_id);
  const when = campaign.finished_at
    ? t("outbound.campaign.finishedAt", { at: formatDateTime(campaign.finished_at, locale) })
    : campaign.started_at
      ? t("outbound.campaign.startedAt", { at: formatDateTime(campaign.started_at, locale) })
      : campaign.starts_at
        ? t("outbound.campaign.startsAt", { at: formatDateTime(campaign.starts_at, locale) })
        : "";
  return (
    <Group gap="sm" mt={-12} mb="md" data-testid="campaign-summary">
      <StateBadge state={state} size="lg" />
      {flow ? (
        <Text size="sm" c="dimmed">
          {t("outbound.campaign.flowIs", { name: flow.name })}
        </Text>
      ) : null}
      {when ? (
        <Text size="sm" c="dimmed">
          · {when}
        </Text>
      ) : null}
      {campaign.comment ? (
        <Text size="sm" c="dimmed" lineClamp={1} maw={520}>
          · {campaign.comment}
        </Text>
      ) : null}
    </Group>
  );
}

/** Start / pause / resume / cancel, edit, delete, export — as the state and the viewer's rights allow. */
function Commands({ campaign, onChanged }: { campaign: Campaign; onChanged: () => void }) {
  const { t } = useTranslation();
  const { tenantId, can } = useSession();
  const client = useQueryClient();
  const invalidate = useInvalidateOutbound();
  const problems = useProblems();
  const [busy, setBusy] = useState<string | null>(null);
  const writable = can(PERMISSIONS.campaignsWrite);
  const commands = writable ? commandsFor(campaign.state) : [];

  const act = async (action: CampaignAction) => {
    if (action === "cancel" || action === "start") {
      const ok = await confirmAction({
        title: t(`outbound.campaign.${action}Title`),
        message: t(`outbound.campaign.${action}Text`, { name: campaign.name }),
        confirm: t(`outbound.campaign.${action}`),
        cancel: t("outbound.common.back"),
        danger: action === "cancel",
      });
      if (!ok) return;
    }
    setBusy(action);
    try {
      const updated = await campaignsApi.act(campaign.id, action);
      client.setQueryData(outboundKeys.campaign(tenantId, campaign.id), updated);
      void invalidate(tenantId, "campaigns");
      notifyDone(t(`outbound.campaign.${action}Done`, { name: campaign.name }));
      onChanged();
    } catch (error) {
      problems.notify(error, t(`outbound.campaign.${action}Failed`));
      void invalidate(tenantId, "campaign", campaign.id);
    } finally {
      setBusy(null);
    }
  };

  const remove = async () => {
    const ok = await confirmAction({
      title: t("outbound.campaign.deleteTitle"),
      message: t("outbound.campaign.deleteText", { name: campaign.name }),
      confirm: t("common.delete"),
      cancel: t("common.cancel"),
      danger: true,
    });
    if (!ok) return;
    try {
      await campaignsApi.remove(campaign.id);
      notifyDone(t("outbound.campaign.deleted", { name: campaign.name }));
      void invalidate(tenantId, "campaigns");
      navigate(outboundPaths.campaigns());
    } catch (error) {
      problems.notify(error);
    }
  };

  return (
    <>
      {campaign.state !== "draft" && can(PERMISSIONS.reports) ? <ExportButton campaignId={campaign.id} campaignName={campaign.name} /> : null}
      {commands.includes("edit") ? (
        <Button component={Link} href={outboundPaths.campaignEdit(campaign.id)} variant="default" leftSection={<IconEdit size={16} />} data-testid="campaign-edit">
          {t("outbound.campaign.edit")}
        </Button>
      ) : null}
      {commands.includes("delete") ? (
        <Button variant="default" color="red" leftSection={<IconTrash size={16} />} onClick={() => void remove()} data-testid="campaign-delete">
          {t("common.delete")}
        </Button>
      ) : null}
      {(["cancel", "pause", "resume", "start"] as const)
        .filter((action) => commands.includes(action))
        .map((action) => {
          const Icon = ACTION_ICONS[action];
          return (
            <Button
              key={action}
              leftSection={<Icon size={16} />}
              color={action === "cancel" ? "red" : action === "pause" ? "yellow" : "green"}
              variant={action === "cancel" ? "light" : "filled"}
              loading={busy === action}
              disabled={busy !== null && busy !== action}
              onClick={() => void act(action)}
              data-testid={`campaign-${action}`}
            >
              {t(`outbound.campaign.${action}`)}
            </Button>
          );
        })}
    </>
  );
}

function LiveIndicator({ live, state }: { live: CampaignLive; state: Campaign["state"] }) {
  const { t } = useTranslation();
  if (state === "draft" || isFinal(state)) return null;
  if (live.mode === "socket") {
    return (
      <Group gap={6} data-testid="live-mode" data-mode="socket">
        <span className="vf-ob-live-dot" />
        <Text size="xs" c="dimmed">
          {t("outbound.campaign.liveSocket")}
        </Text>
      </Group>
    );
  }
  return (
    <Tooltip label={live.error ? t("outbound.campaign.liveError") : t("outbound.campaign.livePollingHint")}>
      <Text size="xs" c={live.error ? "red" : "dimmed"} data-testid="live-mode" data-mode={live.mode}>
        {live.mode === "connecting" ? t("outbound.campaign.liveConnecting") : t("outbound.campaign.livePolling")}
      </Text>
    </Tooltip>
  );
}

function Overview({ campaign, counts, total, live, status, onStatus }: {
  campaign: Campaign;
  counts: StatusCounts;
  total: number;
  live: CampaignLive;
  status: ContactStatus | null;
  onStatus: (status: ContactStatus | null) => void;
}) {
  const { t } = useTranslation();
  const { locale } = useSession();
  const progress = live.data;
  const figure = (value: number) => value.toLocaleString(locale);
  const percent = (value: number) => (total > 0 ? `${Math.round((value / total) * 1000) / 10}%` : "");

  return (
    <Stack gap="md">
      <Paper withBorder p="md">
        <Group justify="space-between" mb="xs">
          <Title order={5}>{t("outbound.campaign.progress")}</Title>
          <LiveIndicator live={live} state={campaign.state} />
        </Group>
        <CampaignProgressBar counts={counts} total={total} size="xl" withLabel />
        <SimpleGrid cols={{ base: 3, lg: 6 }} spacing="xs" mt="md" data-testid="campaign-counts">
          {CONTACT_STATUSES.map((key) => (
            <UnstyledButton
              key={key}
              onClick={() => onStatus(status === key ? null : key)}
              aria-pressed={status === key}
              data-testid={`campaign-count-${key}`}
            >
              <Paper withBorder className="vf-ob-stat" style={status === key ? { borderColor: "var(--mantine-color-blue-5)" } : undefined}>
                <Group gap={6} wrap="nowrap">
                  <span className="vf-ob-cell" data-status={key} aria-hidden />
                  <Text size="xs" c="dimmed" truncate>
                    {t(`outbound.status.${key}`)}
                  </Text>
                </Group>
                <Group gap={6} align="baseline">
                  <Text className="vf-ob-stat-value" c={counts[key] ? STATUS_COLORS[key].split(".")[0] : undefined} data-testid={`campaign-count-${key}-value`}>
                    {figure(counts[key] ?? 0)}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {percent(counts[key] ?? 0)}
                  </Text>
                </Group>
              </Paper>
            </UnstyledButton>
          ))}
        </SimpleGrid>
        {progress ? (
          <Group gap="xl" mt="md" data-testid="campaign-stats">
            <Stat label={t("outbound.campaign.attemptsTotal")} value={figure(progress.attempts_total)} />
            <Stat label={t("outbound.campaign.attemptsLastMinute")} value={figure(progress.attempts_last_minute)} />
            <Stat
              label={t("outbound.campaign.successRate")}
              value={progress.success_rate === null ? "—" : `${(progress.success_rate * 100).toLocaleString(locale, { maximumFractionDigits: 1 })}%`}
            />
            <Stat label={t("outbound.campaign.liveCalls")} value={figure(progress.live_calls.length)} />
          </Group>
        ) : null}
      </Paper>

      {campaign.state === "draft" ? (
        <Alert color="blue" data-testid="campaign-draft-note">
          {t("outbound.campaign.draftNote")}
        </Alert>
      ) : (
        <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
          <Section title={t("outbound.campaign.liveCallsTitle")} testId="live-calls">
            {progress?.live_calls.length ? (
              <Table verticalSpacing={4} fz="sm">
                <Table.Tbody>
                  {progress.live_calls.map((call) => (
                    <Table.Tr key={call.campaign_contact_id} data-testid="live-call" data-state={call.state}>
                      <Table.Td>
                        <Text size="sm" truncate maw={200}>
                          {call.name || "—"}
                        </Text>
                      </Table.Td>
                      <Table.Td className="vf-mono">{call.phone}</Table.Td>
                      <Table.Td w={120}>
                        <Badge variant={call.state === "answered" ? "filled" : "light"} color={call.state === "answered" ? "green" : "blue"} size="sm">
                          {t(`outbound.campaign.call_${call.state}`)}
                        </Badge>
                      </Table.Td>
                      <Table.Td w={70} ta="right" className="vf-mono">
                        {clock(secondsBetween(call.since, progress.at))}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            ) : (
              <Text size="sm" c="dimmed">
                {campaign.state === "running" ? t("outbound.campaign.noLiveCalls") : t("outbound.campaign.noLiveCallsIdle")}
              </Text>
            )}
          </Section>
          <Section title={t("outbound.campaign.recentTitle")} testId="recent-attempts">
            {progress?.recent_attempts.length ? (
              <AttemptsTable attempts={progress.recent_attempts.slice(0, 12)} compact testId="recent-attempts-table" />
            ) : (
              <Text size="sm" c="dimmed">
                {t("outbound.campaign.noAttempts")}
              </Text>
            )}
          </Section>
        </SimpleGrid>
      )}
    </Stack>
  );
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700}>{value}</Text>
    </div>
  );
}

/** The settings, read: what the campaign does and when. */
function Settings({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation();
  const { tenantId, locale, can } = useSession();
  const flows = useAllFlows(tenantId);
  const lists = useAllContactLists(tenantId);
  const flow = flows.data?.find((item) => item.id === campaign.flow_id);
  const listNames = campaign.list_ids.map((id) => lists.data?.find((list) => list.id === id)?.name ?? id);
  const names = weekdayNames(locale);
  const minutes = (seconds: number) => t("outbound.campaign.minutes", { n: (Math.round((seconds / 60) * 10) / 10).toLocaleString(locale) });
  const rule = campaign.success_rule;
  const ruleText =
    rule.kind === "flow_result"
      ? t("outbound.campaign.rule_flow_result", { outcome: rule.outcome })
      : rule.kind === "dtmf"
        ? t("outbound.campaign.rule_dtmf", { digit: rule.digit })
        : t("outbound.campaign.rule_listened", { seconds: rule.seconds });

  const rows: [string, ReactNode][] = [
    [
      t("outbound.form.flow"),
      <>
        {flow ? (
          <Link href={paths.editor(flow.id)} className="vf-strong-link">
            {flow.name}
          </Link>
        ) : (
          campaign.flow_id
        )}
        {campaign.flow_version ? ` · ${t("outbound.campaign.flowVersion", { n: campaign.flow_version })}` : ""}
      </>,
    ],
    [
      t("outbound.form.lists"),
      listNames.length ? (
        <Group gap={4}>
          {campaign.list_ids.map((id, index) => (
            <Badge key={id} component={Link} href={outboundPaths.contactList(id)} variant="light" tt="none" style={{ cursor: "pointer" }}>
              {listNames[index]}
            </Badge>
          ))}
        </Group>
      ) : (
        "—"
      ),
    ],
    [t("outbound.form.callerId"), campaign.caller_id || t("outbound.campaign.callerIdDefault")],
    [t("outbound.form.trunk"), campaign.trunk || t("outbound.campaign.trunkDefault")],
    [t("outbound.form.maxChannels"), String(campaign.max_channels)],
    [t("outbound.form.maxCps"), campaign.max_calls_per_second.toLocaleString(locale)],
    [t("outbound.form.ringTimeout"), t("outbound.campaign.seconds", { n: campaign.ring_timeout })],
    [t("outbound.form.priority"), String(campaign.priority)],
    [t("outbound.form.maxAttemptsContact"), String(campaign.max_attempts_per_contact)],
    [t("outbound.form.maxAttemptsNumber"), String(campaign.max_attempts_per_number)],
    [t("outbound.form.retryDelays"), RETRY_KINDS.map((kind) => `${t(`outbound.form.retry_${kind}`)}: ${minutes(campaign.retry_delays[kind] ?? 0)}`).join(" · ")],
    [t("outbound.windows.title"), campaign.windows.length ? campaign.windows.map((window) => windowSummary(window, names)).join("; ") : t("outbound.windows.anyTime")],
    [t("outbound.form.timezone"), campaign.timezone],
    [t("outbound.form.startsAt"), formatDateTime(campaign.starts_at, locale) || t("outbound.campaign.onStart")],
    [t("outbound.form.endsAt"), formatDateTime(campaign.ends_at, locale) || t("outbound.campaign.noEnd")],
    [t("outbound.form.success"), ruleText],
    [t("outbound.campaign.created"), formatDateTime(campaign.created_at, locale)],
    [t("outbound.campaign.started"), formatDateTime(campaign.started_at, locale) || "—"],
    [t("outbound.campaign.finished"), formatDateTime(campaign.finished_at, locale) || "—"],
  ];

  return (
    <Paper withBorder p="md" maw={920} data-testid="campaign-settings">
      <Group justify="space-between" mb="sm">
        <Title order={5}>{t("outbound.campaign.tabSettings")}</Title>
        {can(PERMISSIONS.campaignsWrite) && !isFinal(campaign.state) ? (
          <Button component={Link} href={outboundPaths.campaignEdit(campaign.id)} size="xs" variant="light" leftSection={<IconEdit size={14} />}>
            {t("outbound.campaign.edit")}
          </Button>
        ) : null}
      </Group>
      <Table verticalSpacing={6} fz="sm">
        <Table.Tbody>
          {rows.map(([label, value]) => (
            <Table.Tr key={label}>
              <Table.Td w={260} c="dimmed">
                {label}
              </Table.Td>
              <Table.Td>{value}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}

/** A large campaign's contacts being copied before it starts, or why that failed. */
function Starting({ starting }: { starting: NonNullable<Campaign["starting"]> }) {
  const { t } = useTranslation();
  if (starting.state === "failed") {
    return (
      <Alert color="red" icon={<IconAlertTriangle />} mb="md" data-testid="campaign-starting-failed">
        {t("outbound.campaign.startFailed", { detail: starting.error?.detail ?? "" })}
      </Alert>
    );
  }
  const share = starting.total ? Math.min(100, (100 * starting.copied) / starting.total) : 0;
  return (
    <Alert color="blue" mb="md" data-testid="campaign-starting">
      <Text size="sm" mb={6}>
        {t("outbound.campaign.starting", { copied: starting.copied, total: starting.total })}
      </Text>
      <Progress value={share} animated />
    </Alert>
  );
}

