// Exporting a campaign's results (отчёт, выгрузка в Excel): made in the background, its progress shown
// here until the file is ready to download.
import { Button, Group, Menu, Progress, Text, Tooltip } from "@mantine/core";
import { IconChevronDown, IconDownload, IconFileSpreadsheet, IconX } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useSession } from "../session";
import { campaignsApi, fileUrls } from "./api";
import { useExportJob } from "./queries";
import type { ExportFormat, ExportJob } from "./types";
import { useDownload, useProblems } from "./ui";

export function ExportButton({ campaignId, campaignName }: { campaignId: string; campaignName: string }) {
  const { t } = useTranslation();
  const { tenantId, locale } = useSession();
  const problems = useProblems();
  const [started, setStarted] = useState<ExportJob | null>(null);
  const [busy, setBusy] = useState(false);
  const job = useExportJob(tenantId, started);
  const { busy: downloading, download } = useDownload();
  const current = job.data ?? started;

  const start = async (format: ExportFormat) => {
    setBusy(true);
    try {
      setStarted(await campaignsApi.startExport(campaignId, format));
    } catch (error) {
      problems.notify(error, t("outbound.export.failed"));
    } finally {
      setBusy(false);
    }
  };

  if (current && current.state !== "failed") {
    const ready = current.state === "completed";
    return (
      <Group gap="xs" wrap="nowrap" data-testid="campaign-export" data-state={current.state}>
        {ready ? (
          <Button
            color="green"
            leftSection={<IconDownload size={16} />}
            loading={downloading !== null}
            onClick={() => void download(fileUrls.campaignExport(current.id), current.file_name || `${campaignName}.xlsx`)}
            data-testid="campaign-export-download"
          >
            {t("outbound.export.download")}
          </Button>
        ) : (
          <div style={{ width: 180 }}>
            <Text size="xs" c="dimmed" mb={2}>
              {t("outbound.export.running", { percent: Math.floor((current.progress ?? 0) * 100), rows: current.rows.toLocaleString(locale) })}
            </Text>
            <Progress value={Math.max(3, (current.progress ?? 0) * 100)} striped animated size="sm" aria-label={t("outbound.export.progress")} />
          </div>
        )}
        <Tooltip label={ready ? t("outbound.export.another") : t("outbound.export.hide")}>
          <Button variant="subtle" color="gray" px={6} onClick={() => setStarted(null)} aria-label={t("outbound.export.hide")}>
            <IconX size={16} />
          </Button>
        </Tooltip>
      </Group>
    );
  }

  return (
    <Group gap="xs" wrap="nowrap">
      {current?.state === "failed" ? (
        <Tooltip label={current.error || t("outbound.export.failed")}>
          <Text size="xs" c="red" data-testid="campaign-export-failed">
            {t("outbound.export.failed")}
          </Text>
        </Tooltip>
      ) : null}
      <Menu position="bottom-end">
        <Menu.Target>
          <Button variant="default" leftSection={<IconFileSpreadsheet size={16} />} rightSection={<IconChevronDown size={14} />} loading={busy} data-testid="campaign-export-start">
            {t("outbound.export.button")}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          {(["xlsx", "csv"] as const).map((format) => (
            <Menu.Item key={format} onClick={() => void start(format)} data-testid={`campaign-export-${format}`}>
              {t(`outbound.common.format_${format}`)}
            </Menu.Item>
          ))}
        </Menu.Dropdown>
      </Menu>
    </Group>
  );
}
