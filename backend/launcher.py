"""``make run``: starts the embedded database and Redis (unless URLs are configured), then the API.

Prints the URL and the first login. Ctrl-C stops everything it started; data stays under the data
directory, so the next ``make run`` continues where this one stopped.
"""

from __future__ import annotations

import asyncio
import logging
import os
import secrets
import signal

import uvicorn

from backend.embedded import ChildServer, export_urls, free_port, start_mongo, start_python_module, start_redis
from backend.provisioning import ensure_provider_admin
from backend.settings import get_settings


def _banner(url: str, email: str, password: str | None, telephony: str) -> str:
    login = f"    e-mail:   {email}\n"
    login += f"    password: {password}   (shown once: write it down)\n" if password else \
        "    password: the one printed on first start (or VOXFLOW_ADMIN_PASSWORD)\n"
    return (f"\n  Voxflow is running at {url}\n  API docs: {url}/api/docs\n  Telephony: {telephony}\n"
            f"  First login (provider admin):\n{login}  Press Ctrl-C to stop.\n")


def start_telephony(data_dir, log_dir) -> tuple[list[ChildServer], str]:
    """The sandbox PBX when no Asterisk is configured, and a runtime process connected to it (or to the
    configured Asterisk)."""
    settings = get_settings()
    started: list[ChildServer] = []
    env: dict[str, str] = {}
    runtime_args: list[str] = []
    if settings.ari_url:
        description = f"Asterisk ARI at {settings.ari_url}"
    else:
        port, password = free_port(), secrets.token_urlsafe(16)
        started.append(start_python_module(
            "sandbox-pbx", "flow_runtime.sandbox_pbx",
            ["--port", str(port), f"--password={password}", "--app", settings.ari_app,
             "--recordings-dir", str(data_dir / "sandbox-recordings")], port, log_dir))
        env = {"VOXFLOW_ARI_URL": f"http://127.0.0.1:{port}", "VOXFLOW_ARI_USER": "voxflow",
               "VOXFLOW_ARI_PASSWORD": password, "VOXFLOW_ARI_SANDBOX": "true"}
        runtime_args = ["--sandbox"]
        description = f"sandbox PBX at http://127.0.0.1:{port} (no Asterisk configured; see docs/sandbox-pbx.md)"
        os.environ.update(env)
    started.append(start_python_module("runtime", "flow_runtime", runtime_args, None, log_dir, env))
    return started, description


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
        telephony, description = start_telephony(data_dir, data_dir / "logs")
        started = telephony[::-1] + started  # stopped first (runtime before its PBX): they use the database and Redis
        get_settings.cache_clear()
        url = settings.public_base_url.rstrip("/")
        print(_banner(url, admin.email, admin.password, description), flush=True)
        uvicorn.run("backend.app:create_app", factory=True, host=settings.host, port=settings.port,
                    log_level="info", access_log=False)
    except KeyboardInterrupt:
        pass
    finally:
        for server in started:
            server.stop()


if __name__ == "__main__":
    main()
