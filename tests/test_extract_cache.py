"""The per-article NLP cache (flows/cache.py): what is stored, what is read back, what is skipped."""

from __future__ import annotations

from datetime import datetime

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from flows import cache
from transforms.tone import TONE_SCHEMA

MENTIONS = {"article_id": pl.String, "mention_index": pl.Int64, "text": pl.String}


def _articles(*rows):
    return pl.DataFrame(
        [{"article_id": a, "body": b, "published_at": p} for a, b, p in rows],
        schema={"article_id": pl.String, "body": pl.String, "published_at": pl.Datetime("us")},
        orient="row",
    )


def test_key_changes_with_body_date_and_version_only():
    given = _articles(("a", "Seoul said.", datetime(2024, 5, 1)), ("b", "Seoul said.", None))
    keys = cache.keyed(given, "v1")["nlp_key"].to_list()
    assert keys[0] != keys[1]  # same body, other article and date
    assert cache.keyed(given, "v1")["nlp_key"].to_list() == keys
    assert cache.keyed(given, "v2")["nlp_key"].to_list() != keys
    edited = _articles(("a", "Seoul said so.", datetime(2024, 5, 1)), ("b", "Seoul said.", None))
    assert cache.keyed(edited, "v1")["nlp_key"].to_list() == [cache.keyed(edited, "v1")["nlp_key"][0], keys[1]]
    assert cache.keyed(edited, "v1")["nlp_key"][0] != keys[0]


def test_rows_come_back_for_wanted_keys_in_nlp_order(tmp_path):
    keys = pl.DataFrame({"article_id": ["b", "a"], "nlp_key": ["kb", "ka"]})
    mentions = pl.DataFrame({"article_id": ["b", "b", "a"], "mention_index": [0, 1, 0], "text": ["Z", "Y", "X"]})
    tones = pl.DataFrame({"article_id": ["b", "a"], "tone": [-0.5, None]}, schema=TONE_SCHEMA)
    cache.write_batch(tmp_path, keys, mentions, mentions.clear(), tones)
    got = cache.cached_rows(tmp_path, "mentions", keys, MENTIONS)
    assert cache.cached_rows(tmp_path, "tones", keys, TONE_SCHEMA).rows() == [("a", None), ("b", -0.5)]
    expected = pl.DataFrame({"article_id": ["a", "b", "b"], "mention_index": [0, 0, 1], "text": ["X", "Z", "Y"]})
    assert_frame_equal(got, expected)
    assert_frame_equal(cache.cached_keys(tmp_path).sort("article_id"), keys.sort("article_id"))


def test_stale_versions_and_unfinished_batches_are_ignored(tmp_path):
    old = pl.DataFrame({"article_id": ["a"], "nlp_key": ["old"]})
    cache.write_batch(tmp_path, old, pl.DataFrame({"article_id": ["a"], "mention_index": [0], "text": ["Old"]}),
                      pl.DataFrame(schema=MENTIONS), pl.DataFrame(schema=TONE_SCHEMA))
    new = pl.DataFrame({"article_id": ["a"], "nlp_key": ["new"]})
    cache.write_batch(tmp_path, new, pl.DataFrame({"article_id": ["a"], "mention_index": [0], "text": ["New"]}),
                      pl.DataFrame(schema=MENTIONS), pl.DataFrame(schema=TONE_SCHEMA))
    # A batch that crashed before its keys file: its rows must never be read.
    pl.DataFrame({"cache_row": [0], "article_id": ["a"], "mention_index": [0], "text": ["Half"],
                  "nlp_key": ["new"]}).write_parquet(tmp_path / "mentions-crashed.parquet")
    got = cache.cached_rows(tmp_path, "mentions", new, MENTIONS)
    assert got["text"].to_list() == ["New"]


def test_articles_without_mentions_are_still_cached(tmp_path):
    keys = pl.DataFrame({"article_id": ["quiet"], "nlp_key": ["kq"]})
    cache.write_batch(tmp_path, keys, pl.DataFrame(schema=MENTIONS), pl.DataFrame(schema=MENTIONS),
                      pl.DataFrame({"article_id": ["quiet"], "tone": [0.1]}, schema=TONE_SCHEMA))
    assert cache.cached_keys(tmp_path)["article_id"].to_list() == ["quiet"]
    assert cache.cached_rows(tmp_path, "mentions", keys, MENTIONS).height == 0


def test_prune_keeps_only_the_current_version(tmp_path):
    for version in ("v1", "v2"):
        cache.folder(tmp_path, version).mkdir(parents=True)
    cache.prune(tmp_path, "v2")
    assert [p.name for p in cache.folder(tmp_path, "v2").parent.iterdir()] == ["v2"]


def test_code_version_is_stable_within_a_process():
    assert cache.code_version() == cache.code_version()
    assert len(cache.code_version()) == 16


def _tables(warehouse) -> dict[str, list]:
    """Every table but `runs`, without run ids (reruns keep the first run's ids anyway)."""
    import duckdb

    from transforms.settings import WAREHOUSE_TABLES

    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return {t: con.execute(f"select * exclude (run_id) from {t} order by all").fetchall()
                if "run_id" in [c[0] for c in con.execute(f"describe {t}").fetchall()]
                else con.execute(f"select * from {t} order by all").fetchall()
                for t in WAREHOUSE_TABLES if t != "runs"}
    finally:
        con.close()


@pytest.mark.slow
def test_rerun_parses_only_new_or_changed_articles_and_matches_a_fresh_run(tmp_path):
    import shutil

    from prefect.testing.utilities import prefect_test_harness

    from flows.pipeline import dateline_pipeline
    from transforms.settings import SAMPLE_DIR

    inputs, data_dir, warehouse = tmp_path / "inputs", tmp_path / "data", tmp_path / "w.duckdb"
    shutil.copytree(SAMPLE_DIR, inputs)
    with prefect_test_harness(server_startup_timeout=90):
        first = dateline_pipeline([inputs], data_dir, warehouse)
        fresh = _tables(warehouse)
        again = dateline_pipeline([inputs], data_dir, warehouse)
        assert (first["extract"]["parsed"], again["extract"]["parsed"]) == (2, 0)
        assert _tables(warehouse) == fresh
        edited = sorted(inputs.glob("*.txt"))[0]
        # An edit inside the story (text appended after the page's "scroll to top" is furniture).
        edited.write_text(edited.read_text().replace("engaged in phone talks", "held phone talks", 1))
        changed = dateline_pipeline([inputs], data_dir, warehouse)
        assert changed["extract"]["parsed"] == 1
        after_edit = _tables(warehouse)
        shutil.rmtree(data_dir / "extract")  # outputs, manifest and NLP cache: everything parsed afresh
        rebuilt = dateline_pipeline([inputs], data_dir, warehouse)
        assert rebuilt["extract"]["parsed"] == 2
        assert _tables(warehouse) == after_edit
