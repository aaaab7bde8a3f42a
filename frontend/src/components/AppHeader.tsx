import { Badge, Button, Group, Menu, Select, Text, UnstyledButton } from "@mantine/core";
import { IconChevronDown, IconLogout, IconUserCircle } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { useProviderTenants } from "../api/queries";
import { paths, useRoute } from "../router";
import { useSession } from "../session";
import { LanguageSwitch } from "./LanguageSwitch";
import { Link } from "./Link";

const NAV = [
  { key: "flows", href: paths.flows(), match: ["flows", "editor"] },
  { key: "numbers", href: paths.numbers(), match: ["numbers"] },
  { key: "audio", href: paths.audio(), match: ["audio"] },
] as const;

export function AppHeader() {
  const { t } = useTranslation();
  const route = useRoute();
  const { me, tenantId, locale, setLocale, logout, chooseTenant } = useSession();
  const isProvider = me.role === "provider_admin" && !me.tenant;
  const tenants = useProviderTenants(isProvider);

  return (
    <header className="vf-header">
      <Group gap="lg" wrap="nowrap">
        <Link href={paths.flows()} className="vf-logo" aria-label="Voxflow">
          <img src="/favicon.svg" alt="" width={24} height={24} />
          <span>Voxflow</span>
        </Link>
        <nav aria-label={t("header.navigation")}>
          <Group gap={4} wrap="nowrap">
            {NAV.map((item) => {
              const active = (item.match as readonly string[]).includes(route.name);
              return (
                <Button
                  key={item.key}
                  component={Link}
                  href={item.href}
                  variant={active ? "light" : "subtle"}
                  color={active ? "blue" : "gray"}
                  size="compact-sm"
                  aria-current={active ? "page" : undefined}
                  data-testid={`nav-${item.key}`}
                  disabled={!tenantId}
                >
                  {t(`nav.${item.key}`)}
                </Button>
              );
            })}
          </Group>
        </nav>
      </Group>
      <Group gap="md" wrap="nowrap">
        {isProvider ? (
          <Select
            size="xs"
            w={220}
            placeholder={t("header.chooseTenant")}
            aria-label={t("header.tenant")}
            data={(tenants.data ?? []).map((tenant) => ({ value: tenant.id, label: tenant.name }))}
            value={tenantId}
            onChange={chooseTenant}
            searchable
            data-testid="tenant-select"
          />
        ) : (
          <Text fw={600} size="sm" data-testid="tenant-name" truncate maw={260}>
            {me.tenant?.name}
          </Text>
        )}
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
            <Menu.Item leftSection={<IconLogout size={16} />} onClick={() => void logout()} data-testid="logout">
              {t("header.logout")}
            </Menu.Item>
          </Menu.Dropdown>
        </Menu>
      </Group>
    </header>
  );
}
