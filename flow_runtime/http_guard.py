"""Outgoing HTTP for flows (the http_request node): to public addresses, or to hosts the tenant allowed.

A flow's author chooses the URL, so without a guard a flow could reach the platform's own network:
the cloud metadata service at 169.254.169.254, databases on 10.x, admin ports on localhost.

* Only http and https.
* The host is resolved once with the event loop's getaddrinfo and every address it resolves to must
  be public: not private, loopback, link-local, multicast, reserved, unspecified or shared
  (100.64.0.0/10), nor an IPv6 address carrying such an IPv4 one (IPv4-mapped, 6to4, Teredo).
  A host listed in the tenant's allowed_http_hosts ("crm.example.com", or "*.example.com" for its
  subdomains) skips this check: the tenant's admin vouched for it, e.g. for an on-premises CRM.
* DNS rebinding: the request goes to the address that was checked, not to the name, which could
  resolve elsewhere a moment later. The URL carries the address; the Host header carries the name,
  and for https so do TLS SNI and the certificate check (httpcore's "sni_hostname" extension).
  Every request says "Connection: close", because the connection pool knows connections by
  address: a kept-alive connection could otherwise serve another name on the same address
  without that name's certificate being checked.
* Redirects are not followed: a 3xx is the answer (its Location could point anywhere).
* The response body is read up to max_response_bytes, after content decoding; more is an error.
* One deadline covers resolving, connecting, sending and reading: HttpTimeout when it passes.
* Requests go straight to an httpx transport, without httpx.AsyncClient, which would log every URL
  (query tokens included) at INFO, keep cookies across tenants, and could follow redirects or
  use a proxy from the environment (a proxy resolves the name itself, behind the check's back).
* URLs, headers and bodies may carry tokens: nothing here logs or reports them, only the host.
"""

from __future__ import annotations

import asyncio
import ipaddress
import json
import logging
import socket
from dataclasses import dataclass
from typing import Any

import httpx

from flow_runtime.context import HttpResponse, HttpTimeout, NodeError, TenantInfo

logger = logging.getLogger(__name__)

MAX_RESPONSE_BYTES = 1_000_000
# Sent unless the flow sets them: some APIs refuse requests without a User-Agent.
DEFAULT_HEADERS = {"User-Agent": "Voxflow", "Accept": "*/*"}
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

# Any of these makes an address non-public (is_site_local exists on IPv6 addresses only).
_NON_PUBLIC_FLAGS = (
    "is_private", "is_loopback", "is_link_local", "is_multicast", "is_reserved", "is_unspecified", "is_site_local",
)


@dataclass(frozen=True)
class _Target:
    url: httpx.URL
    host: str  # ASCII (IDNA) form, lower case, without brackets or a trailing dot
    port: int


def _target(url: str) -> _Target:
    try:
        parsed = httpx.URL(url)
    except httpx.InvalidURL:
        parsed = None
    if parsed is None or parsed.scheme not in ("http", "https") or not parsed.raw_host:
        raise NodeError("Only http:// and https:// addresses can be called",
                        "Можно обращаться только к адресам http:// и https://")
    host = parsed.raw_host.decode("ascii").lower().rstrip(".")
    return _Target(parsed, host, parsed.port or (443 if parsed.scheme == "https" else 80))


def is_allowed_by_tenant(host: str, allowed_hosts: tuple[str, ...]) -> bool:
    """Exact names match themselves; "*.example.com" matches its subdomains, not example.com itself."""
    for entry in allowed_hosts:
        entry = entry.lower().rstrip(".")
        if entry.startswith("*."):
            if host.endswith(entry[1:]):  # "*.example.com" → ".example.com"
                return True
        elif host == entry:
            return True
    return False


def is_public(address: IPAddress) -> bool:
    """Whether an address is on the public internet, IPv4 addresses inside IPv6 ones included."""
    # is_global also leaves out the shared 100.64.0.0/10, which none of the flags covers.
    if not address.is_global or any(getattr(address, flag, False) for flag in _NON_PUBLIC_FLAGS):
        return False
    if isinstance(address, ipaddress.IPv6Address):
        embedded = [address.sixtofour, *(address.teredo or ())]
        return all(is_public(inner) for inner in embedded if inner is not None)
    return True


async def _resolve(host: str, port: int) -> list[IPAddress]:
    """The addresses of a name (an IP literal resolves to itself, without any traffic)."""
    try:
        infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror:
        raise NodeError(f"Host {host} not found", f"Узел {host} не найден") from None
    addresses = []
    for *_, sockaddr in infos:
        address = ipaddress.ip_address(sockaddr[0])
        # An IPv4-mapped address (::ffff:127.0.0.1) is that IPv4 address: check and connect to it as such.
        mapped = getattr(address, "ipv4_mapped", None)
        addresses.append(mapped or address)
    return addresses


async def _checked_address(tenant: TenantInfo, target: _Target) -> IPAddress:
    """The address to connect to, refusing a non-public host the tenant did not allow."""
    addresses = await _resolve(target.host, target.port)
    # Every address, not only the one used: which one comes first is up to the DNS server.
    if not is_allowed_by_tenant(target.host, tenant.allowed_http_hosts) and not all(map(is_public, addresses)):
        logger.warning("tenant %s: refused HTTP request to non-public host %s", tenant.slug, target.host)
        raise NodeError(
            f"{target.host} is an internal address; the organisation's admin can allow it in the settings",
            f"{target.host} — внутренний адрес; администратор организации может разрешить его в настройках",
        )
    return addresses[0]


def _decoded_body(response: httpx.Response, content: bytes) -> Any:
    """Parsed JSON when the response says it is JSON (and is), else the text."""
    text = content.decode(response.encoding or "utf-8", errors="replace")
    media_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
    if media_type == "application/json" or media_type.endswith("+json"):
        try:
            return json.loads(text)
        except (ValueError, RecursionError):  # RecursionError: [[[[…]]]] nested deeper than Python's stack
            return text
    return text


class GuardedHttpClient:
    """RuntimeServices.http_request for flows. One instance serves all tenants; aclose() when done."""

    def __init__(self, transport: httpx.AsyncBaseTransport | None = None,
                 max_response_bytes: int = MAX_RESPONSE_BYTES) -> None:
        self._max_response_bytes = max_response_bytes
        # Requests carry no httpx timeouts: request() puts one deadline on the whole exchange instead.
        self._transport = transport or httpx.AsyncHTTPTransport()

    async def aclose(self) -> None:
        await self._transport.aclose()

    async def request(self, tenant: TenantInfo, method: str, url: str, headers: dict[str, str],
                      body: str | None, timeout: float) -> HttpResponse:
        target = _target(url)
        try:
            async with asyncio.timeout(timeout):
                address = await _checked_address(tenant, target)
                return await self._send(method, target, address, headers, body)
        except TimeoutError:
            raise HttpTimeout(f"No response from {target.host} within {timeout:g} s",
                              f"Нет ответа от {target.host} за {timeout:g} с") from None
        except (httpx.HTTPError, httpx.InvalidURL) as error:
            # httpx's messages name the error and at most the address, never the URL's path or query.
            raise NodeError(f"Request to {target.host} failed: {error}",
                            f"Запрос к {target.host} не удался: {error}") from None

    async def _send(self, method: str, target: _Target, address: IPAddress, headers: dict[str, str],
                    body: str | None) -> HttpResponse:
        try:
            request_headers = httpx.Headers(headers)
        except UnicodeEncodeError:
            raise NodeError("Header values must be ASCII (Latin letters, digits, punctuation)",
                            "Значения заголовков должны быть в ASCII (латиница, цифры, знаки)") from None
        for name, value in DEFAULT_HEADERS.items():
            request_headers.setdefault(name, value)
        request_headers["Host"] = target.url.netloc.decode("ascii")
        request_headers["Connection"] = "close"
        request = httpx.Request(
            method,
            target.url.copy_with(host=str(address)),
            headers=request_headers,
            content=None if body is None else body.encode(),
            extensions={"sni_hostname": target.host} if target.url.scheme == "https" else {},
        )
        response = await self._transport.handle_async_request(request)
        try:
            content = bytearray()
            async for chunk in response.aiter_bytes():
                content += chunk
                if len(content) > self._max_response_bytes:
                    raise NodeError(
                        f"Response from {target.host} is larger than {self._max_response_bytes} bytes",
                        f"Ответ от {target.host} больше {self._max_response_bytes} байт",
                    )
            return HttpResponse(response.status_code, _decoded_body(response, bytes(content)))
        finally:
            await response.aclose()
