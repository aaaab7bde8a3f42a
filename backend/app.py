"""The composition root: builds the Litestar application and its shared resources."""

from __future__ import annotations

import secrets
from contextlib import asynccontextmanager
from pathlib import Path

from litestar import Litestar
from litestar.middleware.base import DefineMiddleware
from litestar.openapi import OpenAPIConfig
from litestar.openapi.plugins import JsonRenderPlugin, SwaggerRenderPlugin

from backend.context import AppContext
from backend.db import connect_mongo, connect_redis
from backend.dependencies import APP_DEPENDENCIES
from backend.domains.api_keys.controllers import ApiKeyController
from backend.domains.audit.controllers import AuditController, ProviderAuditController
from backend.domains.audio.controllers import AudioController
from backend.domains.auth.controllers import AuthController
from backend.domains.calls.controllers import CallController
from backend.domains.campaigns.controllers import CampaignController, CampaignExportController
from backend.domains.campaigns.exports import ExportFiles, ExportRunner
from backend.domains.campaigns.starting import StartRunner
from backend.domains.catalog.controllers import NodeTypeController
from backend.domains.contacts.controllers import (
    ContactImportController, ContactListController, ContactMappingController,
)
from backend.domains.contacts.importing import ImportFiles
from backend.domains.contacts.runner import ImportRunner
from backend.domains.dnc.controllers import ProviderDncController, TenantDncController
from backend.domains.flows.controllers import FlowController
from backend.domains.health.controllers import HealthController
from backend.domains.installation.controllers import InstallationController
from backend.domains.numbers.controllers import NumberController
from backend.domains.simulator.controllers import SimulatorController
from backend.domains.web.controllers import EditorController
from backend.domains.tenants.controllers import ProviderTenantController, TenantSettingsController
from backend.domains.users.controllers import UserController
from backend.errors import exception_handlers
from backend.security.middleware import AuthenticationMiddleware
from backend.security.sessions import SessionStore
from backend.security.tokens import TokenHasher
from backend.settings import Settings, get_settings

CONTROLLERS = [
    HealthController, AuthController, UserController, ApiKeyController, AuditController, ProviderAuditController,
    ProviderTenantController, TenantSettingsController, NodeTypeController, FlowController, NumberController,
    AudioController, CallController, SimulatorController, InstallationController, ContactListController,
    ContactImportController, ContactMappingController, TenantDncController, ProviderDncController, CampaignController,
    CampaignExportController, EditorController,
]


def resolve_secret_key(settings: Settings) -> bytes:
    """The configured secret, or one generated once and kept under the data directory."""
    if settings.secret_key.get_secret_value():
        return settings.secret_key.get_secret_value().encode()
    path = Path(settings.data_dir) / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(48))
        path.chmod(0o600)
    return path.read_text().strip().encode()


def create_app(settings: Settings | None = None) -> Litestar:
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: Litestar):
        if not settings.mongodb_url or not settings.redis_url:
            raise RuntimeError("MONGODB_URL and REDIS_URL must be set (make run starts embedded servers).")
        mongo = await connect_mongo(settings.mongodb_url, settings.database_name)
        redis = connect_redis(settings.redis_url)
        hasher = TokenHasher(resolve_secret_key(settings))
        sessions = SessionStore(redis, hasher, settings.session_idle_seconds, settings.session_max_age_seconds)
        import_runner = ImportRunner(ImportFiles(settings.data_dir))
        export_runner = ExportRunner(ExportFiles(settings.data_dir))
        start_runner = StartRunner(redis)
        runners = (import_runner, export_runner, start_runner)
        app.state.ctx = AppContext(settings, mongo, redis, hasher, sessions, *runners)
        for runner in runners:
            await runner.start()
        try:
            yield
        finally:
            for runner in runners:
                await runner.stop()
            await redis.aclose()
            await mongo.close()

    return Litestar(
        route_handlers=CONTROLLERS,
        lifespan=[lifespan],
        dependencies=APP_DEPENDENCIES,
        exception_handlers=exception_handlers,
        middleware=[DefineMiddleware(AuthenticationMiddleware, exclude=["^/api/docs"])],
        openapi_config=OpenAPIConfig(
            title="Voxflow API",
            version="0.1.0",
            description="Multi-tenant telephony flow builder. Errors are RFC 9457 problem details with a stable "
                        "`code`. Lists page with `limit` and `cursor`.",
            path="/api/docs",
            render_plugins=[SwaggerRenderPlugin(path="/"), JsonRenderPlugin(path="/openapi.json")],
        ),
        debug=False,
    )
