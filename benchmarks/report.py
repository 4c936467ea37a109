"""The report on a real corpus: N Reuters-21578 articles through `dateline run`, then `dateline
report`, then the page in headless Chromium. Prints timings and what the browser drew.

    python benchmarks/report.py [N]   # default 2000; needs ../shared/corpus and chromium
    DATELINE_SHARED=/work/shared python benchmarks/report.py   # from a worktree elsewhere

Takes a few minutes on 2 cores (the extract stage dominates). Article text stays in a temporary
folder; nothing from the corpus is written into the repository.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("DATELINE_SHARED", ROOT.parent / "shared"))
CORPUS = SHARED / "corpus" / "reuters-21578" / "articles.jsonl"
MIN_TEXT_CHARS = 200  # skip the corpus's stub records (headline-only wires)


def main(n: int) -> int:
    chromium = shutil.which("chromium")
    if not CORPUS.exists() or chromium is None:
        print("needs ../shared/corpus/reuters-21578 and chromium (apt-get install chromium)")
        return 1
    work = Path(tempfile.mkdtemp(prefix="dateline-report-bench-"))
    inputs = work / "inputs"
    inputs.mkdir()
    written = 0
    with CORPUS.open() as source, (inputs / f"reuters-{n}.jsonl").open("w") as target:
        for line in source:
            if len(json.loads(line).get("text") or "") >= MIN_TEXT_CHARS:
                target.write(line)
                written += 1
                if written == n:
                    break
    cli = [sys.executable, "-m", "flows.cli"]
    warehouse, page = work / "w.duckdb", work / "report.html"
    started = time.perf_counter()
    subprocess.run([*cli, "run", str(inputs), "--warehouse", str(warehouse), "--data-dir", str(work / "data")],
                   cwd=ROOT, check=True)
    run_seconds = time.perf_counter() - started
    started = time.perf_counter()
    subprocess.run([*cli, "report", "--warehouse", str(warehouse), "-o", str(page)], cwd=ROOT, check=True)
    report_seconds = time.perf_counter() - started
    started = time.perf_counter()
    browser = subprocess.run(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", f"--user-data-dir={work / 'profile'}",
         "--enable-logging=stderr", "--v=0", "--virtual-time-budget=15000", "--dump-dom", page.as_uri()],
        capture_output=True, text=True, timeout=300)
    render_seconds = time.perf_counter() - started
    markup = re.sub(r"<script[^>]*>.*?</script>", "", browser.stdout, flags=re.S)
    body = re.search(r"<body[^>]*>", markup)
    errors = [line for line in browser.stderr.splitlines() if "CONSOLE" in line or "Uncaught" in line]
    print(f"articles {written}: run {run_seconds:.0f} s, report {report_seconds:.1f} s "
          f"({page.stat().st_size // 1024} KiB), browser {render_seconds:.1f} s")
    print(f"body: {body[0] if body else 'none'}; svg elements: {browser.stdout.count('<svg')}; "
          f"console errors: {len(errors)}")
    print(f"files kept in {work}")
    drawn = body and re.search(r'data-charts-rendered="(\d+)" data-charts-expected="\1"', body[0])
    return 0 if drawn and "data-report-errors" not in body[0] and not errors else 1


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000))
