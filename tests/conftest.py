"""Test servers: a fresh in-memory MongoDB-compatible server and a fresh redis-server per test session,
the real application on top of them, and helpers to act as the provider, tenant admins and API keys."""

from __future__ import annotations

import asyncio
import itertools
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import uvicorn
from pydantic import SecretStr

from backend.app import create_app
from backend.embedded import free_port, start_mongo, start_redis
from backend.provisioning import ensure_provider_admin
from backend.settings import Settings
from flow_runtime.process import running_runtime
from flow_runtime.sandbox_pbx import SandboxConfig, run_sandbox_pbx

SANDBOX_PASSWORD = "runtime-test-secret"
PROVIDER_EMAIL = "provider@example.com"
PROVIDER_PASSWORD = "provider-secret-1"
TENANT_ADMIN_PASSWORD = "tenant-admin-secret-1"
_counter = itertools.count(1)


def unique(prefix: str) -> str:
    return f"{prefix}{next(_counter)}"


@pytest.fixture(scope="session")
def servers(tmp_path_factory):
    logs = tmp_path_factory.mktemp("logs")
    mongo = start_mongo(None, logs)
    redis = start_redis(None, logs)
    yield mongo, redis
    redis.stop()
    mongo.stop()


@pytest.fixture(scope="session")
async def sandbox(tmp_path_factory):
    """The sandbox PBX, sped up 20x: the ARI server of the runtime tests and of the editor's simulator."""
    config = SandboxConfig(port=0, password=SANDBOX_PASSWORD, time_scale=0.05, default_media_seconds=1.0,
                           recordings_dir=tmp_path_factory.mktemp("sandbox-recordings"))
    async with run_sandbox_pbx(config) as running:
        yield running


@pytest.fixture(scope="session")
def settings(servers, sandbox, tmp_path_factory) -> Settings:
    mongo, redis = servers
    return Settings(
        mongodb_url=mongo.url, redis_url=redis.url, database_name="voxflow_test",
        secret_key=SecretStr("test-secret"), data_dir=tmp_path_factory.mktemp("data"),
        admin_email=PROVIDER_EMAIL, admin_password=SecretStr(PROVIDER_PASSWORD),
        login_max_failures=5, login_lockout_seconds=60,
        ari_url=sandbox.base_url.rstrip("/"), ari_user=sandbox.config.user, ari_password=SecretStr(SANDBOX_PASSWORD),
        ari_sandbox=True,
    )


@pytest.fixture(scope="session")
async def app(settings):
    await ensure_provider_admin(settings)
    application = create_app(settings)
    # The lifespan runs once for the whole session, in the tests' event loop, inside one task of its own
    # (its task group must be entered and left by the same task).
    started, stop = asyncio.Event(), asyncio.Event()

    async def run_lifespan():
        async with application.lifespan():
            started.set()
            await stop.wait()

    task = asyncio.create_task(run_lifespan())
    await started.wait()
    yield application
    stop.set()
    await task


@pytest.fixture(scope="session")
async def runtime(app, settings):
    """A runtime process's machinery in this test process, connected to the sandbox PBX."""
    async with running_runtime(settings, sandbox_control=True, connect_database=False) as running:
        yield running


@pytest.fixture(scope="session")
def ctx(app):
    return app.state.ctx


class Api:
    """An HTTP client for one principal, speaking to the in-process app."""

    def __init__(self, app, headers: dict[str, str] | None = None) -> None:
        self.http = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver",
                                      headers=headers or {})

    async def login(self, email: str, password: str) -> httpx.Response:
        response = await self.http.post("/api/auth/login", json={"email": email, "password": password})
        if response.status_code == 200:
            self.http.headers["X-CSRF-Token"] = response.json()["csrf_token"]
        return response

    def __getattr__(self, name):  # get/post/patch/delete/request go straight to httpx
        return getattr(self.http, name)


@dataclass
class TenantHandle:
    id: str
    slug: str
    admin_email: str
    admin: Api


@pytest.fixture(scope="session")
def api(app):
    def make(headers: dict[str, str] | None = None) -> Api:
        return Api(app, headers)
    return make


@pytest.fixture(scope="session")
async def provider(api) -> Api:
    client = api()
    response = await client.login(PROVIDER_EMAIL, PROVIDER_PASSWORD)
    assert response.status_code == 200, response.text
    return client


@pytest.fixture(scope="session")
def make_tenant(api, provider):
    async def make(**overrides) -> TenantHandle:
        slug = unique("org-")
        email = f"admin-{slug}@example.com"
        body = {"slug": slug, "name": f"Organisation {slug}",
                "admin": {"email": email, "name": "Admin", "password": TENANT_ADMIN_PASSWORD}, **overrides}
        response = await provider.post("/api/provider/tenants", json=body)
        assert response.status_code == 201, response.text
        admin = api()
        assert (await admin.login(email, TENANT_ADMIN_PASSWORD)).status_code == 200
        return TenantHandle(response.json()["id"], slug, email, admin)
    return make


@pytest.fixture(scope="session")
def make_user(api):
    async def make(tenant: TenantHandle, role: str) -> tuple[Api, dict]:
        email = f"{unique(role)}@example.com"
        password = "user-secret-123"
        response = await tenant.admin.post("/api/users", json={"email": email, "name": role.title(), "role": role,
                                                               "password": password})
        assert response.status_code == 201, response.text
        client = api()
        assert (await client.login(email, password)).status_code == 200
        return client, response.json()
    return make


@pytest.fixture(scope="session")
def make_api_key(api):
    async def make(tenant: TenantHandle, role: str = "admin") -> tuple[Api, dict]:
        response = await tenant.admin.post("/api/api-keys", json={"name": unique("key-"), "role": role})
        assert response.status_code == 201, response.text
        return api({"X-API-Key": response.json()["key"]}), response.json()
    return make


@pytest.fixture
async def served(app):
    """host:port of a real HTTP server in front of the session's app (for WebSockets)."""
    port = free_port()
    # The app's lifespan already runs for the test session; this server only adds a socket in front of it.
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, lifespan="off", log_level="warning"))
    task = asyncio.create_task(server.serve())
    while not server.started:
        await asyncio.sleep(0.05)
    yield f"127.0.0.1:{port}"
    server.should_exit = True
    await task


def assert_problem(response: httpx.Response, status: int, code: str | None = None) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body = response.json()
    assert body["status"] == status and body["code"] and body["title"]
    if code is not None:
        assert body["code"] == code, body
    return body


REPO_ROOT = Path(__file__).resolve().parent.parent
