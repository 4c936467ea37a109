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
import tempfile
from dataclasses import dataclass
from pathlib import Path

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
    "runs": "started_at, run_id",
}
