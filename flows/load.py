"""Load flow: the DuckDB warehouse rebuilt from the stage Parquet, checked, swapped in whole,
and every table published again as Parquet.

Crash safety and readers: the new warehouse is built in a temporary file beside the old one
(every table from the stage Parquet, `runs` carried over from the committed warehouse) and
renamed over it in one step. A run killed at any point leaves the old warehouse untouched;
readers never see a half-built one, and queries that opened the old file keep reading it.

Idempotent by construction: the stage outputs are deterministic functions of the accumulated
inputs, so a second run on the same inputs leaves every table with the same rows (only `runs`
gains a row per run). Event ids of events already in the warehouse are kept, and ids that no
longer name an event resolve through `event_id_redirects` (`transforms.stable_ids`).

Schema versions: the file records the version of warehouse/schema.sql it was built with
(`warehouse_meta`). A warehouse of an older version is rebuilt in the current schema (its
`runs` migrated column by column); a newer one is refused, never mixed.
"""

import hashlib
import json
import os
import re
import shutil
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import duckdb
import polars as pl
from prefect import flow, get_run_logger, task

from flows import cache
from flows.storage import TABLE_INPUTS, TABLE_ORDER, DataDir, crash_point, publish_folder
from transforms import seeds, settings, stable_ids

# Published Parquet: tables with a natural month are hive-partitioned by it (readers glob
# <data-dir>/<table>/**/*.parquet with hive_partitioning); the rest are one file per table.
PARTITIONS: dict[str, tuple[str, str]] = {
    "articles": ("published_month", "strftime(published_at, '%Y-%m')"),
    "events": ("event_month", "strftime(event_date, '%Y-%m')"),
}


@dataclass(frozen=True)
class CheckResult:
    name: str
    rows: list[tuple]


class WarehouseError(RuntimeError):
    """The warehouse cannot be opened or written; the message names the file and the fix."""


def schema_version(schema_sql: Path = settings.SCHEMA_SQL) -> int:
    """The version declared on the `-- schema_version: N` line of warehouse/schema.sql."""
    match = re.search(r"^-- schema_version: (\d+)", schema_sql.read_text(), flags=re.M)
    if not match:
        raise WarehouseError(f"{schema_sql} has no `-- schema_version: N` line")
    return int(match.group(1))


def schema_hash(schema_sql: Path = settings.SCHEMA_SQL) -> str:
    return hashlib.sha256(schema_sql.read_bytes()).hexdigest()[:16]


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
        "select column_name from information_schema.columns where table_name = ? and table_schema = 'main' "
        "order by ordinal_position",
        [table],
    ).fetchall()
    return [r[0] for r in rows]


def _register_codebooks(con: duckdb.DuckDBPyConnection) -> None:
    """The seed codebooks as views, so checks can test codes against them (read-only safe)."""
    con.register("seed_cameo_codes", seeds.cameo_codes())
    con.register("seed_countries", seeds.countries().select("iso3"))


def run_checks(con: duckdb.DuckDBPyConnection, checks_sql: Path = settings.CHECKS_SQL) -> list[CheckResult]:
    """Every check in warehouse/checks.sql with its offending rows (empty when healthy)."""
    _register_codebooks(con)
    con.register("expected_schema", pl.DataFrame({"schema_version": [schema_version()]}))
    results = []
    for block in re.split(r"^-- check: ", checks_sql.read_text(), flags=re.M)[1:]:
        name, _, query = block.partition("\n")
        try:
            rows = con.execute(query.strip().rstrip(";")).fetchall()
        except (duckdb.CatalogException, duckdb.BinderException) as exc:  # an old or foreign file
            rows = [("cannot run:", str(exc).splitlines()[0])]
        results.append(CheckResult(name.strip(), rows))
    return results


def committed_state(warehouse: Path) -> dict:
    """What the committed warehouse holds that a rebuild must carry over: its schema version,
    its `runs` rows and its event ids by report. Empty when there is no warehouse yet."""
    state = {"schema_version": None, "runs": None, "event_mentions": pl.DataFrame(
        schema={"event_mention_id": pl.String, "event_id": pl.String}),
        "event_id_redirects": pl.DataFrame(schema=stable_ids.REDIRECT_SCHEMA)}
    if not warehouse.exists():
        return state
    wal = warehouse.with_name(warehouse.name + ".wal")
    if wal.exists():
        # Left by a program that wrote the file in place and died: replay it before reading.
        connect(warehouse).close()
    con = connect(warehouse, read_only=True)
    try:
        tables = {r[0] for r in con.execute(
            "select table_name from information_schema.tables where table_schema = 'main'").fetchall()}
        if "warehouse_meta" in tables:
            state["schema_version"] = con.execute("select max(schema_version) from warehouse_meta").fetchall()[0][0]
        else:
            state["schema_version"] = 0  # before versioning
        if "runs" in tables:
            state["runs"] = con.sql("select * from runs").pl()
        if "event_mentions" in tables and {"event_mention_id", "event_id"} <= set(table_columns(con, "event_mentions")):
            state["event_mentions"] = con.sql("select event_mention_id, event_id from event_mentions").pl()
        if "event_id_redirects" in tables:  # schema version 3 on
            columns = ", ".join(stable_ids.REDIRECT_SCHEMA)
            state["event_id_redirects"] = con.sql(f"select {columns} from event_id_redirects").pl()
    finally:
        con.close()
    return state


def committed_run_ids(warehouse: Path) -> list[str]:
    """Run ids the warehouse has committed (a run killed before its load committed is not one)."""
    runs = committed_state(warehouse)["runs"]
    return [] if runs is None else runs["run_id"].to_list()


def _parquet_list(paths: list[Path]) -> str:
    return "[" + ", ".join("'" + str(p).replace("'", "''") + "'" for p in paths) + "]"


def _is_transient_io(task, task_run, state) -> bool:
    """Retry the load only for I/O hiccups (a full disk being cleared, a busy network share);
    a logic or data error fails at once."""
    try:
        state.result()
    except (OSError, duckdb.IOException):
        return True
    except Exception:  # noqa: BLE001 - anything else is not worth retrying
        return False
    return False


def _build(con: duckdb.DuckDBPyConnection, store: DataDir, previous: dict, run: dict) -> dict:
    """Fill a fresh warehouse (schema already created) inside one transaction; return row counts."""
    counts: dict[str, int] = {}
    # Extracted event ids mapped onto the committed ones.
    event_mentions_path = store.stage("extract", "event_mentions")
    articles_path = store.stage("clean", "articles")
    if event_mentions_path.exists() and articles_path.exists():
        event_mentions = pl.read_parquet(event_mentions_path, columns=["event_id", "event_mention_id", "article_id",
                                                                       "trigger_start_char"])
        articles = pl.read_parquet(articles_path, columns=["article_id", "published_at"])
        mapping = stable_ids.stable_event_ids(event_mentions, articles, previous["event_mentions"])
        redirects = stable_ids.event_id_redirects(mapping, event_mentions, articles, previous["event_mentions"],
                                                  previous["event_id_redirects"], run["run_id"])
    else:
        mapping = pl.DataFrame(schema=stable_ids.EVENT_ID_MAP_SCHEMA)
        redirects = pl.DataFrame(schema=stable_ids.REDIRECT_SCHEMA)
    con.register("event_id_map", mapping)
    con.register("new_event_id_redirects", redirects)
    con.execute(f"insert into event_id_redirects select * from new_event_id_redirects "
                f"order by {TABLE_ORDER['event_id_redirects']}")
    counts["event_id_redirects"] = redirects.height
    for table, inputs in TABLE_INPUTS.items():
        columns = table_columns(con, table)
        paths = [store.stage(stage, name) for stage, name in inputs if store.stage(stage, name).exists()]
        if paths:
            source = f"read_parquet({_parquet_list(paths)}, union_by_name = true)"
            # Columns filled by a later step (articles.story_id, tone) are absent from the input.
            available = {r[0] for r in con.execute(f"describe select * from {source}").fetchall()}
            present = [c for c in columns if c in available]
            select = ", ".join(present)
            if table in ("events", "event_mentions"):
                select_mapped = ", ".join("coalesce(m.stable_event_id, s.event_id) as event_id" if c == "event_id"
                                          else f"s.{c}" for c in present)
                source = f"(select {select_mapped} from {source} s left join event_id_map m using (event_id))"
            con.execute(f"insert into {table} ({select}) select {select} from {source} order by {TABLE_ORDER[table]}")
        counts[table] = con.execute(f"select count(*) from {table}").fetchall()[0][0]
    stories = store.stage("extract", "article_stories")
    if stories.exists():
        con.execute(f"update articles set story_id = s.story_id, tone = s.tone from read_parquet({_parquet_list([stories])}) s "
                    "where articles.article_id = s.article_id")
    if previous["runs"] is not None and previous["runs"].height:
        con.register("previous_runs", previous["runs"])
        carried = [c for c in table_columns(con, "runs") if c in previous["runs"].columns]
        con.execute(f"insert into runs ({', '.join(carried)}) select {', '.join(carried)} from previous_runs")
    counts["runs"] = _record_run(con, run, previous["schema_version"])
    return counts


def _record_run(con: duckdb.DuckDBPyConnection, run: dict, previous_version: int | None) -> int:
    """This run's `runs` row and the file's `warehouse_meta` row; returns the number of runs."""
    now = datetime.now(timezone.utc).replace(tzinfo=None, microsecond=0)
    con.execute(
        "insert into runs (run_id, started_at, ended_at, status, inputs, counts) values (?, ?, ?, ?, ?, ?)",
        [run["run_id"], run["started_at"], now, "completed", run["inputs"], json.dumps(run["counts"], sort_keys=True)],
    )
    con.execute("delete from warehouse_meta")
    con.execute("insert into warehouse_meta values (?, ?, ?, ?, ?)",
                [schema_version(), schema_hash(), previous_version, now, run["run_id"]])
    return con.execute("select count(*) from runs").fetchall()[0][0]


# ---------------------------------------------------------------- no-op runs
# A run whose stage outputs are byte-identical to the ones the committed warehouse was built
# from (same schema, checks and load code) would rebuild the same tables: it copies the file,
# adds its `runs` row, checks and swaps the copy in, and publishes only `runs`. The manifest
# pins the warehouse file it describes (inode, size, mtime), so a file replaced or edited by
# anyone else is rebuilt in full.


def _manifest_path(store: DataDir) -> Path:
    return store.root / "load" / "manifest.json"


def _load_inputs(store: DataDir) -> list[Path]:
    paths = [store.stage(stage, name) for inputs in TABLE_INPUTS.values() for stage, name in inputs]
    return paths + [store.stage("extract", "article_stories")]


def _load_fingerprint(store: DataDir) -> str:
    code = b"".join(p.read_bytes() for p in (settings.SCHEMA_SQL, settings.CHECKS_SQL, Path(__file__),
                                              Path(stable_ids.__file__)))
    return cache.fingerprint(_load_inputs(store), hashlib.sha256(code).hexdigest())


def _file_identity(path: Path) -> list[int]:
    info = path.stat()
    return [info.st_ino, info.st_size, info.st_mtime_ns]


def _unchanged_since_last_load(store: DataDir, warehouse: Path, fingerprint: str) -> bool:
    manifest = _manifest_path(store)
    if not manifest.exists() or not warehouse.exists():
        return False
    recorded = json.loads(manifest.read_text())
    return (recorded.get("fingerprint") == fingerprint and recorded.get("warehouse") == str(warehouse.resolve())
            and recorded.get("identity") == _file_identity(warehouse))


def _record_load(store: DataDir, warehouse: Path, fingerprint: str) -> None:
    manifest = _manifest_path(store)
    manifest.parent.mkdir(parents=True, exist_ok=True)
    tmp = manifest.with_name(f".manifest-{os.getpid()}.tmp")
    tmp.write_text(json.dumps({"fingerprint": fingerprint, "warehouse": str(warehouse.resolve()),
                               "identity": _file_identity(warehouse)}))
    os.replace(tmp, manifest)


def _publish(con: duckdb.DuckDBPyConnection, table: str, folder: Path) -> None:
    """Write `table` to <data-dir>/<table>/ (partitioned by month where it has one), swapping the
    folder in whole."""
    order = TABLE_ORDER[table]

    def write(staging: Path) -> None:
        target = str(staging).replace("'", "''")
        if table in PARTITIONS:
            column, expr = PARTITIONS[table]
            con.execute(
                f"copy (select *, coalesce({expr}, 'unknown') as {column} from {table} order by {order}) "
                f"to '{target}' (format parquet, compression zstd, partition_by ({column}), "
                f"filename_pattern '{table}_{{i}}')"
            )
        else:
            con.execute(f"copy (select * from {table} order by {order}) to '{target}/{table}.parquet' "
                        "(format parquet, compression zstd)")

    publish_folder(folder, write)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@task(name="load-warehouse", retries=2, retry_delay_seconds=5, retry_condition_fn=_is_transient_io)
def load_warehouse(data_dir: Path, warehouse: Path, run: dict) -> dict:
    """Build the new warehouse beside the old, check it, swap it in, publish. Returns row counts,
    failed checks and the schema migration done (if any)."""
    store = DataDir(data_dir)
    previous = committed_state(warehouse)
    version = schema_version()
    if previous["schema_version"] is not None and previous["schema_version"] > version:
        raise WarehouseError(
            f"warehouse {warehouse} has schema version {previous['schema_version']}, newer than this dateline "
            f"({version}); upgrade dateline or choose another --warehouse")
    building = warehouse.with_name(f".{warehouse.name}.{os.getpid()}.tmp")
    for leftover in (building, building.with_name(building.name + ".wal")):
        leftover.unlink(missing_ok=True)
    fingerprint = _load_fingerprint(store)
    unchanged = previous["schema_version"] == version and _unchanged_since_last_load(store, warehouse, fingerprint)
    _manifest_path(store).unlink(missing_ok=True)  # rewritten once this load is complete
    if unchanged:
        shutil.copyfile(warehouse, building)
    con = connect(building)
    try:
        if unchanged:
            con.execute("begin transaction")
            _record_run(con, run, previous["schema_version"])
            counts = {t: con.execute(f"select count(*) from {t}").fetchall()[0][0]
                      for t in ("event_id_redirects", *TABLE_INPUTS, "runs")}
        else:
            con.execute(settings.SCHEMA_SQL.read_text())
            con.execute("begin transaction")
            counts = _build(con, store, previous, run)
        failed = [c for c in run_checks(con) if c.rows]
        con.execute("commit")
        con.execute("checkpoint")
    finally:
        con.close()
    crash_point("load-before-swap")
    _fsync(building)
    os.replace(building, warehouse)
    _fsync(warehouse.parent)
    crash_point("load-after-swap")
    con = connect(warehouse, read_only=True)
    try:
        for table in (["runs"] if unchanged else TABLE_ORDER):
            _publish(con, table, store.table(table).parent)
            crash_point(f"publish-{table}")
    finally:
        con.close()
    _record_load(store, warehouse, fingerprint)
    migrated = None
    if previous["schema_version"] is not None and previous["schema_version"] != version:
        migrated = {"from": previous["schema_version"], "to": version}
    return {"tables": counts, "failed_checks": {c.name: len(c.rows) for c in failed}, "migrated": migrated}


def remove_stale_builds(warehouse: Path) -> None:
    """Delete temporary warehouse files left by killed runs (call while holding the writer lock)."""
    if warehouse.parent.exists():
        for path in warehouse.parent.glob(f".{warehouse.name}.*.tmp*"):
            path.unlink(missing_ok=True)


@flow(name="load")
def load_flow(data_dir: Path, warehouse: Path, run: dict) -> dict:
    """Build the warehouse from <data-dir> stage outputs; publish tables to <data-dir>/<table>/."""
    logger = get_run_logger()
    result = load_warehouse(data_dir, warehouse, run)
    if result["migrated"]:
        logger.warning("warehouse %s upgraded from schema version %s to %s (rebuilt from the Parquet outputs)",
                       warehouse, result["migrated"]["from"], result["migrated"]["to"])
    logger.info("load: %s", ", ".join(f"{t} {n}" for t, n in result["tables"].items()))
    for name, n in result["failed_checks"].items():
        logger.warning("check %s: %d offending rows (run `dateline check` for details)", name, n)
    return result
