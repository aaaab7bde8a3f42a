// Loading a contact file into a list, in three steps: the file (CSV or Excel, up to 100 MB), its columns
// (a preview of the first rows with a role above each column, prefilled from the API's suggestion), and
// the import itself (progress, the counts, the error report).
import {
  Alert,
  Badge,
  Button,
  Checkbox,
  FileButton,
  Group,
  Loader,
  Modal,
  Progress,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Stepper,
  Table,
  Text,
  TextInput,
} from "@mantine/core";
import { IconAlertTriangle, IconCheck, IconDownload, IconFileSpreadsheet, IconUpload } from "@tabler/icons-react";
import { useEffect, useMemo, useRef, useState, type DragEvent } from "react";
import { useTranslation } from "react-i18next";
import { formatBytes } from "../components/format";
import { useSession } from "../session";
import { fileUrls, importsApi } from "./api";
import { failureText } from "./errors";
import { messageFor } from "./fields";
import {
  assignRole,
  checkRoles,
  columnOfField,
  mappingFromRoles,
  previewTable,
  roleChoices,
  roleFromValue,
  rolesFromMapping,
  roleValue,
  type ColumnRole,
} from "./mapping";
import { useImportJob, useSavedMappings } from "./queries";
import { actingOf, uploadFile, type Upload } from "./transfer";
import type { ContactImport, DuplicatePolicy, ImportCounts, ImportPreview } from "./types";
import { useDownload, useProblems } from "./ui";

export const MAX_FILE_BYTES = 100 * 1024 * 1024;
const ACCEPT = ".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

interface StartProblems {
  general: string[];
  columns: Record<number, string>;
  fields: Record<string, string>;
}
const NO_PROBLEMS: StartProblems = { general: [], columns: {}, fields: {} };

export function UploadWizard({ listId, listName, resume, onClose, onChanged }: {
  listId: string;
  listName: string;
  /** An import to go on with: its columns when uploaded but not started, else its progress. */
  resume?: ContactImport | null;
  onClose: () => void;
  /** The list's contacts may have changed (an import finished). */
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const [step, setStep] = useState(resume ? (resume.state === "uploaded" ? 1 : 2) : 0);
  const [job, setJob] = useState<ContactImport | null>(resume ?? null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [resumeError, setResumeError] = useState<string | null>(null);
  const problems = useProblems();

  // An upload opened again from the list's imports: its preview comes from the API.
  useEffect(() => {
    if (!resume || resume.state !== "uploaded") return;
    let live = true;
    importsApi.preview(resume.id, resume.sheet).then(
      (shown) => live && setPreview(shown),
      (error: unknown) => live && setResumeError(problems.text(error)),
    );
    return () => {
      live = false;
    };
  }, [resume]);

  const uploaded = (created: ContactImport) => {
    setJob(created);
    setPreview(created.preview ?? null);
    setStep(1);
  };

  return (
    <Modal opened onClose={onClose} title={t("outbound.upload.title", { name: listName })} size={1100} closeOnClickOutside={false} data-testid="upload-wizard">
      <Stepper active={step} size="sm" mb="lg">
        <Stepper.Step label={t("outbound.upload.stepFile")} description={t("outbound.upload.stepFileHint")} />
        <Stepper.Step label={t("outbound.upload.stepColumns")} description={t("outbound.upload.stepColumnsHint")} />
        <Stepper.Step label={t("outbound.upload.stepImport")} description={t("outbound.upload.stepImportHint")} />
      </Stepper>
      {step === 0 ? <FileStep listId={listId} onUploaded={uploaded} onCancel={onClose} /> : null}
      {step === 1 && job ? (
        preview ? (
          <ColumnsStep
            job={job}
            preview={preview}
            onPreview={setPreview}
            onBack={() => setStep(0)}
            onStarted={(started) => {
              setJob(started);
              setStep(2);
            }}
          />
        ) : resumeError ? (
          <Alert color="red" icon={<IconAlertTriangle />}>
            {resumeError}
          </Alert>
        ) : (
          <Group justify="center" py="xl">
            <Loader size="sm" />
          </Group>
        )
      ) : null}
      {step === 2 && job ? <ImportStep importId={job.id} onClose={onClose} onFinished={onChanged} /> : null}
    </Modal>
  );
}

function FileStep({ listId, onUploaded, onCancel }: { listId: string; onUploaded: (job: ContactImport) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const session = useSession();
  const problems = useProblems();
  const [over, setOver] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [sent, setSent] = useState<number | null>(null);
  const [error, setError] = useState<{ text: string; field?: string } | null>(null);
  const upload = useRef<Upload<ContactImport> | null>(null);

  useEffect(() => () => upload.current?.abort(), []);

  const choose = async (chosen: File | null) => {
    if (!chosen || upload.current) return;
    setFile(chosen);
    setError(null);
    if (chosen.size > MAX_FILE_BYTES) {
      setError({ text: t("outbound.upload.tooLarge", { size: formatBytes(chosen.size, session.locale) }), field: "file" });
      return;
    }
    if (chosen.size === 0) {
      setError({ text: t("outbound.upload.emptyFile"), field: "file" });
      return;
    }
    setSent(0);
    const started = uploadFile<ContactImport>(importsApi.uploadPath(listId), chosen, actingOf(session), setSent);
    upload.current = started;
    try {
      onUploaded(await started.done);
    } catch (caught) {
      if (!(caught instanceof DOMException && caught.name === "AbortError")) {
        const fields = problems.fields(caught);
        const field = Object.keys(fields)[0];
        setError({ text: field ? fields[field] : problems.text(caught), field });
      }
    } finally {
      upload.current = null;
      setSent(null);
    }
  };

  const drop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setOver(false);
    void choose(event.dataTransfer.files?.[0] ?? null);
  };

  return (
    <Stack>
      <div
        className="vf-ob-drop"
        data-over={over}
        onDragOver={(event) => {
          event.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={drop}
        data-testid="upload-drop"
      >
        <IconFileSpreadsheet size={40} stroke={1.3} color="var(--mantine-color-blue-6)" />
        <Text fw={600}>{t("outbound.upload.dropTitle")}</Text>
        <Text size="sm" c="dimmed" maw={520}>
          {t("outbound.upload.dropText")}
        </Text>
        <FileButton onChange={(chosen) => void choose(chosen)} accept={ACCEPT}>
          {(props) => (
            <Button {...props} leftSection={<IconUpload size={16} />} disabled={sent !== null} data-testid="upload-choose">
              {t("outbound.upload.choose")}
            </Button>
          )}
        </FileButton>
        <Text size="xs" c="dimmed">
          {t("outbound.upload.limits")}
        </Text>
      </div>
      {sent !== null && file ? (
        <Stack gap={4} data-testid="upload-sending">
          <Group justify="space-between">
            <Text size="sm">
              {t("outbound.upload.sending", { name: file.name, size: formatBytes(file.size, session.locale) })}
            </Text>
            <Button size="compact-sm" variant="subtle" color="gray" onClick={() => upload.current?.abort()}>
              {t("common.cancel")}
            </Button>
          </Group>
          <Progress value={sent * 100} animated={sent >= 1} striped={sent >= 1} />
          {sent >= 1 ? (
            <Text size="xs" c="dimmed">
              {t("outbound.upload.reading")}
            </Text>
          ) : null}
        </Stack>
      ) : null}
      {error ? (
        <Alert color="red" icon={<IconAlertTriangle />} title={t("outbound.upload.fileRefused", { name: file?.name ?? "" })} data-testid="upload-error">
          <Text size="sm">{error.text}</Text>
          {error.field ? (
            <Text size="xs" c="dimmed" mt={4}>
              {t("outbound.upload.field", { field: error.field })}
            </Text>
          ) : null}
        </Alert>
      ) : null}
      <Group justify="flex-end">
        <Button variant="default" onClick={onCancel}>
          {t("common.cancel")}
        </Button>
      </Group>
    </Stack>
  );
}

function ColumnsStep({ job, preview, onPreview, onBack, onStarted }: {
  job: ContactImport;
  preview: ImportPreview;
  onPreview: (preview: ImportPreview) => void;
  onBack: () => void;
  onStarted: (job: ContactImport) => void;
}) {
  const { t } = useTranslation();
  const { tenantId } = useSession();
  const problems = useProblems();
  const mappings = useSavedMappings(tenantId);
  const [hasHeader, setHasHeader] = useState(preview.suggested_mapping?.has_header ?? true);
  const table = useMemo(() => previewTable(preview, hasHeader), [preview, hasHeader]);
  const [roles, setRoles] = useState<ColumnRole[]>(() => rolesFromMapping(preview.suggested_mapping, preview.header, table.titles.length));
  const [policy, setPolicy] = useState<DuplicatePolicy>("skip");
  const [saveAs, setSaveAs] = useState("");
  const [savedId, setSavedId] = useState<string | null>(null);
  const [sheetBusy, setSheetBusy] = useState(false);
  const [found, setFound] = useState<StartProblems>(NO_PROBLEMS);
  const [busy, setBusy] = useState(false);

  // A new sheet (or file) brings its own columns and suggestion.
  const applyPreview = (next: ImportPreview) => {
    onPreview(next);
    const header = next.suggested_mapping?.has_header ?? true;
    setHasHeader(header);
    setRoles(rolesFromMapping(next.suggested_mapping, next.header, previewTable(next, header).titles.length));
    setSavedId(null);
    setFound(NO_PROBLEMS);
  };

  const chooseSheet = async (sheet: string | null) => {
    if (!sheet || sheet === preview.sheet) return;
    setSheetBusy(true);
    try {
      applyPreview(await importsApi.preview(job.id, sheet));
    } catch (error) {
      setFound({ ...NO_PROBLEMS, general: [problems.text(error)] });
    } finally {
      setSheetBusy(false);
    }
  };

  const applySaved = (id: string | null) => {
    setSavedId(id);
    const saved = mappings.data?.find((mapping) => mapping.id === id);
    if (!saved) return;
    setHasHeader(saved.mapping.has_header);
    setRoles(rolesFromMapping(saved.mapping, preview.header, table.titles.length));
    setFound(NO_PROBLEMS);
  };

  const setRole = (index: number, role: ColumnRole) => {
    setRoles((current) => assignRole(current, index, role));
    setFound((current) => (current.columns[index] ? { ...current, columns: { ...current.columns, [index]: "" } } : current));
  };

  const start = async () => {
    const checked = checkRoles(roles);
    if (checked.general.length || Object.keys(checked.columns).length) {
      setFound({ general: checked.general.map((key) => t(key)), columns: Object.fromEntries(Object.entries(checked.columns).map(([i, key]) => [i, t(key)])), fields: {} });
      return;
    }
    const mapping = mappingFromRoles(roles, preview.header, hasHeader);
    setBusy(true);
    setFound(NO_PROBLEMS);
    try {
      const started = await importsApi.start(job.id, {
        mapping,
        sheet: preview.sheet,
        policy,
        ...(saveAs.trim() ? { save_mapping_as: saveAs.trim() } : {}),
      });
      onStarted(started);
    } catch (error) {
      setBusy(false);
      const fields = problems.fields(error);
      const next: StartProblems = { general: [], columns: {}, fields: {} };
      for (const [field, text] of Object.entries(fields)) {
        const column = field.startsWith("mapping") ? columnOfField(field, mapping, preview.header) : null;
        if (column !== null && column < roles.length) next.columns[column] = text;
        else if (field === "save_mapping_as" || field === "name") next.fields.save_mapping_as = text;
        else next.general.push(text);
      }
      if (!Object.keys(fields).length) next.general.push(problems.text(error));
      setFound(next);
    }
  };

  const roleLabel = (value: string) =>
    value.startsWith("phone:") ? t("outbound.mapping.phoneN", { n: value.slice(6) }) : t(`outbound.mapping.role_${value}`);

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Group gap="xs">
          <IconFileSpreadsheet size={18} />
          <Text fw={600} size="sm">
            {job.file_name}
          </Text>
          <Badge variant="light" color="gray">
            {preview.format.toUpperCase()}
          </Badge>
          {preview.encoding ? (
            <Badge variant="outline" color="gray">
              {preview.encoding}
            </Badge>
          ) : null}
          {preview.delimiter ? (
            <Badge variant="outline" color="gray">
              {t("outbound.upload.delimiter", { delimiter: preview.delimiter === "\t" ? "Tab" : preview.delimiter })}
            </Badge>
          ) : null}
        </Group>
        <Group gap="sm" align="flex-end">
          {preview.sheets.length > 1 ? (
            <Select
              label={t("outbound.upload.sheet")}
              data={preview.sheets}
              value={preview.sheet}
              onChange={(sheet) => void chooseSheet(sheet)}
              allowDeselect={false}
              w={200}
              rightSection={sheetBusy ? <Loader size={14} /> : undefined}
              error={messageFor(found.fields, "sheet")}
              data-testid="upload-sheet"
            />
          ) : null}
          {mappings.data?.length ? (
            <Select
              label={t("outbound.upload.savedMapping")}
              placeholder={t("outbound.upload.savedMappingPlaceholder")}
              data={mappings.data.map((mapping) => ({ value: mapping.id, label: mapping.name }))}
              value={savedId}
              onChange={applySaved}
              clearable
              searchable
              w={240}
              data-testid="upload-saved-mapping"
            />
          ) : null}
        </Group>
      </Group>

      <Text size="sm" c="dimmed">
        {t("outbound.upload.columnsHelp")}
      </Text>
      <Checkbox
        label={t("outbound.upload.hasHeader")}
        checked={hasHeader}
        onChange={(event) => {
          const next = event.currentTarget.checked;
          setHasHeader(next);
          setRoles((current) => current.slice(0, previewTable(preview, next).titles.length));
        }}
        data-testid="upload-has-header"
      />

      <Table.ScrollContainer minWidth={Math.max(600, table.titles.length * 180)} maxHeight={420}>
        <Table className="vf-ob-preview" withTableBorder withColumnBorders striped stickyHeader data-testid="upload-preview">
          <Table.Thead>
            <Table.Tr>
              {table.titles.map((title, index) => {
                const role = roles[index] ?? { kind: "skip" };
                const problem = found.columns[index];
                return (
                  <Table.Th key={index} data-role={role.kind} data-invalid={Boolean(problem)}>
                    <Stack gap={4}>
                      <Select
                        size="xs"
                        data={roleChoices(roles, index).map((value) => ({ value, label: roleLabel(value) }))}
                        value={roleValue(role)}
                        onChange={(value) => value && setRole(index, roleFromValue(value, role, table.titles[index] ?? "", index))}
                        allowDeselect={false}
                        aria-label={t("outbound.upload.roleOf", { column: title })}
                        error={role.kind === "variable" ? undefined : problem || undefined}
                        data-testid={`upload-role-${index}`}
                      />
                      {role.kind === "variable" ? (
                        <TextInput
                          size="xs"
                          leftSection={<Text size="xs" c="dimmed">contact.</Text>}
                          leftSectionWidth={58}
                          value={role.name}
                          onChange={(event) => setRole(index, { kind: "variable", name: event.currentTarget.value.trim() })}
                          error={problem || undefined}
                          aria-label={t("outbound.upload.variableOf", { column: title })}
                          classNames={{ input: "vf-mono" }}
                          data-testid={`upload-variable-${index}`}
                        />
                      ) : null}
                      <Text size="sm" fw={600} truncate title={title}>
                        {title || "—"}
                      </Text>
                    </Stack>
                  </Table.Th>
                );
              })}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {table.rows.map((row, rowIndex) => (
              <Table.Tr key={rowIndex}>
                {row.map((cell, index) => (
                  <Table.Td key={index} data-role={roles[index]?.kind ?? "skip"} title={cell}>
                    {cell}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Text size="xs" c="dimmed">
        {t("outbound.upload.previewNote", { rows: table.rows.length })}
      </Text>

      <SimpleGrid cols={2} spacing="lg">
        <div>
          <Text size="sm" fw={500} mb={4}>
            {t("outbound.upload.policy")}
          </Text>
          <SegmentedControl
            value={policy}
            onChange={(value) => setPolicy(value as DuplicatePolicy)}
            data={[
              { value: "skip", label: t("outbound.upload.policy_skip") },
              { value: "update", label: t("outbound.upload.policy_update") },
            ]}
            data-testid="upload-policy"
          />
          <Text size="xs" c="dimmed" mt={4}>
            {t(`outbound.upload.policyHint_${policy}`)}
          </Text>
        </div>
        <TextInput
          label={t("outbound.upload.saveAs")}
          description={t("outbound.upload.saveAsHint")}
          inputWrapperOrder={["label", "input", "description", "error"]}
          maxLength={200}
          value={saveAs}
          onChange={(event) => setSaveAs(event.currentTarget.value)}
          error={found.fields.save_mapping_as}
          data-testid="upload-save-as"
        />
      </SimpleGrid>

      {found.general.length ? (
        <Alert color="red" icon={<IconAlertTriangle />} data-testid="upload-start-error">
          {found.general.map((text, index) => (
            <Text key={index} size="sm">
              {text}
            </Text>
          ))}
        </Alert>
      ) : null}

      <Group justify="space-between">
        <Button variant="default" onClick={onBack}>
          {t("outbound.upload.otherFile")}
        </Button>
        <Button onClick={() => void start()} loading={busy} leftSection={<IconUpload size={16} />} data-testid="upload-start">
          {t("outbound.upload.start")}
        </Button>
      </Group>
    </Stack>
  );
}

const COUNTS: (keyof ImportCounts)[] = ["imported", "updated", "skipped", "rejected", "warnings"];
const COUNT_COLORS: Partial<Record<keyof ImportCounts, string>> = { imported: "green", updated: "blue", rejected: "red", warnings: "orange" };

/** An import's progress until it ends, then what it did; the error report when there is one. */
export function ImportStep({ importId, onClose, onFinished }: { importId: string; onClose: () => void; onFinished: () => void }) {
  const { t } = useTranslation();
  const { tenantId, locale } = useSession();
  const job = useImportJob(tenantId, importId);
  const { busy, download } = useDownload();
  const problems = useProblems();
  const told = useRef(false);
  const data = job.data;
  const finished = data?.state === "completed" || data?.state === "failed";

  useEffect(() => {
    if (finished && !told.current) {
      told.current = true;
      onFinished();
    }
  }, [finished, onFinished]);

  if (!data) {
    return job.error ? (
      <Alert color="red" icon={<IconAlertTriangle />}>
        {problems.text(job.error)}
      </Alert>
    ) : (
      <Group justify="center" py="xl">
        <Loader size="sm" />
      </Group>
    );
  }

  const rows = data.counts.rows.toLocaleString(locale);
  const value = data.state === "completed" ? 100 : data.progress !== null ? data.progress * 100 : 100;
  const indeterminate = !finished && data.progress === null;

  return (
    <Stack gap="md" data-testid="upload-progress" data-state={data.state}>
      <Group justify="space-between">
        <Text fw={600}>{t(`outbound.importState.${data.state}`)}</Text>
        <Text size="sm" c="dimmed">
          {data.file_name}
        </Text>
      </Group>
      <Progress
        value={value}
        size="lg"
        color={data.state === "failed" ? "red" : data.state === "completed" ? "green" : "blue"}
        striped={!finished}
        animated={!finished}
        aria-label={t("outbound.upload.progressLabel")}
        style={indeterminate ? { opacity: 0.6 } : undefined}
      />
      <Text size="sm" c="dimmed" data-testid="upload-rows">
        {finished
          ? t("outbound.upload.rowsRead", { rows })
          : data.progress !== null
            ? t("outbound.upload.percentRead", { percent: Math.floor(data.progress * 100), rows })
            : t("outbound.upload.rowsSoFar", { rows })}
      </Text>

      {finished ? (
        <SimpleGrid cols={5} spacing="sm" data-testid="upload-counts">
          {COUNTS.map((key) => (
            <div key={key} data-testid={`upload-count-${key}`}>
              <Text size="xs" c="dimmed">
                {t(`outbound.upload.count_${key}`)}
              </Text>
              <Text fw={700} size="xl" c={data.counts[key] ? COUNT_COLORS[key] : undefined}>
                {data.counts[key].toLocaleString(locale)}
              </Text>
            </div>
          ))}
        </SimpleGrid>
      ) : (
        <Text size="sm" c="dimmed">
          {t("outbound.upload.background")}
        </Text>
      )}

      {data.state === "failed" && data.error ? (
        <Alert color="red" icon={<IconAlertTriangle />} title={t("outbound.upload.failedTitle")} data-testid="upload-failed">
          <Text size="sm">{failureText(data.error, locale)}</Text>
          {data.error.field ? (
            <Text size="xs" c="dimmed" mt={4}>
              {t("outbound.upload.field", { field: data.error.field })}
            </Text>
          ) : null}
        </Alert>
      ) : null}
      {data.state === "completed" ? (
        <Alert color="green" icon={<IconCheck />} data-testid="upload-done">
          {t("outbound.upload.doneText", {
            imported: data.counts.imported.toLocaleString(locale),
            updated: data.counts.updated.toLocaleString(locale),
          })}
        </Alert>
      ) : null}

      <Group justify="space-between">
        {data.report_lines > 0 ? (
          <Button
            variant="light"
            color="orange"
            leftSection={<IconDownload size={16} />}
            loading={busy !== null}
            onClick={() => void download(fileUrls.importReport(data.id), `errors-${data.id}.csv`)}
            data-testid="upload-report"
          >
            {t("outbound.upload.report", { lines: data.report_lines.toLocaleString(locale) })}
          </Button>
        ) : (
          <span />
        )}
        <Button onClick={onClose} variant={finished ? "filled" : "default"} data-testid="upload-close">
          {finished ? t("outbound.upload.close") : t("outbound.upload.closeRunning")}
        </Button>
      </Group>
    </Stack>
  );
}
