"""The event benchmark's scoring (benchmarks/events.py), on hand-made reports: no corpus needed."""

from __future__ import annotations

from benchmarks.events import coding_scores


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
