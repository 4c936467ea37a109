"""Reliability, end to end through the real flows: runs killed with SIGKILL at several points
then rerun, one writer at a time, readers during a run, hostile input, incremental batches,
schema upgrades and `dateline check`. The long versions (20 random kills over a real corpus)
are in benchmarks/reliability.py.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest
from prefect.testing.utilities import prefect_test_harness
from typer.testing import CliRunner

from flows.load import WarehouseError, load_warehouse, run_checks
from flows.pipeline import dateline_pipeline
from flows.storage import CRASH_ENV, WriterLock
from hostile import STORY, STORY2, write_hostile_folder
from processes import stop_group
from transforms.settings import SAMPLE_DIR
from warehouse_snapshot import (differences, event_id_differences, published_counts, snapshot, table_counts,
                               without_event_ids)

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_FILES = sorted(SAMPLE_DIR.glob("*.txt"))


@pytest.fixture(scope="module")
def api_url():
    with prefect_test_harness(server_startup_timeout=90):
        from prefect.settings import PREFECT_API_URL

        yield PREFECT_API_URL.value()


def cli(args: list[str], api_url: str, crash: str | None = None) -> subprocess.CompletedProcess:
    """`dateline ARGS` in a fresh process against the test's Prefect server."""
    env = {**os.environ, "PREFECT_API_URL": api_url}
    env.pop(CRASH_ENV, None)
    if crash:
        env[CRASH_ENV] = crash
    return subprocess.run([sys.executable, "-m", "flows.cli", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=600)


def _dated_feed(path: Path, records: list[tuple[str, str, str]]) -> None:
    """A JSONL file of (id, published, text) records."""
    path.write_text("\n".join(json.dumps({"id": i, "published": p, "text": t, "source": "Example News"})
                              for i, p, t in records) + "\n")


def _corpus(root: Path) -> Path:
    """A small input folder: the sample articles, a dated feed and two broken files."""
    root.mkdir(parents=True)
    for path in SAMPLE_FILES:
        shutil.copy(path, root / path.name)
    _dated_feed(root / "feed.jsonl", [("f1", "2024-06-11", STORY), ("f2", "2024-06-12", STORY2)])
    (root / "broken.jsonl").write_text('{"id": "ok", "text": "a fine article text with words"}\n{oops\n')
    (root / "binary.txt").write_bytes(b"\x00\x01" * 100)
    return root


def _run_args(inputs: Path, warehouse: Path, data_dir: Path) -> list[str]:
    return ["run", str(inputs), "--warehouse", str(warehouse), "--data-dir", str(data_dir), "--processes", "1"]


@pytest.fixture(scope="module")
def reference(api_url, tmp_path_factory):
    """One uninterrupted run over the small corpus."""
    root = tmp_path_factory.mktemp("reference")
    inputs = _corpus(root / "inputs")
    warehouse, data_dir = root / "w.duckdb", root / "data"
    done = cli(_run_args(inputs, warehouse, data_dir), api_url)
    assert done.returncode == 0, done.stderr
    return {"inputs": inputs, "warehouse": warehouse, "data_dir": data_dir, "snapshot": snapshot(warehouse)}


# A crash between the stage writes, one just before the new warehouse is swapped in, and one
# just after (committed, not yet published). Random points: benchmarks/reliability.py.
KILL_POINTS = ["ingest-between-writes", "load-before-swap", "load-after-swap"]


def test_runs_killed_at_each_point_then_rerun_end_like_one_clean_run(api_url, reference, tmp_path):
    # given: one warehouse, and a run killed (SIGKILL) at each point in turn, each resuming the last
    warehouse, data_dir = tmp_path / "w.duckdb", tmp_path / "data"
    for point in KILL_POINTS:
        killed = cli(_run_args(reference["inputs"], warehouse, data_dir), api_url, crash=point)
        assert killed.returncode == -9, (point, killed.returncode, killed.stderr[-2000:])
    # expect: one more run ends exactly where the uninterrupted run did
    done = cli(_run_args(reference["inputs"], warehouse, data_dir), api_url)
    assert done.returncode == 0, done.stderr
    assert differences(reference["snapshot"], snapshot(warehouse)) == {}
    assert published_counts(data_dir) == table_counts(warehouse)
    assert not [p for p in tmp_path.rglob(".*") if p.name.endswith(".tmp")], "temporary files left behind"
    checked = cli(["check", "--warehouse", str(warehouse)], api_url)
    assert checked.returncode == 0, checked.stdout


@pytest.mark.parametrize("point", ["after-ingest", "after-clean"])
def test_a_first_run_killed_before_extract_resumes_like_one_clean_run(api_url, reference, tmp_path, point):
    # given: a first run killed (SIGKILL) with ingest (and clean) outputs written, no extract
    # output and no warehouse yet (the state of the failed resume in issue 6's benchmark, cycle 7)
    warehouse, data_dir = tmp_path / "w.duckdb", tmp_path / "data"
    killed = cli(_run_args(reference["inputs"], warehouse, data_dir), api_url, crash=point)
    assert killed.returncode == -9, (point, killed.returncode, killed.stderr[-2000:])
    assert not warehouse.exists() and not (data_dir / "extract").exists()
    assert (data_dir / "ingest" / "documents.parquet").exists()
    # expect: the next run succeeds and ends exactly where the uninterrupted run did
    done = cli(_run_args(reference["inputs"], warehouse, data_dir), api_url)
    assert done.returncode == 0, done.stderr[-3000:]
    assert differences(reference["snapshot"], snapshot(warehouse)) == {}
    assert published_counts(data_dir) == table_counts(warehouse)
    checked = cli(["check", "--warehouse", str(warehouse)], api_url)
    assert checked.returncode == 0, checked.stdout


def test_a_second_writer_exits_with_a_clear_message(api_url, reference, tmp_path):
    # given: the warehouse's writer lock held by another run
    warehouse = tmp_path / "w.duckdb"
    shutil.copy(reference["warehouse"], warehouse)
    with WriterLock(warehouse):
        busy = cli(_run_args(reference["inputs"], warehouse, tmp_path / "data"), api_url)
    # expect: exit code 3, one line naming the holder; the warehouse unchanged
    assert busy.returncode == 3, busy.stderr
    assert "another dateline run (pid" in busy.stderr and "--wait" in busy.stderr
    assert "Traceback" not in busy.stderr
    assert differences(reference["snapshot"], snapshot(warehouse)) == {}


def test_readers_query_while_a_run_replaces_the_warehouse(api_url, reference, tmp_path):
    # given: a reader connected before a run starts
    warehouse, data_dir = tmp_path / "w.duckdb", tmp_path / "data"
    shutil.copy(reference["warehouse"], warehouse)
    shutil.copytree(reference["data_dir"], data_dir)
    reader = duckdb.connect(str(warehouse), read_only=True)
    before = reader.execute("select count(*) from articles").fetchall()
    # when: a run commits
    dateline_pipeline([reference["inputs"]], data_dir, warehouse)
    # expect: the reader still reads its (old) warehouse; a new reader sees the new run
    assert reader.execute("select count(*) from articles").fetchall() == before
    assert reader.execute("select count(*) from runs").fetchall() == [(1,)]
    reader.close()
    fresh = duckdb.connect(str(warehouse), read_only=True)
    assert fresh.execute("select count(*) from runs").fetchall() == [(2,)]
    fresh.close()
    assert differences(reference["snapshot"], snapshot(warehouse)) == {}


def test_every_hostile_input_is_a_reasoned_reject_and_good_ones_load(api_url, tmp_path):
    # given: a folder of binary, empty, mis-encoded, truncated, huge, looping and malformed inputs
    root = tmp_path / "hostile"
    expected = write_hostile_folder(root, big_file_bytes=200 * 1024 * 1024)
    warehouse, data_dir = tmp_path / "w.duckdb", tmp_path / "data"
    # when
    result = dateline_pipeline([root], data_dir, warehouse)
    # expect: each bad entry is a reject whose reason says why; every good document is an article
    con = duckdb.connect(str(warehouse), read_only=True)
    rejects = con.execute("select input_path, doc_id, reason from rejects").fetchall()
    by_entry = {}
    for input_path, doc_id, reason in rejects:
        rel = Path(input_path).relative_to(root).as_posix()
        by_entry.setdefault(doc_id if doc_id and "#" in doc_id else rel, []).append(reason)
    missing = {entry: word for entry, word in expected.rejects.items()
               if not any(word in reason for reason in by_entry.get(entry, []))}
    assert missing == {}, {e: by_entry.get(e) for e in missing}
    articles = {r[0] for r in con.execute("select doc_id from articles").fetchall()}
    assert set(expected.good) <= articles
    assert [c.name for c in run_checks(con) if c.rows] == []
    con.close()
    assert result["ingest"]["rejected"] >= len(expected.rejects) - 2  # two are refused later, by clean


def _feed_records():
    texts = [p.read_text() for p in SAMPLE_FILES]
    return [("bemil-1", "2024-06-10", texts[0]), ("bemil-2", "2024-06-11", texts[1]),
            ("f1", "2024-06-11", STORY), ("f2", "2024-06-12", STORY2)]


def test_incremental_batches_end_like_one_full_run_and_events_keep_their_ids(api_url, tmp_path):
    records = _feed_records()
    # given: a folder that grows (older articles first), loaded after each batch
    growing, data_dir, warehouse = tmp_path / "growing", tmp_path / "inc-data", tmp_path / "inc.duckdb"
    growing.mkdir()
    _dated_feed(growing / "batch1.jsonl", [records[0], records[2]])
    dateline_pipeline([growing], data_dir, warehouse)
    con = duckdb.connect(str(warehouse), read_only=True)
    first_events = dict(con.execute("select event_id, num_articles from events").fetchall())
    con.close()
    _dated_feed(growing / "batch2.jsonl", [records[1], records[3]])
    second = dateline_pipeline([growing], data_dir, warehouse)
    # and: one full run over the same inputs
    full_wh = tmp_path / "full.duckdb"
    dateline_pipeline([growing], tmp_path / "full-data", full_wh)
    # expect: the same rows and ids; events seen after batch 1 keep their ids, the phone call grows
    assert second["ingest"]["new"] == 2
    assert differences(snapshot(full_wh), snapshot(warehouse)) == {}
    con = duckdb.connect(str(warehouse), read_only=True)
    now = dict(con.execute("select event_id, num_articles from events").fetchall())
    con.close()
    kept = {e for e in first_events if e in now}
    assert kept, "no event of batch 1 kept its id"
    assert any(now[e] > first_events[e] for e in kept), "no known event gained the new reports"


def test_a_backfilled_report_keeps_the_event_id_and_the_rebuild_id_resolves_to_it(api_url, tmp_path):
    records = _feed_records()
    # given: the later report of the phone call (bemil-2, 11 June) loaded first, the earlier one
    # (bemil-1, 10 June) back-filled in a second batch
    growing, data_dir, warehouse = tmp_path / "growing", tmp_path / "inc-data", tmp_path / "inc.duckdb"
    growing.mkdir()
    _dated_feed(growing / "batch1.jsonl", [records[1], records[2]])
    dateline_pipeline([growing], data_dir, warehouse)
    shutil.copy(warehouse, tmp_path / "batch1.duckdb")
    _dated_feed(growing / "batch2.jsonl", [records[0], records[3]])
    dateline_pipeline([growing], data_dir, warehouse)
    full_wh = tmp_path / "full.duckdb"
    dateline_pipeline([growing], tmp_path / "full-data", full_wh)
    # expect: the same rows apart from event ids; the call keeps its batch-1 id, and the id a full
    # rebuild gives it resolves to it; no other id differs
    assert differences(without_event_ids(snapshot(full_wh)), without_event_ids(snapshot(warehouse))) == {}
    ids = event_id_differences(full_wh, warehouse, tmp_path / "batch1.duckdb")
    assert len(ids["earlier_report_arrived_later"]) >= 1
    assert {k: v for k, v in ids.items() if v and k != "earlier_report_arrived_later"} == {}
    con = duckdb.connect(str(warehouse), read_only=True)
    redirects = con.execute("select redirect_id, event_id, reason from event_id_redirects").fetchall()
    assert [c.name for c in run_checks(con) if c.rows] == []
    con.close()
    for full_id, kept_id in ids["earlier_report_arrived_later"]:
        assert (full_id, kept_id, "rebuild_name") in redirects


def test_a_served_deployment_runs_the_pipeline_with_the_parameters_it_registered(api_url, tmp_path):
    """`dateline serve` registers the pipeline and its runner executes a run of it. A run is
    triggered here rather than awaited from the cron, which needs Prefect's scheduler and whole
    minutes (benchmarks/reliability.py waits for two cron runs against `prefect server start`)."""
    from prefect.client.orchestration import get_client
    from prefect.deployments import run_deployment
    from prefect.exceptions import ObjectNotFound

    inputs, warehouse = tmp_path / "in", tmp_path / "w.duckdb"
    inputs.mkdir()
    _dated_feed(inputs / "feed.jsonl", _feed_records()[:2])
    name = f"test-{os.getpid()}"
    env = {**os.environ, "PREFECT_API_URL": api_url}
    env.pop(CRASH_ENV, None)
    serve = subprocess.Popen(
        [sys.executable, "-m", "flows.cli", "serve", str(inputs), "--cron", "0 0 1 1 *", "--warehouse", str(warehouse),
         "--data-dir", str(tmp_path / "data"), "--processes", "1", "--name", name],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
    try:
        with get_client(sync_client=True) as client:
            for _ in range(60):
                try:
                    deployment = client.read_deployment_by_name(f"dateline/{name}")
                    break
                except ObjectNotFound:
                    assert serve.poll() is None, serve.stdout.read()
                    time.sleep(1)
        assert [s.cron for s in (d.schedule for d in deployment.schedules)] == ["0 0 1 1 *"]
        flow_run = run_deployment(f"dateline/{name}", timeout=180)
    finally:
        stop_group(serve, timeout=60)
    assert flow_run.state.is_completed(), flow_run.state
    con = duckdb.connect(str(warehouse), read_only=True)
    assert sorted(r[0] for r in con.execute("select doc_id from articles").fetchall()) == ["bemil-1", "bemil-2"]
    assert con.execute("select count(*) from runs").fetchall() == [(1,)]
    con.close()


def test_renamed_and_resaved_files_are_not_new_and_a_changed_file_is(api_url, tmp_path):
    # given: a loaded folder
    inputs, data_dir, warehouse = tmp_path / "in", tmp_path / "data", tmp_path / "w.duckdb"
    inputs.mkdir()
    for path in SAMPLE_FILES:
        shutil.copy(path, inputs / path.name)
    (inputs / "story.txt").write_text(STORY)
    dateline_pipeline([inputs], data_dir, warehouse)
    before = snapshot(warehouse)
    # when: one file is renamed and another re-saved with the same bytes
    (inputs / SAMPLE_FILES[0].name).rename(inputs / "renamed.txt")
    (inputs / "story.txt").write_text(STORY)
    again = dateline_pipeline([inputs], data_dir, warehouse)
    # expect: nothing new; same article ids; the renamed article now points at its new path
    assert again["ingest"]["new"] == 0
    after = snapshot(warehouse)
    assert [r[0] for r in after["articles"]] == [r[0] for r in before["articles"]]
    assert differences(before, after).keys() <= {"articles"}
    con = duckdb.connect(str(warehouse), read_only=True)
    assert con.execute("select count(*) from articles where input_path like '%renamed.txt'").fetchall() == [(1,)]
    con.close()
    # when: a file's content changes
    (inputs / "story.txt").write_text(STORY2)
    changed = dateline_pipeline([inputs], data_dir, warehouse)
    assert changed["ingest"]["new"] == 1
    con = duckdb.connect(str(warehouse), read_only=True)
    body, run_id = con.execute("select body, run_id from articles where doc_id = 'story.txt'").fetchall()[0]
    assert "NATO" in body and run_id == changed["run_id"]
    con.close()


def _first_release_copy(reference, tmp_path):
    """A copy of the reference warehouse as the first release wrote it (no warehouse_meta)."""
    warehouse = tmp_path / "w.duckdb"
    shutil.copy(reference["warehouse"], warehouse)
    con = duckdb.connect(str(warehouse))
    con.execute("drop table warehouse_meta")
    con.close()
    return warehouse


def test_an_older_warehouse_is_rebuilt_and_a_newer_one_refused(reference, tmp_path):
    # given: the reference warehouse as the first release wrote it (no warehouse_meta)
    warehouse = _first_release_copy(reference, tmp_path)
    run = {"run_id": "run-upgrade", "started_at": __import__("datetime").datetime(2026, 1, 1), "inputs": [],
           "counts": {}}
    # when: a load runs
    result = load_warehouse.fn(reference["data_dir"], warehouse, run)
    # expect: rebuilt in the current schema, runs carried over, same rows
    assert result["migrated"]["from"] == 0
    assert result["tables"]["runs"] == 2
    assert differences(reference["snapshot"], snapshot(warehouse)) == {}
    # given: a warehouse from a newer dateline
    con = duckdb.connect(str(warehouse))
    con.execute("update warehouse_meta set schema_version = 99")
    con.close()
    with pytest.raises(WarehouseError, match="schema version 99, newer"):
        load_warehouse.fn(reference["data_dir"], warehouse, {**run, "run_id": "run-x"})


def test_check_lists_violations_and_exits_non_zero(reference, tmp_path):
    from flows.cli import app

    # given: a warehouse with a broken offset and a mention whose entity is gone
    warehouse = tmp_path / "w.duckdb"
    shutil.copy(reference["warehouse"], warehouse)
    assert CliRunner().invoke(app, ["check", "--warehouse", str(warehouse)]).exit_code == 0
    con = duckdb.connect(str(warehouse))
    con.execute("update mentions set start_char = start_char + 1 where mention_id = (select min(mention_id) from mentions)")
    con.execute("update events set cameo_code = '999' where event_id = (select min(event_id) from events)")
    con.close()
    # expect
    result = CliRunner().invoke(app, ["check", "--warehouse", str(warehouse)])
    assert result.exit_code == 1
    assert "mention_offsets_inside_body: FAILED (1 rows)" in result.output
    assert "cameo_codes_in_codebook: FAILED" in result.output


def test_check_fails_on_a_warehouse_from_before_schema_versions(reference, tmp_path):
    from flows.cli import app

    warehouse = _first_release_copy(reference, tmp_path)
    result = CliRunner().invoke(app, ["check", "--warehouse", str(warehouse)])
    assert result.exit_code == 1
    assert "schema_version_current: FAILED" in result.output
