"""Stopping the long-lived processes (Prefect servers, `dateline serve`) that the reliability
tests and benchmarks/reliability.py start in their own process groups."""

from __future__ import annotations

import os
import signal
import subprocess


def stop_group(process: subprocess.Popen, timeout: float) -> None:
    """Ctrl-C to the process's group (so Prefect pauses its deployments and stops cleanly); after
    `timeout` seconds, SIGKILL."""
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGINT)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
