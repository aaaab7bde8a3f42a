// The campaign's report: attempts over a time period, for a number, with a result — counts by outcome and
// the attempts themselves.
import { Badge, Button, Group, Paper, Select, SimpleGrid, Stack, Text, TextInput } from "@mantine/core";
import { IconFilter, IconListSearch } from "@tabler/icons-react";
import { useMemo, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { EmptyState } from "../components/EmptyState";
import { LoadMore } from "../components/LoadMore";
import { QueryState } from "../components/QueryState";
import { useSession } from "../session";
import { reportQuery, toLocalInput } from "./campaign";
import { AttemptsTable, OUTCOME_COLORS } from "./AttemptsTable";
import { useCampaignReport } from "./queries";
import { ATTEMPT_OUTCOMES, type ReportFilters } from "./types";

interface FilterValues {
  since: string;
  until: string;
  phone: string;
  outcome: string | null;
}

const EMPTY: FilterValues = { since: "", until: "", phone: "", outcome: null };

function startOfDay(offsetDays: number): Date {
  const date = new Date();
  date.setHours(0, 0, 0, 0);
  date.setDate(date.getDate() + offsetDays);
  return date;
}

/** Quick periods: today, yesterday, the last 7 days. */
const PERIODS = {
  today: () => ({ since: toLocalInput(startOfDay(0).toISOString()), until: "" }),
  yesterday: () => ({ since: toLocalInput(startOfDay(-1).toISOString()), until: toLocalInput(startOfDay(0).toISOString()) }),
  week: () => ({ since: toLocalInput(startOfDay(-6).toISOString()), until: "" }),
} as const;

export function CampaignReport({ campaignId }: { campaignId: string }) {
  const { t } = useTranslation();
  const { tenantId, locale } = useSession();
  const [draft, setDraft] = useState<FilterValues>(EMPTY);
  const [applied, setApplied] = useState<FilterValues>(EMPTY);
  const query: ReportFilters = useMemo(() => reportQuery(applied), [applied]);
  const report = useCampaignReport(tenantId, campaignId, query);
  const counts = report.counts ?? {};
  const total = Object.values(counts).reduce((sum, value) => sum + value, 0);

  const apply = (event?: FormEvent) => {
    event?.preventDefault();
    setApplied(draft);
  };
  const period = (key: keyof typeof PERIODS) => {
    const next = { ...draft, ...PERIODS[key]() };
    setDraft(next);
    setApplied(next);
  };

  return (
    <Stack gap="md" data-testid="campaign-report">
      <Paper withBorder p="sm" component="form" onSubmit={apply} noValidate>
        <Group align="flex-end" gap="sm">
          <TextInput type="datetime-local" label={t("outbound.report.since")} value={draft.since} onChange={(event) => setDraft({ ...draft, since: event.currentTarget.value })} data-testid="report-since" />
          <TextInput type="datetime-local" label={t("outbound.report.until")} value={draft.until} onChange={(event) => setDraft({ ...draft, until: event.currentTarget.value })} data-testid="report-until" />
          <TextInput label={t("outbound.report.phone")} placeholder="+7916…" w={170} value={draft.phone} onChange={(event) => setDraft({ ...draft, phone: event.currentTarget.value })} data-testid="report-phone" />
          <Select
            label={t("outbound.report.outcome")}
            placeholder={t("outbound.report.anyOutcome")}
            data={ATTEMPT_OUTCOMES.map((value) => ({ value, label: t(`outbound.outcome.${value}`) }))}
            value={draft.outcome}
            onChange={(value) => setDraft({ ...draft, outcome: value })}
            clearable
            w={190}
            data-testid="report-outcome"
          />
          <Button type="submit" leftSection={<IconFilter size={16} />} data-testid="report-apply">
            {t("outbound.report.apply")}
          </Button>
          <Button
            variant="subtle"
            color="gray"
            onClick={() => {
              setDraft(EMPTY);
              setApplied(EMPTY);
            }}
          >
            {t("outbound.report.reset")}
          </Button>
        </Group>
        <Group gap={4} mt="xs">
          <Text size="xs" c="dimmed">
            {t("outbound.report.periods")}
          </Text>
          {(Object.keys(PERIODS) as (keyof typeof PERIODS)[]).map((key) => (
            <Button key={key} size="compact-xs" variant="subtle" onClick={() => period(key)}>
              {t(`outbound.report.period_${key}`)}
            </Button>
          ))}
        </Group>
      </Paper>

      {report.counts ? (
        <SimpleGrid cols={{ base: 4, lg: 8 }} spacing="xs" data-testid="report-counts">
          <Paper withBorder className="vf-ob-stat">
            <Text size="xs" c="dimmed">
              {t("outbound.report.total")}
            </Text>
            <Text className="vf-ob-stat-value">{total.toLocaleString(locale)}</Text>
          </Paper>
          {Object.entries(counts)
            .filter(([, value]) => value > 0)
            .map(([outcome, value]) => (
              <Paper key={outcome} withBorder className="vf-ob-stat" data-testid={`report-count-${outcome}`}>
                <Badge variant="dot" color={OUTCOME_COLORS[outcome] ?? "gray"} size="sm" tt="none">
                  {t(`outbound.outcome.${outcome}`, { defaultValue: outcome })}
                </Badge>
                <Text className="vf-ob-stat-value">{value.toLocaleString(locale)}</Text>
              </Paper>
            ))}
        </SimpleGrid>
      ) : null}

      <QueryState isLoading={report.isLoading} error={report.error} retry={() => void report.refetch()} />
      {!report.isLoading && !report.error && report.items.length === 0 ? (
        <EmptyState icon={IconListSearch} title={t("outbound.report.emptyTitle")} text={t("outbound.report.emptyText")} />
      ) : null}
      {report.items.length ? <AttemptsTable attempts={report.items} testId="report-attempts" /> : null}
      <LoadMore list={report} />
    </Stack>
  );
}
