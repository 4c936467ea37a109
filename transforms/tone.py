"""Tone: how positive or negative an article's wording is, from VADER's lexicon (it ships in the
vaderSentiment package; nothing is downloaded).

`tone` is the mean VADER compound score of the article's sentences, in [-1, 1] (-1 all
negative wording, +1 all positive). VADER was built for social media; on news it reads
conflict vocabulary ("killed", "attack") as negative and cooperation vocabulary as positive,
which is what a GDELT-style tone is used for (trends and comparisons, not single articles).
"""

from __future__ import annotations

import re

import polars as pl

from transforms import packaged_models

TONE_SCHEMA = {"article_id": pl.String, "tone": pl.Float64}
# Sentence ends: VADER scores sentences; whole articles saturate its compound score at +-1.
SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n{2,}")


def text_tone(text: str) -> float | None:
    """Mean compound score of the text's sentences; None for a text without words."""
    sentences = [s for s in SENTENCE_END.split(text or "") if any(c.isalpha() for c in s)]
    if not sentences:
        return None
    analyzer = packaged_models.sentiment_analyzer()
    return round(sum(analyzer.polarity_scores(s)["compound"] for s in sentences) / len(sentences), 4)


def article_tones(articles: pl.DataFrame) -> pl.DataFrame:
    """One row per article: article_id, tone."""
    return pl.DataFrame(
        {"article_id": articles["article_id"].to_list(), "tone": [text_tone(b) for b in articles["body"].to_list()]},
        schema=TONE_SCHEMA,
    )
