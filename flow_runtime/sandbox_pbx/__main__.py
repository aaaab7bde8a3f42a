"""``python -m flow_runtime.sandbox_pbx``: serve a sandbox PBX until interrupted."""

from __future__ import annotations

import argparse
import contextlib
import secrets
import sys
from pathlib import Path

import uvicorn

from .config import SandboxConfig
from .server import uvicorn_config


def parse_config(argv: list[str] | None = None) -> SandboxConfig:
    defaults = SandboxConfig()
    parser = argparse.ArgumentParser(prog="python -m flow_runtime.sandbox_pbx", description=__doc__)
    parser.add_argument("--host", default=defaults.host)
    parser.add_argument("--port", type=int, default=defaults.port)
    parser.add_argument("--user", default=defaults.user)
    parser.add_argument("--password", help="ARI password (default: a random one, printed at start)")
    parser.add_argument("--app", default=defaults.app, help="Stasis app inbound test calls enter by default")
    parser.add_argument("--time-scale", type=float, default=defaults.time_scale,
                        help="real seconds per simulated second (0.01 = 100x faster)")
    parser.add_argument("--recordings-dir", type=Path, default=defaults.recordings_dir)
    parser.add_argument("--default-media-seconds", type=float, default=defaults.default_media_seconds,
                        help="how long a sound: prompt plays unless its duration was registered")
    args = parser.parse_args(argv)
    return SandboxConfig(host=args.host, port=args.port, user=args.user,
                         password=args.password or secrets.token_urlsafe(12), app=args.app,
                         time_scale=args.time_scale, recordings_dir=args.recordings_dir,
                         default_media_seconds=args.default_media_seconds)


def main(argv: list[str] | None = None) -> None:
    config = parse_config(argv)
    # A generated password is shown so a person can use it; one that was given stays out of the log.
    shown = "(as given)" if "--password" in (argv if argv is not None else sys.argv) else repr(config.password)
    print(f"Sandbox PBX: ARI at http://{config.host}:{config.port}/ari  user {config.user!r} "
          f"password {shown}  app {config.app!r}  time scale {config.time_scale}", flush=True)
    with contextlib.suppress(KeyboardInterrupt):  # Ctrl-C is how it is meant to stop
        uvicorn.Server(uvicorn_config(config)).run()


if __name__ == "__main__":
    main()
