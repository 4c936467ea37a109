"""The parent flow: ingest -> clean -> extract -> load, one run id for all four."""

from __future__ import annotations

import secrets
from datetime import datetime, timezone
from pathlib import Path

from prefect import flow

from flows.clean import clean_flow
from flows.extract import extract_flow
from flows.ingest import ingest_flow
from flows.load import load_flow
from transforms import settings


def new_run_id(now: datetime) -> str:
    return f"run-{now.strftime('%Y%m%dT%H%M%SZ')}-{secrets.token_hex(3)}"


@flow(name="dateline")
def dateline_pipeline(
    inputs: list[Path],
    data_dir: Path = settings.DEFAULT_DATA_DIR,
    warehouse: Path = settings.DEFAULT_WAREHOUSE,
    n_process: int = settings.NLP_PROCESSES,
) -> dict:
    """Run every stage over `inputs`; returns per-stage counts and the load summary."""
    started = datetime.now(timezone.utc).replace(tzinfo=None, microsecond=0)
    run_id = new_run_id(started)
    counts = {
        "ingest": ingest_flow(inputs, data_dir, run_id),
        "clean": clean_flow(data_dir),
        "extract": extract_flow(data_dir, n_process),
    }
    run = {"run_id": run_id, "started_at": started, "inputs": [str(p) for p in inputs], "counts": counts}
    counts["load"] = load_flow(data_dir, warehouse, run)
    return {"run_id": run_id, **counts}
