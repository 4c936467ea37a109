"""The `dateline` command: a thin CLI over the flows. Each command's help ends with an example."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import typer

import flows  # noqa: F401  (sets quiet, offline Prefect defaults before Prefect loads)
from transforms import settings

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Turn a folder of news articles into a DuckDB warehouse.")


class UsageError(Exception):
    """A problem the user can fix; printed as one line without a traceback."""


def _inputs(paths: list[Path] | None) -> list[Path]:
    inputs = paths or [settings.SAMPLE_DIR]
    missing = [p for p in inputs if not p.exists()]
    if missing:
        raise UsageError(f"input path not found: {missing[0]} (give files or folders of .txt, .html, .jsonl or .warc)")
    return inputs


def _writable(warehouse: Path, data_dir: Path) -> None:
    for folder in (warehouse.parent, data_dir):
        folder_to_check = folder
        while not folder_to_check.exists():
            folder_to_check = folder_to_check.parent
        if not os.access(folder_to_check, os.W_OK):
            raise UsageError(f"cannot write to {folder} (no write permission); choose another --warehouse/--data-dir")
    if warehouse.exists() and not os.access(warehouse, os.W_OK):
        raise UsageError(f"warehouse {warehouse} is read-only; choose another --warehouse")


@app.command()
def run(
    inputs: list[Path] = typer.Argument(None, help="Files or folders (searched recursively). Default: seeds/sample/."),
    warehouse: Path = typer.Option(settings.DEFAULT_WAREHOUSE, "--warehouse", help="DuckDB file to build."),
    data_dir: Path = typer.Option(settings.DEFAULT_DATA_DIR, "--data-dir", help="Folder for the Parquet outputs."),
    processes: int = typer.Option(0, "--processes", help="spaCy worker processes (0: one per core)."),
    dask_address: str = typer.Option(None, "--dask-address", help="Run the NLP batches on this Dask scheduler "
                                     "(tcp://HOST:PORT); --data-dir must be storage the workers share."),
    workers: int = typer.Option(0, "--workers", help="Run the NLP batches on a local Dask cluster of N workers."),
) -> None:
    """Run ingest, clean, extract and load over INPUT files and folders.

    Example: dateline run seeds/sample/ --warehouse warehouse/dateline.duckdb --data-dir data/
    """
    paths = _inputs(inputs)
    _writable(warehouse, data_dir)
    if dask_address and workers:
        raise UsageError("give either --dask-address (an existing cluster) or --workers (a local one), not both")
    from flows.pipeline import dateline_pipeline

    n_process = processes or max(1, min(os.cpu_count() or 1, 4))
    if workers:
        from flows.cluster import local_cluster

        with local_cluster(workers) as address:
            result = dateline_pipeline(paths, data_dir, warehouse, n_process, address)
    else:
        if not dask_address:
            from transforms.nlp import start_workers

            start_workers(n_process)  # the model loads while Prefect starts and ingest and clean run
        result = dateline_pipeline(paths, data_dir, warehouse, n_process, dask_address)
    _print_summary(result, warehouse, data_dir)


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
    typer.echo(f"  parquet  {data_dir}/<table>/<table>.parquet")
    if load["failed_checks"]:
        typer.echo(f"  checks   FAILED: {load['failed_checks']} (see `dateline check`)")
    else:
        typer.echo("  checks   all passed")


@app.command()
def check(
    warehouse: Path = typer.Option(settings.DEFAULT_WAREHOUSE, "--warehouse", help="DuckDB file to check."),
) -> None:
    """Run warehouse/checks.sql; list each violation; exit 1 if there is any.

    Example: dateline check --warehouse warehouse/dateline.duckdb
    """
    from flows.load import connect, run_checks

    if not warehouse.exists():
        raise UsageError(f"warehouse not found: {warehouse} (run `dateline run` first)")
    con = connect(warehouse, read_only=True)
    failed = 0
    for result in run_checks(con):
        status = "ok" if not result.rows else f"FAILED ({len(result.rows)} rows)"
        typer.echo(f"{result.name}: {status}")
        for row in result.rows[:10]:
            typer.echo(f"    {row}")
        failed += bool(result.rows)
    con.close()
    if failed:
        raise typer.Exit(1)


@app.command()
def sql(
    query: str = typer.Argument(..., help="A SQL query over the warehouse tables."),
    warehouse: Path = typer.Option(settings.DEFAULT_WAREHOUSE, "--warehouse", help="DuckDB file to query."),
) -> None:
    """Run one SQL query on the warehouse (read-only) and print the result.

    Example: dateline sql "select plover_type, count(*) from events group by 1 order by 2 desc"
    """
    import duckdb

    from flows.load import connect

    if not warehouse.exists():
        raise UsageError(f"warehouse not found: {warehouse} (run `dateline run` first)")
    con = connect(warehouse, read_only=True)
    try:
        con.sql(query).show(max_width=200)
    except duckdb.Error as exc:
        raise UsageError(f"query failed: {exc}") from exc
    finally:
        con.close()


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

        if debug:
            raise
        label = "" if isinstance(exc, WarehouseError) else f"{type(exc).__name__}: "
        typer.echo(f"dateline: {label}{exc} (rerun with --debug for the traceback)", err=True)
        sys.exit(1)


if __name__ == "__main__":
    main()
