"""Reliability benchmark: kill-and-resume cycles, concurrent runs, the hostile folder, a 200 MB
JSON Lines file, scheduled runs and two incremental batches, each compared with one
uninterrupted run over the same inputs.

    /work/main/.venv/bin/python benchmarks/reliability.py --articles 100 --cycles 20

Inputs: the first N articles (by publication date) of ../shared/corpus/guardian-sdf-sample,
written as JSON Lines files of 10 records plus a few plain-text files. Every run is a fresh
`dateline run` process against one Prefect server started here (the serve scenario starts its
own `prefect server start` on a loopback port, since scheduling needs one). Prints, per
scenario, inputs tried / rejected / lost (must be 0) and row or id differences against the
reference (must be 0). Incremental event ids that differ from a full rebuild are sorted by
cause: a report that a rebuild names the event after arrived after the event was loaded (kept
by design, the rebuild's id redirected to it) against anything else (a bug: must be 0)."""

from __future__ import annotations

import argparse
import collections
import json
import os
import random
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
from processes import stop_group  # noqa: E402
from warehouse_snapshot import (differences, event_id_differences, published_counts, snapshot, table_counts,
                               without_event_ids)  # noqa: E402

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
    parser.add_argument("--big-mib", type=int, default=200, help="size of the single big JSON Lines file")
    parser.add_argument("--skip", nargs="*", default=[], choices=["concurrent", "hostile", "incremental", "big-file",
                                                                  "serve"],
                        help="scenarios to leave out")
    parser.add_argument("--keep", action="store_true", help="keep the work folder for inspection")
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
        # 2b. One 200 MB JSON Lines file of good articles.
        big_file(work, records, env, args.big_mib) if "big-file" not in args.skip else None
        # 2c. Scheduled runs: `dateline serve` on a cron against a real Prefect server.
        served(work, records, env) if "serve" not in args.skip else None
        # 3. Two incremental batches (older half, then the newer half added) against one full run.
        for order in ([] if "incremental" in args.skip else ["chronological", "mixed"]):
            incremental(work, records, env, order, rng)
        # 4. Kill-and-resume cycles at random points.
        if args.cycles:
            cycles(work, inputs, expected, reference, clean_seconds, args, rng, env)
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


def run_measured(cmd: list[str], env: dict) -> tuple[subprocess.CompletedProcess, float]:
    """`cmd` run through a small wrapper process, so the peak RSS (MiB) of its largest process
    (the run, or one of its workers) is this run's alone."""
    wrapper = ("import resource, subprocess, sys; code = subprocess.run(sys.argv[1:]).returncode; "
               "print('\\npeak_rss_kib', resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); "
               "sys.exit(code)")
    done = run([sys.executable, "-c", wrapper, *cmd], env)
    peak_kib = int(done.stderr.rsplit("peak_rss_kib ", 1)[1].split()[0])
    return done, peak_kib / 1024


def big_file(work: Path, records: list[dict], env: dict, size_mib: int) -> None:
    """One JSON Lines file of `size_mib` MiB of good articles (the corpus repeated under new ids,
    so clean marks the copies as duplicates and only the originals reach the NLP), with one
    malformed line in every 5,000: every good line must load, each bad one is a reject."""
    folder = work / "big-file"
    (folder / "in").mkdir(parents=True)
    path = folder / "in" / "big.jsonl"
    good = bad = 0
    with open(path, "w") as out:
        while out.tell() < size_mib * 1024 * 1024:
            if (good + bad + 1) % 5000 == 0:
                out.write('{"id": "broken", "text": "cut off\n')
                bad += 1
                continue
            record = records[good % len(records)]
            out.write(json.dumps({**record, "id": f"big-{good:06d}"}) + "\n")
            good += 1
    size = path.stat().st_size / (1024 * 1024)
    started = time.perf_counter()
    done, peak = run_measured(run_cmd(folder / "in", folder / "w.duckdb", folder / "data"), env)
    seconds = time.perf_counter() - started
    assert done.returncode == 0, done.stderr[-3000:]
    con = duckdb.connect(str(folder / "w.duckdb"), read_only=True)
    articles = con.execute("select count(*), count(duplicate_of) from articles").fetchall()[0]
    rejects = con.execute("select count(*) from rejects where reason like '%invalid JSON%'").fetchall()[0][0]
    con.close()
    print(f"big file: {size:.0f} MiB JSON Lines, {good} good lines + {bad} malformed; loaded {articles[0]} articles "
          f"({articles[1]} marked duplicates), lost {good - articles[0]}, rejects {rejects}/{bad}; {seconds:.0f} s, "
          f"peak RSS {peak:.0f} MiB; checks {'ok' if check_passes(folder / 'w.duckdb', env) else 'FAILED'}")
    shutil.rmtree(folder, ignore_errors=True)


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _flow_runs(api: str, deployment_name: str) -> dict[str, int]:
    """State type -> number of flow runs of the served deployment."""
    import httpx

    deployment = httpx.get(f"{api}/deployments/name/dateline/{deployment_name}", timeout=30).json()
    runs = httpx.post(f"{api}/flow_runs/filter", timeout=30,
                      json={"flow_runs": {"deployment_id": {"any_": [deployment["id"]]}}}).json()
    return dict(collections.Counter(r["state_type"] for r in runs))


def served(work: Path, records: list[dict], env: dict, runs_wanted: int = 2, timeout_s: float = 420) -> None:
    """`dateline serve INPUT --cron '* * * * *'` against a real `prefect server start` on a
    loopback port: waits for `runs_wanted` completed scheduled runs, adding a file of new
    articles after the first, then checks the warehouse holds every article and passes checks."""
    folder = work / "serve"
    (folder / "in").mkdir(parents=True)
    first, later = records[:6], records[6:12]
    write_inputs(folder / "in" / "first", first, per_file=3, as_text=0)
    port = _free_port()
    api = f"http://127.0.0.1:{port}/api"
    server_env = {**env, "PREFECT_HOME": str(folder / "prefect-home"), "PREFECT_API_URL": api,
                  "PREFECT_SERVER_EPHEMERAL_ENABLED": "false"}
    server = subprocess.Popen([sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1",
                               "--port", str(port)], cwd=folder, env=server_env, stdout=subprocess.DEVNULL,
                              stderr=open(folder / "server.log", "w"), start_new_session=True)
    serve = None
    started = time.perf_counter()
    try:
        import httpx

        while True:
            try:
                if httpx.get(f"{api}/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.perf_counter() - started > 120 or server.poll() is not None:
                raise RuntimeError(f"prefect server did not start: {(folder / 'server.log').read_text()[-2000:]}")
            time.sleep(1)
        server_seconds = time.perf_counter() - started
        serve = subprocess.Popen(
            [sys.executable, "-m", "flows.cli", "serve", str(folder / "in"), "--cron", "* * * * *", "--warehouse",
             str(folder / "w.duckdb"), "--data-dir", str(folder / "data"), "--processes", "1", "--name", "bench"],
            cwd=ROOT, env=server_env, stdout=open(folder / "serve.log", "w"), stderr=subprocess.STDOUT,
            start_new_session=True)
        states: dict[str, int] = {}
        added = False
        while time.perf_counter() - started < timeout_s and serve.poll() is None:
            time.sleep(5)
            try:
                states = _flow_runs(api, "bench")
            except (httpx.HTTPError, KeyError):
                continue
            if states.get("COMPLETED", 0) >= 1 and not added:
                write_inputs(folder / "in" / "later", later, per_file=3, as_text=0)
                added = True
            if states.get("COMPLETED", 0) >= runs_wanted or states.get("FAILED") or states.get("CRASHED"):
                break
        seconds = time.perf_counter() - started
    finally:
        for child in (serve, server):
            if child is not None:
                stop_group(child, timeout=30)
    ok = states.get("COMPLETED", 0) >= runs_wanted and not states.get("FAILED") and not states.get("CRASHED")
    summary = "no warehouse"
    if (folder / "w.duckdb").exists():
        con = duckdb.connect(str(folder / "w.duckdb"), read_only=True)
        n_runs = con.execute("select count(*) from runs").fetchall()[0][0]
        loaded = {r[0] for r in con.execute("select doc_id from articles").fetchall()}
        con.close()
        missing = doc_ids(first + later, as_text=0) - loaded
        summary = (f"warehouse runs {n_runs}, articles {len(loaded)}/{len(first) + len(later)} (lost {len(missing)}), "
                   f"checks {'ok' if check_passes(folder / 'w.duckdb', env) else 'FAILED'}")
    print(f"serve (cron '* * * * *', server on 127.0.0.1:{port}, up in {server_seconds:.0f} s): flow runs by state "
          f"{states} after {seconds:.0f} s -> {'ok' if ok else 'FAILED'}; {summary}")
    if not ok:
        print("  serve log tail: " + (folder / "serve.log").read_text()[-1500:].replace("\n", "\n    "))


def hostile(work: Path, args, env: dict) -> None:
    hostile_dir = work / "hostile"
    spec = write_hostile_folder(hostile_dir / "in", big_file_bytes=200 * 1024 * 1024,
                                bomb_bytes=args.bomb_mib * 1024 * 1024)
    done, peak = run_measured(run_cmd(hostile_dir / "in", hostile_dir / "w.duckdb", hostile_dir / "data"), env)
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
          f"{peak:.0f} MiB, checks {'ok' if check_passes(hostile_dir / 'w.duckdb', env) else 'FAILED'}")


def incremental(work: Path, records: list[dict], env: dict, order: str, rng) -> None:
    """Two batches into one warehouse against one full run over the same folder.

    `chronological`: the older half (as dated JSON Lines), then the newer half. `mixed`: a
    random half first, then the rest, each with a few undated plain-text articles, so some
    reports arrive after later-published reports of their event (back-fills).
    """
    inc = work / f"incremental-{order}"
    half = len(records) // 2
    if order == "mixed":
        records = rng.sample(records, len(records))
    as_text = 5 if order == "mixed" else 0
    write_inputs(inc / "in" / "batch1", records[:half], as_text=as_text)
    first = run(run_cmd(inc / "in", inc / "w.duckdb", inc / "data"), env)
    assert first.returncode == 0, first.stderr[-3000:]
    shutil.copy(inc / "w.duckdb", inc / "batch1.duckdb")
    con = duckdb.connect(str(inc / "w.duckdb"), read_only=True)
    batch1_events = dict(con.execute("select event_id, num_articles from events").fetchall())
    con.close()
    write_inputs(inc / "in" / "batch2", records[half:], as_text=as_text)
    second = run(run_cmd(inc / "in", inc / "w.duckdb", inc / "data"), env)
    full = run(run_cmd(inc / "in", inc / "full.duckdb", inc / "full-data"), env)
    assert second.returncode == full.returncode == 0, (second.stderr + full.stderr)[-3000:]
    con = duckdb.connect(str(inc / "w.duckdb"), read_only=True)
    now = dict(con.execute("select event_id, num_articles from events").fetchall())
    con.close()
    kept = [e for e in batch1_events if e in now]
    con = duckdb.connect(str(inc / "w.duckdb"), read_only=True)
    redirects = dict(con.execute("select redirect_id, reason from event_id_redirects").fetchall())
    con.close()
    resolving = [e for e in batch1_events if e in now or e in redirects]
    grew = [e for e in kept if now[e] > batch1_events[e]]
    full_snap, inc_snap = snapshot(inc / "full.duckdb"), snapshot(inc / "w.duckdb")
    # Rows apart from event ids: blank the event ids and compare.
    diff = differences(without_event_ids(full_snap), without_event_ids(inc_snap))
    ids = event_id_differences(inc / "full.duckdb", inc / "w.duckdb", inc / "batch1.duckdb")
    entity_diff = {t: v for t, v in differences(full_snap, inc_snap).items() if t in ("entities", "mentions")}
    print(f"incremental ({order}): batch 1 {half} articles -> {len(batch1_events)} events; batch 2 "
          f"{len(records) - half} more -> {len(now)} events; batch-1 events kept their id "
          f"{len(kept)}/{len(batch1_events)}, of which grew {len(grew)}; batch-1 ids that still resolve "
          f"{len(resolving)}/{len(batch1_events)} (redirects: {sorted(collections.Counter(redirects.values()).items())}); rows (event ids aside) against one "
          f"full run: diff {diff or 0}; entity/mention ids diff {entity_diff or 0}; checks "
          f"{'ok' if check_passes(inc / 'w.duckdb', env) else 'FAILED'}")
    print(f"  event ids differing from the full run: {sum(map(len, ids.values())) - len(ids['unresolved'])} of "
          f"{len(now)}: " + ", ".join(f"{k} {len(v)}" for k, v in ids.items()))
    for kind in ("regrouped_reports", "first_batch_event_regrouped", "unexplained", "unresolved"):
        for pair in ids[kind]:
            print(f"    {kind}: full {pair[0]} incremental {pair[1]}")


def cycles(work: Path, inputs: Path, expected: set[str], reference: dict, clean_seconds: float, args, rng,
           env: dict) -> None:
    totals = {"cycles": 0, "killed": 0, "finished_before_kill": 0, "mismatched": 0, "lost": 0,
              "failed_checks": 0, "stale_parquet": 0}
    # Kill points are drawn over the length of a run; the reference run was the first (cold
    # caches), so a run that finishes before its kill shrinks the window to its own length and
    # does not count: every counted cycle is a real kill.
    window = clean_seconds
    attempt = 0
    while totals["killed"] < args.cycles and attempt < 2 * args.cycles:
        cycle = totals["killed"]
        attempt += 1
        folder = work / f"kill-{attempt:02d}"
        warehouse, data_dir = folder / "w.duckdb", folder / "data"
        folder.mkdir()
        delay = rng.uniform(0.05, 1.0) * window
        started = time.perf_counter()
        child = subprocess.Popen(run_cmd(inputs, warehouse, data_dir), cwd=ROOT, env=env,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        try:
            child.wait(timeout=delay)
            totals["finished_before_kill"] += 1
            window = min(window, time.perf_counter() - started)
            print(f"  (run finished in {window:.1f} s, before its kill at {delay:.1f} s: not counted)", flush=True)
            shutil.rmtree(folder, ignore_errors=True)
            continue
        except subprocess.TimeoutExpired:
            os.killpg(child.pid, signal.SIGKILL)  # the run and its spaCy workers, like a power cut
            child.wait()
            totals["killed"] += 1
        # Where the kill landed, so a failed resume can be replayed with a DATELINE_CRASH_AT point.
        left = "+".join(sorted(p.name for p in data_dir.iterdir() if not p.name.startswith("."))) if data_dir.exists() else ""
        left = f"{left or 'no data'}, {'warehouse' if warehouse.exists() else 'no warehouse'}"
        resumed = run(run_cmd(inputs, warehouse, data_dir), env)
        if resumed.returncode != 0:
            # Say why and go on: a failed resume is a finding, not the end of the benchmark.
            totals["failed_resumes"] = totals.get("failed_resumes", 0) + 1
            print(f"  cycle {cycle + 1:2d}: kill after {delay:5.1f} s (left {left}) -> resumed run FAILED (exit "
                  f"{resumed.returncode}): {resumed.stderr[-1500:]}", flush=True)
            shutil.copytree(folder, work / f"failed-kill-{cycle:02d}", dirs_exist_ok=True)
            args.keep = True
            continue
        diff = differences(reference, snapshot(warehouse))
        missing = lost(warehouse, expected)
        ok_checks = check_passes(warehouse, env)
        stale = published_counts(data_dir) != table_counts(warehouse)
        totals["cycles"] += 1
        totals["mismatched"] += bool(diff)
        totals["lost"] += len(missing)
        totals["failed_checks"] += not ok_checks
        totals["stale_parquet"] += stale
        print(f"  cycle {cycle + 1:2d}: kill after {delay:5.1f} s (left {left}) -> diff {diff or 0}, lost {len(missing)}, "
              f"checks {'ok' if ok_checks else 'FAILED'}, parquet {'stale' if stale else 'ok'}", flush=True)
        shutil.rmtree(folder, ignore_errors=True)
    print(f"kill-and-resume: {totals}")


if __name__ == "__main__":
    main()
