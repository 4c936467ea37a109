"""Stories: articles about one happening share a story_id; two happenings of one kind do not."""

from __future__ import annotations

from datetime import datetime

import polars as pl

from transforms import stories

QUAKE_A = ("A magnitude 6.1 earthquake struck Lake County, California on Tuesday, damaging homes in Clearlake "
           "and Kelseyville. Officials in Lake County said two people were hurt in Clearlake.")
QUAKE_A2 = ("Residents of Clearlake and Kelseyville in Lake County cleaned up on Wednesday after Tuesday's "
            "magnitude 6.1 earthquake. Lake County officials counted damaged homes.")
QUAKE_B = ("A magnitude 7.3 earthquake hit Sumatra, Indonesia, killing 40 people in Padang and Bukittinggi. "
           "Rescuers in Padang searched collapsed buildings.")
QUAKE_B2 = ("Rescuers in Padang and Bukittinggi pulled survivors from rubble after the magnitude 7.3 earthquake "
            "on Sumatra. Indonesia said 40 people died.")
RACE = ("Lewis Hamilton won the Monaco Grand Prix ahead of Max Verstappen, with Charles Leclerc third in Monte Carlo. "
        "Hamilton led from pole in Monaco.")
RACE2 = ("Max Verstappen finished second to Lewis Hamilton at the Monaco Grand Prix in Monte Carlo, where Leclerc "
         "was third.")

NO_MENTIONS = pl.DataFrame(schema={"article_id": pl.String, "entity_id": pl.String})
NO_ENTITIES = pl.DataFrame(schema={"entity_id": pl.String, "kind": pl.String})


def _articles(bodies, published=None):
    return pl.DataFrame({"article_id": [f"a{i}" for i in range(len(bodies))], "body": bodies,
                         "published_at": published or [None] * len(bodies)},
                        schema={"article_id": pl.String, "body": pl.String, "published_at": pl.Datetime})


def _groups(frame):
    by_story = {}
    for article_id, story_id in frame.iter_rows():
        by_story.setdefault(story_id, []).append(article_id)
    return sorted(sorted(v) for v in by_story.values())


def test_reports_of_one_happening_share_a_story_and_two_earthquakes_do_not():
    frame = stories.story_ids(_articles([QUAKE_A, QUAKE_B, RACE, QUAKE_A2, QUAKE_B2, RACE2]), NO_MENTIONS, NO_ENTITIES)
    assert _groups(frame) == [["a0", "a3"], ["a1", "a4"], ["a2", "a5"]]


def test_story_ids_are_deterministic_and_cover_every_article():
    articles = _articles([QUAKE_A, QUAKE_B, QUAKE_A2])
    first = stories.story_ids(articles, NO_MENTIONS, NO_ENTITIES)
    again = stories.story_ids(articles.reverse(), NO_MENTIONS, NO_ENTITIES)
    assert first.sort("article_id").equals(again.sort("article_id")) and first.height == 3


def test_articles_published_weeks_apart_are_different_stories():
    published = [datetime(2024, 1, 2), datetime(2024, 3, 1)]
    frame = stories.story_ids(_articles([QUAKE_A, QUAKE_A2], published), NO_MENTIONS, NO_ENTITIES)
    assert frame["story_id"].n_unique() == 2


def test_duplicates_take_their_originals_story_and_tone():
    articles = pl.DataFrame({"article_id": ["a0", "a1", "a2"], "duplicate_of": [None, "a0", None]})
    extracted = pl.DataFrame({"article_id": ["a0", "a2"], "story_id": ["s0", "s2"]})
    tones = pl.DataFrame({"article_id": ["a0", "a2"], "tone": [0.5, -0.25]})
    got = stories.article_stories(articles, extracted, tones)
    assert got.rows() == [("a0", "s0", 0.5), ("a1", "s0", 0.5), ("a2", "s2", -0.25)]


def test_no_articles_no_stories():
    assert stories.story_ids(_articles([]), NO_MENTIONS, NO_ENTITIES).height == 0
