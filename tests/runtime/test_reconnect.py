"""The ARI adapter survives a dropped events connection: it reconnects with backoff, ends the calls whose
channels vanished meanwhile (recording them), and takes new calls again."""

from __future__ import annotations

import asyncio
import contextlib

from pydantic import SecretStr

from flow_runtime.process import running_runtime
from tests.flows.graphs import edge, node
from tests.conftest import SANDBOX_PASSWORD
from tests.runtime.conftest import ended, played_texts, publish_on_number, wait_until
from tests.runtime.test_calls_end_to_end import record_of, tts

APP = "voxflow-reconnect"


class CuttableProxy:
    """A loopback TCP proxy in front of the sandbox whose connections can be cut and whose port can stop
    accepting for a while: a network drop, as the runtime sees it."""

    def __init__(self, target_port: int) -> None:
        self.target_port = target_port
        self.port = 0
        self._server: asyncio.Server | None = None
        self._writers: set[asyncio.StreamWriter] = set()

    async def start(self) -> None:
        self._server = await asyncio.start_server(self._accept, "127.0.0.1", self.port)
        self.port = self._server.sockets[0].getsockname()[1]

    async def _accept(self, reader, writer) -> None:
        try:
            upstream_reader, upstream_writer = await asyncio.open_connection("127.0.0.1", self.target_port)
        except OSError:
            writer.close()
            return
        self._writers |= {writer, upstream_writer}

        async def pipe(source, sink):
            with contextlib.suppress(OSError, asyncio.CancelledError):
                while data := await source.read(65536):
                    sink.write(data)
                    await sink.drain()
            sink.close()

        await asyncio.gather(pipe(reader, upstream_writer), pipe(upstream_reader, writer))

    async def cut_and_refuse(self) -> None:
        self._server.close()
        for writer in list(self._writers):
            writer.close()
        self._writers.clear()
        await self._server.wait_closed()

    async def close(self) -> None:
        await self.cut_and_refuse()


def waiting_flow() -> dict:
    return {"nodes": [node("start", "start", trigger="inbound_number"), node("answer", "answer"),
                      node("menu", "menu", prompt=tts("Ждём нажатия."), keys=["1"], timeout=60, retries=0),
                      node("bye", "hangup")],
            "edges": [edge("start", "next", "answer"), edge("answer", "next", "menu"), edge("menu", "1", "bye"),
                      edge("menu", "timeout", "bye"), edge("menu", "invalid", "bye")]}


async def test_reconnects_with_backoff_and_reconciles_vanished_calls(app, settings, sandbox, control, make_tenant):
    proxy = CuttableProxy(int(sandbox.base_url.rstrip("/").rsplit(":", 1)[1]))
    await proxy.start()
    runtime_settings = settings.model_copy(update={
        "ari_url": f"http://127.0.0.1:{proxy.port}", "ari_user": sandbox.config.user,
        "ari_password": SecretStr(SANDBOX_PASSWORD), "ari_app": APP})
    tenant = await make_tenant()
    _, number = await publish_on_number(tenant, waiting_flow())
    try:
        async with running_runtime(runtime_settings, sandbox_control=True, connect_database=False) as running:
            channel = await control.place_call(number, "79160000001", app=APP, args=["inbound", number])

            async def waiting_in_menu():
                return "Ждём нажатия." in await played_texts(control, channel)
            await wait_until(waiting_in_menu)

            await proxy.cut_and_refuse()
            await control.hang_up(channel)  # the caller leaves while the runtime cannot hear it
            await asyncio.sleep(1.5)  # a few refused reconnection attempts
            assert not running.telephony.connected.is_set()
            await proxy.start()  # same port again

            async def reconnected():
                return running.telephony.connected.is_set()
            await wait_until(reconnected, timeout=20)
            assert running.telephony.reconnects >= 2  # it backed off and tried again

            record = await record_of(channel)
            assert record.end_reason == "caller_hangup"

            second = await control.place_call(number, "79160000002", app=APP, args=["inbound", number])
            await wait_until(lambda: _played(control, second))
            await control.press(second, "1")
            await wait_until(lambda: ended(control, second))
            assert (await record_of(second)).end_reason == "completed"
    finally:
        await proxy.close()


async def _played(control, channel: str) -> bool:
    return bool(await played_texts(control, channel))
