import { Alert, Badge, Group, SimpleGrid, Table, Text } from "@mantine/core";
import { IconAlertTriangle } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { useInstallationHealth } from "../../api/queries";
import type { RuntimeProcess } from "../../api/types";
import { formatDateTime } from "../../components/format";
import { Page } from "../../components/Page";
import { QueryState } from "../../components/QueryState";
import { Section } from "../../components/Section";
import { useSession } from "../../session";

/** "ok", or what failed. */
function StateBadge({ state, testId }: { state: string; testId: string }) {
  const { t } = useTranslation();
  const ok = state === "ok";
  return (
    <Badge color={ok ? "teal" : "red"} variant="light" data-testid={testId} data-state={ok ? "ok" : "error"}>
      {ok ? t("health.ok") : state}
    </Badge>
  );
}

const secondsAgo = (unix?: number) => (unix ? Math.max(0, Math.round(Date.now() / 1000 - unix)) : null);

/** The installation: database, Redis, the runtime processes and their Asterisk (ARI) connections. */
export function HealthScreen() {
  const { t } = useTranslation();
  const health = useInstallationHealth();
  const data = health.data;
  return (
    <Page title={t("health.title")} description={t("health.description")} testId="health-screen">
      <QueryState isLoading={health.isLoading} error={health.error} retry={() => void health.refetch()} />
      {data ? (
        <>
          <SimpleGrid cols={4} spacing="sm" mb="lg">
            <Section title={t("health.database")}>
              <StateBadge state={data.database} testId="health-database" />
            </Section>
            <Section title={t("health.redis")}>
              <StateBadge state={data.redis} testId="health-redis" />
            </Section>
            <Section title={t("health.telephony")}>
              <Text size="sm" fw={600} data-testid="health-telephony">
                {t(`health.telephony_${data.telephony}`, { defaultValue: data.telephony })}
              </Text>
              {data.ari_url ? (
                <Text size="xs" c="dimmed" className="vf-mono" truncate>
                  {data.ari_url}
                </Text>
              ) : null}
            </Section>
            <Section title={t("health.version")}>
              <Text size="sm" fw={600} className="vf-mono" data-testid="health-version">
                {data.version}
              </Text>
            </Section>
          </SimpleGrid>
          <Section title={t("health.runtimes")} text={t("health.runtimesText")}>
            {data.runtimes.length === 0 ? (
              <Alert color="orange" icon={<IconAlertTriangle />} data-testid="health-no-runtime">
                {t("health.noRuntime")}
              </Alert>
            ) : (
              <RuntimeTable runtimes={data.runtimes} />
            )}
          </Section>
        </>
      ) : null}
    </Page>
  );
}

function RuntimeTable({ runtimes }: { runtimes: RuntimeProcess[] }) {
  const { t } = useTranslation();
  const { locale } = useSession();
  return (
    <Table verticalSpacing="xs" data-testid="health-runtimes">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t("health.process")}</Table.Th>
          <Table.Th>{t("health.ari")}</Table.Th>
          <Table.Th w={110}>{t("health.liveCalls")}</Table.Th>
          <Table.Th w={120}>{t("health.reconnects")}</Table.Th>
          <Table.Th w={180}>{t("health.started")}</Table.Th>
          <Table.Th w={150}>{t("health.heartbeat")}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {runtimes.map((runtime) => (
          <Table.Tr key={runtime.id} data-testid="health-runtime">
            <Table.Td className="vf-mono">{runtime.id}</Table.Td>
            <Table.Td>
              <Group gap={6} wrap="nowrap">
                <Badge color={runtime.connected ? "teal" : "red"} variant="light" data-testid="health-ari" data-state={runtime.connected ? "ok" : "error"}>
                  {t(runtime.connected ? "health.connected" : "health.disconnected")}
                </Badge>
                <Text size="xs" c="dimmed" className="vf-mono" truncate>
                  {runtime.ari_url}
                </Text>
              </Group>
            </Table.Td>
            <Table.Td>{runtime.live_calls ?? "—"}</Table.Td>
            <Table.Td>{runtime.reconnects ?? "—"}</Table.Td>
            <Table.Td>{runtime.started_at ? formatDateTime(new Date(runtime.started_at * 1000).toISOString(), locale) : "—"}</Table.Td>
            <Table.Td>{secondsAgo(runtime.at) === null ? "—" : t("health.secondsAgo", { count: secondsAgo(runtime.at) ?? 0 })}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
