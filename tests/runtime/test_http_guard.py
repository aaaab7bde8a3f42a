"""The guarded HTTP client: real requests to a small server on 127.0.0.1, and refusals that never connect.

Only 127.0.0.1 is ever contacted. Requests to other addresses go to a RecordingTransport that sends
nothing, so a refusal is shown to happen before any connection attempt, and a guard bug could not send
traffic to a private network.
"""

from __future__ import annotations

import asyncio
import ipaddress
import json
import logging
import shutil
import ssl
import subprocess
import time

import httpx
import pytest

from flow_runtime.context import HttpTimeout, NodeError, TenantInfo
from flow_runtime.http_guard import GuardedHttpClient, is_allowed_by_tenant, is_public

SMALL_LIMIT = 1000


def tenant(*allowed_hosts: str) -> TenantInfo:
    return TenantInfo(id="t1", slug="org-1", name="Org", timezone="Europe/Moscow", locale="ru",
                      allowed_http_hosts=allowed_hosts)


class LocalHttpServer:
    """An HTTP/1.1 server on 127.0.0.1 with fixed routes; it records every connection and request.

    /json, /text, /echo (the request as JSON), /status/500, /redirect (302 to a private address),
    /big (2,000 bytes), /cookie (sets a cookie), /slow (never answers; waits for the client to leave).
    """

    def __init__(self) -> None:
        self.connections = 0
        self.requests: list[dict] = []
        self._server: asyncio.Server | None = None
        self._open: dict[asyncio.Task, asyncio.StreamWriter] = {}

    @property
    def port(self) -> int:
        return self._server.sockets[0].getsockname()[1]

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    async def start(self, tls: ssl.SSLContext | None = None) -> None:
        self._server = await asyncio.start_server(self._accept, "127.0.0.1", 0, ssl=tls)

    async def stop(self) -> None:
        self._server.close()
        # Closing a connection ends its handler's read, so every handler returns on its own.
        handlers = list(self._open)
        for writer in self._open.values():
            writer.close()
        await asyncio.gather(*handlers)
        await self._server.wait_closed()

    async def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self._open[asyncio.current_task()] = writer
        self.connections += 1
        try:
            request = await asyncio.wait_for(self._read_request(reader), 5)
            self.requests.append(request)
            if request["path"] == "/slow":
                await asyncio.wait_for(reader.read(), 5)  # returns when the client hangs up
                return
            writer.write(self._response(request))
            await writer.drain()
        except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, TimeoutError, ConnectionError):
            pass
        finally:
            writer.close()
            del self._open[asyncio.current_task()]

    @staticmethod
    async def _read_request(reader: asyncio.StreamReader) -> dict:
        head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1")
        request_line, *header_lines = head.strip().split("\r\n")
        method, path, _ = request_line.split(" ")
        headers = dict(line.split(": ", 1) for line in header_lines)
        headers = {name.lower(): value for name, value in headers.items()}
        body = await reader.readexactly(int(headers.get("content-length", 0)))
        return {"method": method, "path": path, "headers": headers, "body": body.decode()}

    def _response(self, request: dict) -> bytes:
        json_type = {"Content-Type": "application/json"}
        text_type = {"Content-Type": "text/plain; charset=utf-8"}
        status, headers, body = {
            "/json": (200, json_type, json.dumps({"data": {"items": [{"name": "Иван", "id": 7}, {"id": 8}]}})),
            "/text": (200, text_type, "hello"),
            "/echo": (200, json_type, json.dumps(request)),
            "/status/500": (500, json_type, '{"error": "boom"}'),
            "/broken-json": (200, json_type, '{"data": '),
            "/redirect": (302, {"Location": "http://10.0.0.1/"}, ""),
            "/big": (200, text_type, "x" * 2 * SMALL_LIMIT),
            "/cookie": (200, {**text_type, "Set-Cookie": "session=secret; Path=/"}, "set"),
        }.get(request["path"], (404, text_type, "not found"))
        payload = body.encode()
        lines = [f"HTTP/1.1 {status} X", f"Content-Length: {len(payload)}", "Connection: close"]
        lines += [f"{name}: {value}" for name, value in headers.items()]
        return ("\r\n".join(lines) + "\r\n\r\n").encode() + payload


@pytest.fixture(scope="module")
async def local_server():
    server = LocalHttpServer()
    await server.start()
    yield server
    await server.stop()


@pytest.fixture(scope="module")
async def guard():
    client = GuardedHttpClient(max_response_bytes=SMALL_LIMIT)
    yield client
    await client.aclose()


@pytest.fixture(scope="module")
async def tls_server(tmp_path_factory):
    """The same server over TLS with a self-signed certificate for "localhost" only; yields it and
    a client trusting that certificate."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl is needed to make a test certificate")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                    "-nodes", "-keyout", str(key), "-out", str(cert), "-days", "1", "-subj", "/CN=localhost",
                    "-addext", "subjectAltName=DNS:localhost"], check=True, capture_output=True)
    server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_context.load_cert_chain(cert, key)
    server = LocalHttpServer()
    await server.start(server_context)
    client = GuardedHttpClient(httpx.AsyncHTTPTransport(verify=ssl.create_default_context(cafile=str(cert))))
    yield server, client
    await client.aclose()
    await server.stop()


class RecordingTransport(httpx.AsyncBaseTransport):
    """Sends nothing: records each request and answers `reply` (200 by default)."""

    def __init__(self, reply: httpx.Response | None = None) -> None:
        self.requests: list[httpx.Request] = []
        self._reply = reply

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return self._reply or httpx.Response(200, text="fake")


@pytest.fixture
async def recording():
    transport = RecordingTransport()
    client = GuardedHttpClient(transport)
    yield client, transport
    await client.aclose()


async def test_loopback_refused_by_default(guard, local_server):
    connections = local_server.connections
    with pytest.raises(NodeError, match="internal address"):
        await guard.request(tenant(), "GET", local_server.url("/json"), {}, None, 5)
    assert local_server.connections == connections


@pytest.mark.parametrize("allowed", ["127.0.0.1", "*.example.com,127.0.0.1"])
async def test_allowed_host_is_reached_and_json_parsed(guard, local_server, allowed):
    response = await guard.request(tenant(*allowed.split(",")), "GET", local_server.url("/json"), {}, None, 5)
    assert response.status == 200
    assert response.body == {"data": {"items": [{"name": "Иван", "id": 7}, {"id": 8}]}}


async def test_text_and_broken_json_are_text(guard, local_server):
    allowed = tenant("127.0.0.1")
    assert (await guard.request(allowed, "GET", local_server.url("/text"), {}, None, 5)).body == "hello"
    assert (await guard.request(allowed, "GET", local_server.url("/broken-json"), {}, None, 5)).body == '{"data": '


async def test_request_carries_method_headers_body_and_host(guard, local_server):
    response = await guard.request(tenant("127.0.0.1"), "POST", local_server.url("/echo"),
                                   {"Authorization": "Bearer t0ken", "Content-Type": "application/json"},
                                   '{"name": "Пётр"}', 5)
    echoed = response.body
    assert (echoed["method"], echoed["path"], echoed["body"]) == ("POST", "/echo", '{"name": "Пётр"}')
    assert echoed["headers"]["authorization"] == "Bearer t0ken"
    assert echoed["headers"]["host"] == f"127.0.0.1:{local_server.port}"
    assert echoed["headers"]["connection"] == "close"
    assert echoed["headers"]["user-agent"] == "Voxflow"


async def test_nothing_secret_is_logged(guard, local_server, caplog):
    caplog.set_level(logging.DEBUG)
    secret_headers = {"Authorization": "Bearer s3cret-header"}
    await guard.request(tenant("127.0.0.1"), "POST", local_server.url("/json?token=s3cret-query"), secret_headers,
                        "s3cret-body", 5)
    with pytest.raises(NodeError):
        await guard.request(tenant(), "POST", local_server.url("/json?token=s3cret-query"), secret_headers,
                            "s3cret-body", 5)
    assert caplog.records and "s3cret" not in caplog.text


async def test_error_status_is_returned_not_raised(guard, local_server):
    response = await guard.request(tenant("127.0.0.1"), "GET", local_server.url("/status/500"), {}, None, 5)
    assert (response.status, response.body) == (500, {"error": "boom"})


async def test_redirect_is_not_followed(guard, local_server):
    before = len(local_server.requests)
    response = await guard.request(tenant("127.0.0.1"), "GET", local_server.url("/redirect"), {}, None, 5)
    assert response.status == 302
    assert len(local_server.requests) == before + 1


async def test_redirect_to_private_address_not_followed():
    transport = RecordingTransport(httpx.Response(302, headers={"Location": "http://10.0.0.1/admin"}))
    client = GuardedHttpClient(transport)
    response = await client.request(tenant(), "GET", "http://93.184.216.34/start", {}, None, 5)
    await client.aclose()
    assert response.status == 302
    assert [str(request.url) for request in transport.requests] == ["http://93.184.216.34/start"]


async def test_timeout(guard, local_server):
    started = time.monotonic()
    with pytest.raises(HttpTimeout):
        await guard.request(tenant("127.0.0.1"), "GET", local_server.url("/slow"), {}, None, 0.3)
    assert time.monotonic() - started < 2


async def test_oversized_response_refused(guard, local_server):
    with pytest.raises(NodeError, match="larger than 1000 bytes"):
        await guard.request(tenant("127.0.0.1"), "GET", local_server.url("/big"), {}, None, 5)


async def test_cookies_are_not_kept_between_requests(guard, local_server):
    allowed = tenant("127.0.0.1")
    await guard.request(allowed, "GET", local_server.url("/cookie"), {}, None, 5)
    echoed = (await guard.request(allowed, "GET", local_server.url("/echo"), {}, None, 5)).body
    assert "cookie" not in echoed["headers"]


@pytest.mark.parametrize("url", [
    "http://10.0.0.1/",
    "http://192.168.1.1:8080/",
    "http://169.254.169.254/latest/meta-data/",
    "http://[::1]/",
    "http://[::ffff:127.0.0.1]/",
    "http://[::ffff:10.0.0.1]/",
    "http://0.0.0.0/",
    "http://127.1/",  # short form of 127.0.0.1
    "http://100.64.0.1/",  # shared address space (carrier NAT)
    "http://224.0.0.1/",
    "http://[fe80::1]/",
    "http://[fc00::1]/",
    "http://[2002:7f00:1::]/",  # 6to4 carrying 127.0.0.1
    "http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/",  # Teredo
    "https://localhost/",  # a name resolving to loopback
])
async def test_non_public_addresses_refused_before_any_connection(recording, url):
    client, transport = recording
    with pytest.raises(NodeError, match="internal address"):
        await client.request(tenant(), "GET", url, {}, None, 5)
    assert transport.requests == []


@pytest.mark.parametrize("url", ["ftp://127.0.0.1/", "file:///etc/passwd", "gopher://127.0.0.1/", "not a url",
                                 "http:///no-host"])
async def test_non_http_urls_refused(recording, url):
    client, transport = recording
    with pytest.raises(NodeError, match="Only http"):
        await client.request(tenant("127.0.0.1"), "GET", url, {}, None, 5)
    assert transport.requests == []


async def test_request_goes_to_the_checked_address_with_the_name_in_host_and_sni(recording):
    client, transport = recording
    await client.request(tenant("localhost"), "GET", "https://LocalHost:8443/path?q=1", {"Host": "evil.example"},
                         None, 5)
    [sent] = transport.requests
    assert str(sent.url) == "https://127.0.0.1:8443/path?q=1"
    assert sent.headers["host"] == "localhost:8443"
    assert sent.extensions["sni_hostname"] == "localhost"


async def test_https_connects_to_the_address_but_checks_the_certificate_for_the_name(tls_server):
    server, client = tls_server
    response = await client.request(tenant("localhost"), "GET", f"https://localhost:{server.port}/echo", {}, None, 5)
    assert response.status == 200 and response.body["headers"]["host"] == f"localhost:{server.port}"
    # The same server by its address: the certificate does not name 127.0.0.1, so TLS fails.
    with pytest.raises(NodeError, match="CERTIFICATE_VERIFY_FAILED"):
        await client.request(tenant("127.0.0.1"), "GET", f"https://127.0.0.1:{server.port}/echo", {}, None, 5)


async def test_ipv4_mapped_public_address_is_used_as_ipv4(recording):
    client, transport = recording
    await client.request(tenant(), "GET", "http://[::ffff:93.184.216.34]/", {}, None, 5)
    assert transport.requests[0].url.host == "93.184.216.34"


@pytest.mark.parametrize("value", ["Иван", "a\r\nX-Injected: 1"])
async def test_unsendable_header_values_refused(guard, local_server, value):
    with pytest.raises(NodeError):
        await guard.request(tenant("127.0.0.1"), "GET", local_server.url("/echo"), {"X-Name": value}, None, 5)


@pytest.mark.parametrize(("host", "entries", "allowed"), [
    ("crm.example.com", ("crm.example.com",), True),
    ("CRM.Example.com", ("crm.example.COM.",), True),
    ("api.crm.example.com", ("*.example.com",), True),
    ("example.com", ("*.example.com",), False),
    ("evilexample.com", ("*.example.com",), False),
    ("crm.example.com.evil.net", ("crm.example.com",), False),
    ("crm.example.com", (), False),
])
def test_allowed_hosts_match_exactly_or_by_wildcard(host, entries, allowed):
    assert is_allowed_by_tenant(host.lower(), entries) is allowed


@pytest.mark.parametrize(("address", "public"), [
    ("93.184.216.34", True),
    ("2606:2800:220:1:248:1893:25c8:1946", True),
    ("2002:5db8:d822::1", True),  # 6to4 carrying a public address
    ("172.16.0.1", False),
    ("255.255.255.255", False),
    ("240.0.0.1", False),
    ("fec0::1", False),  # deprecated site-local
    ("ff02::1", False),
    ("::", False),
])
def test_public_addresses(address, public):
    assert is_public(ipaddress.ip_address(address)) is public
