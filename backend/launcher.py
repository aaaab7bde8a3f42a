"""``make run``: starts the embedded database and Redis (unless URLs are configured), then the API.

Prints the URL and the first login. Ctrl-C stops everything it started; data stays under the data
directory, so the next ``make run`` continues where this one stopped.
"""

from __future__ import annotations

import asyncio
import logging
import signal

import uvicorn

from backend.embedded import ChildServer, export_urls, start_mongo, start_redis
from backend.provisioning import ensure_provider_admin
from backend.settings import get_settings


def _banner(url: str, email: str, password: str | None) -> str:
    login = f"    e-mail:   {email}\n"
    login += f"    password: {password}   (shown once: write it down)\n" if password else \
        "    password: the one printed on first start (or VOXFLOW_ADMIN_PASSWORD)\n"
    return (f"\n  Voxflow is running at {url}\n  API docs: {url}/api/docs\n"
            f"  First login (provider admin):\n{login}  Press Ctrl-C to stop.\n")


def _stop_on_sigterm(*_: object) -> None:
    # uvicorn re-raises the signal it caught after its own shutdown; turning it into KeyboardInterrupt
    # lets the launcher stop the servers it started instead of dying with them orphaned.
    raise KeyboardInterrupt


def main() -> None:
    signal.signal(signal.SIGTERM, _stop_on_sigterm)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    settings = get_settings()
    data_dir = settings.data_dir.resolve()
    started: list[ChildServer] = []
    try:
        mongo = None if settings.mongodb_url else start_mongo(data_dir / "mongo", data_dir / "logs")
        redis = None if settings.redis_url else start_redis(data_dir / "redis", data_dir / "logs")
        started = [s for s in (redis, mongo) if s]
        export_urls(mongo, redis)
        get_settings.cache_clear()
        settings = get_settings()
        admin = asyncio.run(ensure_provider_admin(settings))
        url = settings.public_base_url.rstrip("/")
        print(_banner(url, admin.email, admin.password), flush=True)
        uvicorn.run("backend.app:create_app", factory=True, host=settings.host, port=settings.port,
                    log_level="info", access_log=False)
    except KeyboardInterrupt:
        pass
    finally:
        for server in started:
            server.stop()


if __name__ == "__main__":
    main()
