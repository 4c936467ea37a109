"""The per-article NLP cache: articles whose text did not change skip spaCy on later runs.

Each article is keyed by `nlp_key` = sha256(code version, article_id, publication date, title, body):
the version hashes the code and reference data that shape the NLP output (transforms/*.py,
seeds/*.csv, the spaCy and model versions), so a change to any of them re-parses everything
and an unchanged article is never parsed twice.

Layout, one folder per code version (older versions are deleted when a new one starts):

    <data-dir>/extract/nlp-cache/<version>/mentions-<part>.parquet   raw mentions of one batch
    <data-dir>/extract/nlp-cache/<version>/events-<part>.parquet     raw event mentions of one batch
    <data-dir>/extract/nlp-cache/<version>/tones-<part>.parquet      article tones (VADER) of one batch
    <data-dir>/extract/nlp-cache/<version>/keys-<part>.parquet       (article_id, nlp_key) of the batch

The keys file is written last, so a batch that crashed half-way is simply parsed again. Rows
carry `nlp_key` and `cache_row` (their order in the batch): readers keep only the keys still
wanted (a changed article leaves stale rows behind, which are ignored) and restore the order
the NLP produced, so the resolved output does not depend on which batch an article was in.
"""

from __future__ import annotations

import functools
import hashlib
import shutil
from pathlib import Path

import polars as pl

from flows.storage import write_parquet
from transforms import settings

KEY_SCHEMA = {"article_id": pl.String, "nlp_key": pl.String}
# Bumped when the files of a cache folder change (2: tones-<part>.parquet added), so a cache
# written by an older dateline is never read as if it had them.
CACHE_LAYOUT = 2


@functools.cache
def code_version() -> str:
    """Hash of everything the NLP output depends on besides the article itself."""
    digest = hashlib.sha256(f"cache layout {CACHE_LAYOUT}".encode())
    files = sorted((settings.PROJECT_ROOT / "transforms").glob("*.py")) + sorted(settings.SEEDS_DIR.glob("*.csv"))
    for path in files:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    # Versions from package metadata: importing spaCy here would cost a no-op run 1.5 s.
    digest.update(f"spacy {_package_version('spacy')} {settings.SPACY_MODEL} {_package_version(settings.SPACY_MODEL)}".encode())
    return digest.hexdigest()[:16]


def _package_version(name: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return "unknown"


def keyed(articles: pl.DataFrame, version: str) -> pl.DataFrame:
    """`articles` with an `nlp_key` column (one per article)."""
    dates = [p.date().isoformat() if p is not None else "" for p in articles["published_at"].to_list()]
    # Headlines are parsed too (mentions.in_title), so a changed title is a changed article.
    titles = articles["title"].to_list() if "title" in articles.columns else [None] * articles.height
    keys = [
        hashlib.sha256("\0".join((version, article_id, date, title or "", body)).encode()).hexdigest()[:32]
        for article_id, date, title, body in zip(articles["article_id"].to_list(), dates, titles,
                                                 articles["body"].to_list())
    ]
    return articles.with_columns(nlp_key=pl.Series(keys, dtype=pl.String))


def folder(data_dir: Path, version: str) -> Path:
    return data_dir / "extract" / "nlp-cache" / version


def prune(data_dir: Path, version: str) -> None:
    """Delete the cache folders of other code versions (their rows can never be used again)."""
    root = folder(data_dir, version).parent
    if root.exists():
        for old in root.iterdir():
            if old.is_dir() and old.name != version:
                shutil.rmtree(old, ignore_errors=True)


def cached_keys(cache: Path) -> pl.DataFrame:
    """(article_id, nlp_key) of every complete batch in the cache."""
    if not any(cache.glob("keys-*.parquet")):
        return pl.DataFrame(schema=KEY_SCHEMA)
    return pl.read_parquet(cache / "keys-*.parquet").unique()


def write_batch(cache: Path, keys: pl.DataFrame, mentions: pl.DataFrame, events: pl.DataFrame,
                tones: pl.DataFrame) -> None:
    """Store one batch's NLP output; `keys` is (article_id, nlp_key) of every article in it,
    including those with no mention or event (so they are not parsed again); `tones` has one
    row per article."""
    part = hashlib.sha256("".join(keys["nlp_key"].to_list()).encode()).hexdigest()[:16]
    by_article = keys.select("article_id", "nlp_key")
    for name, frame in (("mentions", mentions), ("events", events), ("tones", tones)):
        rows = frame.with_row_index("cache_row").join(by_article, on="article_id", how="left")
        write_parquet(rows, cache / f"{name}-{part}.parquet")
    write_parquet(by_article, cache / f"keys-{part}.parquet")


def cached_rows(cache: Path, name: str, wanted: pl.DataFrame, schema: dict) -> pl.DataFrame:
    """Cached `name` rows ("mentions" or "events") of the wanted (article_id, nlp_key) pairs,
    in article order and in the order the NLP produced them within an article."""
    # Only batches whose keys file exists are complete; a crashed batch's rows are ignored.
    parts = [cache / f"{name}-{keys.name.removeprefix('keys-')}" for keys in sorted(cache.glob("keys-*.parquet"))]
    if not parts:
        return pl.DataFrame(schema=schema)
    return (
        pl.scan_parquet(parts)
        .join(wanted.lazy().select("article_id", "nlp_key"), on=["article_id", "nlp_key"], how="semi")
        .sort("article_id", "cache_row")
        .select(list(schema))
        .collect()
        .cast(schema)
    )


# ---------------------------------------------------------------- whole-stage skips
# A stage whose input files are byte-identical to the last run's, under the same code version,
# would write the same outputs again: it returns the counts it recorded then instead.


def fingerprint(inputs: list[Path], version: str) -> str:
    """Hash of the input files' bytes (a missing file counts as empty) and the code version."""
    digest = hashlib.sha256(version.encode())
    for path in inputs:
        digest.update(str(path.name).encode() + b"\0")
        if path.exists():
            with open(path, "rb") as handle:
                for block in iter(lambda: handle.read(1 << 20), b""):
                    digest.update(block)
        digest.update(b"\0")
    return digest.hexdigest()


def unchanged_counts(manifest: Path, fingerprint: str, outputs: list[Path]) -> dict | None:
    """The counts recorded with `fingerprint` when every output still exists, else None."""
    import json

    if not manifest.exists() or not all(p.exists() for p in outputs):
        return None
    recorded = json.loads(manifest.read_text())
    return recorded["counts"] if recorded.get("fingerprint") == fingerprint else None


def record(manifest: Path, fingerprint: str, counts: dict) -> None:
    """Remember the stage's counts for this fingerprint (written after its outputs)."""
    import json
    import os
    import tempfile

    manifest.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{manifest.stem}-", suffix=".tmp", dir=manifest.parent)
    with os.fdopen(fd, "w") as handle:
        json.dump({"fingerprint": fingerprint, "counts": counts}, handle, sort_keys=True)
    os.replace(tmp, manifest)
