// Contact lists (списки оповещения): the table with their sizes; create, rename, delete.
import { Button, Group, List, Menu, Modal, Stack, Table, Text, Textarea, TextInput } from "@mantine/core";
import { modals } from "@mantine/modals";
import { IconAddressBook, IconEdit, IconPlus, IconSearch, IconTrash } from "@tabler/icons-react";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { isApiError } from "../api/problem";
import { EmptyState } from "../components/EmptyState";
import { confirmAction, notifyDone } from "../components/feedback";
import { formatDateTime } from "../components/format";
import { Link } from "../components/Link";
import { LoadMore } from "../components/LoadMore";
import { Page } from "../components/Page";
import { QueryState } from "../components/QueryState";
import { RowMenu } from "../components/RowMenu";
import { SearchInput, useSearch } from "../components/SearchInput";
import { navigate } from "../router";
import { useSession } from "../session";
import { contactListsApi } from "./api";
import { messageFor, unplaced } from "./fields";
import { outboundPaths, PERMISSIONS } from "./paths";
import { useContactLists, useInvalidateOutbound } from "./queries";
import type { ContactList } from "./types";
import { useProblems } from "./ui";

export function ContactListsScreen() {
  const { t } = useTranslation();
  const { tenantId, locale, can } = useSession();
  const [search, setSearch, debounced] = useSearch();
  const lists = useContactLists(tenantId, debounced);
  const invalidate = useInvalidateOutbound();
  const writable = can(PERMISSIONS.contactsWrite);
  const [form, setForm] = useState<ListFormMode | null>(null);
  const removeList = useRemoveList();
  const empty = !lists.isLoading && !lists.error && lists.items.length === 0;

  return (
    <Page
      title={t("outbound.lists.title")}
      description={t("outbound.lists.description")}
      testId="contact-lists-screen"
      actions={
        writable ? (
          <Button leftSection={<IconPlus size={16} />} onClick={() => setForm({ kind: "create" })} data-testid="list-create">
            {t("outbound.lists.create")}
          </Button>
        ) : null
      }
    >
      <Group mb="md">
        <SearchInput value={search} onChange={setSearch} label={t("outbound.lists.search")} testId="list-search" />
      </Group>
      <QueryState isLoading={lists.isLoading} error={lists.error} retry={() => void lists.refetch()} />
      {empty ? (
        debounced ? (
          <EmptyState icon={IconSearch} title={t("outbound.common.noMatchTitle")} text={t("outbound.common.noMatchText", { search: debounced })} />
        ) : (
          <EmptyState
            icon={IconAddressBook}
            title={t("outbound.lists.emptyTitle")}
            text={t("outbound.lists.emptyText")}
            testId="lists-empty"
            action={
              writable ? (
                <Button leftSection={<IconPlus size={16} />} onClick={() => setForm({ kind: "create" })}>
                  {t("outbound.lists.create")}
                </Button>
              ) : null
            }
          />
        )
      ) : null}
      {lists.items.length > 0 ? (
        <Table highlightOnHover verticalSpacing="sm" data-testid="lists-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("outbound.lists.colName")}</Table.Th>
              <Table.Th w={160} ta="right">
                {t("outbound.lists.colContacts")}
              </Table.Th>
              <Table.Th w={200}>{t("outbound.lists.colUpdated")}</Table.Th>
              <Table.Th w={56}>
                <span className="vf-visually-hidden">{t("common.actions")}</span>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {lists.items.map((list) => (
              <Table.Tr key={list.id} data-testid={`list-row-${list.name}`}>
                <Table.Td>
                  <Link href={outboundPaths.contactList(list.id)} className="vf-strong-link" data-testid="list-open">
                    {list.name}
                  </Link>
                  {list.comment ? (
                    <Text size="xs" c="dimmed" lineClamp={1}>
                      {list.comment}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td ta="right" data-testid="list-count">
                  {list.contact_count.toLocaleString(locale)}
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{formatDateTime(list.updated_at, locale)}</Text>
                </Table.Td>
                <Table.Td>
                  {writable ? (
                    <RowMenu testId="list-actions">
                      <Menu.Item leftSection={<IconEdit size={16} />} onClick={() => setForm({ kind: "edit", list })}>
                        {t("outbound.lists.rename")}
                      </Menu.Item>
                      <Menu.Divider />
                      <Menu.Item color="red" leftSection={<IconTrash size={16} />} onClick={() => void removeList(list)} data-testid="list-delete">
                        {t("common.delete")}
                      </Menu.Item>
                    </RowMenu>
                  ) : null}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
      <LoadMore list={lists} />
      {form ? (
        <ListFormModal
          mode={form}
          onClose={() => setForm(null)}
          onDone={(list) => {
            void invalidate(tenantId, "contactLists");
            if (form.kind === "create") navigate(outboundPaths.contactList(list.id));
          }}
        />
      ) : null}
    </Page>
  );
}

/** Deletes a list after confirming; a list campaigns still call cannot go (their names are shown). */
export function useRemoveList() {
  const { t } = useTranslation();
  const { tenantId, locale } = useSession();
  const invalidate = useInvalidateOutbound();
  const problems = useProblems();
  return async (list: ContactList): Promise<boolean> => {
    const ok = await confirmAction({
      title: t("outbound.lists.deleteTitle"),
      message: t("outbound.lists.deleteText", { name: list.name, contacts: list.contact_count.toLocaleString(locale) }),
      confirm: t("common.delete"),
      cancel: t("common.cancel"),
      danger: true,
    });
    if (!ok) return false;
    try {
      await contactListsApi.remove(list.id);
      notifyDone(t("outbound.lists.deleted", { name: list.name }));
      void invalidate(tenantId, "contactLists");
      return true;
    } catch (error) {
      if (isApiError(error, "contact_list.in_use")) {
        const campaigns = (error.problem.campaigns as { id: string; name: string }[] | undefined) ?? [];
        modals.open({
          title: t("outbound.lists.inUseTitle"),
          children: (
            <Stack gap="xs" data-testid="list-in-use">
              <Text size="sm">{t("outbound.lists.inUseText")}</Text>
              <List size="sm">
                {campaigns.map((campaign) => (
                  <List.Item key={campaign.id}>
                    <Link href={outboundPaths.campaign(campaign.id)} onClick={() => modals.closeAll()}>
                      {campaign.name}
                    </Link>
                  </List.Item>
                ))}
              </List>
            </Stack>
          ),
        });
      } else problems.notify(error);
      return false;
    }
  };
}

export type ListFormMode = { kind: "create" } | { kind: "edit"; list: ContactList };

export function ListFormModal({ mode, onClose, onDone }: { mode: ListFormMode; onClose: () => void; onDone: (list: ContactList) => void }) {
  const { t } = useTranslation();
  const problems = useProblems();
  const [name, setName] = useState(mode.kind === "edit" ? mode.list.name : "");
  const [comment, setComment] = useState(mode.kind === "edit" ? mode.list.comment : "");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) {
      setErrors({ name: t("validation.required") });
      return;
    }
    setBusy(true);
    setErrors({});
    try {
      const body = { name: name.trim(), comment: comment.trim() };
      const list = mode.kind === "create" ? await contactListsApi.create(body) : await contactListsApi.update(mode.list.id, body);
      notifyDone(mode.kind === "create" ? t("outbound.lists.created", { name: list.name }) : t("outbound.lists.saved"));
      onDone(list);
      onClose();
    } catch (error) {
      setBusy(false);
      const fields = problems.fields(error);
      setErrors(Object.keys(fields).length ? fields : { name: problems.text(error) });
    }
  };

  const other = unplaced(errors, ["name", "comment"]);
  return (
    <Modal opened onClose={onClose} title={mode.kind === "create" ? t("outbound.lists.createTitle") : t("outbound.lists.editTitle")} data-testid="list-form">
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput
            label={t("outbound.lists.name")}
            required
            data-autofocus
            maxLength={200}
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            error={messageFor(errors, "name")}
            data-testid="list-name"
          />
          <Textarea
            label={t("outbound.lists.comment")}
            autosize
            minRows={2}
            maxRows={5}
            value={comment}
            onChange={(event) => setComment(event.currentTarget.value)}
            error={messageFor(errors, "comment")}
          />
          {other.length ? (
            <Text size="sm" c="red">
              {other.join(" ")}
            </Text>
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" loading={busy} data-testid="list-form-submit">
              {mode.kind === "create" ? t("outbound.lists.createSubmit") : t("common.save")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
