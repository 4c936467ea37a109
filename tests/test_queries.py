"""docs/queries.md: every example query runs through `dateline sql` on the sample warehouse."""

from __future__ import annotations

import csv
import io
import re

import pytest
from typer.testing import CliRunner

from conftest import ROOT
from flows.cli import app

pytestmark = pytest.mark.slow

QUERIES_MD = ROOT / "docs" / "queries.md"
# Queries whose answer on the two-article sample is legitimately empty (it has no bad input).
MAY_BE_EMPTY_ON_SAMPLE = {"What was rejected, and why"}


def documented_queries() -> list[tuple[str, str]]:
    """(section heading, query) for every ```sql block in docs/queries.md."""
    found, heading = [], ""
    for part in re.split(r"(^## [^\n]+$|```sql\n.*?```)", QUERIES_MD.read_text(), flags=re.M | re.S):
        if part.startswith("## "):
            heading = part[3:].strip()
        elif part.startswith("```sql"):
            found.append((heading, part.removeprefix("```sql\n").removesuffix("```").strip()))
    return found


def test_queries_cover_the_questions_analysts_ask_first():
    headings = {h for h, _ in documented_queries()}
    for question in ("Conflict versus cooperation, week by week", "The most active dyads", "Coverage per source",
                     "Coverage per story", "Mentions of a person over time"):
        assert question in headings
    assert len(documented_queries()) >= 10


@pytest.mark.parametrize("heading, query", documented_queries(), ids=lambda v: v[:40] if isinstance(v, str) else v)
def test_documented_query_runs_and_answers(heading, query, sample_warehouse):
    warehouse, _ = sample_warehouse
    result = CliRunner().invoke(app, ["sql", query, "--warehouse", str(warehouse), "--csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.output)))
    assert rows and rows[0], "no header"
    if heading not in MAY_BE_EMPTY_ON_SAMPLE:
        assert len(rows) > 1, f"{heading}: no rows on the sample warehouse"


def test_person_over_time_finds_kim_across_spellings(sample_warehouse):
    warehouse, _ = sample_warehouse
    query = dict(documented_queries())["Mentions of a person over time"]
    result = CliRunner().invoke(app, ["sql", query, "--warehouse", str(warehouse), "--csv"])
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert {r["name"] for r in rows} == {"Kim Myung-soo"}
    assert sum(int(r["articles"]) for r in rows) == 2  # both sample articles, under either spelling
