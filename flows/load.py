"""Load flow: the DuckDB warehouse rebuilt from the stage Parquet in one transaction, checked,
and every table published again as Parquet.

Idempotent by construction: the stage outputs are deterministic functions of the accumulated
inputs, and each table is replaced whole inside one transaction, so a second run on the same
inputs leaves every table with the same rows (only `runs` gains a row per run).
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb
from prefect import flow, get_run_logger, task

from flows.storage import TABLE_INPUTS, TABLE_ORDER, DataDir
from transforms import settings


@dataclass(frozen=True)
class CheckResult:
    name: str
    rows: list[tuple]


class WarehouseError(RuntimeError):
    """The warehouse cannot be opened or written; the message names the file and the fix."""


def connect(path: Path, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """A connection to the warehouse file, written in a storage format DuckDB 1.5 readers open."""
    try:
        if read_only:
            return duckdb.connect(str(path), read_only=True)
        path.parent.mkdir(parents=True, exist_ok=True)
        return duckdb.connect(str(path), config={"storage_compatibility_version": settings.DUCKDB_STORAGE_VERSION})
    except (duckdb.IOException, OSError) as exc:
        raise WarehouseError(f"cannot open warehouse {path}: {exc}. Check the path is writable and not open "
                             "in another program.") from exc


def table_columns(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    rows = con.execute(
        "select column_name from information_schema.columns where table_name = ? order by ordinal_position",
        [table],
    ).fetchall()
    return [r[0] for r in rows]


def run_checks(con: duckdb.DuckDBPyConnection, checks_sql: Path = settings.CHECKS_SQL) -> list[CheckResult]:
    """Every check in warehouse/checks.sql with its offending rows (empty when healthy)."""
    results = []
    for block in re.split(r"^-- check: ", checks_sql.read_text(), flags=re.M)[1:]:
        name, _, query = block.partition("\n")
        rows = con.execute(query.strip().rstrip(";")).fetchall()
        results.append(CheckResult(name.strip(), rows))
    return results


def _parquet_list(paths: list[Path]) -> str:
    return "[" + ", ".join("'" + str(p).replace("'", "''") + "'" for p in paths) + "]"


def _publish(con: duckdb.DuckDBPyConnection, table: str, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{table}-", suffix=".parquet.tmp", dir=target.parent)
    os.close(fd)
    try:
        con.execute(f"copy (select * from {table} order by {TABLE_ORDER[table]}) to '{tmp}' "
                    "(format parquet, compression zstd)")
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


@task(name="load-warehouse")
def load_warehouse(data_dir: Path, warehouse: Path, run: dict) -> dict:
    """Replace every table from the stage Parquet, record the run, check, publish. Returns row counts."""
    store = DataDir(data_dir)
    con = connect(warehouse)
    try:
        con.execute(settings.SCHEMA_SQL.read_text())
        con.execute("begin transaction")
        counts = {}
        for table, inputs in TABLE_INPUTS.items():
            columns = table_columns(con, table)
            paths = [store.stage(stage, name) for stage, name in inputs if store.stage(stage, name).exists()]
            con.execute(f"delete from {table}")
            if paths:
                # Columns filled by a later stage (articles.story_id, tone) are absent from the input.
                available = {r[0] for r in con.execute(
                    f"describe select * from read_parquet({_parquet_list(paths)}, union_by_name = true)").fetchall()}
                select = ", ".join(c for c in columns if c in available)
                con.execute(
                    f"insert into {table} ({select}) select {select} from read_parquet({_parquet_list(paths)}, "
                    f"union_by_name = true) order by {TABLE_ORDER[table]}"
                )
            counts[table] = con.execute(f"select count(*) from {table}").fetchall()[0][0]
        stories = store.stage("extract", "article_stories")
        # A warehouse file created before these columns existed keeps its old articles table.
        if stories.exists() and "story_id" in table_columns(con, "articles"):
            con.execute(f"update articles set story_id = s.story_id, tone = s.tone from read_parquet({_parquet_list([stories])}) s "
                        "where articles.article_id = s.article_id")
        con.execute(
            "insert into runs values (?, ?, ?, ?, ?, ?)",
            [run["run_id"], run["started_at"], datetime.utcnow().replace(microsecond=0), "completed",
             run["inputs"], json.dumps(run["counts"], sort_keys=True)],
        )
        con.execute("commit")
        counts["runs"] = con.execute("select count(*) from runs").fetchall()[0][0]
        failed = [c for c in run_checks(con) if c.rows]
        for table in TABLE_ORDER:
            _publish(con, table, store.table(table))
    except Exception:
        try:
            con.execute("rollback")
        except duckdb.Error:
            pass
        raise
    finally:
        con.close()
    return {"tables": counts, "failed_checks": {c.name: len(c.rows) for c in failed}}


@flow(name="load")
def load_flow(data_dir: Path, warehouse: Path, run: dict) -> dict:
    """Build the warehouse from <data-dir> stage outputs; publish tables to <data-dir>/<table>/."""
    logger = get_run_logger()
    result = load_warehouse(data_dir, warehouse, run)
    logger.info("load: %s", ", ".join(f"{t} {n}" for t, n in result["tables"].items()))
    for name, n in result["failed_checks"].items():
        logger.warning("check %s: %d offending rows (run `dateline check` for details)", name, n)
    return result
