"""Entities: name keys, within-article aliases, cross-article resolution and actor coding."""

from __future__ import annotations

import polars as pl
import pytest

from transforms import entities
from transforms.nlp import RAW_MENTION_SCHEMA


@pytest.mark.parametrize("a, b", [
    ("Kim Myung-soo", "Kim Myung Soo"),
    ("Kim Myung-soo", "KIM Myungsoo"),
    ("Lee Jae-myung", "Lee Jae Myung"),
    ("Shin Won-sik", "Shin Won Sik"),
    ("François Hollande", "Francois Hollande"),
    ("Mr. Rob Bauer", "Rob Bauer"),
])
def test_spelling_variants_share_a_key(a, b):
    assert entities.person_key(a) == entities.person_key(b)


@pytest.mark.parametrize("a, b", [
    ("Kim Jong-un", "Kim Jong-il"),
    ("Kim Myung-soo", "Kim Min-seok"),
    ("Rob Bauer", "Robert Bauer"),
])
def test_different_people_keep_different_keys(a, b):
    assert entities.person_key(a) != entities.person_key(b)


def test_east_asian_name_shapes():
    assert entities.is_east_asian_name("Kim Myung-soo")
    assert entities.is_east_asian_name("Xi Jinping")
    assert entities.is_east_asian_name("Yoon Suk Yeol")
    assert not entities.is_east_asian_name("Lee Anderson")
    assert not entities.is_east_asian_name("Rob Bauer")
    assert entities.person_key("Kim Myung Soo") == "kim|myungsoo"


def _raw(rows):
    base = {k: None for k in RAW_MENTION_SCHEMA}
    return pl.DataFrame([{**base, **r} for r in rows], schema=RAW_MENTION_SCHEMA, orient="row")


def test_resolution_across_articles_with_aliases_titles_and_capitals():
    raw = _raw([
        {"article_id": "a1", "mention_index": 0, "text": "Kim Myung-soo", "label": "PERSON", "start_char": 0,
         "end_char": 13, "sentence_index": 0, "country_hint": "KOR", "sector_hint": "MIL", "title": "JCS Chairman",
         "rank": "Adm."},
        {"article_id": "a1", "mention_index": 1, "text": "Pyongyang", "label": "GPE", "start_char": 20, "end_char": 29,
         "sentence_index": 0, "gazetteer_id": "city:PRK:Pyongyang", "role": "actor"},
        {"article_id": "a1", "mention_index": 2, "text": "Seoul", "label": "GPE", "start_char": 40, "end_char": 45,
         "sentence_index": 1, "gazetteer_id": "city:KOR:Seoul", "role": "place"},
        {"article_id": "a2", "mention_index": 0, "text": "Kim Myung Soo", "label": "PERSON", "start_char": 0,
         "end_char": 13, "sentence_index": 0},
        {"article_id": "a2", "mention_index": 1, "text": "Kim", "label": "PERSON", "start_char": 30, "end_char": 33,
         "sentence_index": 2, "alias_of": 0},
        {"article_id": "a2", "mention_index": 2, "text": "North Korea", "label": "GPE", "start_char": 50,
         "end_char": 61, "sentence_index": 2, "gazetteer_id": "country:PRK", "role": "actor"},
        {"article_id": "a3", "mention_index": 0, "text": "Kim", "label": "PERSON", "start_char": 0, "end_char": 3,
         "sentence_index": 0},
    ])
    mentions, found = entities.resolved_mentions(raw)
    by_text = {(r["article_id"], r["text"]): r["entity_id"] for r in mentions.to_dicts()}
    kim = by_text[("a1", "Kim Myung-soo")]
    assert by_text[("a2", "Kim Myung Soo")] == by_text[("a2", "Kim")] == kim
    assert by_text[("a3", "Kim")] != kim  # a lone surname in another article is not assumed to be him
    assert by_text[("a1", "Pyongyang")] == by_text[("a2", "North Korea")]
    person = found.filter(pl.col("entity_id") == kim).to_dicts()[0]
    assert person["name"] in ("Kim Myung-soo", "Kim Myung Soo")  # a full form, never the bare surname
    assert (person["label"], person["country"], person["sector"]) == ("PERSON", "KOR", "MIL")
    assert person["aliases"] == ["Kim", "Kim Myung Soo", "Kim Myung-soo"]
    assert (person["num_mentions"], person["num_articles"]) == (3, 2)
    seoul = found.filter(pl.col("entity_id") == by_text[("a1", "Seoul")]).to_dicts()[0]
    assert (seoul["kind"], seoul["country"], seoul["name"]) == ("place", "KOR", "Seoul")
    north = found.filter(pl.col("entity_id") == by_text[("a2", "North Korea")]).to_dicts()[0]
    assert (north["kind"], north["country"], north["name"]) == ("country", "PRK", "North Korea")


def test_ids_are_deterministic():
    assert entities.entity_id("person:kim|myungsoo") == entities.entity_id("person:kim|myungsoo")
    assert entities.mention_id("a", 1, 2) != entities.mention_id("a", 1, 3)


def test_office_holders_code_people_by_the_article_date():
    assert entities.office_holder_coding("yoon|sukyeol", "2023-05-01") == ("KOR", "GOV")
    assert entities.office_holder_coding("lee|myungbak", "2010-01-01")[0] == "KOR"
    # CountryInfo's open periods end at its compilation date, not "still in office".
    assert entities.office_holder_coding(entities.person_key("Lee Myung Bak"), "2020-01-01") == (None, None)
