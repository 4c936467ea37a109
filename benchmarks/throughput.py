"""Throughput of `dateline run` against the bare spaCy pipeline it runs, measured in one run.

For each N (default 2,000 and 20,000) it writes N articles from ../shared/corpus/reuters-21578
and bbc-news-2225 as JSON Lines into a temporary folder, then measures:

- end to end: `dateline run` (a fresh process, as a user runs it) from those files to a loaded
  warehouse, in a fresh data dir; articles/s = N / wall seconds;
- bare spaCy: the same model and components (`transforms.nlp.pipeline()`), `nlp.pipe` over the
  same cleaned texts the run parsed (its data/clean/articles.parquet, duplicates and
  non-English skipped, the same `text_for_parsing`), with `n_process` = the same process count
  (both cores by default); articles/s = parsed texts / seconds of the pipe;
- their ratio (target >= 0.75), peak resident memory of the run's whole process tree (target
  < 2 GB; summed RSS, which counts the model and libraries once per worker, and summed PSS,
  which counts shared pages once), and a no-op rerun (the same command again; target < 5% of the full run).

The machine is shared, so wall times swing with other people's jobs. Besides wall seconds it
also reports CPU seconds of each whole process tree (getrusage of the reaped children), and
the ratio in CPU terms, which other load does not move (it does not see cores left idle).

Usage:
    python benchmarks/throughput.py                      # N = 2,000 and 20,000 (long: tens of minutes)
    python benchmarks/throughput.py --sizes 2000 8000 --repeats 2 1   # medians of 2 runs at 2,000
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent.parent / "shared" / "corpus"
if not CORPUS.exists():
    CORPUS = Path("/work/shared/corpus")
LINES_PER_FILE = 500


def corpus_articles() -> list[dict]:
    """Every Reuters and BBC article with a body, in a fixed shuffled order (seed 0)."""
    rows = []
    for name in ("reuters-21578", "bbc-news-2225"):
        with open(CORPUS / name / "articles.jsonl", encoding="utf-8") as handle:
            for line in handle:
                record = json.loads(line)
                if (record.get("text") or "").strip():
                    rows.append({k: record.get(k) for k in ("id", "source", "url", "title", "published", "text")})
    random.Random(0).shuffle(rows)
    return rows


def write_inputs(articles: list[dict], folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(0, len(articles), LINES_PER_FILE):
        with open(folder / f"part-{i // LINES_PER_FILE:05d}.jsonl", "w", encoding="utf-8") as handle:
            for record in articles[i : i + LINES_PER_FILE]:
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")


def _tree_rss(procs: list, with_pss: bool) -> tuple[int, int, int]:
    """(summed RSS, summed PSS or 0, RSS of the first process) of these processes. RSS counts
    pages shared between processes (the spaCy model and libraries in each worker) once per
    process; PSS splits each shared page among its sharers, so its sum is what the tree really
    holds. PSS walks every process's page tables (~8 ms of CPU per 300 MB process, charged to
    this sampler, while holding that process's memory map lock), so it is asked for less often
    than RSS, which is nearly free."""
    import psutil

    total = pss = main = 0
    for index, proc in enumerate(procs):
        try:
            info = proc.memory_full_info() if with_pss else proc.memory_info()
        except psutil.Error:
            continue
        total += info.rss
        pss += getattr(info, "pss", info.rss) if with_pss else 0
        if index == 0:
            main = info.rss
    return total, pss, main


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed_run(args: list[str], env: dict) -> dict:
    """Wall seconds, CPU seconds and peak RSS (whole process tree, and the main process) of one command."""
    cpu = _children_cpu()
    started = time.perf_counter()
    proc = subprocess.Popen(args, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = {"tree": 0, "pss": 0, "main": 0}

    def sample() -> None:
        # Sampling must not slow the run it measures (bare spaCy is not sampled): RSS five times
        # a second, the process list once a second, PSS every five seconds. At 5 Hz for
        # everything the sampler took ~5% of a core, 2.5% of the run's machine.
        import psutil

        count, procs = 0, []
        while proc.poll() is None:
            if count % 5 == 0:
                with contextlib.suppress(psutil.Error):
                    root = psutil.Process(proc.pid)
                    procs = [root, *root.children(recursive=True)]
            tree, pss, main = _tree_rss(procs, with_pss=count % 25 == 0)
            peak["tree"], peak["pss"], peak["main"] = max(peak["tree"], tree), max(peak["pss"], pss), max(peak["main"], main)
            count += 1
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    seconds = time.perf_counter() - started
    sampler.join()
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed ({proc.returncode}):\n{out}\n{err}")
    return {"seconds": seconds, "cpu": _children_cpu() - cpu, "peak_tree_mb": peak["tree"] / 2**20,
            "peak_pss_mb": peak["pss"] / 2**20,
            "peak_main_mb": peak["main"] / 2**20, "output": out}


BARE_SPACY = """
import sys, time
import polars as pl
sys.path.insert(0, {root!r})
from flows.extract import extractable
from flows.storage import read_parquet
from transforms import clean, nlp, settings
articles = read_parquet(__import__('pathlib').Path({clean!r}), clean.ARTICLE_SCHEMA)
todo, _ = extractable(articles)
texts = [nlp.text_for_parsing(b) for b in todo["body"].to_list()]
model = nlp.pipeline()
started = time.perf_counter()
for doc in model.pipe(texts, n_process={n_process}, batch_size=settings.NLP_BATCH_SIZE):
    pass
print(len(texts), time.perf_counter() - started)
"""
# CPU seconds of the pipe alone: the bare-spaCy process's CPU minus the same process doing
# everything but the pipe (imports, reading, model load).
BARE_SETUP = BARE_SPACY.replace("model.pipe(texts, n_process={n_process}, batch_size=settings.NLP_BATCH_SIZE)", "[]")


def bare_spacy(clean_articles: Path, n_process: int) -> tuple[int, float, float]:
    """(texts, wall seconds of the pipe, CPU seconds of the pipe)."""
    cpu = []
    for template in (BARE_SETUP, BARE_SPACY):
        code = template.format(root=str(ROOT), clean=str(clean_articles), n_process=n_process)
        before = _children_cpu()
        out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, capture_output=True, text=True).stdout
        cpu.append(_children_cpu() - before)
    count, seconds = out.split()[-2:]
    return int(count), float(seconds), cpu[1] - cpu[0]


def measure(n: int, articles: list[dict], work: Path, processes: int, repeats: int, env: dict) -> dict:
    inputs = work / f"input-{n}"
    write_inputs(articles[:n], inputs)
    runs, reruns, bares = [], [], []
    for attempt in range(repeats):
        data_dir, warehouse = work / f"data-{n}-{attempt}", work / f"w-{n}-{attempt}.duckdb"
        command = [sys.executable, "-m", "flows.cli", "run", str(inputs), "--warehouse", str(warehouse),
                   "--data-dir", str(data_dir), "--processes", str(processes)]
        runs.append(timed_run(command, env))
        reruns.append(timed_run(command, env))
        print(f"  N={n} attempt {attempt + 1}: run {runs[-1]['seconds']:.1f} s ({runs[-1]['cpu']:.0f} CPU s), "
              f"rerun {reruns[-1]['seconds']:.1f} s", flush=True)
        bares.append(bare_spacy(data_dir / "clean" / "articles.parquet", processes))
        print(f"  N={n} attempt {attempt + 1}: run {runs[-1]['seconds']:.1f} s, peak {runs[-1]['peak_tree_mb']:.0f} MB; "
              f"rerun {reruns[-1]['seconds']:.1f} s; bare spaCy {bares[-1][0]} texts in {bares[-1][1]:.1f} s; "
              f"CPU s: run {runs[-1]['cpu']:.0f}, rerun {reruns[-1]['cpu']:.0f}, spaCy {bares[-1][2]:.0f}",
              flush=True)
    parsed = bares[0][0]
    run_s = statistics.median(r["seconds"] for r in runs)
    bare_s = statistics.median(b[1] for b in bares)
    run_cpu = statistics.median(r["cpu"] for r in runs)
    bare_cpu = statistics.median(b[2] for b in bares)
    return {
        "n": n, "parsed": parsed, "run_s": run_s, "rerun_s": statistics.median(r["seconds"] for r in reruns),
        "bare_s": bare_s, "run_per_s": n / run_s, "bare_per_s": parsed / bare_s,
        "run_cpu": run_cpu, "bare_cpu": bare_cpu, "cpu_ratio": (n / run_cpu) / (parsed / bare_cpu),
        "rerun_cpu": statistics.median(r["cpu"] for r in reruns),
        "peak_tree_mb": max(r["peak_tree_mb"] for r in runs), "peak_main_mb": max(r["peak_main_mb"] for r in runs),
        "peak_pss_mb": max(r["peak_pss_mb"] for r in runs),
        "summary": runs[0]["output"].strip(),
        "checks_passed": all("checks   all passed" in r["output"] for r in runs + reruns),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 20000])
    parser.add_argument("--repeats", type=int, nargs="+", default=[1],
                        help="runs per size (medians are reported); one value for all sizes or one per size")
    parser.add_argument("--processes", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--keep", type=Path, help="work folder to keep (default: a temporary one)")
    args = parser.parse_args()
    articles = corpus_articles()
    env = {**os.environ, "PREFECT_HOME": os.environ.get("PREFECT_HOME", str(ROOT / ".prefect"))}
    results = []
    with tempfile.TemporaryDirectory(prefix="dateline-throughput-") as tmp:
        work = args.keep or Path(tmp)
        repeats = args.repeats * len(args.sizes) if len(args.repeats) == 1 else args.repeats
        for n, times in zip(args.sizes, repeats):
            if n > len(articles):
                sys.exit(f"only {len(articles)} articles available, asked for {n}")
            results.append(measure(n, articles, work, args.processes, times, env))
    print(f"\n{'N':>6} {'parsed':>6} {'run s':>7} {'run art/s':>9} {'spaCy s':>7} {'spaCy art/s':>11} "
          f"{'ratio':>5} {'s/1k art':>8} {'peak MB':>7} {'(PSS)':>6} {'(main)':>6} {'rerun s':>7} {'rerun %':>7}")
    for r in results:
        print(f"{r['n']:>6} {r['parsed']:>6} {r['run_s']:>7.1f} {r['run_per_s']:>9.1f} {r['bare_s']:>7.1f} "
              f"{r['bare_per_s']:>11.1f} {r['run_per_s'] / r['bare_per_s']:>5.2f} {1000 * r['run_s'] / r['n']:>8.1f} "
              f"{r['peak_tree_mb']:>7.0f} {r['peak_pss_mb']:>6.0f} {r['peak_main_mb']:>6.0f} {r['rerun_s']:>7.1f} "
              f"{100 * r['rerun_s'] / r['run_s']:>6.1f}%")
    print(f"\n{'N':>6} {'run CPU s':>9} {'spaCy CPU s':>11} {'CPU ratio':>9} {'rerun CPU s':>11} {'CPU s/1k art':>12}")
    for r in results:
        print(f"{r['n']:>6} {r['run_cpu']:>9.0f} {r['bare_cpu']:>11.0f} {r['cpu_ratio']:>9.2f} {r['rerun_cpu']:>11.0f} "
              f"{1000 * r['run_cpu'] / r['n']:>12.1f}")
    if len(results) > 1:
        first, last = results[0], results[-1]
        cost = (last["run_s"] / last["n"]) / (first["run_s"] / first["n"])
        memory = last["peak_tree_mb"] / first["peak_tree_mb"]
        memory_pss = last["peak_pss_mb"] / first["peak_pss_mb"]
        cpu_cost = (last["run_cpu"] / last["n"]) / (first["run_cpu"] / first["n"])
        print(f"\nper-article cost N={last['n']} / N={first['n']}: {cost:.2f}x wall, {cpu_cost:.2f}x CPU "
              f"(target <= 1.2); peak memory: {memory:.2f}x summed RSS, {memory_pss:.2f}x summed PSS (target <= 1.5)")
    for r in results:
        if not r["checks_passed"]:
            print(f"\nWARNING: warehouse checks failed in a run at N={r['n']} (see its summary below)")
    print("\nsummary of the first run at each N:")
    for r in results:
        print(f"N={r['n']}:\n{r['summary']}")


if __name__ == "__main__":
    main()
