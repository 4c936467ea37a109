"""Prefect's temporary API server, started by `dateline run` before anything else.

Without PREFECT_API_URL, Prefect starts a temporary server (a uvicorn subprocess over SQLite in
PREFECT_HOME) on the first flow call, after the flow's imports, and waits for it: 4-9 s on
these machines, during which one core idles, plus about 4 s to import the server's code into
the calling process just to launch it (../shared/research/stack.md, 2.2). `temporary_server`
launches the same command at the start of the CLI, so it boots while Python imports the
pipeline and the spaCy workers load the model, and hands its URL to Prefect through
`temporary_settings`, so Prefect uses it instead of starting one of its own.

A configured server (PREFECT_API_URL, or a profile that sets it) is used as it is. The
server process is stopped when the run ends, and (on Linux) also when the CLI process dies
without cleaning up, even by SIGKILL, so killed runs leave no server behind.
"""

import contextlib
import os
import random
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

# Environment the temporary server runs with: no UI, Prefect's own ephemeral markers, and no
# block-type registration (it imports every installed Prefect collection, such as prefect-dask
# and Dask, to hash their block types: 0.8 s of the server's start; dateline uses no blocks).
SERVER_ENV = {"PREFECT_UI_ENABLED": "0", "PREFECT__SERVER_EPHEMERAL": "1", "PREFECT__SERVER_FINAL": "1",
              "PREFECT_SERVER_REGISTER_BLOCKS_ON_START": "false",
              "PREFECT_SERVER_MEMOIZE_BLOCK_AUTO_REGISTRATION": "false"}
PORTS = range(8000, 9000)


def configured_api_url() -> str | None:
    """The API URL the user configured (environment or Prefect profile), if any."""
    from prefect.settings import get_current_settings

    return get_current_settings().api.url


def _free_port() -> int:
    for _ in range(20):
        port = random.choice(PORTS)
        with contextlib.closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free local port for Prefect's temporary server in 8000-8999; set PREFECT_API_URL "
                       "to a running `prefect server start`")


def _die_with_parent() -> None:  # pragma: no cover - runs in the child between fork and exec
    """Linux: the server gets SIGTERM when the dateline process dies (PR_SET_PDEATHSIG)."""
    import ctypes

    ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)


def _launch(port: int) -> subprocess.Popen:
    """The server process. Prefect is not imported here (2 s): the server finds its package
    on its own, and reads the same settings (environment, profile, prefect.toml) as we do."""
    import importlib.util

    prefect_dir = Path(importlib.util.find_spec("prefect").origin).parent
    command = [sys.executable, "-m", "uvicorn", "--app-dir", str(prefect_dir.parent), "--factory",
               "prefect.server.api.server:create_app", "--host", "127.0.0.1", "--port", str(port),
               "--log-level", "error", "--lifespan", "on"]
    env = {**os.environ, **SERVER_ENV}
    env.pop("PREFECT_API_URL", None)
    return subprocess.Popen(command, env=env, stdin=subprocess.DEVNULL,
                            preexec_fn=_die_with_parent if sys.platform.startswith("linux") else None)


class TemporaryServer:
    """A Prefect API server subprocess on a free loopback port."""

    def __init__(self) -> None:
        self.port = _free_port()
        self.process = _launch(self.port)

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api"

    def wait_ready(self, timeout: float) -> None:
        """Block until /api/health answers; a server that exits or never answers is an error
        naming the fix."""
        import httpx

        deadline, retried = time.monotonic() + timeout, False
        with httpx.Client() as client:
            while time.monotonic() < deadline:
                if self.process.poll() == 3 and not retried:  # uvicorn: the port was taken meanwhile
                    self.port, retried = _free_port(), True
                    self.process = _launch(self.port)
                    continue
                if self.process.poll() is not None:
                    raise RuntimeError(
                        f"Prefect's temporary server exited with code {self.process.returncode} while starting; "
                        "check PREFECT_HOME is writable, or start `prefect server start` and set PREFECT_API_URL")
                try:
                    if client.get(f"{self.api_url}/health", timeout=2).status_code == 200:
                        return
                except httpx.HTTPError:
                    pass
                time.sleep(0.1)
        raise RuntimeError(f"Prefect's temporary server did not answer within {timeout:.0f} s; raise "
                           "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS or set PREFECT_API_URL")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


@contextlib.contextmanager
def temporary_server() -> "Iterator[TemporaryServer | None]":
    """Start the temporary server now (None when PREFECT_API_URL is set); stop it on exit.
    Hand it to `using` around the flow call.

    The server is launched before Prefect's settings are read (importing them takes 2 s, a
    quarter of the server's start); `using` stops it again if they name a server of the user's
    (in a profile or prefect.toml)."""
    if os.environ.get("PREFECT_API_URL"):
        yield
        return
    server = TemporaryServer()
    try:
        yield server
    finally:
        server.stop()


@contextlib.contextmanager
def using(server: "TemporaryServer | None") -> Iterator[None]:
    """Prefect settings for one CLI run: the API at `server` (once it answers; the configured one
    when None), and no flow-run heartbeats. Heartbeats let a long-lived server mark runs of
    deployments crashed; a CLI run reports its own end, and each sync flow call would wait up
    to a second at exit for the heartbeat thread (stack.md 2.3), five flows per run."""
    from prefect.settings import (PREFECT_API_URL, PREFECT_FLOWS_HEARTBEAT_FREQUENCY,
                                  PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS, temporary_settings)

    updates = {PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}
    if server is not None and configured_api_url():
        server.stop()  # the user's own server, named in a profile or prefect.toml
    elif server is not None:
        server.wait_ready(PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS.value())
        updates[PREFECT_API_URL] = server.api_url
    with temporary_settings(updates=updates):
        try:
            yield
        finally:
            _drain_prefect_workers()


def _drain_prefect_workers(timeout: float = 10) -> None:
    """Send Prefect's queued logs and events while the server still runs (at interpreter exit,
    after the server stopped, they fail with "All connection attempts failed")."""
    from prefect.events.worker import EventsWorker
    from prefect.logging.handlers import APILogWorker

    for worker in (APILogWorker, EventsWorker):
        worker.drain_all(timeout=timeout)
