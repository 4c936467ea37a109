"""The DuckDB 1.5 shell (PyPI duckdb-cli) opens the warehouse that DuckDB 2 wrote."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

pytestmark = pytest.mark.slow

DUCKDB_SHELL = shutil.which("duckdb", path=str(Path(sys.executable).parent)) or shutil.which("duckdb")


@pytest.mark.skipif(DUCKDB_SHELL is None, reason="duckdb-cli is not installed (pip install -r requirements-dev.txt)")
def test_duckdb_1_5_shell_reads_every_table(sample_warehouse):
    warehouse, _ = sample_warehouse
    version = subprocess.run([DUCKDB_SHELL, "--version"], capture_output=True, text=True, timeout=60).stdout
    assert version.startswith("v1.5."), version
    con = duckdb.connect(str(warehouse), read_only=True)
    tables = [r[0] for r in con.execute("select table_name from information_schema.tables order by 1").fetchall()]
    expected = {t: con.execute(f"select count(*) from {t}").fetchall()[0][0] for t in tables}
    con.close()
    query = " union all ".join(f"select '{t}', count(*) from {t}" for t in tables) + ";"
    result = subprocess.run([DUCKDB_SHELL, "-readonly", "-csv", "-noheader", str(warehouse), "-c", query],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    counts = {line.split(",")[0]: int(line.split(",")[1]) for line in result.stdout.split()}
    assert counts == expected and counts["events"] > 0
