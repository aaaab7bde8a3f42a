import { Badge, Button, FileButton, Group, Menu, Table, Text, TextInput, Tooltip } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { modals } from "@mantine/modals";
import {
  IconCopy,
  IconDownload,
  IconEdit,
  IconFileImport,
  IconPlus,
  IconRoute,
  IconSearch,
  IconTrash,
} from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { flowsApi } from "../api/endpoints";
import { isApiError } from "../api/problem";
import { useFlowList, useInvalidateTenant } from "../api/queries";
import type { FlowExport, FlowSummary, FlowUsage } from "../api/types";
import { EmptyState } from "../components/EmptyState";
import { confirmAction, notifyDone, notifyError } from "../components/feedback";
import { downloadText, formatDateTime } from "../components/format";
import { Link } from "../components/Link";
import { LoadMore } from "../components/LoadMore";
import { Page } from "../components/Page";
import { QueryState } from "../components/QueryState";
import { RowMenu } from "../components/RowMenu";
import { UsageList } from "../components/UsageList";
import { navigate, paths } from "../router";
import { useSession } from "../session";
import { FlowFormModal, type FlowFormMode } from "./FlowFormModal";

export function FlowsScreen() {
  const { t } = useTranslation();
  const { tenantId, locale, can } = useSession();
  const [search, setSearch] = useState("");
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const flows = useFlowList(tenantId, debounced);
  const invalidate = useInvalidateTenant();
  const [form, setForm] = useState<FlowFormMode | null>(null);
  const writable = can("flows.write");

  const refresh = () => invalidate(tenantId, "flows");

  const showUsage = (usage: FlowUsage) =>
    modals.open({
      title: t("flows.inUseTitle"),
      children: (
        <UsageList
          groups={[
            { label: t("usage.numbers"), items: usage.numbers },
            { label: t("usage.flows"), items: usage.flows },
          ]}
        />
      ),
    });

  const remove = async (flow: FlowSummary) => {
    const ok = await confirmAction({
      title: t("flows.deleteTitle"),
      message: t("flows.deleteText", { name: flow.name }),
      confirm: t("common.delete"),
      cancel: t("common.cancel"),
      danger: true,
    });
    if (!ok) return;
    try {
      await flowsApi.remove(flow.id);
      notifyDone(t("flows.deleted", { name: flow.name }));
      void refresh();
    } catch (error) {
      if (isApiError(error, "flow.in_use")) showUsage(error.problem.usage as FlowUsage);
      else notifyError(error, t);
    }
  };

  const exportFlow = async (flow: FlowSummary) => {
    try {
      const file = await flowsApi.exportFlow(flow.id);
      downloadText(`${flow.name}.voxflow.json`, JSON.stringify(file, null, 2));
    } catch (error) {
      notifyError(error, t);
    }
  };

  const importFlow = async (file: File | null) => {
    if (!file) return;
    let parsed: FlowExport;
    try {
      parsed = JSON.parse(await file.text()) as FlowExport;
    } catch {
      notifyError(new Error(t("flows.importNotJson")), t);
      return;
    }
    try {
      const flow = await flowsApi.importFlow(parsed);
      notifyDone(t("flows.imported", { name: flow.name }));
      void refresh();
      navigate(paths.editor(flow.id));
    } catch (error) {
      notifyError(error, t, t("flows.importFailed"));
    }
  };

  const empty = !flows.isLoading && !flows.error && flows.items.length === 0;

  return (
    <Page
      title={t("flows.title")}
      description={t("flows.description")}
      testId="flows-screen"
      actions={
        writable ? (
          <>
            <FileButton onChange={(file) => void importFlow(file)} accept="application/json,.json">
              {(props) => (
                <Button {...props} variant="default" leftSection={<IconFileImport size={16} />} data-testid="flow-import">
                  {t("flows.import")}
                </Button>
              )}
            </FileButton>
            <Button leftSection={<IconPlus size={16} />} onClick={() => setForm({ kind: "create" })} data-testid="flow-create">
              {t("flows.create")}
            </Button>
          </>
        ) : null
      }
    >
      <TextInput
        leftSection={<IconSearch size={16} />}
        placeholder={t("flows.search")}
        aria-label={t("flows.search")}
        value={search}
        onChange={(event) => setSearch(event.currentTarget.value)}
        mb="md"
        maw={360}
        data-testid="flow-search"
      />
      <QueryState isLoading={flows.isLoading} error={flows.error} retry={() => void flows.refetch()} />
      {empty ? (
        debounced ? (
          <EmptyState icon={IconSearch} title={t("flows.noMatchTitle")} text={t("flows.noMatchText", { search: debounced })} />
        ) : (
          <EmptyState
            icon={IconRoute}
            title={t("flows.emptyTitle")}
            text={t("flows.emptyText")}
            testId="flows-empty"
            action={
              writable ? (
                <Button leftSection={<IconPlus size={16} />} onClick={() => setForm({ kind: "create" })}>
                  {t("flows.create")}
                </Button>
              ) : null
            }
          />
        )
      ) : null}
      {flows.items.length > 0 ? (
        <Table highlightOnHover verticalSpacing="sm" data-testid="flows-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("flows.colName")}</Table.Th>
              <Table.Th w={150}>{t("flows.colPublished")}</Table.Th>
              <Table.Th>{t("flows.colNumbers")}</Table.Th>
              <Table.Th w={190}>{t("flows.colUpdated")}</Table.Th>
              <Table.Th w={56}>
                <span className="vf-visually-hidden">{t("common.actions")}</span>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {flows.items.map((flow) => (
              <Table.Tr key={flow.id} data-testid={`flow-row-${flow.name}`}>
                <Table.Td>
                  <Link href={paths.editor(flow.id)} className="vf-strong-link" data-testid="flow-open">
                    {flow.name}
                  </Link>
                  {flow.description ? (
                    <Text size="xs" c="dimmed" lineClamp={1}>
                      {flow.description}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td>
                  {flow.published_version ? (
                    <Tooltip label={formatDateTime(flow.published_at, locale)}>
                      <Badge variant="light" color="teal" data-testid="flow-published">
                        {t("flows.version", { n: flow.published_version })}
                      </Badge>
                    </Tooltip>
                  ) : (
                    <Badge variant="light" color="gray">
                      {t("flows.notPublished")}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    {flow.usage.numbers.map((number) => (
                      <Badge key={number} variant="outline" size="sm" className="vf-mono">
                        {number}
                      </Badge>
                    ))}
                    {flow.usage.flows.map((name) => (
                      <Badge key={name} variant="outline" color="grape" size="sm">
                        {t("flows.calledFrom", { name })}
                      </Badge>
                    ))}
                    {flow.usage.numbers.length + flow.usage.flows.length === 0 ? (
                      <Text size="sm" c="dimmed">
                        —
                      </Text>
                    ) : null}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{formatDateTime(flow.updated_at, locale)}</Text>
                </Table.Td>
                <Table.Td>
                  <RowMenu testId="flow-actions">
                    {writable ? (
                      <>
                        <Menu.Item leftSection={<IconEdit size={16} />} onClick={() => setForm({ kind: "rename", flow })}>
                          {t("flows.rename")}
                        </Menu.Item>
                        <Menu.Item leftSection={<IconCopy size={16} />} onClick={() => setForm({ kind: "duplicate", flow })} data-testid="flow-duplicate">
                          {t("flows.duplicate")}
                        </Menu.Item>
                      </>
                    ) : null}
                    <Menu.Item leftSection={<IconDownload size={16} />} onClick={() => void exportFlow(flow)}>
                      {t("flows.export")}
                    </Menu.Item>
                    {writable ? (
                      <>
                        <Menu.Divider />
                        <Menu.Item color="red" leftSection={<IconTrash size={16} />} onClick={() => void remove(flow)} data-testid="flow-delete">
                          {t("common.delete")}
                        </Menu.Item>
                      </>
                    ) : null}
                  </RowMenu>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
      <LoadMore list={flows} />
      {form ? <FlowFormModal mode={form} onClose={() => setForm(null)} onDone={refresh} /> : null}
    </Page>
  );
}
