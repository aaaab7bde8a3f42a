"""A small keep-alive HTTP/1.1 client for ARI's REST requests.

Measured on this machine, a general-purpose client (httpx) spent more CPU per call than everything else
in the runtime together; ARI needs only requests with query parameters (originate adds a small JSON body)
on a few persistent loopback or LAN connections, which this does in a fraction of that.
"""

from __future__ import annotations

import asyncio
import base64
from collections import deque
from dataclasses import dataclass
from urllib.parse import quote, urlencode, urlsplit

from flow_runtime.telephony.port import TelephonyError

REQUEST_TIMEOUT_SECONDS = 10


@dataclass(frozen=True)
class HttpReply:
    status: int
    body: bytes


class _StaleConnection(Exception):
    """A kept-alive connection the server had closed before our request reached it: safe to retry."""


class AriHttpClient:
    def __init__(self, base_url: str, user: str, password: str, *, max_connections: int = 32) -> None:
        parts = urlsplit(base_url)
        if parts.scheme != "http":
            raise ValueError("ARI over this client is plain HTTP on a trusted network (use a TLS proxy otherwise)")
        self._host, self._port = parts.hostname or "127.0.0.1", parts.port or 80
        self._prefix = parts.path.rstrip("/")
        token = base64.b64encode(f"{user}:{password}".encode()).decode()
        self._fixed_headers = f"Host: {self._host}:{self._port}\r\nAuthorization: Basic {token}\r\n"
        self._idle: deque[tuple[asyncio.StreamReader, asyncio.StreamWriter]] = deque()
        self._slots = asyncio.Semaphore(max_connections)

    async def request(self, method: str, path: str, params: dict | None = None, json_body: bytes | None = None
                      ) -> HttpReply:
        """``json_body``: an already encoded JSON body (originate's channel variables); most requests have none."""
        query = f"?{urlencode(params, quote_via=quote)}" if params else ""
        body_headers = (f"Content-Type: application/json\r\nContent-Length: {len(json_body)}\r\n\r\n"
                        if json_body else "Content-Length: 0\r\n\r\n")
        head = f"{method} {self._prefix}{quote(path)}{query} HTTP/1.1\r\n{self._fixed_headers}{body_headers}".encode()
        if json_body:
            head += json_body
        async with self._slots:
            try:
                async with asyncio.timeout(REQUEST_TIMEOUT_SECONDS):
                    while self._idle:
                        connection = self._idle.pop()
                        try:
                            return await self._exchange(connection, head, reused=True)
                        except _StaleConnection:
                            continue
                    connection = await asyncio.open_connection(self._host, self._port)
                    return await self._exchange(connection, head, reused=False)
            except (OSError, TimeoutError, asyncio.IncompleteReadError, ValueError, _StaleConnection) as exc:
                raise TelephonyError(f"ARI {method} {path}: {type(exc).__name__} {exc}") from exc

    async def _exchange(self, connection, head: bytes, *, reused: bool) -> HttpReply:
        reader, writer = connection
        try:
            try:
                writer.write(head)
                status_line = await reader.readline()
            except OSError:
                if reused:
                    raise _StaleConnection() from None
                raise
            if not status_line:
                raise _StaleConnection() if reused else asyncio.IncompleteReadError(b"", None)
            status = int(status_line.split(b" ", 2)[1])
            length, chunked, keep_alive = 0, False, True
            while (line := await reader.readline()) not in (b"\r\n", b""):
                name, _, value = line.partition(b":")
                name = name.strip().lower()
                if name == b"content-length":
                    length = int(value)
                elif name == b"transfer-encoding":
                    chunked = b"chunked" in value.lower()
                elif name == b"connection":
                    keep_alive = b"close" not in value.lower()
            body = await self._read_chunked(reader) if chunked else await reader.readexactly(length)
        except BaseException:
            writer.close()
            raise
        if keep_alive:
            self._idle.append(connection)
        else:
            writer.close()
        return HttpReply(status, body)

    @staticmethod
    async def _read_chunked(reader: asyncio.StreamReader) -> bytes:
        parts = []
        while size := int((await reader.readline()).split(b";")[0], 16):
            parts.append(await reader.readexactly(size))
            await reader.readline()
        await reader.readline()
        return b"".join(parts)

    async def close(self) -> None:
        while self._idle:
            _, writer = self._idle.pop()
            writer.close()
