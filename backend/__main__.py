"""``python -m backend``: serves the API against configured MongoDB and Redis (the container entry)."""

from __future__ import annotations

import asyncio

import uvicorn

from backend.provisioning import ensure_provider_admin
from backend.settings import get_settings


def main() -> None:
    settings = get_settings()
    admin = asyncio.run(ensure_provider_admin(settings))
    if admin.password:
        print(f"First provider admin created: {admin.email} / {admin.password} (shown once)", flush=True)
    uvicorn.run("backend.app:create_app", factory=True, host=settings.host, port=settings.port, access_log=False)


if __name__ == "__main__":
    main()
