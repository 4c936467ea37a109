"""Duplicates: exact and near copies marked, distinct articles left alone, nothing dropped."""

from __future__ import annotations

from datetime import datetime

from hypothesis import given, strategies as st

import polars as pl
from polars.testing import assert_frame_equal

from transforms import clean, dedup

BASE = ("The central bank raised its benchmark interest rate by a quarter point on Wednesday, citing persistent "
        "inflation in services and a tight labour market, and signalled that further increases were possible "
        "if price pressures did not ease in the coming months. Markets had largely expected the move. The governor "
        "told reporters that the committee had weighed the risk of slowing growth against the danger of letting "
        "inflation expectations drift upward, and that most members judged the latter the greater threat. Two "
        "members voted to keep rates unchanged, arguing that earlier increases had yet to work through the economy.")
OTHER = ("Heavy rain caused flooding across the southern provinces on Wednesday, forcing thousands of residents "
         "from their homes as rivers burst their banks and emergency services struggled to reach cut-off villages. "
         "The weather agency warned of more rain.")


def _articles(rows):
    return pl.DataFrame(
        [{"article_id": a, "doc_id": a, "published_at": p, "body": b, "body_hash": clean.body_hash(b)} for a, p, b in rows],
        schema={"article_id": pl.String, "doc_id": pl.String, "published_at": pl.Datetime("us"), "body": pl.String,
                "body_hash": pl.String},
    )


def test_exact_near_and_distinct():
    articles = _articles([
        ("a", datetime(2024, 1, 2), BASE),
        ("b", datetime(2024, 1, 1), BASE.upper()),  # same words, earlier: b is the original
        ("c", datetime(2024, 1, 3), "Share this story. " + BASE.replace("Markets had", "Investors had")),
        ("d", datetime(2024, 1, 3), OTHER),
    ])
    expected = pl.DataFrame(
        {"article_id": ["a", "b", "c", "d"], "duplicate_of": ["b", None, "b", None],
         "duplicate_kind": ["exact", None, "near", None]},
        schema=dedup.DUPLICATE_SCHEMA,
    )
    assert_frame_equal(dedup.duplicate_marks(articles), expected)


def test_same_topic_articles_stay_distinct():
    rewrite = ("Citing inflation that has proved persistent in services and a labour market that remains tight, the "
               "central bank on Wednesday lifted its main rate by 25 basis points and said more hikes could follow "
               "should price pressures fail to ease. The decision had been widely anticipated by markets.")
    marks = dedup.duplicate_marks(_articles([("a", None, BASE), ("b", None, rewrite)]))
    assert marks["duplicate_of"].null_count() == 2


def test_shingles_and_jaccard():
    assert dedup.shingles("a b c d e f", size=5) == {"a b c d e", "b c d e f"}
    assert dedup.jaccard({"x"}, {"x"}) == 1.0 and dedup.jaccard(set(), {"x"}) == 0.0


@given(st.lists(st.text(alphabet="abc déf GH,.\n", max_size=60), min_size=2, max_size=6))
def test_hashed_shingles_measure_what_the_word_shingles_do(texts):
    # shingle_hashes (vectorised, hashed) must give the same set sizes and Jaccard similarities
    # as the plain definition, including texts shorter than a shingle and empty ones.
    fast = dedup.shingle_hashes(texts, size=3)
    slow = [dedup.shingles(text, size=3) for text in texts]
    assert [f.size for f in fast] == [len(s) for s in slow]
    for i in range(len(texts)):
        for j in range(len(texts)):
            assert dedup.hashed_jaccard(fast[i], fast[j]) == dedup.jaccard(slow[i], slow[j])
