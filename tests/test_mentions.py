"""Mentions from a parsed article: titles and ranks split off names, places vs actors, surnames."""

from __future__ import annotations

from transforms.mentions import doc_mentions


def _by_text(nlp, text):
    return {m.text: m for m in doc_mentions(nlp(text))}


def test_title_and_rank_are_split_off_the_name(nlp):
    found = _by_text(nlp, "JCS Chairman Adm. Kim Myung-soo met JCS Vice Chairman Lt. Gen. Hwang You-sung on Monday.")
    kim, hwang = found["Kim Myung-soo"], found["Hwang You-sung"]
    assert (kim.label, kim.title, kim.rank) == ("PERSON", "JCS Chairman", "Adm.")
    assert (hwang.title, hwang.rank) == ("JCS Vice Chairman", "Lt. Gen.")
    assert kim.sector_hint == "MIL" and kim.country_hint == "KOR"


def test_appositive_title_gives_affiliation(nlp):
    found = _by_text(nlp, "Kim Myung Soo, Chairman of South Korea's Joint Chiefs of Staff, held a call with Rob Bauer.")
    kim = found["Kim Myung Soo"]
    assert kim.title == "Chairman of South Korea's Joint Chiefs of Staff"
    assert kim.country_hint == "KOR"


def test_capitals_are_actors_or_places_by_their_role(nlp):
    found = _by_text(nlp, "He expressed concern over military cooperation between Pyongyang and Moscow at a meeting in Brussels.")
    assert found["Pyongyang"].role == "actor" and found["Pyongyang"].country_hint == "PRK"
    assert found["Moscow"].role == "actor" and found["Moscow"].country_hint == "RUS"
    assert found["Brussels"].role == "place"


def test_bare_surname_points_to_the_full_name(nlp):
    mentions = doc_mentions(nlp("Rob Bauer spoke to reporters. Later, Bauer said the talks went well."))
    full = next(i for i, m in enumerate(mentions) if m.text == "Rob Bauer")
    alias = next(m for m in mentions if m.text == "Bauer")
    assert alias.label == "PERSON" and alias.alias_of == full


def test_two_people_with_one_surname_leave_it_unresolved(nlp):
    mentions = doc_mentions(nlp("Kim Jong Un met Kim Yo Jong in Pyongyang. Kim later left the city."))
    bare = [m for m in mentions if m.text == "Kim"]
    assert all(m.alias_of is None for m in bare)
