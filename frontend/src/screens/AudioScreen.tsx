import { Badge, Button, FileInput, Group, Paper, Stack, Table, Text, TextInput } from "@mantine/core";
import { modals } from "@mantine/modals";
import { IconMusic, IconUpload } from "@tabler/icons-react";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { audioApi } from "../api/endpoints";
import { isApiError } from "../api/problem";
import { useAudio, useInvalidateTenant } from "../api/queries";
import type { AudioAsset } from "../api/types";
import { DeleteAction } from "../components/DeleteAction";
import { EmptyState } from "../components/EmptyState";
import { confirmAction, errorText, notifyDone, notifyError } from "../components/feedback";
import { formatBytes, formatDateTime, formatSeconds } from "../components/format";
import { LoadMore } from "../components/LoadMore";
import { Page } from "../components/Page";
import { QueryState } from "../components/QueryState";
import { UsageList } from "../components/UsageList";
import { useSession } from "../session";

export function AudioScreen() {
  const { t } = useTranslation();
  const { tenantId, locale, can } = useSession();
  const audio = useAudio(tenantId);
  const invalidate = useInvalidateTenant();
  const writable = can("audio.write");
  const refresh = () => void invalidate(tenantId, "audio");

  const remove = async (asset: AudioAsset) => {
    const drafts = asset.usage?.draft_flows ?? [];
    const ok = await confirmAction({
      title: t("audio.deleteTitle"),
      message: drafts.length ? t("audio.deleteTextDrafts", { name: asset.name, flows: drafts.join(", ") }) : t("audio.deleteText", { name: asset.name }),
      confirm: t("common.delete"),
      cancel: t("common.cancel"),
      danger: true,
    });
    if (!ok) return;
    try {
      await audioApi.remove(asset.id);
      notifyDone(t("audio.deleted", { name: asset.name }));
      refresh();
    } catch (error) {
      if (isApiError(error, "audio.in_use")) {
        const usage = error.problem.usage as AudioAsset["usage"];
        modals.open({
          title: t("audio.inUseTitle"),
          children: <UsageList groups={[{ label: t("usage.publishedFlows"), items: usage?.published_flows ?? [] }]} />,
        });
      } else notifyError(error, t);
    }
  };

  return (
    <Page title={t("audio.title")} description={t("audio.description")} testId="audio-screen">
      {writable ? <Upload onUploaded={refresh} /> : null}
      <QueryState isLoading={audio.isLoading} error={audio.error} retry={() => void audio.refetch()} />
      {!audio.isLoading && !audio.error && audio.items.length === 0 ? (
        <EmptyState icon={IconMusic} title={t("audio.emptyTitle")} text={t("audio.emptyText")} testId="audio-empty" />
      ) : null}
      {audio.items.length > 0 ? (
        <Table verticalSpacing="sm" data-testid="audio-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("audio.colName")}</Table.Th>
              <Table.Th w={330}>{t("audio.colListen")}</Table.Th>
              <Table.Th w={110}>{t("audio.colDuration")}</Table.Th>
              <Table.Th>{t("audio.colUsage")}</Table.Th>
              <Table.Th w={56}>
                <span className="vf-visually-hidden">{t("common.actions")}</span>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {audio.items.map((asset) => (
              <Table.Tr key={asset.id} data-testid={`audio-row-${asset.name}`}>
                <Table.Td>
                  <Text size="sm" fw={600}>
                    {asset.name}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {asset.original_filename} · {asset.format.toUpperCase()} · {formatBytes(asset.original_bytes, locale)} ·{" "}
                    {formatDateTime(asset.created_at, locale)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <audio controls preload="none" src={audioApi.fileUrl(asset.id)} className="vf-audio" aria-label={t("audio.listen", { name: asset.name })} />
                </Table.Td>
                <Table.Td>{formatSeconds(asset.duration_seconds)}</Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    {(asset.usage?.published_flows ?? []).map((name) => (
                      <Badge key={"p" + name} color="teal" variant="light" size="sm">
                        {name}
                      </Badge>
                    ))}
                    {(asset.usage?.draft_flows ?? []).map((name) => (
                      <Badge key={"d" + name} color="gray" variant="light" size="sm">
                        {t("audio.inDraft", { name })}
                      </Badge>
                    ))}
                    {!asset.usage?.published_flows.length && !asset.usage?.draft_flows.length ? (
                      <Text size="sm" c="dimmed">
                        {t("audio.unused")}
                      </Text>
                    ) : null}
                  </Group>
                </Table.Td>
                <Table.Td>
                  {writable ? (
                    <DeleteAction label={t("audio.deleteTitle")} onDelete={() => void remove(asset)} testId="audio-delete" />
                  ) : null}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
      <LoadMore list={audio} />
    </Page>
  );
}

function Upload({ onUploaded }: { onUploaded: () => void }) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const asset = await audioApi.upload(file, name.trim() || file.name.replace(/\.[^.]+$/, ""));
      notifyDone(t("audio.uploaded", { name: asset.name }));
      setFile(null);
      setName("");
      onUploaded();
    } catch (caught) {
      setError(errorText(caught, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Paper withBorder p="md" mb="lg" component="form" onSubmit={submit} data-testid="audio-upload">
      <Stack gap={4}>
        <Group align="flex-end" gap="sm">
          <FileInput
            label={t("audio.file")}
            placeholder={t("audio.choose")}
            accept="audio/mpeg,audio/wav,audio/x-wav,audio/ogg,.mp3,.wav,.ogg"
            value={file}
            onChange={(chosen) => {
              setFile(chosen);
              if (chosen && !name) setName(chosen.name.replace(/\.[^.]+$/, ""));
            }}
            w={280}
            clearable
            error={error}
            data-testid="audio-file"
          />
          <TextInput label={t("audio.name")} w={260} value={name} onChange={(event) => setName(event.currentTarget.value)} maxLength={200} />
          <Button type="submit" leftSection={<IconUpload size={16} />} disabled={!file} loading={busy} data-testid="audio-upload-submit">
            {t("audio.upload")}
          </Button>
        </Group>
        <Text size="xs" c="dimmed">
          {t("audio.formats")}
        </Text>
      </Stack>
    </Paper>
  );
}
