"""Events: coding from the parse (modality, reported speech, arguments) and merging reports."""

from __future__ import annotations

from datetime import datetime

import polars as pl

from transforms import entities, events, nlp as nlp_module


def _coded(nlp, text):
    doc = nlp(nlp_module.text_for_parsing(text))
    from transforms.mentions import doc_mentions

    mentions = doc_mentions(doc)
    return [(e["trigger"], e["cameo_code"], e["status"], [mentions[i].text for i in e["actor_mentions"]],
             [mentions[i].text for i in e["recipient_mentions"]]) for e in events.doc_event_mentions(doc, mentions)]


def test_phone_call_is_consult_041_with_both_parties(nlp):
    coded = _coded(nlp, "Kim Myung Soo held a coordination call with Rob Bauer on Monday.")
    assert coded == [("held", "041", "asserted", ["Kim Myung Soo"], ["Rob Bauer"])]


def test_coordinated_subjects_are_all_parties(nlp):
    coded = _coded(nlp, "Kim Myung-soo and Rob Bauer conducted the talks.")
    assert coded[0][1].startswith("04") and coded[0][3] == ["Kim Myung-soo", "Rob Bauer"]


def test_negated_events_are_not_events(nlp):
    assert _coded(nlp, "North Korea did not attack South Korea.") == []


def test_future_cooperation_is_intent_and_future_attack_is_threat(nlp):
    intent = _coded(nlp, "Japan will sign an agreement with Australia.")
    assert intent and intent[0][2] == "intent" and intent[0][1].startswith("03")
    threat = _coded(nlp, "Russia will attack Ukraine.")
    assert threat and threat[0][2] == "threat" and threat[0][1].startswith("13")


def test_reported_speech_codes_the_reported_act_not_said(nlp):
    coded = _coded(nlp, "South Korea said North Korea attacked its navy.")
    assert [c[0] for c in coded] == ["attacked"]
    assert coded[0][3] == ["North Korea"]


def test_passive_agent_is_the_actor(nlp):
    coded = _coded(nlp, "Israel was attacked by Iran.")
    assert coded and coded[0][3] == ["Iran"] and coded[0][4] == ["Israel"]


def test_requested_acts_are_not_events(nlp):
    coded = _coded(nlp, "Bauer called for South Korea to support NATO.")
    assert [(c[1][:2], c[4]) for c in coded] == [("10", ["South Korea"])]


def _reports(rows):
    schema = nlp_module.RAW_EVENT_MENTION_SCHEMA
    base = {k: None for k in schema}
    return pl.DataFrame([{**base, "sentence_index": 0, "start_char": 0, "end_char": 10, "quote": "q",
                          "trigger": "t", "status": "asserted", "tense": "past", "confidence": 0.8, **r}
                         for r in rows], schema=schema, orient="row")


def _world():
    people = [("person:kim|myungsoo", "person", "KOR"), ("person:rob bauer", "person", "IGO"),
              ("country:KOR", "country", "KOR"), ("org:NATO", "organisation", "IGO"),
              ("person:lee|jaemyung", "person", "KOR")]
    found = pl.DataFrame([{"entity_id": entities.entity_id(k), "name": k, "label": "X", "kind": kind, "country": c,
                           "sector": None, "aliases": [k], "num_mentions": 1, "num_articles": 1, "entity_key": k}
                          for k, kind, c in people], schema=entities.ENTITY_SCHEMA, orient="row")
    mentions = pl.DataFrame([{"mention_id": f"m-{k}", "entity_id": entities.entity_id(k)} for k, _, _ in people])
    return mentions, found


def test_reports_of_one_call_merge_and_different_events_do_not():
    mentions, found = _world()
    articles = pl.DataFrame({"article_id": ["a1", "a2", "a3"],
                             "published_at": [datetime(2024, 6, 11), datetime(2024, 6, 11), datetime(2024, 7, 1)],
                             "source_id": ["s1", "s2", "s3"]})
    raw = _reports([
        {"article_id": "a1", "trigger_start_char": 5, "cameo_code": "040", "object_lemma": "talk",
         "actor_mention_ids": ["m-person:kim|myungsoo", "m-person:rob bauer"], "recipient_mention_ids": [],
         "date_text": "Tuesday"},
        {"article_id": "a2", "trigger_start_char": 9, "cameo_code": "041", "object_lemma": "call",
         "actor_mention_ids": ["m-person:kim|myungsoo"], "recipient_mention_ids": ["m-person:rob bauer"],
         "date_text": "Monday"},
        {"article_id": "a1", "trigger_start_char": 90, "cameo_code": "040", "object_lemma": "talk",
         "actor_mention_ids": ["m-country:KOR", "m-org:NATO"], "recipient_mention_ids": []},
        # Same kind, same countries, other people, three weeks later: another event.
        {"article_id": "a3", "trigger_start_char": 1, "cameo_code": "040", "object_lemma": "talk",
         "actor_mention_ids": ["m-person:lee|jaemyung"], "recipient_mention_ids": ["m-org:NATO"]},
    ])
    merged, reports = events.merged_events(raw, mentions, found, articles)
    assert merged.height == 2
    call = merged.filter(pl.col("num_articles") == 2).to_dicts()[0]
    assert (call["cameo_code"], call["plover_type"], call["num_mentions"], call["num_sources"]) == ("041", "CONSULT", 3, 2)
    assert {call["actor1_name"], call["actor2_name"]} == {"person:kim|myungsoo", "person:rob bauer"}
    assert call["event_date"].isoformat() == "2024-06-11"  # Tuesday, published that Tuesday
    assert reports.group_by("event_id").len()["len"].sort().to_list() == [1, 3]
