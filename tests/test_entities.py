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


@pytest.mark.parametrize("name, key", [
    ("Apple Inc.", "apple"),
    ("Aer Lingus Group PLC", "aer lingus"),
    ("the Boeing Co.", "boeing"),
    ("The Boeing Company", "boeing"),
    ("Group", "group"),  # a name is never folded away entirely
])
def test_organisation_keys_drop_legal_forms(name, key):
    assert entities.organisation_key(name) == key


@pytest.mark.parametrize("a, b, same", [
    ("Kim Myung-soo", "Kim Myeong-su", True),
    ("Kim Myungsoo", "Kim Myeong Su", True),
    ("Kim Jong-un", "Kim Jong-eun", True),
    ("Kim Jong-un", "Kim Jong-il", False),
    ("Kim Myung-soo", "Kim Min-seok", False),
    ("Rob Bauer", "Robert Bauer", False),
])
def test_romanisation_folds_work_on_syllables(a, b, same):
    assert bool(entities.romanisation_folds(a) & entities.romanisation_folds(b)) is same


def _person(article, index, text, **extra):
    return {"article_id": article, "mention_index": index, "text": text, "label": "PERSON", "start_char": index * 20,
            "end_char": index * 20 + len(text), "sentence_index": 0, **extra}


def test_romanised_variants_merge_only_with_evidence():
    raw = _raw([
        _person("a1", 0, "Kim Myung-soo", country_hint="KOR", sector_hint="MIL"),
        _person("a2", 0, "Kim Myeong-su", country_hint="KOR"),
        _person("a3", 0, "Kim Jong-un", country_hint="PRK", sector_hint="GOV"),
        _person("a4", 0, "Kim Jong-il", country_hint="PRK", sector_hint="GOV"),
        _person("a5", 0, "Park Ji-sung"),
        _person("a6", 0, "Park Ji-seong"),
    ])
    mentions, found = entities.resolved_mentions(raw)
    entity = dict(zip(mentions["text"], mentions["entity_id"]))
    assert entity["Kim Myung-soo"] == entity["Kim Myeong-su"]  # fold + same country
    assert entity["Kim Jong-un"] != entity["Kim Jong-il"]  # same country, different given name
    assert entity["Park Ji-sung"] != entity["Park Ji-seong"]  # fold alone, no evidence
    kim = found.filter(pl.col("entity_id") == entity["Kim Myung-soo"]).to_dicts()[0]
    assert kim["aliases"] == ["Kim Myeong-su", "Kim Myung-soo"] and (kim["country"], kim["sector"]) == ("KOR", "MIL")


def test_romanised_variants_with_conflicting_countries_stay_apart():
    raw = _raw([
        _person("a1", 0, "Kim Myung-soo", country_hint="KOR", sector_hint="MIL"),
        _person("a2", 0, "Kim Myeong-su", country_hint="PRK", sector_hint="MIL"),
    ])
    mentions, _ = entities.resolved_mentions(raw)
    assert mentions["entity_id"].n_unique() == 2


def test_a_shared_neighbour_is_evidence_for_a_romanised_variant():
    raw = _raw([
        _person("a1", 0, "Lee Jae-myung"),
        {**_person("a1", 1, "NATO"), "label": "ORG", "gazetteer_id": "org:NATO"},
        _person("a2", 0, "Lee Jae-myeong"),
        {**_person("a2", 1, "NATO"), "label": "ORG", "gazetteer_id": "org:NATO"},
    ])
    mentions, _ = entities.resolved_mentions(raw)
    people = mentions.filter(pl.col("label") == "PERSON")
    assert people["entity_id"].n_unique() == 1


def test_a_name_tagged_with_different_kinds_is_one_entity_of_the_majority_kind():
    raw = _raw([
        {**_person("a1", 0, "Ryanair"), "label": "ORG"},
        {**_person("a2", 0, "Ryanair"), "label": "ORG"},
        {**_person("a3", 0, "Ryanair"), "label": "GPE", "role": "actor"},
        _person("a4", 0, "Ryanair"),
    ])
    mentions, found = entities.resolved_mentions(raw)
    assert mentions["entity_id"].n_unique() == 1
    assert found.select("kind", "label").row(0) == ("organisation", "ORG")


def test_organisations_resolve_across_legal_forms_and_acronyms():
    raw = _raw([
        {**_person("a1", 0, "Apple Inc."), "label": "ORG"},
        {**_person("a2", 0, "Apple"), "label": "ORG"},
        {**_person("a3", 0, "Government Accountability Office"), "label": "ORG"},
        {**_person("a3", 1, "GAO"), "label": "ORG", "alias_of": 0},
        {**_person("a4", 0, "Government Accountability Office"), "label": "ORG"},
    ])
    mentions, found = entities.resolved_mentions(raw)
    entity = {(a, t): e for a, t, e in mentions.select("article_id", "text", "entity_id").iter_rows()}
    assert entity[("a1", "Apple Inc.")] == entity[("a2", "Apple")]
    assert entity[("a3", "GAO")] == entity[("a4", "Government Accountability Office")]
    gao = found.filter(pl.col("entity_id") == entity[("a3", "GAO")]).to_dicts()[0]
    assert gao["name"] == "Government Accountability Office" and gao["aliases"] == ["GAO", "Government Accountability Office"]


def test_metonyms_are_coded_like_an_event_coder_would():
    raw = _raw([
        {**_person("a1", 0, "Kremlin"), "label": "ORG", "gazetteer_id": "org:KREMLIN"},
        {**_person("a1", 1, "Pentagon"), "label": "ORG", "gazetteer_id": "org:PENTAGON"},
        {**_person("a2", 0, "the Kremlin"), "label": "ORG", "gazetteer_id": "org:KREMLIN"},
    ])
    mentions, found = entities.resolved_mentions(raw)
    coded = {r["name"]: (r["country"], r["sector"], r["num_articles"]) for r in found.to_dicts()}
    assert coded["Kremlin"] == ("RUS", "GOV", 2)
    assert coded["Pentagon"] == ("USA", "MIL", 1)


def test_office_holders_code_a_titleless_person_by_the_article_date():
    raw = _raw([_person("a1", 0, "Yoon Suk Yeol", published_date="2023-05-01")])
    _, found = entities.resolved_mentions(raw)
    assert found.select("country", "sector").row(0) == ("KOR", "GOV")


def test_the_display_name_comes_from_a_body_not_a_shouting_headline():
    raw = _raw([
        {**_person("a1", 0, "KIM MYUNG SOO"), "in_title": True},
        {**_person("a1", 1, "Kim Myung-soo"), "in_title": False},
        {**_person("a2", 0, "KIM MYUNG SOO"), "in_title": True},
    ])
    mentions, found = entities.resolved_mentions(raw)
    assert found["name"].to_list() == ["Kim Myung-soo"]
    assert mentions["in_title"].to_list() == [True, False, True]
    assert mentions["mention_id"].n_unique() == 3


def test_a_short_form_spelled_out_once_resolves_everywhere_unless_ambiguous():
    org = {"label": "ORG"}
    raw = _raw([
        {**_person("a1", 0, "General Motors Corp."), **org},
        {**_person("a1", 1, "GM"), **org, "alias_of": 0},
        {**_person("a2", 0, "GM"), **org},
        {**_person("a3", 0, "United States Air Force"), **org},
        {**_person("a3", 1, "Air Force"), **org, "alias_of": 0},
        {**_person("a4", 0, "Air Force"), **org},
        {**_person("a8", 0, "Royal Air Force"), **org},
        {**_person("a8", 1, "Air Force"), **org, "alias_of": 0},
        {**_person("a5", 0, "Joint Chiefs of Staff"), **org},
        {**_person("a5", 1, "JCS"), **org, "alias_of": 0},
        {**_person("a6", 0, "Japan Coast Service"), **org},
        {**_person("a6", 1, "JCS"), **org, "alias_of": 0},
        {**_person("a7", 0, "JCS"), **org},
    ])
    mentions, _ = entities.resolved_mentions(raw)
    entity = {(a, t): e for a, t, e in mentions.select("article_id", "text", "entity_id").iter_rows()}
    assert entity[("a2", "GM")] == entity[("a1", "General Motors Corp.")]
    assert entity[("a4", "Air Force")] not in (entity[("a3", "United States Air Force")], entity[("a8", "Royal Air Force")])
    assert entity[("a7", "JCS")] not in (entity[("a5", "JCS")], entity[("a6", "JCS")])


def test_a_place_name_with_a_colon_is_no_country():
    # given: the model read a Reuters time stamp as a place ("11:10 EDT"); Seoul from the gazetteer
    raw = _raw([
        {"article_id": "a1", "mention_index": 0, "text": "11:10 EDT", "label": "LOC", "start_char": 0, "end_char": 9,
         "sentence_index": 0, "role": "place"},
        {"article_id": "a1", "mention_index": 1, "text": "Seoul", "label": "GPE", "start_char": 20, "end_char": 25,
         "sentence_index": 0, "gazetteer_id": "city:KOR:Seoul", "role": "place"},
    ])
    _, found = entities.resolved_mentions(raw)
    countries = dict(zip(found["name"], found["country"]))
    # expect: the time stamp has no country (its key's "11" is not one); Seoul keeps KOR
    assert countries == {"11:10 EDT": None, "Seoul": "KOR"}
