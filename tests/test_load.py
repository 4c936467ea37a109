"""Load helpers without Prefect: stable event ids, the writer lock, folder publication."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime
from pathlib import Path

import duckdb
import polars as pl
import pytest
from polars.testing import assert_frame_equal

from flows.load import schema_version
from flows.storage import WarehouseBusy, WriterLock, publish_folder
from transforms.stable_ids import REDIRECT_SCHEMA, event_id_for, event_id_redirects, report_key, stable_event_ids

MENTION_COLUMNS = {"event_id": pl.String, "event_mention_id": pl.String, "article_id": pl.String,
                   "trigger_start_char": pl.Int64}
COMMITTED = {"event_mention_id": pl.String, "event_id": pl.String}


def _mentions(rows):
    return pl.DataFrame(rows, schema=MENTION_COLUMNS, orient="row")


def _articles(rows):
    return pl.DataFrame(rows, schema={"article_id": pl.String, "published_at": pl.Datetime("us")}, orient="row")


ARTICLES = _articles([("a", datetime(2024, 6, 10)), ("b", datetime(2024, 6, 11)), ("c", datetime(2024, 6, 9)),
                      ("d", None)])


def test_a_first_load_names_each_event_after_its_earliest_published_report():
    # given: one cluster reported by a (10 June) and c (9 June), another only by d (no date)
    mentions = _mentions([("x1", "m-a", "a", 5), ("x1", "m-c", "c", 7), ("x2", "m-d", "d", 3)])
    # expect
    got = stable_event_ids(mentions, ARTICLES, pl.DataFrame(schema=COMMITTED))
    names = [event_id_for(report_key("c", 7)), event_id_for(report_key("d", 3))]
    expected = pl.DataFrame({"event_id": ["x1", "x2"], "stable_event_id": names, "rebuild_event_id": names})
    assert_frame_equal(got, expected)


def test_a_known_event_keeps_its_id_when_new_reports_join_it():
    # given: the warehouse knows m-a as event OLD; the new cluster adds an earlier report c
    committed = pl.DataFrame({"event_mention_id": ["m-a"], "event_id": ["OLD"]})
    mentions = _mentions([("x1", "m-a", "a", 5), ("x1", "m-c", "c", 7)])
    got = stable_event_ids(mentions, ARTICLES, committed)
    # expect: the old id stays; the rebuild would name it after c
    assert got.to_dicts() == [{"event_id": "x1", "stable_event_id": "OLD",
                               "rebuild_event_id": event_id_for(report_key("c", 7))}]


def test_bridged_events_take_the_id_of_the_earliest_report_and_a_split_gets_a_fresh_one():
    # given: two old events (E1 from a, E2 from b) now merged by a new report d; and old E3 split
    committed = pl.DataFrame({"event_mention_id": ["m-a", "m-b", "m-c1", "m-c2"],
                              "event_id": ["E1", "E2", "E3", "E3"]})
    mentions = _mentions([("x1", "m-b", "b", 1), ("x1", "m-a", "a", 1), ("x1", "m-d", "d", 1),
                          ("x2", "m-c1", "c", 1), ("x3", "m-c2", "c", 9)])
    got = dict(stable_event_ids(mentions, ARTICLES, committed).select("event_id", "stable_event_id").iter_rows())
    # expect: the merged event keeps E1 (a is earlier than b); c1's cluster keeps E3, c2's is renamed
    assert got["x1"] == "E1"
    assert got["x2"] == "E3"
    assert got["x3"] == event_id_for(report_key("c", 9))


def test_later_reports_joining_an_event_keep_the_id_a_rebuild_gives():
    # given: the warehouse named an event after a (10 June); b (11 June) now joins it
    name_a = event_id_for(report_key("a", 5))
    committed = pl.DataFrame({"event_mention_id": ["m-a"], "event_id": [name_a]})
    got = stable_event_ids(_mentions([("x1", "m-a", "a", 5), ("x1", "m-b", "b", 2)]), ARTICLES, committed)
    # expect: incremental and rebuild agree
    assert got.select("stable_event_id", "rebuild_event_id").row(0) == (name_a, name_a)


def test_a_split_event_leaves_its_id_with_the_report_it_was_named_after():
    # given: old event E named after c:5 (9 June) with a:1; now a:1 groups with a new, earlier-
    # offset report c:1, and c:5 stands alone
    name_c5 = event_id_for(report_key("c", 5))
    committed = pl.DataFrame({"event_mention_id": ["m-c5", "m-a1"], "event_id": [name_c5, name_c5]})
    mentions = _mentions([("x1", "m-c1", "c", 1), ("x1", "m-a1", "a", 1), ("x2", "m-c5", "c", 5)])
    got = {r["event_id"]: r for r in stable_event_ids(mentions, ARTICLES, committed).to_dicts()}
    # expect: c:5's group keeps E (the rebuild name too); the other takes its rebuild name, c:1
    assert got["x2"]["stable_event_id"] == got["x2"]["rebuild_event_id"] == name_c5
    assert got["x1"]["stable_event_id"] == got["x1"]["rebuild_event_id"] == event_id_for(report_key("c", 1))


def _redirects(rows=()):
    return pl.DataFrame(list(rows), schema=REDIRECT_SCHEMA, orient="row")


def test_a_backfilled_name_and_a_merged_id_both_redirect_to_the_kept_id():
    # given: old events E1 (a) and E2 (b); a back-filled report c (9 June) bridges them
    committed = pl.DataFrame({"event_mention_id": ["m-a", "m-b"], "event_id": ["E1", "E2"]})
    mentions = _mentions([("x1", "m-a", "a", 1), ("x1", "m-b", "b", 1), ("x1", "m-c", "c", 1)])
    id_map = stable_event_ids(mentions, ARTICLES, committed)
    got = event_id_redirects(id_map, mentions, ARTICLES, committed, _redirects(), "run-2")
    # expect: E1 stays (a is earlier than b); the rebuild name and E2 resolve to it
    assert id_map["stable_event_id"].to_list() == ["E1"]
    expected = _redirects([(event_id_for(report_key("c", 1)), "E1", "rebuild_name", "run-2"),
                           ("E2", "E1", "merged", "run-2")]).sort("redirect_id")
    assert_frame_equal(got, expected)


def test_carried_redirects_follow_their_event_and_give_way_to_live_ids():
    # given: redirects R1 -> E2 and R2 -> E1 from run-1; E2 has now merged into E1, and R2 is an
    # event's own id again
    committed = pl.DataFrame({"event_mention_id": ["m-a", "m-b"], "event_id": ["E1", "E2"]})
    mentions = _mentions([("x1", "m-a", "a", 1), ("x1", "m-b", "b", 1)])
    id_map = pl.DataFrame({"event_id": ["x1", "x2"], "stable_event_id": ["E1", "R2"],
                           "rebuild_event_id": ["E1", "R2"]})
    carried = _redirects([("R1", "E2", "rebuild_name", "run-1"), ("R2", "E1", "merged", "run-1"),
                          ("R3", "GONE", "merged", "run-1")])
    got = event_id_redirects(id_map, mentions, ARTICLES, committed, carried, "run-2")
    # expect: R1 now points at E1 and keeps its first run; R2 is live, R3's event is gone
    assert sorted(got.iter_rows()) == [("E2", "E1", "merged", "run-2"), ("R1", "E1", "rebuild_name", "run-1")]


def test_a_first_load_has_no_redirects():
    mentions = _mentions([("x1", "m-a", "a", 5), ("x1", "m-c", "c", 7), ("x2", "m-d", "d", 3)])
    empty = pl.DataFrame(schema=COMMITTED)
    id_map = stable_event_ids(mentions, ARTICLES, empty)
    assert event_id_redirects(id_map, mentions, ARTICLES, empty, _redirects(), "run-1").is_empty()


def test_no_reports_give_an_empty_map():
    assert stable_event_ids(_mentions([]), ARTICLES, pl.DataFrame(schema=COMMITTED)).is_empty()


def test_a_second_writer_is_refused_while_the_first_holds_the_lock(tmp_path):
    warehouse = tmp_path / "w.duckdb"
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sys, time; sys.path.insert(0, '.'); from pathlib import Path; from flows.storage import WriterLock\n"
        f"with WriterLock(Path({str(warehouse)!r})):\n    print('held', flush=True); time.sleep(30)")],
        cwd=Path(__file__).resolve().parent.parent, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(WarehouseBusy, match=rf"pid {holder.pid} since"):
            with WriterLock(warehouse):
                pass
    finally:
        holder.kill()
        holder.wait()
    # expect: a killed holder leaves no stale lock
    with WriterLock(warehouse):
        pass


def test_published_folder_is_replaced_whole(tmp_path):
    folder = tmp_path / "articles"

    def write_two(staging: Path) -> None:
        for month in ("2024-05", "2024-06"):
            (staging / f"published_month={month}").mkdir()
            pl.DataFrame({"n": [1]}).write_parquet(staging / f"published_month={month}" / "a.parquet")

    publish_folder(folder, write_two)
    publish_folder(folder, lambda s: pl.DataFrame({"n": [1, 2, 3]}).write_parquet(s / "articles.parquet"))
    # expect: only the second version's files, readable with a plain glob, no staging left
    assert sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.parquet")) == ["articles.parquet"]
    assert duckdb.sql(f"select count(*) from '{folder}/**/*.parquet'").fetchall() == [(3,)]
    assert [p.name for p in tmp_path.iterdir()] == ["articles"]


def test_schema_sql_declares_its_version():
    assert schema_version() >= 2


def test_the_lock_is_reentrant_within_one_process(tmp_path):
    warehouse = tmp_path / "w.duckdb"
    with WriterLock(warehouse):
        with WriterLock(warehouse):
            pass
        # still held after the inner exit: another process would be refused
        holder_check = subprocess.run([sys.executable, "-c", (
            "import sys; sys.path.insert(0, '.'); from pathlib import Path; from flows.storage import WriterLock\n"
            f"try:\n    WriterLock(Path({str(warehouse)!r})).__enter__()\nexcept Exception as e:\n    print(type(e).__name__)")],
            cwd=Path(__file__).resolve().parent.parent, capture_output=True, text=True)
        assert holder_check.stdout.strip() == "WarehouseBusy"


def _published_inode(data_dir: Path, table: str) -> int:
    return (data_dir / table).stat().st_ino


def test_a_load_with_nothing_new_adds_its_run_without_rebuilding(sample_warehouse, tmp_path):
    import shutil

    from flows.load import load_warehouse
    from warehouse_snapshot import snapshot

    def runs() -> int:
        with duckdb.connect(str(warehouse), read_only=True) as con:
            return con.execute("select count(*) from runs").fetchall()[0][0]

    def published_runs() -> int:
        return duckdb.sql(f"select count(*) from read_parquet('{data}/runs/*.parquet')").fetchall()[0][0]

    source, _ = sample_warehouse
    shutil.copytree(source.parent / "data", tmp_path / "data")
    warehouse, data = tmp_path / "dateline.duckdb", tmp_path / "data"
    shutil.copyfile(source, warehouse)

    def load(run_id: str) -> dict:
        return load_warehouse.fn(data, warehouse, {"run_id": run_id, "started_at": datetime(2026, 1, 1),
                                                   "inputs": [], "counts": {}})

    # given: a full load of this copy (the manifest names another file, so nothing is skipped)
    first = load("run-a")
    before, runs_before = snapshot(warehouse), runs()
    articles_folder, inode = _published_inode(data, "articles"), warehouse.stat().st_ino
    # when: the same stage outputs are loaded again
    second = load("run-b")
    # expect: a new file with one more run, the same rows, only `runs` published again, checks pass
    assert warehouse.stat().st_ino != inode
    assert snapshot(warehouse) == before
    assert runs() == runs_before + 1 == published_runs()
    assert _published_inode(data, "articles") == articles_folder
    assert second["tables"] == {**first["tables"], "runs": runs_before + 1}
    assert second["failed_checks"] == {}
    # when: someone replaces the file (same bytes, another file): it is rebuilt in full
    shutil.copyfile(warehouse, tmp_path / "other.duckdb")
    (tmp_path / "other.duckdb").replace(warehouse)
    load("run-c")
    assert _published_inode(data, "articles") != articles_folder
    assert snapshot(warehouse) == before
