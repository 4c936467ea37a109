"""Event parties the entity layer cannot place: role nouns, people of no known country, parties
of one country, group words, policies. Given a small written article, expect the side's country."""

from __future__ import annotations

from datetime import datetime

import polars as pl

from transforms import entities, events, nlp as nlp_module
from transforms.mentions import Mention, doc_mentions


def _sides(nlp, text):
    """(trigger, actor texts, actor country hint, actor sector hint, recipient texts, recipient hint)."""
    doc = nlp(nlp_module.text_for_parsing(text))
    mentions = doc_mentions(doc)
    return [(e["trigger"], [mentions[i].text for i in e["actor_mentions"]], e["actor_country_hint"], e["actor_sector_hint"],
             [mentions[i].text for i in e["recipient_mentions"]], e["recipient_country_hint"])
            for e in events.doc_event_mentions(doc, mentions)]


def _mention(gazetteer_id=None, country_hint=None, label="GPE"):
    return Mention(start=0, end=1, start_char=0, end_char=1, text="x", label=label, sentence_index=0,
                   gazetteer_id=gazetteer_id, country_hint=country_hint)


def test_home_country_is_the_country_referred_to_most_and_at_least_twice():
    israel_twice = [_mention("country:ISR"), _mention("city:ISR:Jerusalem"), _mention("country:EGY")]
    assert events.home_country(israel_twice) == "ISR"
    assert events.home_country([_mention("country:ISR")]) is None  # one passing mention is no evidence
    assert events.home_country([_mention("country:ISR"), _mention("country:ISR"),
                                _mention("country:EGY"), _mention("country:EGY")]) is None  # a tie
    party_and_person = [_mention("org:GBR_LABOUR_PARTY", label="ORG"), _mention(country_hint="GBR", label="PERSON")]
    assert events.home_country(party_and_person) == "GBR"
    assert events.home_country([_mention("org:ISLAMIC_STATE", label="ORG"), _mention("org:UN", label="ORG")]) is None


def test_police_act_for_the_home_country_with_sector_cop(nlp):
    coded = _sides(nlp, "Israel closed the crossing. Israeli officials met in Jerusalem. Police arrested Ahmed Saleh.")
    arrest = [c for c in coded if c[0] == "arrested"]
    assert arrest and arrest[0][1:4] == ([], "ISR", "COP")


def test_no_home_country_no_guess(nlp):
    assert [c for c in _sides(nlp, "Police arrested Ahmed Saleh.") if c[0] == "arrested"] == []


def test_with_no_home_country_police_take_the_country_of_the_place_they_act_in(nlp):
    coded = _sides(nlp, "Police killed three protesters in Cairo on Monday.")
    assert [c[1:4] for c in coded if c[0] == "killed"] == [([], "EGY", "COP")]


def test_speakers_own_forces_take_no_country(nlp):
    coded = _sides(nlp, "Israel closed the crossing. Israel said Jerusalem was calm. Our forces attacked the village.")
    assert [c for c in coded if c[0] == "attacked"] == []  # no party, no guess: no event


def test_person_of_no_known_country_takes_the_home_country(nlp):
    coded = _sides(nlp, "Britain and the UK government were busy. Jonathan Pemberley criticised the Treasury.")
    assert [(c[0], c[1], c[2]) for c in coded if c[0] == "criticised"] == [("criticised", ["Jonathan Pemberley"], "GBR")]


def test_party_of_one_country_is_that_country(nlp):
    doc = nlp("The Tories attacked the plan.")
    tories = [m for m in doc_mentions(doc) if m.text.endswith("Tories")]
    assert tories and tories[0].gazetteer_id == "org:GBR_CONSERVATIVE_PARTY"


def test_criticised_policy_without_author_is_the_home_governments(nlp):
    coded = _sides(nlp, "Britain and the UK were named. The Tories condemned the new tax plan.")
    assert [(c[0], c[5]) for c in coded if c[0] == "condemned"] == [("condemned", "GBR")]


def test_kurdish_forces_are_coded_by_the_kurdish_state_the_story_names(nlp):
    coded = _sides(nlp, "Syria and Damascus were tense. Turkey watched. Kurdish forces attacked the town of Hasakah in Syria.")
    assert [(c[0], c[2], c[3]) for c in coded if c[0] == "attacked"] == [("attacked", "SYR", "MIL")]


def test_stateless_armed_group_never_takes_the_home_country(nlp):
    coded = _sides(nlp, "Syria and Damascus were tense. The Isis leader criticised Syria.")
    assert [(c[0], c[1], c[2]) for c in coded] == [("criticised", ["Isis"], None)]


def test_side_known_only_by_its_role_noun_is_kept_with_country_and_sector():
    found = pl.DataFrame([{"entity_id": entities.entity_id("country:PSE"), "name": "Palestine", "label": "GPE",
                           "kind": "country", "country": "PSE", "sector": None, "aliases": ["Palestine"],
                           "num_mentions": 1, "num_articles": 1, "entity_key": "country:PSE"}],
                         schema=entities.ENTITY_SCHEMA, orient="row")
    mentions = pl.DataFrame({"mention_id": ["m-pse"], "entity_id": [entities.entity_id("country:PSE")]})
    base = {k: None for k in nlp_module.RAW_EVENT_MENTION_SCHEMA}
    raw = pl.DataFrame([{**base, "article_id": "a1", "sentence_index": 0, "start_char": 0, "end_char": 30, "quote": "q",
                         "trigger": "arrested", "trigger_start_char": 7, "cameo_code": "173", "status": "asserted",
                         "tense": "past", "confidence": 0.6, "actor_mention_ids": [], "recipient_mention_ids": ["m-pse"],
                         "actor_country_hint": "ISR", "actor_sector_hint": "COP", "actor_text": "Police"}],
                       schema=nlp_module.RAW_EVENT_MENTION_SCHEMA, orient="row")
    articles = pl.DataFrame({"article_id": ["a1"], "published_at": [datetime(2024, 6, 11)], "source_id": ["s1"]})
    merged, reports = events.merged_events(raw, mentions, found, articles)
    row = merged.to_dicts()[0]
    assert (row["actor1_entity_id"], row["actor1_name"], row["actor1_country"], row["actor1_sector"]) == (
        None, "Police", "ISR", "COP")
    assert (row["actor2_country"], row["plover_type"]) == ("PSE", "COERCE")
    assert reports["actor_entity_ids"].to_list() == [[]]


def test_unknown_person_takes_the_country_of_their_own_sentence_before_the_home_country(nlp):
    """Given a story about Syria (the home country) and a sentence whose only nationality evidence is
    the Pentagon, expect the unplaced briefer to be American, not Syrian."""
    text = ("Syria rejected the plan. Damascus and Aleppo were quiet. Syria closed its border. "
            "The Pentagon said Peter Wolcott briefed Omar Haddad on Friday.")
    briefed = [s for s in _sides(nlp, text) if s[0] == "briefed"]
    assert briefed and briefed[0][1] == ["Peter Wolcott"] and briefed[0][2] == "USA"


def test_places_and_topics_in_the_sentence_are_no_nationality(nlp):
    """Given the same Syria story, expect "in Jordan" (a place) not to make the person Jordanian."""
    text = ("Syria rejected the plan. Damascus and Aleppo were quiet. Syria closed its border. "
            "Peter Wolcott briefed Omar Haddad in Jordan on Friday.")
    briefed = [s for s in _sides(nlp, text) if s[0] == "briefed"]
    assert briefed and briefed[0][2] == "SYR"


def test_unplaced_party_facing_the_home_country_takes_the_articles_other_country(nlp):
    """Given an American story that also names South Korea twice, expect an unplaced person who
    criticises the United States to be South Korean, not a second American."""
    text = ("The United States raised tariffs. Washington and New York reacted. The U.S. Congress agreed. "
            "South Korea and Seoul protested. Park Jin-woo criticised the United States on Friday.")
    coded = [s for s in _sides(nlp, text) if s[0] == "criticised"]
    assert coded and coded[0][1] == ["Park Jin-woo"] and coded[0][2] == "KOR"


def test_pronoun_subject_of_a_reported_clause_is_the_speaker(nlp):
    """Given "officials said they would ...", expect the officials (a role noun: the home country)
    to act, where "they" alone resolves to no one."""
    text = "Germany closed its border. Berlin and Munich were quiet. Officials said they would impose sanctions on Russia."
    coded = [s for s in _sides(nlp, text) if s[0] == "impose"]
    assert coded and coded[0][2] == "DEU" and coded[0][3] == "GOV"


def test_a_visit_with_no_destination_is_to_the_country_the_article_is_about(nlp):
    """Given a Japan story, expect "the visit of U.S. Secretary of State X" to be a visit to Japan."""
    text = ("Japan cut tariffs. Tokyo and Osaka welcomed it. Japan's cabinet agreed. "
            "The editorial coincided with the visit of U.S. Secretary of State Peter Wolcott.")
    coded = [s for s in _sides(nlp, text) if s[0] == "visit"]
    assert coded and coded[0][2] == "USA" and coded[0][5] == "JPN"


def test_a_home_visitor_gets_no_guessed_destination(nlp):
    text = ("Japan cut tariffs. Tokyo and Osaka welcomed it. Japan's cabinet agreed. "
            "The editorial coincided with the visit of Japanese minister Taro Sato.")
    coded = [s for s in _sides(nlp, text) if s[0] == "visit"]
    assert not coded or coded[0][5] is None


def test_a_role_of_no_known_country_is_still_a_side(nlp):
    # Armed non-state roles take no country from context, but the attack is an event all the same.
    coded = _sides(nlp, "Militants attacked a checkpoint near Mosul on Monday.")
    assert [c[1:4] for c in coded if c[0] == "attacked"] == [([], None, "UAF")]


def test_merged_events_keep_an_event_whose_actor_is_known_by_its_role_only():
    schema = nlp_module.RAW_EVENT_MENTION_SCHEMA
    row = {**{k: None for k in schema}, "article_id": "a1", "sentence_index": 0, "start_char": 0, "end_char": 40,
           "quote": "Militants attacked a checkpoint near Mosul.", "trigger": "attacked", "trigger_start_char": 10,
           "cameo_code": "190", "status": "asserted", "tense": "past", "confidence": 0.6, "actor_mention_ids": [],
           "recipient_mention_ids": [], "actor_text": "Militants", "actor_sector_hint": "UAF"}
    raw = pl.DataFrame([row], schema=schema, orient="row")
    empty_mentions = pl.DataFrame({"mention_id": [], "entity_id": []}, schema={"mention_id": pl.String, "entity_id": pl.String})
    found = pl.DataFrame([], schema=entities.ENTITY_SCHEMA)
    articles = pl.DataFrame({"article_id": ["a1"], "published_at": [datetime(2024, 6, 11)], "source_id": ["s1"]})
    merged, reports = events.merged_events(raw, empty_mentions, found, articles)
    assert merged.select("plover_type", "actor1_name", "actor1_country", "actor1_sector").rows() == [
        ("ASSAULT", "Militants", None, "UAF")]
    assert reports.height == 1


def test_a_group_word_takes_the_country_of_the_place_named_with_it(nlp):
    # The article is about Turkey, but the Kurds attacked are those in Syria.
    coded = _sides(nlp, "Turkey closed the border. Turkish officials met in Ankara. "
                        "Turkey attacked the Kurds in northern Syria.")
    assert [c[5] for c in coded if c[0] == "attacked"] == ["SYR"]


def test_the_place_of_an_act_is_not_searched_inside_a_clause_of_its_own(nlp):
    doc = nlp(nlp_module.text_for_parsing("Turkey launched an offensive in a move that angered US officials."))
    mentions = doc_mentions(doc)
    rows = events.doc_event_mentions(doc, mentions)
    assert [r["location_mention"] for r in rows if r["trigger"] in ("launched", "offensive")] in ([None], [None, None])
