"""First start: the installation's first provider admin."""

from __future__ import annotations

from dataclasses import dataclass

from backend.db import connect_mongo
from backend.domains.users.models import User
from backend.security.passwords import generate_password, hash_password
from backend.security.roles import Role
from backend.settings import Settings


@dataclass
class FirstAdmin:
    email: str
    password: str | None  # set only when it was generated now: printed once, never stored in clear


async def create_first_provider_admin(settings: Settings) -> FirstAdmin:
    """Creates the provider admin unless one exists (the database must be connected)."""
    existing = await User.find_one({"role": Role.provider_admin.value})
    if existing is not None:
        return FirstAdmin(existing.email, None)
    configured = settings.admin_password.get_secret_value() if settings.admin_password else None
    password = configured or generate_password()
    await User(tenant_id=None, email=settings.admin_email.lower(), name="Provider admin",
               role=Role.provider_admin, password_hash=hash_password(password)).insert()
    return FirstAdmin(settings.admin_email.lower(), None if configured else password)


async def ensure_provider_admin(settings: Settings) -> FirstAdmin:
    """The same, from a process that has not connected yet (the launcher, before the API starts)."""
    client = await connect_mongo(settings.mongodb_url, settings.database_name)
    try:
        return await create_first_provider_admin(settings)
    finally:
        await client.close()
