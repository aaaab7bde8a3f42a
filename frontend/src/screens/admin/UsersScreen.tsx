import { Badge, Button, Group, Menu, Table, Text } from "@mantine/core";
import { IconKey, IconUserOff, IconUserCheck, IconUserPlus, IconUsers } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { usersApi } from "../../api/endpoints";
import { useInvalidateTenant, useUsers } from "../../api/queries";
import type { TenantRole, User } from "../../api/types";
import { EmptyState } from "../../components/EmptyState";
import { confirmThen, notifyDone, tryOrNotify } from "../../components/feedback";
import { formatDateTime } from "../../components/format";
import { Page } from "../../components/Page";
import { PagedTable } from "../../components/PagedTable";
import { RoleSelect } from "../../components/RoleSelect";
import { RowMenu } from "../../components/RowMenu";
import { SearchInput, useSearch } from "../../components/SearchInput";
import { ShownOnce } from "../../components/ShownOnce";
import { useSession } from "../../session";
import { ResetPasswordModal, UserCreateModal } from "./UserForms";

type Secret = { title: string; label: string; value: string };

export function UsersScreen() {
  const { t } = useTranslation();
  const { tenantId, me, locale } = useSession();
  const [search, setSearch, debounced] = useSearch();
  const users = useUsers(tenantId, debounced);
  const invalidate = useInvalidateTenant();
  const [creating, setCreating] = useState(false);
  const [resetting, setResetting] = useState<User | null>(null);
  const [secret, setSecret] = useState<Secret | null>(null);

  const refresh = () => {
    void invalidate(tenantId, "users");
    void invalidate(tenantId, "actors");
  };

  const update = (user: User, patch: { role?: TenantRole; disabled?: boolean }, done: string) => async () => {
    await usersApi.update(user.id, patch);
    notifyDone(done);
    refresh();
  };

  const toggle = (user: User) => {
    if (user.disabled) return tryOrNotify(update(user, { disabled: false }, t("users.enabled", { email: user.email })), t);
    const confirm = {
      title: t("users.disableTitle"),
      message: t("users.disableText", { name: user.name || user.email }),
      confirm: t("users.disable"),
      cancel: t("common.cancel"),
      danger: true,
    };
    return confirmThen(confirm, update(user, { disabled: true }, t("users.disabled", { email: user.email })), t);
  };

  return (
    <Page
      title={t("users.title")}
      description={t("users.description")}
      testId="users-screen"
      actions={
        <Button leftSection={<IconUserPlus size={16} />} onClick={() => setCreating(true)} data-testid="user-create">
          {t("users.create")}
        </Button>
      }
    >
      <Group mb="md">
        <SearchInput value={search} onChange={setSearch} label={t("users.search")} testId="user-search" />
      </Group>
      <PagedTable
        list={users}
        testId="users-table"
        rowActions
        columns={[
          { label: t("users.colUser") },
          { label: t("users.colRole"), width: 190 },
          { label: t("users.colStatus"), width: 200 },
          { label: t("users.colLastLogin"), width: 190 },
        ]}
        empty={<EmptyState icon={IconUsers} title={t("users.emptyTitle")} text={t("users.emptyText")} />}
      >
        {users.items.map((user) => {
          const self = user.id === me.id;
          return (
            <Table.Tr key={user.id} data-testid={`user-row-${user.email}`}>
              <Table.Td>
                <Text size="sm" fw={600}>
                  {user.name || "—"}
                  {self ? (
                    <Text span size="xs" c="dimmed" ml={6}>
                      {t("users.you")}
                    </Text>
                  ) : null}
                </Text>
                <Text size="xs" c="dimmed">
                  {user.email}
                </Text>
              </Table.Td>
              <Table.Td>
                <RoleSelect
                  size="xs"
                  value={user.role}
                  onChange={(role) => void tryOrNotify(update(user, { role }, t("users.roleChanged", { email: user.email })), t)}
                  disabled={self}
                  aria-label={t("users.roleFor", { email: user.email })}
                  data-testid="user-row-role"
                />
              </Table.Td>
              <Table.Td>
                <Group gap={4}>
                  <Badge variant="light" color={user.disabled ? "gray" : "teal"} data-testid="user-status">
                    {t(user.disabled ? "users.statusDisabled" : "users.statusActive")}
                  </Badge>
                  {user.must_change_password && !user.disabled ? (
                    <Badge variant="light" color="yellow">
                      {t("users.mustChange")}
                    </Badge>
                  ) : null}
                </Group>
              </Table.Td>
              <Table.Td>
                <Text size="sm" c={user.last_login_at ? undefined : "dimmed"}>
                  {user.last_login_at ? formatDateTime(user.last_login_at, locale) : t("users.neverSignedIn")}
                </Text>
              </Table.Td>
              <Table.Td>
                <RowMenu testId="user-actions">
                  <Menu.Item leftSection={<IconKey size={16} />} onClick={() => setResetting(user)} data-testid="user-reset">
                    {t("users.reset")}
                  </Menu.Item>
                  {!self ? (
                    <Menu.Item
                      color={user.disabled ? undefined : "red"}
                      leftSection={user.disabled ? <IconUserCheck size={16} /> : <IconUserOff size={16} />}
                      onClick={() => void toggle(user)}
                      data-testid="user-toggle"
                    >
                      {t(user.disabled ? "users.enable" : "users.disable")}
                    </Menu.Item>
                  ) : null}
                </RowMenu>
              </Table.Td>
            </Table.Tr>
          );
        })}
      </PagedTable>
      {creating ? (
        <UserCreateModal
          onClose={() => setCreating(false)}
          onCreated={(user) => {
            setCreating(false);
            refresh();
            notifyDone(t("users.created", { email: user.email }));
            if (user.initial_password) {
              setSecret({ title: t("users.createdTitle", { email: user.email }), label: t("users.initialPassword"), value: user.initial_password });
            }
          }}
        />
      ) : null}
      {resetting ? (
        <ResetPasswordModal
          user={resetting}
          onClose={() => setResetting(null)}
          onDone={(password, ended) => {
            const email = resetting.email;
            setResetting(null);
            refresh();
            notifyDone(t("users.resetDone", { email, count: ended }));
            if (password) setSecret({ title: t("users.resetShownTitle", { email }), label: t("users.newPassword"), value: password });
          }}
        />
      ) : null}
      {secret ? <ShownOnce {...secret} onClose={() => setSecret(null)} /> : null}
    </Page>
  );
}
