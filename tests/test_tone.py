"""Tone: VADER's lexicon over sentences, -1 .. +1."""

from __future__ import annotations

import polars as pl
from hypothesis import given
from hypothesis import strategies as st

from transforms import tone


def test_conflict_wording_is_negative_and_cooperation_positive():
    assert tone.text_tone("Troops attacked the village, killing dozens. Survivors fled in terror.") < -0.3
    assert tone.text_tone("The leaders praised the friendly talks and welcomed the successful agreement.") > 0.3


def test_text_without_words_has_no_tone():
    assert tone.text_tone("") is None and tone.text_tone("12 34 --") is None


def test_one_row_per_article():
    frame = tone.article_tones(pl.DataFrame({"article_id": ["a", "b"], "body": ["Great news, we won!", ""]}))
    assert frame["article_id"].to_list() == ["a", "b"] and frame["tone"][0] > 0 and frame["tone"][1] is None


@given(st.text(max_size=300))
def test_tone_is_bounded_for_any_text(text):
    value = tone.text_tone(text)
    assert value is None or -1.0 <= value <= 1.0
