"""``python -m flow_runtime``: one runtime process, connected to Asterisk's ARI as one Stasis app.

Several can run at once against the same or different Asterisk servers; what they share (call
counters, limits, the outbound dialer's schedule) lives in Redis."""

from __future__ import annotations

import argparse
import asyncio
import logging
import signal

from backend.settings import get_settings
from flow_runtime.process import running_runtime


async def serve(sandbox_control: bool, dialer: bool | None) -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    settings = get_settings()
    async with running_runtime(settings, sandbox_control=sandbox_control, dialer=dialer):
        logging.getLogger("flow_runtime").info("runtime connected to %s as app %s", settings.ari_url,
                                               settings.ari_app)
        await stop.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sandbox", action="store_true",
                        help="the ARI server is Voxflow's sandbox PBX: tell it what synthesised prompts say")
    parser.add_argument("--no-dialer", action="store_true",
                        help="do not work outbound campaigns in this process (also VOXFLOW_DIALER=off)")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    # httpx logs every URL at INFO, and asyncswagger11 puts the ARI credentials in the events URL.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    # asyncari warns about every WebSocket keep-alive ping it does not expect.
    logging.getLogger("asyncari.client").setLevel(logging.ERROR)
    asyncio.run(serve(args.sandbox, False if args.no_dialer else None))


if __name__ == "__main__":
    main()
