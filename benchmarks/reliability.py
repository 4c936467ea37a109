"""Reliability benchmark: kill-and-resume cycles, concurrent runs, the hostile folder and two
incremental batches, each compared with one uninterrupted run over the same inputs.

    /work/main/.venv/bin/python benchmarks/reliability.py --articles 100 --cycles 20

Inputs: the first N articles (by publication date) of ../shared/corpus/guardian-sdf-sample,
written as JSON Lines files of 10 records plus a few plain-text files. Every run is a fresh
`dateline run` process against one Prefect server started here. Prints, per scenario, inputs
tried / rejected / lost (must be 0) and row or id differences against the reference (must be 0).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import flows  # noqa: E402,F401  (quiet Prefect settings)
import duckdb  # noqa: E402
from hostile import write_hostile_folder  # noqa: E402
from warehouse_snapshot import differences, published_counts, snapshot, table_counts  # noqa: E402

CORPUS = Path(os.environ.get("DATELINE_CORPUS", "/work/shared/corpus")) / "guardian-sdf-sample" / "articles.jsonl"


def write_inputs(folder: Path, records: list[dict], per_file: int = 10, as_text: int = 5) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for record in records[:as_text]:
        (folder / f"{record['id']}.txt").write_text(record["text"])
    rest = records[as_text:]
    for i in range(0, len(rest), per_file):
        with open(folder / f"part-{records.index(rest[i]):04d}.jsonl", "w") as out:
            for record in rest[i : i + per_file]:
                out.write(json.dumps(record) + "\n")


def run_cmd(inputs: Path, warehouse: Path, data_dir: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "flows.cli", "run", str(inputs), "--warehouse", str(warehouse),
            "--data-dir", str(data_dir), "--processes", "1", *extra]


def run(cmd: list[str], env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=3600)


def check_passes(warehouse: Path, env: dict) -> bool:
    done = run([sys.executable, "-m", "flows.cli", "check", "--warehouse", str(warehouse)], env)
    return done.returncode == 0


def lost(warehouse: Path, expected_ids: set[str]) -> set[str]:
    """Input documents that are neither an article nor a reject."""
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        seen = {r[0] for r in con.execute("select doc_id from articles union select doc_id from rejects").fetchall()}
    finally:
        con.close()
    return expected_ids - seen


def doc_ids(records: list[dict], as_text: int = 5) -> set[str]:
    return {f"{r['id']}.txt" for r in records[:as_text]} | {r["id"] for r in records[as_text:]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--cycles", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--bomb-mib", type=int, default=300, help="expanded size of the gzip bomb")
    parser.add_argument("--skip", nargs="*", default=[], choices=["concurrent", "hostile", "incremental"],
                        help="scenarios to leave out")
    args = parser.parse_args()
    if not CORPUS.exists():
        sys.exit(f"corpus not found: {CORPUS}")
    records = [json.loads(line) for line in CORPUS.read_text().splitlines()]
    records = sorted((r for r in records if r.get("published")), key=lambda r: (r["published"], r["id"]))
    records = records[: args.articles]
    rng = random.Random(args.seed)
    work = Path(tempfile.mkdtemp(prefix="dateline-reliability-"))
    print(f"work dir {work}; {len(records)} articles from {CORPUS.parent.name}")

    from prefect.settings import PREFECT_API_URL
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        env = {**os.environ, "PREFECT_API_URL": PREFECT_API_URL.value()}
        env.pop("DATELINE_CRASH_AT", None)
        inputs = work / "inputs"
        write_inputs(inputs, records)
        expected = doc_ids(records)

        # Reference: one uninterrupted run.
        started = time.perf_counter()
        ref = run(run_cmd(inputs, work / "ref.duckdb", work / "ref-data"), env)
        clean_seconds = time.perf_counter() - started
        assert ref.returncode == 0, ref.stderr[-3000:]
        reference = snapshot(work / "ref.duckdb")
        counts = table_counts(work / "ref.duckdb")
        print(f"reference run: {clean_seconds:.1f} s; {counts}")
        print(f"  lost {len(lost(work / 'ref.duckdb', expected))}, checks pass {check_passes(work / 'ref.duckdb', env)}")

        # 1. Two concurrent runs: without --wait one is refused; with --wait both finish in turn.
        for mode in ([] if "concurrent" in args.skip else [[], ["--wait"]]):
            folder = work / f"concurrent{'-wait' if mode else ''}"
            folder.mkdir()
            cmd = run_cmd(inputs, folder / "w.duckdb", folder / "data", *mode)
            a = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            b = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            results = [(p.wait(), p.stderr.read()) for p in (a, b)]
            codes = sorted(code for code, _ in results)
            busy = [err.strip().splitlines()[-1] for code, err in results if code == 3]
            con = duckdb.connect(str(folder / "w.duckdb"), read_only=True)
            n_runs = con.execute("select count(*) from runs").fetchall()[0][0]
            con.close()
            diff = differences(reference, snapshot(folder / "w.duckdb"))
            print(f"concurrent {'--wait' if mode else 'no wait'}: exit codes {codes}, runs committed {n_runs}, "
                  f"diff {diff or 0}, checks {'ok' if check_passes(folder / 'w.duckdb', env) else 'FAILED'}")
            for line in busy:
                print(f"  refused: {line}")

        # 2. The hostile folder (with a gzip bomb and a 200 MB file), peak memory of the run.
        hostile(work, args, env) if "hostile" not in args.skip else None
        # 3. Two incremental batches (older half, then the newer half added) against one full run.
        incremental(work, records, env) if "incremental" not in args.skip else None
        # 4. Kill-and-resume cycles at random points.
        cycles(work, inputs, expected, reference, clean_seconds, args, rng, env)
    shutil.rmtree(work, ignore_errors=True)


def hostile(work: Path, args, env: dict) -> None:
    hostile_dir = work / "hostile"
    spec = write_hostile_folder(hostile_dir / "in", big_file_bytes=200 * 1024 * 1024,
                                bomb_bytes=args.bomb_mib * 1024 * 1024)
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    done = run(run_cmd(hostile_dir / "in", hostile_dir / "w.duckdb", hostile_dir / "data"), env)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    con = duckdb.connect(str(hostile_dir / "w.duckdb"), read_only=True)
    rejects = con.execute("select input_path, doc_id, reason from rejects").fetchall()
    articles = {r[0] for r in con.execute("select doc_id from articles").fetchall()}
    con.close()
    reasons: dict[str, list[str]] = {}
    for path, doc_id, reason in rejects:
        key = doc_id if doc_id and "#" in doc_id else Path(path).relative_to(hostile_dir / "in").as_posix()
        reasons.setdefault(key, []).append(reason)
    unexplained = [k for k, w in spec.rejects.items() if not any(w in r for r in reasons.get(k, []))]
    lost_good = sorted(set(spec.good) - articles)
    print(f"hostile: exit {done.returncode}, entries tried {spec.tried}, rejects {len(rejects)} "
          f"(expected {len(spec.rejects)}, unexplained {unexplained}), good loaded "
          f"{len(set(spec.good) & articles)}/{len(spec.good)} (lost {lost_good}), peak RSS of a run "
          f"{max(peak, before) / 1024:.0f} MiB, checks {'ok' if check_passes(hostile_dir / 'w.duckdb', env) else 'FAILED'}")


def incremental(work: Path, records: list[dict], env: dict) -> None:
    inc = work / "incremental"
    half = len(records) // 2
    # All as dated JSON Lines: an undated .txt article sorts after every dated one, so a dated
    # report arriving later would rename events a full rebuild names after it (see README).
    write_inputs(inc / "in", records[:half], as_text=0)
    first = run(run_cmd(inc / "in", inc / "w.duckdb", inc / "data"), env)
    con = duckdb.connect(str(inc / "w.duckdb"), read_only=True)
    batch1_events = dict(con.execute("select event_id, num_articles from events").fetchall())
    con.close()
    for record in records[half:]:
        (inc / "in" / "batch2").mkdir(exist_ok=True)
        with open(inc / "in" / "batch2" / "part.jsonl", "a") as out:
            out.write(json.dumps(record) + "\n")
    second = run(run_cmd(inc / "in", inc / "w.duckdb", inc / "data"), env)
    full = run(run_cmd(inc / "in", inc / "full.duckdb", inc / "full-data"), env)
    assert first.returncode == second.returncode == full.returncode == 0
    con = duckdb.connect(str(inc / "w.duckdb"), read_only=True)
    now = dict(con.execute("select event_id, num_articles from events").fetchall())
    con.close()
    kept = [e for e in batch1_events if e in now]
    grew = [e for e in kept if now[e] > batch1_events[e]]
    diff = differences(snapshot(inc / "full.duckdb"), snapshot(inc / "w.duckdb"))
    print(f"incremental: batch 1 {half} articles -> {len(batch1_events)} events; batch 2 {len(records) - half} "
          f"more -> {len(now)} events; batch-1 events kept their id {len(kept)}/{len(batch1_events)}, "
          f"of which grew {len(grew)}; diff against one full run {diff or 0}; "
          f"checks {'ok' if check_passes(inc / 'w.duckdb', env) else 'FAILED'}")


def cycles(work: Path, inputs: Path, expected: set[str], reference: dict, clean_seconds: float, args, rng,
           env: dict) -> None:
    totals = {"cycles": 0, "killed": 0, "finished_before_kill": 0, "mismatched": 0, "lost": 0,
              "failed_checks": 0, "stale_parquet": 0}
    for cycle in range(args.cycles):
        folder = work / f"kill-{cycle:02d}"
        warehouse, data_dir = folder / "w.duckdb", folder / "data"
        folder.mkdir()
        delay = rng.uniform(0.05, 1.0) * clean_seconds
        child = subprocess.Popen(run_cmd(inputs, warehouse, data_dir), cwd=ROOT, env=env,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        try:
            child.wait(timeout=delay)
            totals["finished_before_kill"] += 1
        except subprocess.TimeoutExpired:
            os.killpg(child.pid, signal.SIGKILL)  # the run and its spaCy workers, like a power cut
            child.wait()
            totals["killed"] += 1
        resumed = run(run_cmd(inputs, warehouse, data_dir), env)
        diff = differences(reference, snapshot(warehouse)) if resumed.returncode == 0 else {"run": "failed"}
        missing = lost(warehouse, expected)
        ok_checks = check_passes(warehouse, env)
        stale = published_counts(data_dir) != table_counts(warehouse)
        totals["cycles"] += 1
        totals["mismatched"] += bool(diff)
        totals["lost"] += len(missing)
        totals["failed_checks"] += not ok_checks
        totals["stale_parquet"] += stale
        print(f"  cycle {cycle + 1:2d}: kill after {delay:5.1f} s -> diff {diff or 0}, lost {len(missing)}, "
              f"checks {'ok' if ok_checks else 'FAILED'}, parquet {'stale' if stale else 'ok'}", flush=True)
        shutil.rmtree(folder, ignore_errors=True)
    print(f"kill-and-resume: {totals}")


if __name__ == "__main__":
    main()
