"""End to end: the sample corpus through the real Prefect flows into a temporary DuckDB file."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest
from prefect.testing.utilities import prefect_test_harness

from flows.load import run_checks
from flows.pipeline import dateline_pipeline
from transforms.settings import SAMPLE_DIR, WAREHOUSE_TABLES

pytestmark = pytest.mark.slow

FURNITURE = ["scroll to top", "Quick access", "BEMIL Views", "Comments0", "[Latest]", "Polish Pilots Test",
             "Share it on", "fastviewkorea.com"]
FIRST = "000_0542b33128e6ff50.txt"
SECOND = "001_b88d805714a817ca.txt"


@pytest.fixture(scope="module")
def harness():
    with prefect_test_harness(server_startup_timeout=90):
        yield


def _snapshot(con) -> dict[str, list]:
    return {t: con.execute(f"select * from {t} order by all").fetchall() for t in WAREHOUSE_TABLES if t != "runs"}


@pytest.fixture(scope="module")
def sample_run(harness, tmp_path_factory):
    root = tmp_path_factory.mktemp("e2e")
    inputs = root / "inputs"
    shutil.copytree(SAMPLE_DIR, inputs)
    (inputs / "broken.jsonl").write_text('{"id": "x", "text": "fine article text here and more words"}\n{oops\n')
    (inputs / "binary.txt").write_bytes(b"\x00\x01\x02" * 50)
    warehouse, data_dir = root / "w.duckdb", root / "data"
    first = dateline_pipeline([inputs], data_dir, warehouse)
    con = duckdb.connect(str(warehouse), read_only=True)
    snapshot = _snapshot(con)
    con.close()
    second = dateline_pipeline([inputs], data_dir, warehouse)
    con = duckdb.connect(str(warehouse), read_only=True)
    yield {"con": con, "first": first, "second": second, "snapshot": snapshot, "data_dir": data_dir}
    con.close()


def one(con, query, *params):
    rows = con.execute(query, list(params)).fetchall()
    assert len(rows) == 1, rows
    return rows[0]


def test_articles_are_clean_with_titles_and_bemil_source(sample_run):
    con = sample_run["con"]
    rows = con.execute("select doc_id, title, body from articles where doc_id like '00%' order by doc_id").fetchall()
    assert [r[0] for r in rows] == [FIRST, SECOND]
    for _, title, body in rows:
        assert title
        assert not [f for f in FURNITURE if f in body]
    first_body, second_body = rows[0][2], rows[1][2]
    assert first_body.endswith("partner nations in Vilnius.")
    assert second_body.startswith("On Monday afternoon, Kim Myung Soo")
    assert second_body.endswith("will take office as the new NATO Military Committee Chairman.")
    assert one(con, "select s.name from articles a join sources s using (source_id) where doc_id = ?", SECOND) == ("BEMIL",)


def test_rejected_inputs_are_recorded_and_good_ones_load(sample_run):
    con = sample_run["con"]
    reasons = dict(con.execute("select doc_id, reason from rejects").fetchall())
    assert "binary" in reasons["binary.txt"]
    assert "invalid JSON" in reasons["broken.jsonl#2"]
    assert one(con, "select count(*) from articles where doc_id = 'x'") == (1,)


def test_kim_is_one_korean_military_person_across_spellings(sample_run):
    con = sample_run["con"]
    rows = con.execute("""
        select distinct e.entity_id, e.label, e.country, e.sector, e.name from mentions m join entities e using (entity_id)
        where m.text in ('Kim Myung-soo', 'Kim Myung Soo')""").fetchall()
    assert len(rows) == 1, rows
    _, label, country, sector, name = rows[0]
    assert (label, country, sector) == ("PERSON", "KOR", "MIL")
    assert "Chairman" not in name and "Adm" not in name
    titles = con.execute("select title, rank from mentions where text = 'Kim Myung-soo' order by start_char").fetchall()
    assert titles[0] == ("JCS Chairman", "Adm.")
    articles = one(con, "select count(distinct article_id) from mentions where entity_id = ?", rows[0][0])
    assert articles == (2,)


def test_bauer_is_one_entity_and_capitals_resolve(sample_run):
    con = sample_run["con"]
    assert one(con, "select count(distinct entity_id), count(distinct article_id) from mentions where text = 'Rob Bauer'") == (1, 2)
    actors = dict(con.execute("""select m.text, e.country from mentions m join entities e using (entity_id)
                                 where m.text in ('Pyongyang', 'Moscow')""").fetchall())
    assert actors == {"Pyongyang": "PRK", "Moscow": "RUS"}
    places = con.execute("""select distinct m.text, m.role, e.kind from mentions m join entities e using (entity_id)
                            where m.text in ('Seoul', 'Brussels', 'Vilnius')""").fetchall()
    assert {p[0] for p in places} == {"Seoul", "Brussels", "Vilnius"}
    assert all(role == "place" and kind == "place" for _, role, kind in places), places


def test_phone_call_is_one_consult_event_reported_by_both_articles(sample_run):
    con = sample_run["con"]
    events = con.execute("""
        select e.event_id, e.cameo_code, e.plover_type, e.num_articles, e.actor1_name, e.actor2_name
        from events e where e.plover_type = 'CONSULT' and e.cameo_code like '04%' and e.num_articles = 2""").fetchall()
    assert len(events) == 1, events
    event_id, code, plover, num_articles, actor1, actor2 = events[0]
    assert code == "041"
    assert {actor1, actor2} == {"Kim Myung-soo", "Rob Bauer"}
    docs = con.execute("""select distinct a.doc_id from event_mentions em join articles a using (article_id)
                          where em.event_id = ? order by 1""", [event_id]).fetchall()
    assert docs == [(FIRST,), (SECOND,)]


def test_no_event_comes_from_boilerplate(sample_run):
    con = sample_run["con"]
    assert one(con, "select count(*) from event_mentions where quote like '%Polish Pilots%'") == (0,)


def test_second_run_leaves_every_table_the_same(sample_run):
    con = sample_run["con"]
    assert _snapshot(con) == sample_run["snapshot"]
    assert one(con, "select count(*) from runs") == (2,)
    assert sample_run["second"]["ingest"]["new"] == 0


def test_checks_pass_and_tables_are_published_as_parquet(sample_run):
    assert [c.name for c in run_checks(sample_run["con"]) if c.rows] == []
    for table in WAREHOUSE_TABLES:
        assert list((Path(sample_run["data_dir"]) / table).rglob("*.parquet")), table
    n = duckdb.sql(f"select count(*) from read_parquet('{sample_run['data_dir']}/articles/**/*.parquet', "
                   "hive_partitioning = true)").fetchall()[0][0]
    assert n == 3


def test_both_reports_of_the_call_are_one_story_with_a_tone(sample_run):
    con = sample_run["con"]
    rows = con.execute("select doc_id, story_id, tone from articles where doc_id in (?, ?)", [FIRST, SECOND]).fetchall()
    assert len(rows) == 2 and rows[0][1] is not None and rows[0][1] == rows[1][1], rows
    assert all(-1 <= tone <= 1 for _, _, tone in rows)
