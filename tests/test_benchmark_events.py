"""The event benchmark's scoring (benchmarks/events.py), on hand-made reports: no corpus needed."""

from __future__ import annotations

import pytest

from benchmarks import events as bench
from benchmarks.events import coder_reports, coding_scores


def _gold(plover_type, actor, recipient):
    return {"plover_type": plover_type, "actor_country": actor, "recipient_country": recipient}


def _report(plover_type, actors, recipients, start=5):
    return {"article_id": "a", "trigger_start_char": start, "trigger": "bombed", "plover_type": plover_type,
            "actor_country": actors[0], "recipient_country": recipients[0],
            "actor_countries": actors, "recipient_countries": recipients}


def test_a_report_naming_two_actors_recalls_both_dyads_but_counts_once_for_precision():
    gold = {("a", 0, 100): [_gold("ASSAULT", "SYR", ""), _gold("ASSAULT", "RUS", "")]}
    scores = coding_scores(gold, [_report("ASSAULT", ["SYR", "RUS"], [""])])
    assert scores["system_reports"] == 1 and scores["type_accuracy"] == 1.0
    assert scores["recall"] == 1.0 and scores["triple_recall"] == 1.0 and scores["triple_precision"] == 1.0


def test_a_report_with_one_party_recalls_one_dyad_only():
    gold = {("a", 0, 100): [_gold("ASSAULT", "SYR", ""), _gold("ASSAULT", "RUS", "")]}
    scores = coding_scores(gold, [_report("ASSAULT", ["SYR"], [""])])
    assert scores["recall"] == 0.5 and scores["triple_recall"] == 0.5


def test_a_wrong_type_recalls_nothing_and_symmetric_sides_may_swap():
    gold = {("a", 0, 100): [_gold("CONSULT", "USA", "TUR")]}
    assert coding_scores(gold, [_report("REQUEST", ["USA"], ["TUR"])])["recall"] == 0.0
    swapped = coding_scores(gold, [_report("CONSULT", ["TUR"], ["USA"])])
    assert swapped["triple_precision"] == 1.0 and swapped["recall"] == 1.0


def test_reports_outside_the_sentence_are_not_scored():
    gold = {("a", 0, 100): [_gold("ASSAULT", "SYR", "")]}
    scores = coding_scores(gold, [_report("ASSAULT", ["SYR"], [""], start=150)])
    assert scores["system_reports"] == 0 and scores["recall"] == 0.0


def _coded(plover_type, root, actor, recipient):
    return {"plover_type": plover_type, "cameo_root": root, "actor_country": actor, "recipient_country": recipient}


def test_a_second_coder_is_scored_like_the_system_taking_the_first_of_two_accepted_countries():
    first = {("a", 0, 100): [_coded("ASSAULT", "19", "SYR", "")], ("a", 100, 200): []}
    second = {("a", 0, 100): [_coded("ASSAULT", "19", "SYR|RUS", "TUR")],
              ("a", 100, 200): [_coded("ACCUSE", "11", "GBR", "GBR")]}
    scores = coding_scores(first, coder_reports(second))
    # One event agrees on type and actor (SYR, the first accepted) but not on the recipient;
    # the second coder's extra event in the other sentence counts against its precision.
    assert scores["system_reports"] == 2 and scores["type_accuracy"] == 0.5 and scores["recall"] == 1.0
    assert scores["actor_country_accuracy"] == 1.0 and scores["triple_precision"] == 0.0


def test_a_coding_agrees_with_itself():
    coding = {("a", 0, 100): [_coded("CONSULT", "04", "USA", "TUR"), _coded("ACCUSE", "11", "TUR", "USA")]}
    scores = coding_scores(coding, coder_reports(coding))
    assert scores["type_accuracy"] == scores["recall"] == scores["triple_precision"] == scores["triple_recall"] == 1.0


def test_a_second_coding_of_other_sentences_is_refused_with_the_file_named(tmp_path, monkeypatch):
    header = "corpus,article_id,start_char,end_char,plover_type,cameo_root,actor_country,recipient_country\n"
    first, second = tmp_path / "first.csv", tmp_path / "second.csv"
    first.write_text(header + "c,a,0,100,ASSAULT,19,SYR,\n")
    second.write_text(header + "c,a,0,90,ASSAULT,19,SYR,\n")
    monkeypatch.setitem(bench.SPLIT_PATHS, "heldout2", first)
    monkeypatch.setitem(bench.SECOND_CODINGS, "heldout2", second)
    with pytest.raises(ValueError, match="second.csv codes other sentences than first.csv"):
        bench.run_agreement(("heldout2",))


PLOVER_TYPES = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
                "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}


@pytest.mark.parametrize("path", sorted({*bench.SPLIT_PATHS.values(), *bench.SECOND_CODINGS.values()}), ids=lambda p: p.name)
def test_every_gold_file_holds_codes_only_in_the_agreed_shape(path):
    import csv
    import re

    with open(path) as f:
        reader = csv.DictReader(f)
        assert reader.fieldnames == ["corpus", "article_id", "start_char", "end_char", "plover_type", "cameo_root",
                                     "actor_country", "recipient_country"]  # no sentence text (copyright)
        rows = list(reader)
    assert rows
    country = re.compile(r"^([A-Z]{3})?(\|([A-Z]{3})?)*$")
    for row in rows:
        where = f"{path.name}: {row['article_id']} {row['start_char']}"
        assert int(row["start_char"]) < int(row["end_char"]), where
        if not row["plover_type"]:
            assert not (row["cameo_root"] or row["actor_country"] or row["recipient_country"]), where
            continue
        assert row["plover_type"] in PLOVER_TYPES, where
        assert re.fullmatch(r"0[1-9]|1[0-9]|20", row["cameo_root"]), where
        assert country.match(row["actor_country"]) and country.match(row["recipient_country"]), where
