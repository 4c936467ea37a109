"""Reference data from seeds/: read once per process, never written.

The only file access in transforms/: the seeds are committed, read-only inputs of the code,
like a compiled-in table. Each loader returns a polars frame (or a small dict built from one)
and is cached. seeds/README.md describes each table's grain, origin and licence.
"""

from __future__ import annotations

import functools
from pathlib import Path

import polars as pl

from transforms import settings


def _read(name: str, seeds_dir: Path = settings.SEEDS_DIR) -> pl.DataFrame:
    path = seeds_dir / f"{name}.csv"
    if not path.exists():
        raise FileNotFoundError(f"seed table {path} is missing; it is part of the repository (git checkout seeds/)")
    return pl.read_csv(path, infer_schema=False)  # every column as text: codes keep their leading zeros


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
    return _read("cameo_codes").with_columns(
        pl.col("quad_class").cast(pl.Int8), pl.col("goldstein").cast(pl.Float64)
    )


@functools.cache
def event_lexicon() -> pl.DataFrame:
    """One row per trigger pattern: verb, object, preposition -> cameo_code."""
    return _read("event_lexicon").with_columns(pl.col("object", "preposition").fill_null(""))
