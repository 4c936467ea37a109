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


def test_titled_short_references_point_to_the_full_name(nlp):
    mentions = doc_mentions(nlp("Adm. Rob Bauer met Donald Trump. Mr. Trump thanked Adm. Bauer for the visit."))
    index = {m.text: i for i, m in enumerate(mentions) if m.alias_of is None}
    trump = next(m for m in mentions if m.text == "Trump")
    bauer = next(m for m in mentions if m.text == "Bauer")
    assert (trump.label, trump.rank, trump.alias_of) == ("PERSON", "Mr.", index["Donald Trump"])
    assert (bauer.label, bauer.rank, bauer.alias_of) == ("PERSON", "Adm.", index["Rob Bauer"])


def test_a_title_and_a_name_tagged_as_an_organisation_are_a_person(nlp):
    found = _by_text(nlp, "Spokeswoman Sandy Angers said the company would appeal.")
    angers = found["Sandy Angers"]
    assert (angers.label, angers.title) == ("PERSON", "Spokeswoman")


def test_an_office_holder_or_a_name_beside_a_title_tagged_as_an_organisation_is_a_person(nlp):
    # The small model tags "Recep Tayyip Erdoğan" ORG; a seeded office holder (accents folded) and a
    # name set beside a title are people, so "he" can refer to them.
    text = "The Turkish president, Recep Tayyip Erdoğan, has said the world is living in dark times."
    assert _by_text(nlp, text)["Recep Tayyip Erdoğan"].label == "PERSON"
    text = "The priority for Recep Tayyip Erdoğan, Turkey’s president, has been combating Kurdish moves."
    assert _by_text(nlp, text)["Recep Tayyip Erdoğan"].label == "PERSON"
    # a one-word place stays a place, whatever the seed's names
    assert _by_text(nlp, "Officials in Belgrade said talks would resume.")["Belgrade"].label == "GPE"


def test_metonyms_are_organisations_coded_to_their_country_and_sector(nlp):
    found = _by_text(nlp, "The Kremlin rejected the claim, while the Pentagon said the drills would go ahead.")
    kremlin, pentagon = found["Kremlin"], found["Pentagon"]
    assert (kremlin.label, kremlin.gazetteer_id, kremlin.country_hint, kremlin.sector_hint) == (
        "ORG", "org:KREMLIN", "RUS", "GOV")
    assert (pentagon.country_hint, pentagon.sector_hint) == ("USA", "MIL")


def test_places_after_in_or_at_stay_places(nlp):
    found = _by_text(nlp, "Seoul warned Pyongyang on Monday. The talks in Seoul ended, and officials met at Vilnius.")
    mentions = doc_mentions(nlp("Seoul warned Pyongyang on Monday. The talks in Seoul ended, and officials met at Vilnius."))
    seouls = [m.role for m in mentions if m.text == "Seoul"]
    assert seouls == ["actor", "place"]
    assert found["Pyongyang"].role == "actor" and found["Vilnius"].role == "place"


def test_spans_are_trimmed_at_line_breaks_numbers_and_determiners(nlp):
    mentions = doc_mentions(nlp("Durham 114 Somerset 98\nTexas\nHouston won. The Pentagon agreed."))
    texts = [m.text for m in mentions]
    assert all("\n" not in t and not t[-1].isdigit() for t in texts)
    assert "Pentagon" in texts and "The Pentagon" not in texts


def test_acronyms_and_unqualified_names_point_to_the_full_organisation(nlp):
    mentions = doc_mentions(nlp(
        "The Government Accountability Office upheld a protest against the United States Air Force. "
        "The GAO said the Air Force had erred."))
    index = {m.text: i for i, m in enumerate(mentions) if m.alias_of is None}
    gao = next(m for m in mentions if m.text == "GAO")
    air_force = next(m for m in mentions if m.text == "Air Force")
    assert gao.alias_of == index["Government Accountability Office"]
    assert air_force.alias_of == next(i for t, i in index.items() if t.endswith("United States Air Force"))


def test_an_organisation_is_not_the_short_form_of_a_longer_name_it_starts():
    from transforms.mentions import Mention, _with_organisation_aliases

    mentions = _with_organisation_aliases([
        Mention(0, 4, 0, 37, "Apple Worldwide Developers Conference", "ORG", 0),
        Mention(6, 7, 50, 55, "Apple", "ORG", 1),
    ])
    assert mentions[1].alias_of is None


def test_lower_case_office_words_after_a_demonym_are_a_title(nlp):
    found = _by_text(nlp, "North Korean leader Kim Jong Un watched the launch with NATO chief Mark Rutte.")
    assert (found["Kim Jong Un"].title, found["Kim Jong Un"].country_hint) == ("North Korean leader", "PRK")
    assert found["Mark Rutte"].title == "NATO chief"


def test_lower_case_words_alone_are_no_title(nlp):
    found = _by_text(nlp, "He said the minister Kim Yong-hyun would resign.")
    assert found["Kim Yong-hyun"].title is None


def test_multi_word_titles_give_their_sector(nlp):
    found = _by_text(nlp, "U.S. Defense Secretary Lloyd Austin met Sen. Marco Rubio.")
    assert (found["Lloyd Austin"].country_hint, found["Lloyd Austin"].sector_hint) == ("USA", "GOV")
    assert (found["Marco Rubio"].rank, found["Marco Rubio"].sector_hint) == ("Sen.", "LEG")


def test_a_hyphenated_given_name_cut_by_the_model_is_restored(nlp):
    found = _by_text(nlp, "Former President Moon Jae-in spoke on Monday.")
    assert "Moon Jae-in" in found and found["Moon Jae-in"].title == "Former President"


def test_a_person_set_beside_a_nationality_phrase_takes_its_country(nlp):
    mentions = _by_text(nlp, "The Turkish foreign minister, Mevlut Cavusoglu, met his Russian counterpart, "
                             "Sergei Lavrov, and Iran's Javad Zarif.")
    hints = {text: m.country_hint for text, m in mentions.items() if m.label == "PERSON"}
    assert hints == {"Mevlut Cavusoglu": "TUR", "Sergei Lavrov": "RUS", "Javad Zarif": "IRN"}
