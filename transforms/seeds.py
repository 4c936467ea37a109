"""Reference data from seeds/: read once per process, never written.

The only file access in transforms/: the seeds are committed, read-only inputs of the code,
like a compiled-in table. Each loader returns a polars frame (or a small dict built from one)
and is cached. seeds/README.md describes each table's grain, origin and licence.

Polars is imported only when a frame is read: `rows` reads a table without it, for the spaCy
pipeline, which multiprocessing's fork server builds (see transforms/spacy_pipeline.py).
"""

from __future__ import annotations

import csv
import functools
from pathlib import Path
from typing import TYPE_CHECKING

from transforms import settings

if TYPE_CHECKING:
    import polars as pl


def _path(name: str, seeds_dir: Path) -> Path:
    path = seeds_dir / f"{name}.csv"
    if not path.exists():
        raise FileNotFoundError(f"seed table {path} is missing; it is part of the repository (git checkout seeds/)")
    return path


def _read(name: str, seeds_dir: Path = settings.SEEDS_DIR) -> pl.DataFrame:
    import polars as pl

    return pl.read_csv(_path(name, seeds_dir), infer_schema=False)  # every column as text: codes keep their leading zeros


def rows(name: str, seeds_dir: Path = settings.SEEDS_DIR) -> list[dict[str, str | None]]:
    """A seed table as dicts of text, without polars; an empty field is None, as in `_read`'s frame."""
    with _path(name, seeds_dir).open(newline="", encoding="utf-8") as handle:
        return [{key: value if value != "" else None for key, value in row.items()} for row in csv.DictReader(handle)]


@functools.cache
def countries() -> pl.DataFrame:
    """One row per country: iso3, iso2, name, capital, lat, lng, ..."""
    return _read("countries")


@functools.cache
def iso2_to_iso3() -> dict[str, str]:
    frame = countries()
    return dict(zip(frame["iso2"], frame["iso3"]))


@functools.cache
def country_names() -> dict[str, str]:
    """ISO3 -> common English name."""
    frame = countries()
    return dict(zip(frame["iso3"], frame["name"]))


@functools.cache
def country_aliases() -> pl.DataFrame:
    """One row per (alias, iso3): names, demonyms, capitals, cities."""
    return _read("country_aliases")


@functools.cache
def organisations() -> pl.DataFrame:
    """One row per organisation alias: alias, org_id, name, country, sector, kind."""
    return _read("organisations")


@functools.cache
def titles() -> pl.DataFrame:
    """One row per title or rank: title, normalized, sector, kind."""
    return _read("titles")


@functools.cache
def office_holders() -> pl.DataFrame:
    """One row per (person, office, period): name, iso3, sector, title, start_date, end_date."""
    return _read("office_holders")


@functools.cache
def cameo_codes() -> pl.DataFrame:
    """One row per CAMEO code with root, quad class, Goldstein and PLOVER type/mode."""
    import polars as pl

    return _read("cameo_codes").with_columns(
        pl.col("quad_class").cast(pl.Int8), pl.col("goldstein").cast(pl.Float64)
    )


@functools.cache
def event_lexicon() -> pl.DataFrame:
    """One row per trigger pattern: verb, object, preposition -> cameo_code."""
    import polars as pl

    return _read("event_lexicon").with_columns(pl.col("object", "preposition").fill_null(""))
