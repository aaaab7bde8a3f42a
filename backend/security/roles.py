"""Roles and what each may do. The one place that maps roles to permissions."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    provider_admin = "provider_admin"
    admin = "admin"
    manager = "manager"
    agent = "agent"


TENANT_ROLES = (Role.admin, Role.manager, Role.agent)


class Permission(StrEnum):
    tenant_settings = "tenant.settings"
    users_manage = "users.manage"
    api_keys_manage = "api_keys.manage"
    audit_read = "audit.read"
    flows_read = "flows.read"
    flows_write = "flows.write"
    numbers_manage = "numbers.manage"
    audio_write = "audio.write"
    contacts_write = "contacts.write"
    campaigns_read = "campaigns.read"
    campaigns_write = "campaigns.write"
    monitoring_read = "monitoring.read"
    history_read = "history.read"
    reports_read = "reports.read"
    calls_handle = "calls.handle"


# Seed roles: an admin does everything in the tenant; a manager watches (monitoring, history, reports);
# an agent handles calls only.
ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.admin: frozenset(Permission),
    Role.manager: frozenset({
        Permission.monitoring_read, Permission.history_read, Permission.reports_read,
        Permission.campaigns_read, Permission.flows_read,
    }),
    Role.agent: frozenset({Permission.calls_handle}),
    # A provider admin acting on a tenant acts as that tenant's admin (and is audited as the provider).
    Role.provider_admin: frozenset(Permission),
}
