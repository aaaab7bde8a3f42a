"""Credentials as Asterisk checks an ari.conf user: HTTP Basic, or ``api_key=user:password`` in the query
(which is how asyncari and browsers' WebSockets authenticate)."""

from __future__ import annotations

import base64
import binascii
import hmac
from urllib.parse import parse_qsl

from litestar.types import ASGIApp, Receive, Scope, Send

_REFUSAL_BODY = b'{"message":"Authentication required"}'


class AriAuthentication:
    def __init__(self, app: ASGIApp, user: str, password: str) -> None:
        self.app = app
        self._credentials = f"{user}:{password}"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] in ("http", "websocket") and not self._authenticated(scope):
            await self._refuse(scope, send)
            return
        await self.app(scope, receive, send)

    def _authenticated(self, scope: Scope) -> bool:
        for name, value in scope["headers"]:
            if name == b"authorization":
                return self._matches(_basic_credentials(value))
        query = scope.get("query_string", b"")
        if b"api_key=" in query:
            return any(key == "api_key" and self._matches(value) for key, value in parse_qsl(query.decode()))
        return False

    def _matches(self, credentials: str | None) -> bool:
        return credentials is not None and hmac.compare_digest(credentials.encode(), self._credentials.encode())

    @staticmethod
    async def _refuse(scope: Scope, send: Send) -> None:
        if scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 1008})  # before accept: the server answers 403
            return
        await send({"type": "http.response.start", "status": 401,
                    "headers": [(b"content-type", b"application/json"),
                                (b"www-authenticate", b'Basic realm="Asterisk REST Interface"')]})
        await send({"type": "http.response.body", "body": _REFUSAL_BODY})


def _basic_credentials(header: bytes) -> str | None:
    scheme, _, encoded = header.decode("latin-1").partition(" ")
    if scheme.lower() != "basic":
        return None
    try:
        return base64.b64decode(encoded.strip(), validate=True).decode()
    except (binascii.Error, UnicodeDecodeError):
        return None
