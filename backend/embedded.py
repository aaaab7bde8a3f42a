"""Embedded servers for a machine with nothing set up: the MongoDB wire-protocol server (secantusdb) and
redis-server, each a child process on a free loopback port. Used by ``make run`` and by the tests."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for_port(port: int, process: subprocess.Popen, name: str, timeout: float, log: Path) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{name} exited with {process.returncode}; see {log}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    process.kill()
    raise RuntimeError(f"{name} did not listen on port {port} within {timeout} s; see {log}")


@dataclass
class ChildServer:
    name: str
    url: str
    process: subprocess.Popen

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def _spawn(name: str, command: list[str], port: int, log: Path, timeout: float = 30) -> subprocess.Popen:
    log.parent.mkdir(parents=True, exist_ok=True)
    with open(log, "ab") as out:
        # A new session: Ctrl-C in the terminal reaches the launcher, which stops children in order.
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    _wait_for_port(port, process, name, timeout, log)
    return process


def start_mongo(storage: Path | None, log_dir: Path, port: int | None = None) -> ChildServer:
    """secantusd-py on loopback; ``storage=None`` keeps everything in memory (tests)."""
    port = port or free_port()
    binary = Path(sys.executable).with_name("secantusd-py")
    if not binary.exists():
        raise RuntimeError("secantusd-py is missing: install the package with the 'embedded' extra")
    if storage is not None:
        storage.mkdir(parents=True, exist_ok=True)
    command = [str(binary), "--host", "127.0.0.1", "--port", str(port),
               "--storage-path", str(storage) if storage is not None else ":memory:"]
    process = _spawn("secantusd-py", command, port, log_dir / "mongo.log")
    return ChildServer("mongo", f"mongodb://127.0.0.1:{port}", process)


def start_redis(data_dir: Path | None, log_dir: Path, port: int | None = None) -> ChildServer:
    """redis-server on loopback; ``data_dir=None`` keeps nothing on disk (tests)."""
    port = port or free_port()
    binary = shutil.which("redis-server")
    if binary is None:
        raise RuntimeError("redis-server is missing: run scripts/bootstrap.sh (it installs Debian's redis-server)")
    command = [binary, "--bind", "127.0.0.1", "--port", str(port), "--protected-mode", "yes", "--daemonize", "no"]
    if data_dir is None:
        command += ["--save", "", "--appendonly", "no"]
    else:
        data_dir.mkdir(parents=True, exist_ok=True)
        command += ["--dir", str(data_dir.resolve()), "--appendonly", "yes", "--save", "60 1"]
    process = _spawn("redis-server", command, port, log_dir / "redis.log")
    return ChildServer("redis", f"redis://127.0.0.1:{port}/0", process)


def start_python_module(name: str, module: str, args: list[str], port: int | None, log_dir: Path,
                        env: dict[str, str] | None = None) -> ChildServer:
    """Another Voxflow process (the sandbox PBX, a runtime) as a child; ``port``: wait until it listens."""
    log = log_dir / f"{name}.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    with open(log, "ab") as out:
        process = subprocess.Popen([sys.executable, "-m", module, *args], stdout=out, stderr=subprocess.STDOUT,
                                   start_new_session=True, env={**os.environ, **(env or {})})
    if port is not None:
        _wait_for_port(port, process, name, 30, log)
    return ChildServer(name, f"http://127.0.0.1:{port}" if port else "", process)


def export_urls(mongo: ChildServer | None, redis: ChildServer | None) -> None:
    if mongo:
        os.environ["VOXFLOW_MONGODB_URL"] = mongo.url
    if redis:
        os.environ["VOXFLOW_REDIS_URL"] = redis.url
