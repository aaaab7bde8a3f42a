// Published versions: view one read-only, compare two (highlighted on the canvas), roll back.
import { Badge, Button, Group, Paper, ScrollArea, Select, Stack, Text } from "@mantine/core";
import { IconArrowBackUp, IconEye, IconGitCompare, IconHistory } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { flowsApi } from "../api/endpoints";
import { keys } from "../api/queries";
import { EmptyState } from "../components/EmptyState";
import { formatDateTime } from "../components/format";
import { QueryState } from "../components/QueryState";
import { useSession } from "../session";

export type CanvasView = { kind: "draft" } | { kind: "version"; version: number } | { kind: "diff"; from: number; to: number };

export function VersionsPanel({ flowId, published, view, onView, onRollback, canWrite }: {
  flowId: string;
  published: number | null;
  view: CanvasView;
  onView: (view: CanvasView) => void;
  onRollback: (version: number) => void;
  canWrite: boolean;
}) {
  const { t } = useTranslation();
  const { tenantId, locale } = useSession();
  const versions = useQuery({ queryKey: keys.versions(tenantId, flowId), queryFn: async () => (await flowsApi.versions(flowId)).items });
  const items = versions.data ?? [];
  const [from, setFrom] = useState<string | null>(null);
  const [to, setTo] = useState<string | null>(null);

  useEffect(() => {
    if (items.length >= 2 && from === null && to === null) {
      setFrom(String(items[1].version));
      setTo(String(items[0].version));
    }
  }, [items, from, to]);

  if (versions.isLoading || versions.error) {
    return <QueryState isLoading={versions.isLoading} error={versions.error} retry={() => void versions.refetch()} />;
  }
  if (items.length === 0) {
    return <EmptyState icon={IconHistory} title={t("versions.emptyTitle")} text={t("versions.emptyText")} testId="versions-empty" />;
  }
  const options = items.map((item) => ({ value: String(item.version), label: t("flows.version", { n: item.version }) }));

  return (
    <ScrollArea h="100%" type="auto">
      <Stack p="sm" gap="sm" data-testid="versions-panel">
        {items.length >= 2 ? (
          <Paper withBorder p="sm">
            <Text size="sm" fw={600} mb={6}>
              {t("versions.compare")}
            </Text>
            <Group gap={6} wrap="nowrap" align="flex-end">
              <Select size="xs" label={t("versions.from")} data={options} value={from} onChange={setFrom} w={90} data-testid="diff-from" />
              <Select size="xs" label={t("versions.to")} data={options} value={to} onChange={setTo} w={90} data-testid="diff-to" />
              <Button
                size="xs"
                leftSection={<IconGitCompare size={14} />}
                disabled={!from || !to || from === to}
                onClick={() => onView({ kind: "diff", from: Number(from), to: Number(to) })}
                data-testid="diff-show"
              >
                {t("versions.show")}
              </Button>
            </Group>
          </Paper>
        ) : null}
        {items.map((item) => {
          const viewing = view.kind === "version" && view.version === item.version;
          return (
            <Paper key={item.version} withBorder p="sm" className={viewing ? "vf-version-current" : undefined} data-testid={`version-${item.version}`}>
              <Group justify="space-between" wrap="nowrap">
                <Group gap={6}>
                  <Text fw={700} size="sm">
                    {t("flows.version", { n: item.version })}
                  </Text>
                  {item.version === published ? (
                    <Badge size="xs" color="teal" variant="light">
                      {t("versions.live")}
                    </Badge>
                  ) : null}
                </Group>
                <Text size="xs" c="dimmed">
                  {formatDateTime(item.published_at, locale)}
                </Text>
              </Group>
              <Text size="sm" mt={4} c={item.note ? undefined : "dimmed"}>
                {item.note || t("versions.noNote")}
              </Text>
              <Text size="xs" c="dimmed">
                {item.author}
              </Text>
              <Group gap={6} mt="xs">
                <Button
                  size="compact-xs"
                  variant={viewing ? "filled" : "light"}
                  leftSection={<IconEye size={14} />}
                  onClick={() => onView(viewing ? { kind: "draft" } : { kind: "version", version: item.version })}
                  data-testid="version-view"
                >
                  {viewing ? t("versions.backToDraft") : t("versions.view")}
                </Button>
                {canWrite ? (
                  <Button
                    size="compact-xs"
                    variant="light"
                    color="orange"
                    leftSection={<IconArrowBackUp size={14} />}
                    onClick={() => onRollback(item.version)}
                    data-testid="version-rollback"
                  >
                    {t("versions.rollback")}
                  </Button>
                ) : null}
              </Group>
            </Paper>
          );
        })}
      </Stack>
    </ScrollArea>
  );
}
