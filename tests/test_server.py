"""flows/server.py: `dateline run` starts Prefect's temporary server itself, first thing, and no
server (nor spaCy worker) outlives the run, even one killed with SIGKILL."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from flows.storage import CRASH_ENV
from transforms.settings import SAMPLE_DIR

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="needs Linux /proc")]

ROOT = Path(__file__).resolve().parent.parent


def _servers_marked(mark: str, command: bytes = b"prefect.server.api.server:create_app") -> list[int]:
    """Pids of live Prefect server processes (or others whose command line holds `command`)
    whose environment carries `mark`."""
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes()
            environ = (entry / "environ").read_bytes()
            state = next((l for l in (entry / "status").read_text().splitlines() if l.startswith("State:")), "")
        except OSError:
            continue
        if command in cmdline and mark.encode() in environ and "zombie" not in state:
            pids.append(int(entry.name))
    return pids


def _run(tmp_path: Path, mark: str, crash: str | None = None, processes: int = 1,
         inputs: Path = SAMPLE_DIR) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("PREFECT_API_URL", CRASH_ENV)}
    env.update({"DATELINE_TEST_MARK": mark, "PREFECT_HOME": str(tmp_path / "prefect-home")})
    if crash:
        env[CRASH_ENV] = crash
    # Output to files, not pipes: a server that outlived the run would hold a pipe open forever.
    with open(tmp_path / "out.txt", "w") as out, open(tmp_path / "err.txt", "w") as err:
        code = subprocess.run([sys.executable, "-m", "flows.cli", "run", str(inputs), "--warehouse",
                               str(tmp_path / "w.duckdb"), "--data-dir", str(tmp_path / "data"), "--processes", str(processes)],
                              cwd=ROOT, env=env, stdout=out, stderr=err, timeout=600).returncode
    return subprocess.CompletedProcess([], code, (tmp_path / "out.txt").read_text(), (tmp_path / "err.txt").read_text())


def _gone(mark: str, seconds: float = 10) -> bool:
    deadline = time.monotonic() + seconds
    while _servers_marked(mark) and time.monotonic() < deadline:
        time.sleep(0.2)
    return not _servers_marked(mark)


def test_a_run_without_a_configured_server_starts_and_stops_its_own(tmp_path):
    mark = uuid.uuid4().hex
    done = _run(tmp_path, mark)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "checks   all passed" in done.stdout
    assert (tmp_path / "prefect-home" / "prefect.db").exists()  # the run was recorded by our server
    assert "leaked" not in done.stderr  # no native-extension leak noise at exit
    assert _gone(mark)


def test_a_killed_run_leaves_no_server_behind(tmp_path):
    mark = uuid.uuid4().hex
    done = _run(tmp_path, mark, crash="after-ingest")
    assert done.returncode == -9
    try:
        assert _gone(mark), "the temporary server outlived a run killed with SIGKILL"
    finally:
        for pid in _servers_marked(mark):
            os.kill(pid, 9)


def test_a_server_named_in_the_users_profile_is_used_instead(tmp_path, monkeypatch):
    # The CLI launches its temporary server before it reads Prefect's settings; when a profile
    # names the user's own server, the run goes there and the temporary one is stopped.
    import sqlite3

    from flows import server

    monkeypatch.setenv("PREFECT_HOME", str(tmp_path / "user-home"))
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    users = server.TemporaryServer()
    try:
        users.wait_ready(90)
        home = tmp_path / "prefect-home"
        home.mkdir()
        (home / "profiles.toml").write_text(f'active = "mine"\n\n[profiles.mine]\nPREFECT_API_URL = "{users.api_url}"\n')
        mark = uuid.uuid4().hex
        done = _run(tmp_path, mark)
        assert done.returncode == 0, done.stderr[-3000:]
        assert "checks   all passed" in done.stdout
        with sqlite3.connect(tmp_path / "user-home" / "prefect.db") as db:
            names = {name for (name,) in db.execute("select f.name from flow_run r join flow f on f.id = r.flow_id")}
        assert {"dateline", "extract"} <= names
        assert _gone(mark)
    finally:
        users.stop()


# The spaCy workers, the fork server they come from and multiprocessing's resource tracker.
WORKER_COMMAND = b"from multiprocessing."


def test_a_killed_run_leaves_no_spacy_workers_behind(tmp_path):
    # Killed (SIGKILL) after clean, when the fork server and the two spaCy workers it forked
    # are running: the workers notice the run is gone and exit, then the fork server does,
    # instead of waiting for work forever.
    import threading

    mark = uuid.uuid4().hex
    seen: list[int] = []
    stop = threading.Event()

    def watch() -> None:
        while not stop.is_set():
            seen.append(len(_servers_marked(mark, b"multiprocessing.forkserver")))
            time.sleep(0.2)

    # Enough documents that clean runs in the two workers, so they exist before the kill.
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    with open(inputs / "news.jsonl", "w") as f:
        for i in range(240):
            f.write(json.dumps({"id": f"n{i}", "title": f"Talks, day {i}",
                                "text": f"Delegates from Norway and Chile met in Oslo on day {i} to discuss "
                                        "fishing quotas. Both sides said the talks would go on."}) + "\n")
    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    try:
        done = _run(tmp_path, mark, crash="after-clean", processes=2, inputs=inputs)
    finally:
        stop.set()
        watcher.join()
    assert done.returncode == -9
    assert max(seen, default=0) >= 3, "the fork server and two workers were never seen: nothing was tested"
    deadline = time.monotonic() + 30
    while _servers_marked(mark, WORKER_COMMAND) and time.monotonic() < deadline:
        time.sleep(0.2)
    left = _servers_marked(mark, WORKER_COMMAND)
    for pid in left:
        os.kill(pid, 9)
    assert not left, "spaCy workers outlived a run killed with SIGKILL"
