"""Data tests for the codebook seeds written by seeds/build_codebook.py.

Given the committed CSVs (stdlib csv, no dependency on ../shared), expect the contracts the
extract stage relies on: exact headers, zero-padded CAMEO codes, sorted unique keys, every
lexicon code resolvable, no CAMEO 01 rows, appeals (02) as PLOVER REQUEST, and a few rows pinned
by name. The last test
rebuilds the tables from the dictionaries and expects byte-identical files.
"""

from __future__ import annotations

import csv
import re
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest

SEEDS_DIR = Path(__file__).resolve().parents[1] / "seeds"
DICTIONARIES = SEEDS_DIR.parents[1] / "shared" / "corpus" / "dictionaries"

HEADERS = {
    "cameo_codes": ["cameo_code", "name", "cameo_root", "quad_class", "goldstein", "plover_type", "plover_mode"],
    "plover_types": ["plover_type", "quad_class", "definition", "requires_recipient", "default_cameo_root", "score"],
    "sectors": ["sector", "description", "origin"],
    "event_lexicon": ["verb", "object", "preposition", "cameo_code", "origin", "note"],
}
KEYS = {
    "cameo_codes": ["cameo_code"],
    "plover_types": ["plover_type"],
    "sectors": ["sector"],
    "event_lexicon": ["verb", "object", "preposition"],
}
CAMEO_CODE = re.compile(r"\d{2,4}")
# The brief guessed 1,500-8,000 rows; expanding PETRARCH synsets (&WEAPON, &CURRENCY, ...) into one
# row per head noun gives ~11,000. The bounds catch a broken build, not a change of a few rows.
LEXICON_ROWS = (8_000, 15_000)


@cache
def table(name: str) -> tuple[list[str], list[dict[str, str]]]:
    with (SEEDS_DIR / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def rows(name: str) -> list[dict[str, str]]:
    return table(name)[1]


def codes() -> dict[str, dict[str, str]]:
    return {row["cameo_code"]: row for row in rows("cameo_codes")}


def lexicon() -> dict[tuple[str, str, str], dict[str, str]]:
    return {(r["verb"], r["object"], r["preposition"]): r for r in rows("event_lexicon")}


# ---- every table ---------------------------------------------------------------------------
@pytest.mark.parametrize("name", HEADERS)
def test_header_is_the_contract(name):
    assert table(name)[0] == HEADERS[name]


@pytest.mark.parametrize("name", HEADERS)
def test_rows_are_sorted_by_a_unique_key(name):
    keys = [tuple(row[k] for k in KEYS[name]) for row in rows(name)]
    assert keys == sorted(keys)
    assert len(keys) == len(set(keys))


@pytest.mark.parametrize("name", HEADERS)
def test_no_cell_has_stray_whitespace(name):
    assert all(value == value.strip() for row in rows(name) for value in row.values())


# ---- cameo_codes ---------------------------------------------------------------------------
def test_cameo_codes_are_zero_padded_strings_with_their_root():
    for row in rows("cameo_codes"):
        assert CAMEO_CODE.fullmatch(row["cameo_code"]), row
        assert row["cameo_root"] == row["cameo_code"][:2]


def test_quad_class_follows_the_root():
    # GDELT's QuadClass: roots 01-05 verbal cooperation, 06-09 material cooperation, 10-14 verbal
    # conflict, 15-20 material conflict. PLOVER files 09 (ACCUSE) and 14 (PROTEST) differently;
    # plover_types.csv carries PLOVER's own quad class.
    expected = {**dict.fromkeys(range(1, 6), "1"), **dict.fromkeys(range(6, 10), "2"),
                **dict.fromkeys(range(10, 15), "3"), **dict.fromkeys(range(15, 21), "4")}
    for row in rows("cameo_codes"):
        assert row["quad_class"] == expected[int(row["cameo_root"])], row


def test_goldstein_is_a_float_on_the_scale():
    assert all(-10.0 <= float(row["goldstein"]) <= 10.0 for row in rows("cameo_codes"))


def test_041_is_a_phone_consultation():
    row = codes()["041"]
    assert (row["name"], row["cameo_root"], row["quad_class"]) == ("Discuss by telephone", "04", "1")
    assert float(row["goldstein"]) == 1.0
    assert (row["plover_type"], row["plover_mode"]) == ("CONSULT", "phone")


def test_statements_have_no_plover_type():
    dropped = [row for row in rows("cameo_codes") if row["cameo_root"] == "01"]
    assert dropped and all(row["plover_type"] == row["plover_mode"] == "" for row in dropped)


def test_appeals_are_plover_requests():
    """Given CAMEO 02 (absent from CAMEO2PLOVER), expect PLOVER REQUEST ("All requests, demands,
    and orders"), with the manual's mode where the appeal names one."""
    appeals = {row["cameo_code"]: row for row in rows("cameo_codes") if row["cameo_root"] == "02"}
    assert appeals and all(row["plover_type"] == "REQUEST" for row in appeals.values())
    assert appeals["0231"]["plover_mode"] == "assist" and appeals["026"]["plover_mode"] == "meet"
    assert lexicon()[("appeal", "", "")]["cameo_code"].startswith("02")
    # Only verbs of asking keep their appeal readings: "need aid", "bid for a settlement" ask no one.
    assert not [row for row in rows("event_lexicon") if row["cameo_code"][:2] == "02" and row["verb"] in {"need", "bid", "raise"}]


def test_every_other_code_has_a_known_plover_type():
    types = {row["plover_type"] for row in rows("plover_types")}
    for row in rows("cameo_codes"):
        if row["cameo_root"] not in {"01", "02"}:
            assert row["plover_type"] in types, row


def test_sanctions_are_plover_sanction():
    assert codes()["163"]["plover_type"] == "SANCTION"


# ---- plover_types and sectors ----------------------------------------------------------------
def test_plover_types_are_the_sixteen_categories():
    frame = rows("plover_types")
    assert len(frame) == 16
    roots = {row["cameo_root"] for row in rows("cameo_codes")}
    for row in frame:
        assert row["quad_class"] in {"1", "2", "3", "4"}
        assert row["requires_recipient"] in {"true", "false"}
        assert row["default_cameo_root"] in roots
        assert row["definition"]
        float(row["score"])


def test_consult_mostly_comes_from_cameo_04():
    assert {r["plover_type"]: r for r in rows("plover_types")}["CONSULT"]["default_cameo_root"] == "04"


def test_sectors_union_cameo_and_plover():
    frame = {row["sector"]: row for row in rows("sectors")}
    assert {row["origin"] for row in frame.values()} <= {"cameo", "plover", "both"}
    assert frame["GOV"]["origin"] == "both"
    assert frame["INS"]["origin"] == "cameo"
    assert frame["PTY"]["origin"] == "plover"


# ---- event_lexicon -----------------------------------------------------------------------------
def test_lexicon_codes_exist_in_cameo_codes():
    known = codes()
    assert all(row["cameo_code"] in known for row in rows("event_lexicon"))


def test_lexicon_codes_are_zero_padded_and_never_statements():
    for row in rows("event_lexicon"):
        assert CAMEO_CODE.fullmatch(row["cameo_code"]), row
        assert row["cameo_code"][:2] != "01", row


def test_lexicon_cells_are_lower_case_lemmas():
    for row in rows("event_lexicon"):
        assert row["verb"] and row["verb"] == row["verb"].lower(), row
        assert row["object"] == row["object"].lower(), row
        assert re.fullmatch(r"[a-z]*", row["preposition"]), row
        assert row["origin"] in {"petrarch", "dateline"}, row


def test_curated_notes_name_the_cameo_code():
    known = codes()
    for row in rows("event_lexicon"):
        if row["origin"] == "dateline":
            assert row["note"].startswith(f'CAMEO {row["cameo_code"]} "{known[row["cameo_code"]]["name"]}"'), row


def test_lexicon_size():
    low, high = LEXICON_ROWS
    assert low <= len(rows("event_lexicon")) <= high


@pytest.mark.parametrize("verb", ["say", "tell", "report", "add", "note", "confirm", "claim", "according", "quote"])
def test_reporting_verbs_are_not_triggers(verb):
    assert not [row for row in rows("event_lexicon") if row["verb"].split()[0] == verb]


@pytest.mark.parametrize(
    "key, expected",
    [
        (("hold", "call", ""), "041"),
        (("call", "", ""), "041"),
        (("hold", "talk", ""), "04"),
        (("discuss", "", ""), "04"),
        (("meet", "", "with"), "04"),
        (("visit", "", ""), "042"),
        (("accuse", "", ""), "11"),
        (("condemn", "", ""), "11"),
        (("impose", "sanction", ""), "163"),
        (("arrest", "", ""), "173"),
        (("step down", "", ""), "0831"),
    ],
)
def test_pinned_triggers(key, expected):
    assert key in lexicon(), key
    assert lexicon()[key]["cameo_code"].startswith(expected)


@pytest.mark.parametrize("verb", ["serve", "escalate", "rule", "think", "conduct", "assure", "issue", "break", "provide",
                                  "oversee", "organise", "constitute", "dig", "examine", "overcome", "prefer", "hope",
                                  "suggest", "propose"])
def test_verbs_without_an_interaction_sense_have_no_default(verb):
    """Given the verb audit (NON_EVENT_DEFAULTS), expect no bare row: "served as minister",
    "escalated", "ruled out" and "conducted a survey" code nothing on their own."""
    assert (verb, "", "") not in lexicon()


@pytest.mark.parametrize("key", [("take", "part", ""), ("issue", "statement", ""), ("hit", "target", ""),
                                 ("launch", "campaign", ""), ("hold", "election", ""), ("launch", "scheme", ""),
                                 ("launch", "programme", "")])
def test_pattern_rows_whose_modifier_carried_the_meaning_are_gone(key):
    """Given "{DEFIANT STATEMENT}" compiled to its head noun, expect no "issue statement" row."""
    assert key not in lexicon()


@pytest.mark.parametrize(
    "key, plover_type",
    [
        (("rule out", "", ""), "REJECT"),
        (("negotiate", "", ""), "CONSULT"),
        (("conduct", "strike", ""), "ASSAULT"),
        (("launch", "offensive", ""), "ASSAULT"),
        (("provide", "aid", ""), "AID"),  # the dropped default keeps its patterns
    ],
)
def test_audited_readings(key, plover_type):
    assert codes()[lexicon()[key]["cameo_code"]]["plover_type"] == plover_type


@pytest.mark.parametrize("verb", ["call", "appeal", "press", "push"])
def test_what_is_asked_for_is_not_coded_as_done(verb):
    """Given PETRARCH's "call (FOR &INVESTIGATION)" (090) and "call (FOR TALKS)" (036), expect
    every "for"/"on" row of a verb of asking to be a request (CAMEO 10 or 02): a call for an inquiry is
    no inquiry."""
    asked = [row for row in rows("event_lexicon") if row["verb"] == verb and row["preposition"] in ("for", "on")]
    assert asked and all(row["cameo_code"][:2] in ("10", "02") for row in asked), asked


def test_a_call_for_an_inquiry_is_the_curated_request():
    assert lexicon()[("call", "", "for")]["cameo_code"] == "100" and ("call", "inquiry", "for") not in lexicon()


def test_attack_is_a_plover_assault():
    row = lexicon()[("attack", "", "")]
    assert row["cameo_code"][:2] in {"18", "19"}
    assert codes()[row["cameo_code"]]["plover_type"] == "ASSAULT"


def test_missile_launch_without_target_is_mobilize():
    row = lexicon()[("launch", "missile", "")]
    assert codes()[row["cameo_code"]]["plover_type"] == "MOBILIZE"


# ---- reproducibility ---------------------------------------------------------------------------
@pytest.mark.corpus
@pytest.mark.skipif(not DICTIONARIES.is_dir(), reason=f"{DICTIONARIES} is absent")
def test_builder_reproduces_the_committed_tables(tmp_path):
    subprocess.run(
        [sys.executable, str(SEEDS_DIR / "build_codebook.py"), "--dictionaries", str(DICTIONARIES), "--out", str(tmp_path)],
        check=True, capture_output=True,
    )
    for name in HEADERS:
        assert (tmp_path / f"{name}.csv").read_bytes() == (SEEDS_DIR / f"{name}.csv").read_bytes(), name


def test_builder_names_the_missing_dictionaries(tmp_path):
    missing = tmp_path / "no-such-dictionaries"
    result = subprocess.run(
        [sys.executable, str(SEEDS_DIR / "build_codebook.py"), "--dictionaries", str(missing), "--out", str(tmp_path)],
        capture_output=True, text=True,
    )
    assert result.returncode != 0
    assert str(missing) in result.stderr
