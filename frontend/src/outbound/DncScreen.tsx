// A do-not-call list (стоп-лист): the organisation's (/api/dnc) or the provider's for every organisation
// (/api/provider/dnc) — one screen for both. Add a number with a reason, import a file, export, delete.
import { Alert, Button, FileButton, Group, Modal, Paper, ScrollArea, SimpleGrid, Stack, Table, Text, TextInput } from "@mantine/core";
import { IconAlertTriangle, IconFileImport, IconPhoneOff, IconPlus, IconSearch } from "@tabler/icons-react";
import { useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { DeleteAction } from "../components/DeleteAction";
import { EmptyState } from "../components/EmptyState";
import { confirmAction, notifyDone } from "../components/feedback";
import { formatDateTime } from "../components/format";
import { LoadMore } from "../components/LoadMore";
import { Page } from "../components/Page";
import { QueryState } from "../components/QueryState";
import { SearchInput, useSearch } from "../components/SearchInput";
import { useSession } from "../session";
import { dncApi, fileUrls } from "./api";
import { messageFor } from "./fields";
import { PERMISSIONS } from "./paths";
import { outboundKeys, useDnc } from "./queries";
import type { DncEntry, DncImportResult, DncScope } from "./types";
import { ExportMenu, useProblems } from "./ui";

const MAX_DNC_FILE_BYTES = 20 * 1024 * 1024;

export function DncScreen({ scope }: { scope: DncScope }) {
  const { t } = useTranslation();
  const { tenantId, locale, can } = useSession();
  const [search, setSearch, debounced] = useSearch();
  const entries = useDnc(scope, tenantId, debounced);
  const client = useQueryClient();
  const problems = useProblems();
  const [importing, setImporting] = useState<File | null>(null);
  // The provider's list is the provider's to edit; an organisation's needs contacts.write.
  const writable = scope === "provider" || can(PERMISSIONS.contactsWrite);

  // Every search of this list: its key without the search.
  const refresh = () => void client.invalidateQueries({ queryKey: outboundKeys.dnc(scope, tenantId).slice(0, -1) });

  const remove = async (entry: DncEntry) => {
    const ok = await confirmAction({
      title: t("outbound.dnc.deleteTitle"),
      message: t("outbound.dnc.deleteText", { number: entry.number }),
      confirm: t("common.delete"),
      cancel: t("common.cancel"),
      danger: true,
    });
    if (!ok) return;
    try {
      await dncApi.remove(scope, entry.id);
      notifyDone(t("outbound.dnc.deleted", { number: entry.number }));
      refresh();
    } catch (error) {
      problems.notify(error);
    }
  };

  const empty = !entries.isLoading && !entries.error && entries.items.length === 0;

  return (
    <Page
      title={scope === "provider" ? t("outbound.dnc.providerTitle") : t("outbound.dnc.tenantTitle")}
      description={scope === "provider" ? t("outbound.dnc.providerDescription") : t("outbound.dnc.tenantDescription")}
      testId={scope === "provider" ? "provider-dnc-screen" : "dnc-screen"}
      actions={
        <>
          <ExportMenu label={t("outbound.dnc.export")} urlOf={(format) => fileUrls.dncExport(scope, format)} fileName="do-not-call" testId="dnc-export" />
          {writable ? (
            <FileButton onChange={setImporting} accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet">
              {(props) => (
                <Button {...props} variant="default" leftSection={<IconFileImport size={16} />} data-testid="dnc-import">
                  {t("outbound.dnc.import")}
                </Button>
              )}
            </FileButton>
          ) : null}
        </>
      }
    >
      {writable ? <AddNumber scope={scope} onAdded={refresh} /> : null}
      <Group mb="md">
        <SearchInput value={search} onChange={setSearch} label={t("outbound.dnc.search")} testId="dnc-search" />
      </Group>
      <QueryState isLoading={entries.isLoading} error={entries.error} retry={() => void entries.refetch()} />
      {empty ? (
        debounced ? (
          <EmptyState icon={IconSearch} title={t("outbound.common.noMatchTitle")} text={t("outbound.common.noMatchText", { search: debounced })} />
        ) : (
          <EmptyState icon={IconPhoneOff} title={t("outbound.dnc.emptyTitle")} text={t("outbound.dnc.emptyText")} testId="dnc-empty" />
        )
      ) : null}
      {entries.items.length > 0 ? (
        <Table highlightOnHover verticalSpacing="xs" data-testid="dnc-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={220}>{t("outbound.dnc.number")}</Table.Th>
              <Table.Th>{t("outbound.dnc.reason")}</Table.Th>
              <Table.Th w={200}>{t("outbound.dnc.added")}</Table.Th>
              <Table.Th w={56}>
                <span className="vf-visually-hidden">{t("common.actions")}</span>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {entries.items.map((entry) => (
              <Table.Tr key={entry.id} data-testid={`dnc-row-${entry.number}`}>
                <Table.Td className="vf-mono">{entry.number}</Table.Td>
                <Table.Td>
                  <Text size="sm" c={entry.reason ? undefined : "dimmed"}>
                    {entry.reason || "—"}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{formatDateTime(entry.created_at, locale)}</Text>
                </Table.Td>
                <Table.Td>{writable ? <DeleteAction label={t("outbound.dnc.deleteTitle")} onDelete={() => void remove(entry)} testId="dnc-delete" /> : null}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
      <LoadMore list={entries} />
      {importing ? <ImportModal scope={scope} file={importing} onClose={() => setImporting(null)} onDone={refresh} /> : null}
    </Page>
  );
}

function AddNumber({ scope, onAdded }: { scope: DncScope; onAdded: () => void }) {
  const { t } = useTranslation();
  const problems = useProblems();
  const [number, setNumber] = useState("");
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (number.trim().length < 2) {
      setErrors({ number: t("validation.required") });
      return;
    }
    setBusy(true);
    setErrors({});
    try {
      const entry = await dncApi.add(scope, number.trim(), reason.trim());
      notifyDone(t("outbound.dnc.addedOne", { number: entry.number }));
      setNumber("");
      setReason("");
      onAdded();
    } catch (error) {
      const fields = problems.fields(error);
      setErrors(Object.keys(fields).length ? fields : { number: problems.text(error) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Paper withBorder p="md" mb="lg" component="form" onSubmit={submit} noValidate data-testid="dnc-add">
      <Group align="flex-start" gap="sm" wrap="nowrap">
        <TextInput
          label={t("outbound.dnc.number")}
          placeholder="+7 916 123-45-67"
          required
          w={240}
          maxLength={40}
          value={number}
          onChange={(event) => setNumber(event.currentTarget.value)}
          error={messageFor(errors, "number")}
          data-testid="dnc-number"
        />
        <TextInput
          label={t("outbound.dnc.reason")}
          placeholder={t("outbound.dnc.reasonPlaceholder")}
          style={{ flex: 1 }}
          maxLength={500}
          value={reason}
          onChange={(event) => setReason(event.currentTarget.value)}
          error={messageFor(errors, "reason")}
          data-testid="dnc-reason"
        />
        <Button type="submit" className="vf-align-input" leftSection={<IconPlus size={16} />} loading={busy} data-testid="dnc-add-submit">
          {t("outbound.dnc.add")}
        </Button>
      </Group>
    </Paper>
  );
}

/** Importing a file of numbers: a reason for rows without one, then what was added and what was not. */
function ImportModal({ scope, file, onClose, onDone }: { scope: DncScope; file: File; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const { locale } = useSession();
  const problems = useProblems();
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ text: string; field?: string } | null>(
    file.size > MAX_DNC_FILE_BYTES ? { text: t("outbound.dnc.tooLarge"), field: "file" } : null,
  );
  const [result, setResult] = useState<DncImportResult | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      setResult(await dncApi.importFile(scope, file, reason.trim()));
      onDone();
    } catch (caught) {
      const fields = problems.fields(caught);
      const field = Object.keys(fields)[0];
      setError({ text: field ? fields[field] : problems.text(caught), field });
    } finally {
      setBusy(false);
    }
  };

  const figure = (value: number) => value.toLocaleString(locale);

  return (
    <Modal opened onClose={onClose} title={t("outbound.dnc.importTitle", { name: file.name })} size="lg" data-testid="dnc-import-modal">
      {result ? (
        <Stack data-testid="dnc-import-result">
          <SimpleGrid cols={4}>
            {([
              ["rows", result.rows, undefined],
              ["addedCount", result.added, "green"],
              ["alreadyListed", result.already_listed, undefined],
              ["rejected", result.rejected, result.rejected ? "red" : undefined],
            ] as const).map(([key, value, color]) => (
              <div key={key}>
                <Text size="xs" c="dimmed">
                  {t(`outbound.dnc.${key}`)}
                </Text>
                <Text fw={700} size="xl" c={color}>
                  {figure(value)}
                </Text>
              </div>
            ))}
          </SimpleGrid>
          {result.problems.length ? (
            <ScrollArea.Autosize mah={260}>
              <Table fz="sm" verticalSpacing={4}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w={80}>{t("outbound.dnc.row")}</Table.Th>
                    <Table.Th>{t("outbound.dnc.problem")}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {result.problems.map((problem, index) => (
                    <Table.Tr key={index}>
                      <Table.Td>{problem.row}</Table.Td>
                      <Table.Td>{locale === "ru" ? problem.message_ru : problem.message}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollArea.Autosize>
          ) : null}
          <Group justify="flex-end">
            <Button onClick={onClose} data-testid="dnc-import-close">
              {t("outbound.upload.close")}
            </Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack>
            <Text size="sm" c="dimmed">
              {t("outbound.dnc.importHelp")}
            </Text>
            <TextInput
              label={t("outbound.dnc.importReason")}
              description={t("outbound.dnc.importReasonHint")}
              inputWrapperOrder={["label", "input", "description", "error"]}
              maxLength={500}
              value={reason}
              onChange={(event) => setReason(event.currentTarget.value)}
              data-autofocus
            />
            {error ? (
              <Alert color="red" icon={<IconAlertTriangle />} title={t("outbound.upload.fileRefused", { name: file.name })} data-testid="dnc-import-error">
                <Text size="sm">{error.text}</Text>
                {error.field ? (
                  <Text size="xs" c="dimmed" mt={4}>
                    {t("outbound.upload.field", { field: error.field })}
                  </Text>
                ) : null}
              </Alert>
            ) : null}
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                {t("common.cancel")}
              </Button>
              <Button type="submit" loading={busy} disabled={file.size > MAX_DNC_FILE_BYTES} leftSection={<IconFileImport size={16} />} data-testid="dnc-import-submit">
                {t("outbound.dnc.importSubmit")}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
