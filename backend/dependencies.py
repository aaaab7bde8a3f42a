"""Dependencies shared by every controller: the app context, the tenant scope and paging."""

from __future__ import annotations

from litestar import Request, WebSocket
from litestar.di import Provide

from backend.context import AppContext
from backend.paging import provide_page_params
from backend.security.principal import Principal
from backend.security.scope import provide_tenant_scope, provide_websocket_tenant_scope


def provide_ctx(request: Request) -> AppContext:
    return request.app.state.ctx


def provide_websocket_ctx(socket: WebSocket) -> AppContext:
    return socket.app.state.ctx


def provide_principal(request: Request) -> Principal:
    return request.user


APP_DEPENDENCIES = {
    "ctx": Provide(provide_ctx, sync_to_thread=False),
    "principal": Provide(provide_principal, sync_to_thread=False),
    "tenant_scope": Provide(provide_tenant_scope),
    "paging": Provide(provide_page_params, sync_to_thread=False),
}

# Websocket handlers get the same dependencies from the socket instead of a request.
WEBSOCKET_DEPENDENCIES = {
    "ctx": Provide(provide_websocket_ctx, sync_to_thread=False),
    "tenant_scope": Provide(provide_websocket_tenant_scope),
}
