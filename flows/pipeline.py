"""The parent flow: ingest -> clean -> extract -> load, one run id for all four.

One writer per warehouse: the run holds `<warehouse>.lock` from start to end; a second run
exits at once with a message naming the holder (or waits, with `wait=True`). The lock dies
with its process, so a killed run never blocks the next one, which first clears the temporary
files the killed run left and then redoes its work (stage outputs are replaced whole; the
warehouse only changes when a load swaps a finished file in).
"""

import secrets
from datetime import datetime, timezone
from pathlib import Path

from prefect import flow

from flows.clean import clean_flow
from flows.extract import extract_flow
from flows.ingest import ingest_flow, input_signature, signature_path
from flows.load import committed_run_ids, load_flow, remove_stale_builds
from flows.storage import WriterLock, crash_point, remove_stale_temporaries
from transforms import settings


def new_run_id(now: datetime) -> str:
    return f"run-{now.strftime('%Y%m%dT%H%M%SZ')}-{secrets.token_hex(3)}"


@flow(name="dateline")
def dateline_pipeline(
    inputs: list[Path],
    data_dir: Path = settings.DEFAULT_DATA_DIR,
    warehouse: Path = settings.DEFAULT_WAREHOUSE,
    n_process: int = settings.NLP_PROCESSES,
    wait: bool = False,
    dask_address: str | None = None,
) -> dict:
    """Run every stage over `inputs`; returns per-stage counts and the load summary.

    With `dask_address`, the extract stage's NLP batches run on that Dask cluster (flows/cluster.py).
    """
    with WriterLock(Path(warehouse), wait=wait):
        started = datetime.now(timezone.utc).replace(tzinfo=None, microsecond=0)
        run_id = new_run_id(started)
        remove_stale_temporaries(Path(data_dir))
        remove_stale_builds(Path(warehouse))
        committed = committed_run_ids(Path(warehouse))
        signature = input_signature([Path(p) for p in inputs])  # taken before ingest reads the files
        counts = {"ingest": ingest_flow(inputs, data_dir, run_id, committed)}
        crash_point("after-ingest")
        counts["clean"] = clean_flow(data_dir, 1 if dask_address else n_process)
        crash_point("after-clean")
        counts["extract"] = _extract(data_dir, n_process, dask_address)
        crash_point("after-extract")
        run = {"run_id": run_id, "started_at": started, "inputs": [str(p) for p in inputs], "counts": counts}
        counts["load"] = load_flow(data_dir, warehouse, run)
        signature_path(Path(data_dir)).write_text(signature)
    return {"run_id": run_id, **counts}


def _extract(data_dir: Path, n_process: int, dask_address: str | None) -> dict:
    """The extract flow, locally (a pool of n_process spaCy workers, two batches in flight) or on
    Dask (one batch per worker thread in flight, plus as many queued)."""
    if not dask_address:
        return extract_flow(data_dir, n_process)
    from flows import cluster

    on_dask = extract_flow.with_options(task_runner=cluster.extract_runner(dask_address))
    return on_dask(data_dir, n_process=1, batches_in_flight=2 * cluster.cluster_threads(dask_address))
