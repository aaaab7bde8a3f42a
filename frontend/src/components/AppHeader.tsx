import { Badge, Button, Group, Menu, Text, UnstyledButton } from "@mantine/core";
import { IconChevronDown, IconLogout, IconUser, IconUserCircle } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { isActive, isGroup, navFor, type NavGroup, type NavLink } from "../navigation";
import { paths, useRoute, type RouteName } from "../router";
import { useSession } from "../session";
import { LanguageSwitch } from "./LanguageSwitch";
import { Link } from "./Link";
import { ViewAsBanner } from "./ViewAsBanner";

export function AppHeader() {
  const { t } = useTranslation();
  const route = useRoute();
  const { me, viewer, isProvider, tenantId } = useSession();

  return (
    <>
      <header className="vf-header">
        <Group gap="lg" wrap="nowrap">
          <Link href={paths.home()} className="vf-logo" aria-label="Voxflow">
            <img src="/favicon.svg" alt="" width={24} height={24} />
            <span>Voxflow</span>
          </Link>
          <nav aria-label={t("header.navigation")}>
            <Group gap={4} wrap="nowrap">
              {navFor(viewer).map((entry) =>
                isGroup(entry) ? (
                  <NavMenu key={entry.key} group={entry} route={route.name} />
                ) : (
                  <NavButton key={entry.key} item={entry} active={isActive(entry, route.name)} />
                ),
              )}
            </Group>
          </nav>
        </Group>
        <Group gap="md" wrap="nowrap">
          {isProvider && !tenantId ? (
            <Badge variant="light" color="grape" data-testid="provider-console">
              {t("header.providerConsole")}
            </Badge>
          ) : null}
          {!isProvider ? (
            <Text fw={600} size="sm" data-testid="tenant-name" truncate maw={260}>
              {me.tenant?.name}
            </Text>
          ) : null}
          <UserMenu />
        </Group>
      </header>
      {isProvider && tenantId ? <ViewAsBanner tenantId={tenantId} /> : null}
    </>
  );
}

function NavButton({ item, active }: { item: NavLink; active: boolean }) {
  const { t } = useTranslation();
  return (
    <Button
      component={Link}
      href={item.href}
      variant={active ? "light" : "subtle"}
      color={active ? "blue" : "gray"}
      size="compact-sm"
      aria-current={active ? "page" : undefined}
      data-testid={`nav-${item.key}`}
    >
      {t(`nav.${item.key}`)}
    </Button>
  );
}

/** A section with several screens (administration): one button, the screens in its menu. */
function NavMenu({ group, route }: { group: NavGroup; route: RouteName }) {
  const { t } = useTranslation();
  const active = isActive(group, route);
  return (
    <Menu position="bottom-start" width={220}>
      <Menu.Target>
        <Button
          variant={active ? "light" : "subtle"}
          color={active ? "blue" : "gray"}
          size="compact-sm"
          rightSection={<IconChevronDown size={14} />}
          data-testid={`nav-${group.key}`}
        >
          {t(`nav.${group.key}`)}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {group.items.map((item) => (
          <Menu.Item
            key={item.key}
            component={Link}
            href={item.href}
            aria-current={item.match.includes(route) ? "page" : undefined}
            data-testid={`nav-${item.key}`}
          >
            {t(`nav.${item.key}`)}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}

function UserMenu() {
  const { t } = useTranslation();
  const { me, locale, setLocale, logout } = useSession();
  return (
    <>
      <LanguageSwitch value={locale} onChange={setLocale} />
      <Menu position="bottom-end" width={240}>
        <Menu.Target>
          <UnstyledButton className="vf-user" data-testid="user-menu">
            <Group gap={6} wrap="nowrap">
              <IconUserCircle size={20} stroke={1.5} />
              <Text size="sm" truncate maw={160}>
                {me.name || me.email}
              </Text>
              <Badge size="xs" variant="light" color="gray">
                {t(`roles.${me.role}`, { defaultValue: me.role })}
              </Badge>
              <IconChevronDown size={14} />
            </Group>
          </UnstyledButton>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>{me.email}</Menu.Label>
          <Menu.Item component={Link} href={paths.profile()} leftSection={<IconUser size={16} />} data-testid="nav-profile">
            {t("nav.profile")}
          </Menu.Item>
          <Menu.Item leftSection={<IconLogout size={16} />} onClick={() => void logout()} data-testid="logout">
            {t("header.logout")}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
    </>
  );
}
