// One contact list: its contacts (search, paging, add, edit, delete), export, the upload wizard, and its
// latest imports (one under way shows its progress; one uploaded but not started can be taken up again).
import { ActionIcon, Badge, Button, Group, Menu, Paper, Progress, Stack, Table, Text, Title, Tooltip } from "@mantine/core";
import { IconDots, IconDownload, IconEdit, IconPlus, IconSearch, IconTrash, IconUpload, IconUsers } from "@tabler/icons-react";
import { useCallback, useState } from "react";
import { useTranslation } from "react-i18next";
import { EmptyState } from "../components/EmptyState";
import { confirmAction } from "../components/feedback";
import { formatDateTime } from "../components/format";
import { LoadMore } from "../components/LoadMore";
import { Page } from "../components/Page";
import { QueryState } from "../components/QueryState";
import { SearchInput, useSearch } from "../components/SearchInput";
import { navigate } from "../router";
import { useSession } from "../session";
import { contactListsApi, fileUrls } from "./api";
import { ContactModal } from "./ContactModal";
import { ListFormModal, useRemoveList } from "./ContactListsScreen";
import { failureText } from "./errors";
import { outboundPaths, PERMISSIONS } from "./paths";
import { useContactList, useContacts, useInvalidateOutbound, useListImports } from "./queries";
import { OPEN_IMPORT_STATES, type Contact, type ContactImport } from "./types";
import { ExportMenu, useDownload, useProblems } from "./ui";
import { UploadWizard } from "./UploadWizard";

export function ContactListScreen({ listId }: { listId: string }) {
  const { t } = useTranslation();
  const { tenantId, locale, can } = useSession();
  const list = useContactList(tenantId, listId);
  const [search, setSearch, debounced] = useSearch();
  const contacts = useContacts(tenantId, listId, debounced);
  const invalidate = useInvalidateOutbound();
  const problems = useProblems();
  const removeList = useRemoveList();
  const writable = can(PERMISSIONS.contactsWrite);
  const [editing, setEditing] = useState<Contact | "new" | null>(null);
  const [renaming, setRenaming] = useState(false);
  const [wizard, setWizard] = useState<{ resume: ContactImport | null } | null>(null);

  const refresh = useCallback(() => {
    void invalidate(tenantId, "contactList", listId);
    void invalidate(tenantId, "contactLists");
  }, [invalidate, tenantId, listId]);

  const remove = async (contact: Contact) => {
    const ok = await confirmAction({
      title: t("outbound.contacts.deleteTitle"),
      message: t("outbound.contacts.deleteText", { name: contact.name || contact.phones[0] || "" }),
      confirm: t("common.delete"),
      cancel: t("common.cancel"),
      danger: true,
    });
    if (!ok) return;
    try {
      await contactListsApi.removeContact(listId, contact.id);
      refresh();
    } catch (error) {
      problems.notify(error);
    }
  };

  if (!list.data) {
    return (
      <Page title={t("outbound.lists.title")} back={{ href: outboundPaths.contactLists(), label: t("outbound.lists.back") }}>
        <QueryState isLoading={list.isLoading} error={list.error} retry={() => void list.refetch()} />
      </Page>
    );
  }
  const current = list.data;
  const empty = !contacts.isLoading && !contacts.error && contacts.items.length === 0;

  return (
    <Page
      title={current.name}
      description={current.comment || t("outbound.list.description", { contacts: current.contact_count.toLocaleString(locale) })}
      back={{ href: outboundPaths.contactLists(), label: t("outbound.lists.back") }}
      testId="contact-list-screen"
      actions={
        <>
          <ExportMenu label={t("outbound.list.export")} urlOf={(format) => fileUrls.listExport(listId, format)} fileName={current.name} testId="list-export" />
          {writable ? (
            <>
              <Button variant="default" leftSection={<IconPlus size={16} />} onClick={() => setEditing("new")} data-testid="contact-add">
                {t("outbound.contacts.add")}
              </Button>
              <Button leftSection={<IconUpload size={16} />} onClick={() => setWizard({ resume: null })} data-testid="list-upload">
                {t("outbound.list.upload")}
              </Button>
              <Menu position="bottom-end">
                <Menu.Target>
                  <ActionIcon variant="default" size="lg" aria-label={t("common.actions")} data-testid="list-menu">
                    <IconDots size={18} />
                  </ActionIcon>
                </Menu.Target>
                <Menu.Dropdown>
                  <Menu.Item leftSection={<IconEdit size={16} />} onClick={() => setRenaming(true)}>
                    {t("outbound.lists.rename")}
                  </Menu.Item>
                  <Menu.Item
                    color="red"
                    leftSection={<IconTrash size={16} />}
                    onClick={() => void removeList(current).then((done) => done && navigate(outboundPaths.contactLists()))}
                  >
                    {t("outbound.lists.deleteTitle")}
                  </Menu.Item>
                </Menu.Dropdown>
              </Menu>
            </>
          ) : null}
        </>
      }
    >
      <Imports listId={listId} writable={writable} onResume={(job) => setWizard({ resume: job })} />
      <Group mb="md" justify="space-between">
        <SearchInput value={search} onChange={setSearch} label={t("outbound.contacts.search")} testId="contact-search" />
        <Text size="sm" c="dimmed" data-testid="list-contact-count">
          {t("outbound.list.total", { contacts: current.contact_count.toLocaleString(locale) })}
        </Text>
      </Group>
      <QueryState isLoading={contacts.isLoading} error={contacts.error} retry={() => void contacts.refetch()} />
      {empty ? (
        debounced ? (
          <EmptyState icon={IconSearch} title={t("outbound.common.noMatchTitle")} text={t("outbound.common.noMatchText", { search: debounced })} />
        ) : (
          <EmptyState
            icon={IconUsers}
            title={t("outbound.contacts.emptyTitle")}
            text={t("outbound.contacts.emptyText")}
            testId="contacts-empty"
            action={
              writable ? (
                <Button leftSection={<IconUpload size={16} />} onClick={() => setWizard({ resume: null })}>
                  {t("outbound.list.upload")}
                </Button>
              ) : null
            }
          />
        )
      ) : null}
      {contacts.items.length > 0 ? (
        <Table.ScrollContainer minWidth={900}>
          <Table highlightOnHover verticalSpacing="xs" data-testid="contacts-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("outbound.contacts.name")}</Table.Th>
                <Table.Th w={140}>{t("outbound.contacts.externalId")}</Table.Th>
                <Table.Th w={220}>{t("outbound.contacts.phones")}</Table.Th>
                <Table.Th w={150}>{t("outbound.contacts.timezone")}</Table.Th>
                <Table.Th>{t("outbound.contacts.variables")}</Table.Th>
                <Table.Th w={80}>
                  <span className="vf-visually-hidden">{t("common.actions")}</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {contacts.items.map((contact) => (
                <Table.Tr key={contact.id} data-testid="contact-row">
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {contact.name || "—"}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" c={contact.external_id ? undefined : "dimmed"} className="vf-mono">
                      {contact.external_id ?? "—"}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Stack gap={0}>
                      {contact.phones.map((phone) => (
                        <Text key={phone} size="sm" className="vf-mono">
                          {phone}
                        </Text>
                      ))}
                    </Stack>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" c={contact.timezone ? undefined : "dimmed"}>
                      {contact.timezone ?? "—"}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {Object.entries(contact.variables)
                        .slice(0, 6)
                        .map(([name, value]) => (
                          <Badge key={name} variant="outline" color="gray" size="sm" tt="none" maw={240}>
                            {name}: {value === null ? "—" : String(value)}
                          </Badge>
                        ))}
                      {Object.keys(contact.variables).length > 6 ? (
                        <Text size="xs" c="dimmed">
                          +{Object.keys(contact.variables).length - 6}
                        </Text>
                      ) : null}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    {writable ? (
                      <Group gap={2} wrap="nowrap">
                        <Tooltip label={t("outbound.contacts.edit")}>
                          <ActionIcon variant="subtle" color="gray" onClick={() => setEditing(contact)} aria-label={t("outbound.contacts.edit")} data-testid="contact-edit">
                            <IconEdit size={16} />
                          </ActionIcon>
                        </Tooltip>
                        <Tooltip label={t("common.delete")}>
                          <ActionIcon variant="subtle" color="red" onClick={() => void remove(contact)} aria-label={t("outbound.contacts.deleteTitle")} data-testid="contact-delete">
                            <IconTrash size={16} />
                          </ActionIcon>
                        </Tooltip>
                      </Group>
                    ) : null}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
      <LoadMore list={contacts} />
      {editing ? (
        <ContactModal listId={listId} contact={editing === "new" ? null : editing} onClose={() => setEditing(null)} onDone={refresh} />
      ) : null}
      {renaming ? <ListFormModal mode={{ kind: "edit", list: current }} onClose={() => setRenaming(false)} onDone={refresh} /> : null}
      {wizard ? (
        <UploadWizard
          listId={listId}
          listName={current.name}
          resume={wizard.resume}
          onClose={() => {
            setWizard(null);
            refresh();
          }}
          onChanged={refresh}
        />
      ) : null}
    </Page>
  );
}

const STATE_COLORS: Record<string, string> = {
  uploaded: "gray",
  queued: "blue",
  reading: "blue",
  committing: "blue",
  completed: "green",
  failed: "red",
};

/** The list's latest imports from files: what is under way, what finished, their error reports. */
function Imports({ listId, writable, onResume }: { listId: string; writable: boolean; onResume: (job: ContactImport) => void }) {
  const { t } = useTranslation();
  const { tenantId, locale } = useSession();
  const imports = useListImports(tenantId, listId);
  const { busy, download } = useDownload();
  const jobs = (imports.data ?? []).filter((job) => job.source === "upload").slice(0, 5);
  if (!jobs.length) return null;
  return (
    <Paper withBorder p="sm" mb="lg" data-testid="list-imports">
      <Title order={5} mb="xs">
        {t("outbound.list.imports")}
      </Title>
      <Table verticalSpacing={4} fz="sm">
        <Table.Tbody>
          {jobs.map((job) => {
            const open = OPEN_IMPORT_STATES.includes(job.state);
            return (
              <Table.Tr key={job.id} data-testid="import-row" data-state={job.state}>
                <Table.Td>
                  <Text size="sm" fw={500} truncate maw={320}>
                    {job.file_name}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {formatDateTime(job.created_at, locale)}
                  </Text>
                </Table.Td>
                <Table.Td w={170}>
                  <Badge variant="light" color={STATE_COLORS[job.state] ?? "gray"} tt="none">
                    {t(`outbound.importStateShort.${job.state}`)}
                  </Badge>
                </Table.Td>
                <Table.Td w={330}>
                  {open ? (
                    <Progress value={job.progress !== null ? job.progress * 100 : 100} striped animated size="sm" />
                  ) : job.state === "failed" && job.error ? (
                    <Text size="xs" c="red" lineClamp={2}>
                      {failureText(job.error, locale)}
                    </Text>
                  ) : job.state === "completed" ? (
                    <Text size="xs" c="dimmed">
                      {t("outbound.list.importCounts", {
                        imported: job.counts.imported.toLocaleString(locale),
                        updated: job.counts.updated.toLocaleString(locale),
                        rejected: job.counts.rejected.toLocaleString(locale),
                      })}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td w={220} ta="right">
                  {job.report_lines > 0 ? (
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      color="orange"
                      leftSection={<IconDownload size={14} />}
                      loading={busy === fileUrls.importReport(job.id)}
                      onClick={() => void download(fileUrls.importReport(job.id), `errors-${job.id}.csv`)}
                    >
                      {t("outbound.list.report")}
                    </Button>
                  ) : null}
                  {writable && (open || job.state === "uploaded") ? (
                    <Button size="compact-xs" variant="subtle" onClick={() => onResume(job)} data-testid="import-resume">
                      {job.state === "uploaded" ? t("outbound.list.continue") : t("outbound.list.watch")}
                    </Button>
                  ) : null}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}
