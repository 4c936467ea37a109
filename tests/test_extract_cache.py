"""The per-article NLP cache (flows/cache.py): what is stored, what is read back, what is skipped."""

from __future__ import annotations

from datetime import datetime

import polars as pl
from polars.testing import assert_frame_equal

from flows import cache

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
    cache.write_batch(tmp_path, keys, mentions, mentions.clear())
    got = cache.cached_rows(tmp_path, "mentions", keys, MENTIONS)
    expected = pl.DataFrame({"article_id": ["a", "b", "b"], "mention_index": [0, 0, 1], "text": ["X", "Z", "Y"]})
    assert_frame_equal(got, expected)
    assert_frame_equal(cache.cached_keys(tmp_path).sort("article_id"), keys.sort("article_id"))


def test_stale_versions_and_unfinished_batches_are_ignored(tmp_path):
    old = pl.DataFrame({"article_id": ["a"], "nlp_key": ["old"]})
    cache.write_batch(tmp_path, old, pl.DataFrame({"article_id": ["a"], "mention_index": [0], "text": ["Old"]}),
                      pl.DataFrame(schema=MENTIONS))
    new = pl.DataFrame({"article_id": ["a"], "nlp_key": ["new"]})
    cache.write_batch(tmp_path, new, pl.DataFrame({"article_id": ["a"], "mention_index": [0], "text": ["New"]}),
                      pl.DataFrame(schema=MENTIONS))
    # A batch that crashed before its keys file: its rows must never be read.
    pl.DataFrame({"cache_row": [0], "article_id": ["a"], "mention_index": [0], "text": ["Half"],
                  "nlp_key": ["new"]}).write_parquet(tmp_path / "mentions-crashed.parquet")
    got = cache.cached_rows(tmp_path, "mentions", new, MENTIONS)
    assert got["text"].to_list() == ["New"]


def test_articles_without_mentions_are_still_cached(tmp_path):
    keys = pl.DataFrame({"article_id": ["quiet"], "nlp_key": ["kq"]})
    cache.write_batch(tmp_path, keys, pl.DataFrame(schema=MENTIONS), pl.DataFrame(schema=MENTIONS))
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
