"""Compare warehouses: every table's rows, with run ids blanked (two runs never share one)."""

from __future__ import annotations

from pathlib import Path

import duckdb

# Tables whose rows must match between a clean run and any other way of getting there.
COMPARED_TABLES = ("sources", "articles", "entities", "mentions", "events", "event_mentions", "rejects")


def snapshot(warehouse: Path) -> dict[str, list[tuple]]:
    """Every compared table's rows, sorted, with run_id replaced by a placeholder."""
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        out = {}
        for table in COMPARED_TABLES:
            columns = [r[0] for r in con.execute(
                "select column_name from information_schema.columns where table_name = ? order by ordinal_position",
                [table]).fetchall()]
            select = ", ".join("'<run>' as run_id" if c == "run_id" else c for c in columns)
            out[table] = con.execute(f"select {select} from {table} order by all").fetchall()
        return out
    finally:
        con.close()


def differences(expected: dict, actual: dict) -> dict[str, tuple[int, int, int]]:
    """Per table with any difference: (rows expected, rows found, rows in one but not the other)."""
    diff = {}
    for table in COMPARED_TABLES:
        a, b = expected.get(table, []), actual.get(table, [])
        if a != b:
            sa, sb = set(map(repr, a)), set(map(repr, b))
            diff[table] = (len(a), len(b), len(sa ^ sb))
    return diff


def published_counts(data_dir: Path) -> dict[str, int]:
    """Rows of each published table, read back with a plain DuckDB glob."""
    out = {}
    for table in COMPARED_TABLES:
        glob = str(data_dir / table / "**" / "*.parquet")
        out[table] = duckdb.sql(f"select count(*) from read_parquet('{glob}', hive_partitioning = true)"
                                ).fetchall()[0][0]
    return out


def table_counts(warehouse: Path) -> dict[str, int]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return {t: con.execute(f"select count(*) from {t}").fetchall()[0][0] for t in COMPARED_TABLES}
    finally:
        con.close()
