"""The `dateline` command: a thin CLI over the flows. Each command's help ends with an example."""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from pathlib import Path

import typer

import flows  # noqa: F401  (sets quiet, offline Prefect defaults before Prefect loads)
from transforms import settings

app = typer.Typer(
    add_completion=False, no_args_is_help=True,
    help="Turn a folder of news articles into a DuckDB warehouse, a report and SQL answers.",
    epilog="Example: dateline run seeds/sample/",
)


class UsageError(Exception):
    """A problem the user can fix; printed as one line without a traceback."""


def _inputs(paths: list[Path] | None) -> list[Path]:
    inputs = paths or [settings.SAMPLE_DIR]
    missing = [p for p in inputs if not p.exists()]
    if missing:
        raise UsageError(f"input path not found: {missing[0]} (give files or folders of .txt, .html, .jsonl or .warc)")
    return inputs


def _writable(warehouse: Path, data_dir: Path) -> None:
    if warehouse.is_dir():
        raise UsageError(f"--warehouse {warehouse} is a folder; give a file name such as {warehouse / 'dateline.duckdb'}")
    if data_dir.exists() and not data_dir.is_dir():
        raise UsageError(f"--data-dir {data_dir} is a file; give a folder (it is created if missing)")
    for folder in (warehouse.parent, data_dir):
        folder_to_check = folder
        while not folder_to_check.exists():
            folder_to_check = folder_to_check.parent
        if not os.access(folder_to_check, os.W_OK):
            raise UsageError(f"cannot write to {folder} (no write permission); choose another --warehouse/--data-dir")
    if warehouse.exists() and not os.access(warehouse, os.W_OK):
        raise UsageError(f"warehouse {warehouse} is read-only; choose another --warehouse")


@app.command(epilog="Example: dateline run seeds/sample/ --warehouse warehouse/dateline.duckdb --data-dir data/")
def run(
    inputs: list[Path] = typer.Argument(None, help="Files or folders (searched recursively). Default: seeds/sample/."),
    warehouse: Path = typer.Option(settings.DEFAULT_WAREHOUSE, "--warehouse", help="DuckDB file to build."),
    data_dir: Path = typer.Option(settings.DEFAULT_DATA_DIR, "--data-dir", help="Folder for the Parquet outputs."),
    processes: int = typer.Option(0, "--processes", help="spaCy worker processes (0: one per core)."),
    wait: bool = typer.Option(False, "--wait", help="If another run is writing the warehouse, wait for it."),
    dask_address: str = typer.Option(None, "--dask-address", help="Run the NLP batches on this Dask scheduler "
                                     "(tcp://HOST:PORT); --data-dir must be storage the workers share."),
    workers: int = typer.Option(0, "--workers", help="Run the NLP batches on a local Dask cluster of N workers."),
) -> None:
    """Run ingest, clean, extract and load over INPUT files and folders.

    Shows each stage's progress on stderr (a live bar on a terminal, log lines otherwise) and
    prints a summary per stage.
    """
    paths = _inputs(inputs)
    _writable(warehouse, data_dir)
    if processes < 0:
        raise UsageError(f"--processes {processes} is negative; give 0 (one per core) or a number of processes")
    if dask_address and workers:
        raise UsageError("give either --dask-address (an existing cluster) or --workers (a local one), not both")
    from flows import progress, server
    from flows.storage import WriterLock

    n_process = processes or max(1, min(os.cpu_count() or 1, 4))
    reporter = progress.reporter_for(sys.stderr)
    try:
        # The lock before Prefect starts: a busy warehouse is one line, at once. Then Prefect's
        # server (the longest start) and the spaCy workers start side by side, while the flows'
        # code imports.
        with WriterLock(warehouse, wait=wait), progress.reporting(reporter):
            with server.temporary_server() as api:
                if not _nothing_new_likely(paths, data_dir):
                    local = 0 if (dask_address or workers) else n_process
                    threading.Thread(target=_warm_up, args=(local,), name="dateline-warm-up", daemon=True).start()
                from flows.pipeline import dateline_pipeline

                if workers:
                    from flows.cluster import local_cluster

                    with local_cluster(workers) as address, server.using(api):
                        result = dateline_pipeline(paths, data_dir, warehouse, n_process, wait, address)
                else:
                    with server.using(api):
                        result = dateline_pipeline(paths, data_dir, warehouse, n_process, wait, dask_address)
    finally:
        reporter.close()
    _print_summary(result, warehouse, data_dir)


def _warm_up(n_process: int) -> None:
    """Start the `n_process` spaCy workers (none for 0 or 1) and wait until they have the
    model, then load what the flows load in this process (parts of Prefect, numpy and scipy
    for deduplication and stories, DuckDB): 2 s that would otherwise run between stages with
    one core idle. In a thread, while the main thread imports the flows and waits for
    Prefect's server; the imports come after the model load, when a core is free, so they do
    not slow the server's start. A failure here is left to the stage that needs the library
    (or the workers) to report."""
    with contextlib.suppress(Exception):
        from transforms.nlp import start_workers

        start_workers(n_process)
    with contextlib.suppress(Exception):
        # Prefect imports these on the first flow call, right after the server is up.
        import fastapi.encoders  # noqa: F401
        import prefect.engine  # noqa: F401
        import prefect.utilities.visualization  # noqa: F401

        import datasketch  # noqa: F401
        import duckdb  # noqa: F401
        import pyarrow  # noqa: F401
        import scipy.cluster.hierarchy  # noqa: F401

        from transforms import stories

        stories.stop_words()


def _nothing_new_likely(paths: list[Path], data_dir: Path) -> bool:
    """The inputs look as they did at the end of the last completed run (paths, sizes, times)."""
    from flows.ingest import input_signature, signature_path

    recorded = signature_path(data_dir)
    return recorded.exists() and recorded.read_text() == input_signature(paths)


def _print_summary(result: dict, warehouse: Path, data_dir: Path) -> None:
    ingest, clean, extract, load = result["ingest"], result["clean"], result["extract"], result["load"]
    typer.echo(f"run {result['run_id']}")
    typer.echo(f"  ingest   {ingest['files']} files -> {ingest['read']} documents "
               f"({ingest['new']} new or changed), {ingest['rejected']} rejected")
    typer.echo(f"  clean    {clean['read']} documents -> {clean['written']} articles "
               f"({clean['duplicates']} duplicates), {clean['sources']} sources, {clean['rejected']} rejected")
    typer.echo(f"  extract  {extract['read']} articles -> {extract['mentions']} mentions of {extract['entities']} "
               f"entities, {extract['event_mentions']} reports of {extract['events']} events, "
               f"{extract['rejected']} not extracted")
    tables = ", ".join(f"{t} {n}" for t, n in load["tables"].items())
    typer.echo(f"  load     {warehouse}: {tables}")
    typer.echo(f"  parquet  {data_dir}/<table>/ (articles and events partitioned by month)")
    if load["failed_checks"]:
        typer.echo(f"  checks   FAILED: {load['failed_checks']} (see `dateline check`)")
    else:
        typer.echo("  checks   all passed")
    where = "" if warehouse == settings.DEFAULT_WAREHOUSE else f" --warehouse {warehouse}"
    # As the user typed it (`.venv/bin/dateline` after `make run`), so the hint can be pasted.
    prog = sys.argv[0] if os.path.basename(sys.argv[0]) == "dateline" else "dateline"
    typer.echo(f"next: {prog} report{where} -o report.html   (then open report.html in a browser)")
    typer.echo(f"      {prog} sql{where} \"select * from events limit 10\"   (more in docs/queries.md)")


@app.command(epilog="Example: dateline check --warehouse warehouse/dateline.duckdb")
def check(
    warehouse: Path = typer.Option(settings.DEFAULT_WAREHOUSE, "--warehouse", help="DuckDB file to check."),
) -> None:
    """Run warehouse/checks.sql; list each violation; exit 1 if there is any.

    Safe while a run is going: it reads the last committed warehouse.
    """
    from flows.load import connect, run_checks

    con = connect(_existing_warehouse(warehouse), read_only=True)
    failed = 0
    try:
        results = run_checks(con)
    finally:
        con.close()
    for result in results:
        status = "ok" if not result.rows else f"FAILED ({len(result.rows)} rows)"
        typer.echo(f"{result.name}: {status}")
        for row in result.rows[:10]:
            typer.echo(f"    {row}")
        if len(result.rows) > 10:
            typer.echo(f"    ... and {len(result.rows) - 10} more")
        failed += bool(result.rows)
    typer.echo(f"{len(results) - failed} of {len(results)} checks passed")
    if failed:
        raise typer.Exit(1)


@app.command(epilog='Example: dateline serve /srv/news --cron "*/15 * * * *" --warehouse /srv/dateline.duckdb')
def serve(
    inputs: list[Path] = typer.Argument(..., help="Files or folders to watch (searched recursively on each run)."),
    cron: str = typer.Option("*/15 * * * *", "--cron", help="When to run, as a cron expression (UTC)."),
    warehouse: Path = typer.Option(settings.DEFAULT_WAREHOUSE, "--warehouse", help="DuckDB file to build."),
    data_dir: Path = typer.Option(settings.DEFAULT_DATA_DIR, "--data-dir", help="Folder for the Parquet outputs."),
    processes: int = typer.Option(0, "--processes", help="spaCy worker processes (0: one per core)."),
    name: str = typer.Option("dateline", "--name", help="Deployment name shown by Prefect."),
) -> None:
    """Run the pipeline over INPUT on a schedule, with Prefect's serve (Ctrl-C stops it).

    Each run only processes new or changed inputs; runs never overlap (a run that finds the
    previous one still writing waits for it). Needs a Prefect server, since the temporary one
    cannot schedule: start `prefect server start` and set PREFECT_API_URL (see README).
    """
    paths = [p.resolve() for p in _inputs(inputs)]
    _writable(warehouse, data_dir)
    from prefect.settings import PREFECT_API_URL

    if not PREFECT_API_URL.value():
        raise UsageError("scheduling needs a Prefect server: run `prefect server start` in another shell, then "
                         "export PREFECT_API_URL=http://127.0.0.1:4200/api and retry")
    from flows.pipeline import dateline_pipeline

    n_process = processes or max(1, min(os.cpu_count() or 1, 4))
    parameters = {"inputs": [str(p) for p in paths], "data_dir": str(data_dir.resolve()),
                  "warehouse": str(warehouse.resolve()), "n_process": n_process, "wait": True}
    typer.echo(f"serving {name}: {', '.join(map(str, paths))} on '{cron}' -> {warehouse} (Ctrl-C to stop)")
    dateline_pipeline.serve(name=name, cron=cron, parameters=parameters, limit=1)


@app.command(epilog='Example: dateline sql "select plover_type, count(*) from events group by 1 order by 2 desc"')
def sql(
    query: str = typer.Argument(..., help="A SQL query over the warehouse tables (see docs/queries.md)."),
    warehouse: Path = typer.Option(settings.DEFAULT_WAREHOUSE, "--warehouse", help="DuckDB file to query."),
    csv: bool = typer.Option(False, "--csv", help="Print CSV (with a header) instead of a table."),
    max_rows: int = typer.Option(40, "--max-rows", help="Rows shown in the table (CSV prints them all)."),
) -> None:
    """Run one SQL query on the warehouse (read-only) and print the result.

    Tables and columns: docs/tables.md; questions answered in SQL: docs/queries.md.
    """
    import duckdb

    from flows.load import connect

    con = connect(_existing_warehouse(warehouse), read_only=True)
    try:
        relation = con.sql(query)
        if relation is None:  # a statement without a result (e.g. `set`, `pragma`)
            return
        if csv:
            _print_csv(relation.columns, relation.fetchall())
        else:
            relation.show(max_width=200, max_rows=max_rows)
    except duckdb.Error as exc:
        first_line = str(exc).strip().splitlines()[0]
        raise UsageError(f"query failed: {first_line} (tables: {', '.join(settings.WAREHOUSE_TABLES)}; "
                         "columns in docs/tables.md)") from exc
    finally:
        con.close()


def _print_csv(columns: list[str], rows: list[tuple]) -> None:
    import csv as csv_module
    import io

    out = io.StringIO()
    writer = csv_module.writer(out, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(rows)
    typer.echo(out.getvalue(), nl=False)


@app.command(epilog="Example: dateline report --warehouse warehouse/dateline.duckdb -o report.html")
def report(
    warehouse: Path = typer.Option(settings.DEFAULT_WAREHOUSE, "--warehouse", help="DuckDB file to report on."),
    output: Path = typer.Option(Path("report.html"), "-o", "--output", help="HTML file to write."),
) -> None:
    """Write one self-contained HTML report (opens offline in any browser): run summary, events over
    time by quad class, top actors and pairs, actor network, countries, sources, stories, and every
    listed event linked to the sentences that report it.
    """
    import duckdb

    from flows.report import write_report

    source = _existing_warehouse(warehouse)
    if output.exists() and output.is_dir():
        raise UsageError(f"-o {output} is a folder; give a file name such as {output / 'report.html'}")
    target_dir = output.parent if str(output.parent) else Path(".")
    if not target_dir.exists():
        raise UsageError(f"cannot write {output}: folder {target_dir} does not exist (create it or choose another -o)")
    if not os.access(target_dir, os.W_OK) or (output.exists() and not os.access(output, os.W_OK)):
        raise UsageError(f"cannot write {output} (no write permission); choose another -o")
    try:
        summary = write_report(source, output)
    except duckdb.CatalogException as exc:
        raise UsageError(f"--warehouse {warehouse} lacks dateline tables ({str(exc).splitlines()[0]}); build it with "
                         f"`dateline run INPUT --warehouse {warehouse}`") from exc
    typer.echo(f"wrote {output} ({summary['bytes'] // 1024} KiB; charts: {', '.join(summary['charts']) or 'none'}; "
               f"{summary['events']} events with their quotes)")
    for chart, note in sorted(summary["notes"].items()):
        typer.echo(f"  {chart}: {note}")
    typer.echo(f"open it in a browser: file://{output.resolve()}")


def _existing_warehouse(warehouse: Path) -> Path:
    """`warehouse` if it is a DuckDB file; otherwise a UsageError that says what to do."""
    if not warehouse.exists():
        raise UsageError(f"warehouse not found: {warehouse} (run `dateline run` first, or pass --warehouse PATH)")
    if warehouse.is_dir():
        raise UsageError(f"--warehouse {warehouse} is a folder; give the .duckdb file inside it")
    with open(warehouse, "rb") as handle:
        header = handle.read(16)
    if len(header) < 16 or header[8:12] != b"DUCK":
        raise UsageError(f"--warehouse {warehouse} is not a DuckDB file; give the file `dateline run` wrote "
                         "(default warehouse/dateline.duckdb)")
    return warehouse


def main() -> None:
    """Entry point: user errors become one line on stderr and exit code 2; --debug shows tracebacks."""
    debug = "--debug" in sys.argv
    if debug:
        sys.argv.remove("--debug")
    try:
        app()
    except UsageError as exc:
        typer.echo(f"dateline: {exc}", err=True)
        sys.exit(2)
    except Exception as exc:  # noqa: BLE001 - the CLI's last line of defence
        from flows.load import WarehouseError
        from flows.storage import WarehouseBusy

        if debug:
            raise
        if isinstance(exc, WarehouseBusy):
            typer.echo(f"dateline: {exc}", err=True)
            sys.exit(3)
        label = "" if isinstance(exc, WarehouseError) else f"{type(exc).__name__}: "
        typer.echo(f"dateline: {label}{exc} (rerun with --debug for the traceback)", err=True)
        sys.exit(1)


if __name__ == "__main__":
    main()
