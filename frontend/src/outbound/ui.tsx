// Small pieces the outbound screens share: state and status badges, the progress bar, downloads, and
// error texts in the UI's language.
import { Badge, Button, Group, Menu, Progress, Text, Tooltip, type ButtonProps } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconChevronDown, IconDownload } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useSession } from "../session";
import { donePercent, progressParts, STATE_COLORS, STATUS_COLORS } from "./campaign";
import { fieldProblems, problemText } from "./errors";
import "./outbound.css";
import { actingOf, downloadFile } from "./transfer";
import type { CampaignState, ContactStatus, ExportFormat, StatusCounts } from "./types";

/** Error texts and toasts that know the UI's language (Russian details of file problems). */
export function useProblems() {
  const { t } = useTranslation();
  const { locale } = useSession();
  return {
    text: (error: unknown) => problemText(error, t, locale),
    fields: (error: unknown) => fieldProblems(error, t, locale),
    notify: (error: unknown, title?: string) =>
      notifications.show({ color: "red", title: title ?? t("errors.title"), message: problemText(error, t, locale), autoClose: 7000 }),
  };
}

/** Downloads through the API client's headers; `busy` while the file comes. */
export function useDownload() {
  const session = useSession();
  const problems = useProblems();
  const [busy, setBusy] = useState<string | null>(null);
  const download = async (url: string, fallbackName: string) => {
    setBusy(url);
    try {
      await downloadFile(url, actingOf(session), fallbackName);
    } catch (error) {
      problems.notify(error);
    } finally {
      setBusy(null);
    }
  };
  return { busy, download };
}

/** "Export" with a CSV / XLSX choice. */
export function ExportMenu({ label, urlOf, fileName, testId, ...button }: {
  label: string;
  urlOf: (format: ExportFormat) => string;
  fileName: string;
  testId?: string;
} & ButtonProps) {
  const { t } = useTranslation();
  const { busy, download } = useDownload();
  return (
    <Menu position="bottom-end">
      <Menu.Target>
        <Button variant="default" leftSection={<IconDownload size={16} />} rightSection={<IconChevronDown size={14} />} loading={busy !== null} data-testid={testId} {...button}>
          {label}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {(["xlsx", "csv"] as const).map((format) => (
          <Menu.Item key={format} onClick={() => void download(urlOf(format), `${fileName}.${format}`)} data-testid={testId ? `${testId}-${format}` : undefined}>
            {t(`outbound.common.format_${format}`)}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}

export function StateBadge({ state, size = "md" }: { state: CampaignState; size?: "sm" | "md" | "lg" }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATE_COLORS[state] ?? "gray"} variant={state === "running" ? "filled" : "light"} size={size} data-testid="campaign-state" data-state={state}>
      {t(`outbound.state.${state}`, { defaultValue: state })}
    </Badge>
  );
}

export function StatusBadge({ status }: { status: ContactStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLORS[status] ?? "gray"} variant="light" size="sm" tt="none" data-status={status}>
      {t(`outbound.status.${status}`, { defaultValue: status })}
    </Badge>
  );
}

/** Contacts by status as one bar: finished contacts in their colours, calls in progress, the rest empty. */
export function CampaignProgressBar({ counts, total, size = "md", withLabel = false }: {
  counts: Partial<StatusCounts>;
  total: number;
  size?: "xs" | "sm" | "md" | "lg" | "xl";
  withLabel?: boolean;
}) {
  const { t } = useTranslation();
  const { locale } = useSession();
  const parts = progressParts(counts, total);
  const done = donePercent(counts, total);
  return (
    <div data-testid="campaign-progress" data-done={Math.round(done)}>
      <Progress.Root size={size} aria-label={t("outbound.campaign.progressLabel", { percent: Math.floor(done) })}>
        {parts.map((part) => (
          <Tooltip key={part.status} label={`${t(`outbound.status.${part.status}`)}: ${part.count.toLocaleString(locale)}`} withArrow>
            <Progress.Section value={part.percent} color={part.color} />
          </Tooltip>
        ))}
      </Progress.Root>
      {withLabel ? (
        <Text size="xs" c="dimmed" mt={2}>
          {total > 0
            ? t("outbound.campaign.doneOf", { percent: Math.floor(done), total: total.toLocaleString(locale) })
            : t("outbound.campaign.noContactsYet")}
        </Text>
      ) : null}
    </div>
  );
}

/** The colours of contact statuses, explained. */
export function StatusLegend({ statuses }: { statuses: readonly ContactStatus[] }) {
  const { t } = useTranslation();
  return (
    <Group gap="md">
      {statuses.map((status) => (
        <Group key={status} gap={6} wrap="nowrap">
          <span className="vf-ob-cell" data-status={status} aria-hidden />
          <Text size="xs" c="dimmed">
            {t(`outbound.status.${status}`)}
          </Text>
        </Group>
      ))}
    </Group>
  );
}
