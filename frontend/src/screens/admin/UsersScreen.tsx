import { ActionIcon, Badge, Button, Group, Menu, Table, Text } from "@mantine/core";
import { IconDots, IconKey, IconUserOff, IconUserCheck, IconUserPlus, IconUsers } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { usersApi } from "../../api/endpoints";
import { useInvalidateTenant, useUsers } from "../../api/queries";
import type { TenantRole, User } from "../../api/types";
import { EmptyState } from "../../components/EmptyState";
import { confirmAction, notifyDone, notifyError } from "../../components/feedback";
import { formatDateTime } from "../../components/format";
import { LoadMore } from "../../components/LoadMore";
import { Page } from "../../components/Page";
import { QueryState } from "../../components/QueryState";
import { RoleSelect } from "../../components/RoleSelect";
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

  const update = async (user: User, patch: { role?: TenantRole; disabled?: boolean }, done: string) => {
    try {
      await usersApi.update(user.id, patch);
      notifyDone(done);
      refresh();
    } catch (error) {
      notifyError(error, t);
    }
  };

  const toggle = async (user: User) => {
    if (!user.disabled) {
      const ok = await confirmAction({
        title: t("users.disableTitle"),
        message: t("users.disableText", { name: user.name || user.email }),
        confirm: t("users.disable"),
        cancel: t("common.cancel"),
        danger: true,
      });
      if (!ok) return;
    }
    await update(user, { disabled: !user.disabled }, t(user.disabled ? "users.enabled" : "users.disabled", { email: user.email }));
  };

  const empty = !users.isLoading && !users.error && users.items.length === 0;

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
      <QueryState isLoading={users.isLoading} error={users.error} retry={() => void users.refetch()} />
      {empty ? <EmptyState icon={IconUsers} title={t("users.emptyTitle")} text={t("users.emptyText")} /> : null}
      {users.items.length > 0 ? (
        <Table verticalSpacing="sm" highlightOnHover data-testid="users-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("users.colUser")}</Table.Th>
              <Table.Th w={190}>{t("users.colRole")}</Table.Th>
              <Table.Th w={200}>{t("users.colStatus")}</Table.Th>
              <Table.Th w={190}>{t("users.colLastLogin")}</Table.Th>
              <Table.Th w={56}>
                <span className="vf-visually-hidden">{t("common.actions")}</span>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
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
                      onChange={(role) => void update(user, { role }, t("users.roleChanged", { email: user.email }))}
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
                    <Menu position="bottom-end" withinPortal>
                      <Menu.Target>
                        <ActionIcon variant="subtle" color="gray" aria-label={t("common.actions")} data-testid="user-actions">
                          <IconDots size={18} />
                        </ActionIcon>
                      </Menu.Target>
                      <Menu.Dropdown>
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
                      </Menu.Dropdown>
                    </Menu>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      ) : null}
      <LoadMore list={users} />
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
