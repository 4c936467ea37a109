"""Ingest flow: find input files, read them in batches, keep every document, reject the rest."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import polars as pl
from prefect import flow, get_run_logger, task

from flows import progress
from flows.storage import DataDir, read_parquet, write_parquet
from transforms import ingest, settings


@dataclass(frozen=True)
class InputFile:
    path: str  # as found on disk (recorded as input_path)
    rel_path: str  # relative to the INPUT it was found under (the doc_id base)


def input_files(inputs: list[Path]) -> list[InputFile]:
    """Every file under the INPUT paths, sorted. Folders are searched recursively without
    following symlinked folders (no loops); hidden files and folders are skipped."""
    found: list[InputFile] = []
    for root in inputs:
        if root.is_file():
            found.append(InputFile(str(root), root.name))
            continue
        for folder, dirs, files in os.walk(root, followlinks=False):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                if name.startswith("."):
                    continue
                path = Path(folder) / name
                found.append(InputFile(str(path), path.relative_to(root).as_posix()))
    return found


def _read_bytes(file: InputFile, max_bytes: int) -> bytes:
    size = os.path.getsize(file.path)
    if size > max_bytes:
        raise ingest.Rejected(
            f"file is {size // (1024 * 1024)} MiB, over the {max_bytes // (1024 * 1024)} MiB limit per file; "
            "split it (e.g. JSONL into several files)"
        )
    with open(file.path, "rb") as handle:
        return handle.read(max_bytes + 1)


@task(name="ingest-batch")
def parse_batch(files: list[InputFile]) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Documents and rejects of one batch of files."""
    documents, rejects = [], []
    for file in files:
        try:
            data = _read_bytes(file, settings.MAX_INPUT_BYTES)
        except ingest.Rejected as exc:
            rejects.append({"input_path": file.path, "doc_id": file.rel_path, "stage": "ingest", "reason": str(exc)})
            continue
        except OSError as exc:
            rejects.append({"input_path": file.path, "doc_id": file.rel_path, "stage": "ingest",
                            "reason": f"cannot read file ({exc.strerror or exc}); check its permissions"})
            continue
        result = ingest.documents_from_file(file.rel_path, file.path, data)
        documents.extend(result.documents)
        rejects.extend(result.rejects)
    return ingest.documents_frame(documents), ingest.rejects_frame(rejects)


@flow(name="ingest")
def ingest_flow(inputs: list[Path], data_dir: Path, run_id: str) -> dict:
    """Read every supported file under `inputs` into <data-dir>/ingest/. Returns counts."""
    logger = get_run_logger()
    store = DataDir(data_dir)
    files = input_files(inputs)
    batches = [files[i : i + settings.INGEST_BATCH_FILES] for i in range(0, len(files), settings.INGEST_BATCH_FILES)]
    parsed = [parse_batch(batch) for batch in progress.track("ingest", batches, len(files), "files")]
    documents = pl.concat([d for d, _ in parsed]) if parsed else ingest.documents_frame([])
    rejects = pl.concat([r for _, r in parsed]) if parsed else ingest.rejects_frame([])
    scanned = [f.path for f in files]

    doc_schema = {**ingest.DOCUMENT_SCHEMA, "run_id": pl.String}
    reject_schema = {**ingest.REJECT_SCHEMA, "run_id": pl.String}
    previous_docs = read_parquet(store.stage("ingest", "documents"), doc_schema)
    previous_rejects = read_parquet(store.stage("ingest", "rejects"), reject_schema)
    merged = ingest.merged_documents(previous_docs, documents, scanned, run_id)
    merged_rejects = ingest.merged_rejects(previous_rejects, rejects, scanned, run_id)
    write_parquet(merged, store.stage("ingest", "documents"))
    write_parquet(merged_rejects, store.stage("ingest", "rejects"))
    new = merged.filter(pl.col("run_id") == run_id).height
    logger.info("ingest: %d files, %d documents (%d new or changed), %d rejected", len(files),
                documents.height, new, rejects.height)
    return {"files": len(files), "read": documents.height, "new": new, "rejected": rejects.height,
            "total": merged.height}
