"""Writes audit entries. Called by the repository on every write, and by services for other actions."""

from __future__ import annotations

from typing import Any

from backend.domains.audit.models import AuditEntry
from backend.security.principal import Principal


def changed_fields(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    """``{field: [old, new]}`` for the fields that differ."""
    keys = before.keys() | after.keys()
    return {k: [before.get(k), after.get(k)] for k in sorted(keys) if before.get(k) != after.get(k)}


async def record_audit(
    actor: Principal,
    *,
    tenant_id: str | None,
    action: str,
    object_type: str,
    object_id: str | None,
    summary: dict[str, Any] | None = None,
    session=None,
) -> None:
    entry = AuditEntry(
        tenant_id=tenant_id,
        actor_kind=actor.kind.value,
        actor_id=actor.id,
        actor_label=actor.label,
        via_provider=actor.is_provider and tenant_id is not None,
        action=action,
        object_type=object_type,
        object_id=object_id,
        summary=summary or {},
    )
    await entry.insert(session=session)
