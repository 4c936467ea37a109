"""`dateline report`: run warehouse/report.sql on the warehouse and write one offline HTML page."""

from __future__ import annotations

import re
from datetime import datetime, timezone
from importlib import resources
from pathlib import Path

import duckdb

from flows.load import connect
from transforms import report, settings

REPORT_SQL = settings.WAREHOUSE_DIR / "report.sql"


def report_queries(sql_path: Path = REPORT_SQL) -> list[tuple[str, str | None, str]]:
    """(name, needed table.column or None, query) for each block of warehouse/report.sql."""
    blocks = []
    for block in re.split(r"^-- report: ", sql_path.read_text(), flags=re.M)[1:]:
        name, _, query = block.partition("\n")
        needs = re.search(r"^-- needs: (\w+)\.(\w+)\s*$", query, flags=re.M)
        blocks.append((name.strip(), f"{needs[1]}.{needs[2]}" if needs else None, query.strip().rstrip(";")))
    return blocks


def _has_column(con: duckdb.DuckDBPyConnection, table_column: str) -> bool:
    table, column = table_column.split(".")
    rows = con.execute("select 1 from information_schema.columns where table_name = ? and column_name = ?",
                       [table, column]).fetchall()
    return bool(rows)


def report_data(con: duckdb.DuckDBPyConnection) -> dict[str, list[dict] | None]:
    """Each report query's rows as dicts; None for a query whose column the warehouse lacks."""
    data: dict[str, list[dict] | None] = {}
    for name, needs, query in report_queries():
        if needs and not _has_column(con, needs):
            data[name] = None
            continue
        cursor = con.execute(query)
        columns = [d[0] for d in cursor.description]
        data[name] = [dict(zip(columns, row)) for row in cursor.fetchall()]
    return data


def vega_javascript() -> str:
    """Vega 5, Vega-Lite 5 and vega-embed 6 in one script, from the django-js-lib-vega-embed wheel
    (a plain copy of the upstream builds; nothing is fetched)."""
    bundle = resources.files("js_lib_vega_embed") / "static" / "js_lib_vega_embed" / "vega-embed-full.js"
    return bundle.read_text(encoding="utf-8")


def write_report(warehouse: Path, output: Path) -> dict:
    """Write the report for `warehouse` to `output`; returns what it holds (charts, notes, bytes)."""
    con = connect(warehouse, read_only=True)
    try:
        data = report_data(con)
    finally:
        con.close()
    generated = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M")
    page = report.report_html(data, str(warehouse), generated, vega_javascript())
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(page, encoding="utf-8")
    specs, notes = report.charts(data)
    return {"charts": sorted(specs), "notes": notes, "bytes": len(page.encode("utf-8")),
            "events": len(data["events"]), "has_stories": data["stories"] is not None}
