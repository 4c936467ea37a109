"""Where each stage's Parquet lives under --data-dir, and how it is written safely.

Layout (one folder per stage, one per published warehouse table):

    <data-dir>/ingest/documents.parquet, rejects.parquet
    <data-dir>/clean/articles.parquet, sources.parquet, rejects.parquet
    <data-dir>/extract/mentions.parquet, entities.parquet, event_mentions.parquet, events.parquet, rejects.parquet
    <data-dir>/<table>/<table>.parquet      (published by load: sources, articles, ...)

Every write goes to a temporary file in the same folder and is renamed over the target, so a
reader (or a crashed run) never sees half a file.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import polars as pl


@dataclass(frozen=True)
class DataDir:
    """Paths of every Parquet output under one data directory."""

    root: Path

    def stage(self, stage: str, name: str) -> Path:
        return self.root / stage / f"{name}.parquet"

    def table(self, table: str) -> Path:
        return self.root / table / f"{table}.parquet"


def write_parquet(frame: pl.DataFrame, path: Path) -> Path:
    """Write `frame` to `path` atomically (temporary file + rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=".parquet.tmp", dir=path.parent)
    os.close(fd)
    try:
        frame.write_parquet(tmp, compression="zstd", statistics=True)
        fd = os.open(tmp, os.O_RDONLY)
        try:
            os.fsync(fd)  # the rename must not reach the disk before the data (power loss)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return path


def read_parquet(path: Path, schema: dict) -> pl.DataFrame:
    """The frame at `path`, or an empty frame with `schema` when the file does not exist yet."""
    if not path.exists():
        return pl.DataFrame(schema=schema)
    return pl.read_parquet(path)


# Which stage outputs each warehouse table is loaded from (several files are unioned).
TABLE_INPUTS: dict[str, tuple[tuple[str, str], ...]] = {
    "sources": (("clean", "sources"),),
    "articles": (("clean", "articles"),),
    "entities": (("extract", "entities"),),
    "mentions": (("extract", "mentions"),),
    "events": (("extract", "events"),),
    "event_mentions": (("extract", "event_mentions"),),
    "rejects": (("ingest", "rejects"), ("clean", "rejects"), ("extract", "rejects")),
}
# The sort key each table is stored in, so a rebuild writes byte-identical Parquet.
TABLE_ORDER: dict[str, str] = {
    "sources": "source_id",
    "articles": "article_id",
    "entities": "entity_id",
    "mentions": "mention_id",
    "events": "event_id",
    "event_mentions": "event_mention_id",
    "rejects": "input_path, doc_id, stage, reason",
    "event_id_redirects": "redirect_id",
    "runs": "started_at, run_id",
}


def publish_folder(folder: Path, write: Callable[[Path], None]) -> Path:
    """Replace the folder `folder` as a whole by what `write(staging)` puts in a new folder.

    The new folder is built beside the old one and swapped in (atomically where the kernel has
    renameat2 RENAME_EXCHANGE), so readers globbing `<folder>/**/*.parquet` see the old or the
    new set of files, never a mix.
    """
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}-", suffix=".tmp", dir=folder.parent))
    try:
        write(staging)
        _swap_in(staging, folder)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    return folder


def _swap_in(staging: Path, folder: Path) -> None:
    """Replace `folder` by `staging`: atomically where the kernel offers renameat2(EXCHANGE),
    else by two renames (a reader may then find the folder missing for a moment)."""
    if folder.exists() and _exchange(staging, folder):
        shutil.rmtree(staging, ignore_errors=True)
        return
    retired = folder.with_name(f".{folder.name}-old-{os.getpid()}")
    if folder.exists():
        os.rename(folder, retired)
    os.rename(staging, folder)
    shutil.rmtree(retired, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    return renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0


def remove_stale_temporaries(folder: Path) -> None:
    """Delete temporary files and folders a killed run left behind (names start with '.' and end
    in '.tmp', or are retired folders '.<name>-old-<pid>')."""
    if not folder.exists():
        return
    for path in folder.rglob(".*"):
        if path.name.endswith(".tmp") or "-old-" in path.name:
            if path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)


CRASH_ENV = "DATELINE_CRASH_AT"


def crash_point(name: str) -> None:
    """Fault injection for the crash-safety tests: when DATELINE_CRASH_AT names this point, the
    process kills itself with SIGKILL here (no cleanup, no finally blocks, like a power cut)."""
    if os.environ.get(CRASH_ENV) == name:
        import signal

        os.kill(os.getpid(), signal.SIGKILL)


class WarehouseBusy(RuntimeError):
    """Another run holds the writer lock of this warehouse."""


class WriterLock:
    """One writer per warehouse: an exclusive flock on `<warehouse>.lock`.

    The kernel drops the lock when the holder dies (SIGKILL included), so a crashed run never
    leaves a stale lock. The file records the holder's pid and start time for the message.
    """

    # Locks this process holds (resolved path -> depth): re-entering is a no-op, so the CLI can
    # take the lock before Prefect starts and the flow can take it again for scheduled runs.
    _held: dict[Path, int] = {}

    def __init__(self, warehouse: Path, wait: bool = False):
        self.path = warehouse.with_name(warehouse.name + ".lock")
        self.wait = wait
        self._handle = None
        self._nested = False

    def __enter__(self) -> "WriterLock":
        import fcntl
        from datetime import datetime, timezone

        key = self.path.resolve()
        if WriterLock._held.get(key):
            WriterLock._held[key] += 1
            self._nested = True
            return self
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(self.path, "a+")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | (0 if self.wait else fcntl.LOCK_NB))
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            handle.close()
            raise WarehouseBusy(
                f"another dateline run ({holder}) is writing {self.path.with_suffix('')}; "
                "wait for it to finish or rerun with --wait"
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()} since {datetime.now(timezone.utc):%Y-%m-%d %H:%M:%S} UTC")
        handle.flush()
        self._handle = handle
        WriterLock._held[key] = 1
        return self

    def __exit__(self, *exc) -> None:
        import fcntl

        key = self.path.resolve()
        WriterLock._held[key] = WriterLock._held.get(key, 1) - 1
        if self._nested:
            self._nested = False
            return
        WriterLock._held.pop(key, None)
        if self._handle is not None:
            self._handle.seek(0)
            self._handle.truncate()
            fcntl.flock(self._handle, fcntl.LOCK_UN)
            self._handle.close()
            self._handle = None
