"""Browser end-to-end tests: the whole stack as separate processes (database, Redis, sandbox PBX, runtime,
API serving the built editor), driven by the playwright-core specs in this folder (node --test) in
Debian's Chromium. Screenshots land in test-artifacts/e2e/."""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from backend.embedded import free_port, start_mongo, start_python_module, start_redis

REPO = Path(__file__).resolve().parents[2]
SPECS = sorted(str(p) for p in Path(__file__).parent.glob("*.spec.mjs"))
ARTIFACTS = REPO / "test-artifacts" / "e2e"
PROVIDER = ("provider-e2e@example.com", "provider-e2e-password")
TENANT_ADMIN = ("admin-e2e@example.com", "admin-e2e-password")
SPEC_TIMEOUT_SECONDS = 600

pytestmark = pytest.mark.e2e


def _wait_http(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within {timeout} s")


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    """Everything `make run` starts, on fresh in-memory data; yields the editor's base URL."""
    work = tmp_path_factory.mktemp("e2e")
    logs = work / "logs"
    children = []
    try:
        mongo, redis = start_mongo(None, logs), start_redis(None, logs)
        children += [mongo, redis]
        sandbox_port, api_port, ari_password = free_port(), free_port(), secrets.token_urlsafe(16)
        env = {"VOXFLOW_MONGODB_URL": mongo.url, "VOXFLOW_REDIS_URL": redis.url, "VOXFLOW_DATA_DIR": str(work / "data"),
               "VOXFLOW_ARI_URL": f"http://127.0.0.1:{sandbox_port}", "VOXFLOW_ARI_USER": "voxflow",
               "VOXFLOW_ARI_PASSWORD": ari_password, "VOXFLOW_ARI_SANDBOX": "true", "VOXFLOW_PORT": str(api_port),
               "VOXFLOW_ADMIN_EMAIL": PROVIDER[0], "VOXFLOW_ADMIN_PASSWORD": PROVIDER[1],
               "VOXFLOW_PUBLIC_BASE_URL": f"http://127.0.0.1:{api_port}"}
        children.append(start_python_module("sandbox", "flow_runtime.sandbox_pbx", [
            "--port", str(sandbox_port), f"--password={ari_password}", "--time-scale", "0.3",
            "--recordings-dir", str(work / "recordings")], sandbox_port, logs))
        children.append(start_python_module("api", "backend", [], api_port, logs, env))
        children.append(start_python_module("runtime", "flow_runtime", ["--sandbox"], None, logs, env))
        base_url = f"http://127.0.0.1:{api_port}"
        _wait_http(f"{base_url}/api/ready")
        with httpx.Client(base_url=base_url) as provider:
            login = provider.post("/api/auth/login", json={"email": PROVIDER[0], "password": PROVIDER[1]})
            provider.headers["X-CSRF-Token"] = login.json()["csrf_token"]
            created = provider.post("/api/provider/tenants", json={
                "slug": "e2e", "name": "ООО «Тест»", "locale": "ru",
                "admin": {"email": TENANT_ADMIN[0], "name": "Анна", "password": TENANT_ADMIN[1]}})
            assert created.status_code == 201, created.text
        yield base_url, logs
    finally:
        for child in reversed(children):
            child.stop()


def test_browser_specs(stack):
    assert SPECS, "no browser specs in tests/e2e"
    chromium = shutil.which("chromium")
    assert chromium, "Debian's chromium is missing: make test installs it (scripts/bootstrap.sh)"
    base_url, logs = stack
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "E2E_BASE_URL": base_url, "E2E_ADMIN_EMAIL": TENANT_ADMIN[0],
           "E2E_ADMIN_PASSWORD": TENANT_ADMIN[1], "E2E_PROVIDER_EMAIL": PROVIDER[0],
           "E2E_PROVIDER_PASSWORD": PROVIDER[1], "E2E_ARTIFACTS": str(ARTIFACTS), "E2E_CHROMIUM": chromium,
           "NODE_PATH": str(REPO / "frontend" / "node_modules")}
    result = subprocess.run(["node", "--test", "--test-reporter=spec", *SPECS], cwd=REPO / "frontend", env=env,
                            capture_output=True, text=True, timeout=SPEC_TIMEOUT_SECONDS)
    sys.stdout.write(result.stdout[-20000:])
    if result.returncode != 0:
        api_log = (logs / "api.log").read_text()[-4000:] if (logs / "api.log").exists() else ""
        pytest.fail(f"browser specs failed:\n{result.stdout[-8000:]}\n{result.stderr[-4000:]}\napi log:\n{api_log}")
