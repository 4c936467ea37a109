"""Ingest flow: find input files, read them in batches, keep every document, reject the rest."""

import errno
import os
import stat
from dataclasses import dataclass
from pathlib import Path

import polars as pl
from prefect import flow, get_run_logger, task

from flows import progress
from flows.storage import DataDir, crash_point, read_parquet, write_parquet
from transforms import ingest, settings


@dataclass(frozen=True)
class InputFile:
    path: str  # as found on disk (recorded as input_path)
    rel_path: str  # relative to the INPUT it was found under (the doc_id base)


def input_files(inputs: list[Path]) -> tuple[list[InputFile], list[dict]]:
    """(files, rejects): every file under the INPUT paths, sorted, and a reject for each entry
    that is not searched. Folders are searched recursively; symlinked folders are not followed
    (no loops) and are recorded as rejects, like special files (pipes, devices); hidden files
    and folders are skipped."""
    found: list[InputFile] = []
    skipped: list[dict] = []

    def skip(path: Path, rel: str, reason: str) -> None:
        skipped.append({"input_path": str(path), "doc_id": rel, "stage": "ingest", "reason": reason})

    for root in inputs:
        if root.is_file():
            found.append(InputFile(str(root), root.name))
            continue
        for folder, dirs, files in os.walk(root, followlinks=False):
            for name in sorted(d for d in dirs if not d.startswith(".") and os.path.islink(os.path.join(folder, d))):
                path = Path(folder) / name
                skip(path, path.relative_to(root).as_posix(),
                     "symlinked folder not followed (symlinks can loop); give its target as an INPUT instead")
            dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not os.path.islink(os.path.join(folder, d)))
            for name in sorted(files):
                if name.startswith("."):
                    continue
                path = Path(folder) / name
                found.append(InputFile(str(path), path.relative_to(root).as_posix()))
    return found, skipped


def input_signature(inputs: list[Path]) -> str:
    """Hash of every input file's path, size and modification time and of the code version.
    Equal to the last completed run's (`signature_path`), the run almost surely finds nothing
    new: the CLI then does not warm the spaCy workers up before ingest has looked. A hint only:
    what is new is always decided by content."""
    import hashlib

    from flows import cache

    digest = hashlib.sha256(cache.code_version().encode())
    for file in input_files(inputs)[0]:
        try:
            info = os.stat(file.path)
        except OSError:
            continue
        digest.update(f"{file.path}\0{info.st_size}\0{info.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def signature_path(data_dir: Path) -> Path:
    return data_dir / "ingest" / "inputs.signature"


def _regular_file_size(file: InputFile) -> int:
    info = os.stat(file.path)  # follows symlinks; a loop or a dangling link raises OSError here
    if not stat.S_ISREG(info.st_mode):
        raise ingest.Rejected("not a regular file (a pipe, socket or device); dateline reads files only")
    return info.st_size


def _read_bytes(file: InputFile, max_bytes: int) -> bytes:
    size = _regular_file_size(file)
    if size > max_bytes:
        raise ingest.Rejected(
            f"file is {size // (1024 * 1024)} MiB, over the {max_bytes // (1024 * 1024)} MiB limit for a single "
            "document (.txt/.html files are read whole); no article is that long"
        )
    with open(file.path, "rb") as handle:
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:  # grew while we looked
        raise ingest.Rejected(f"file is over the {max_bytes // (1024 * 1024)} MiB limit for a single document")
    return data


def _os_error_reason(exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "symlink loop (the link points back to itself)"
    if exc.errno == errno.ENOENT:
        return "dangling symlink or file removed during the run"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied; check the file's permissions"
    return f"{exc.strerror or exc}"


@task(name="ingest-batch")
def parse_batch(files: list[InputFile]) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Documents and rejects of one batch of files."""
    documents, rejects = [], []
    for file in files:
        try:
            if ingest.is_streamed(file.rel_path) and _regular_file_size(file) > 0:
                # JSON Lines and WARC: one record at a time, so a file of any size loads.
                with open(file.path, "rb") as stream:
                    result = ingest.documents_from_stream(file.rel_path, file.path, stream)
                documents.extend(result.documents)
                rejects.extend(result.rejects)
                continue
            data = _read_bytes(file, settings.MAX_INPUT_BYTES)
        except ingest.Rejected as exc:
            rejects.append({"input_path": file.path, "doc_id": file.rel_path, "stage": "ingest", "reason": str(exc)})
            continue
        except OSError as exc:
            rejects.append({"input_path": file.path, "doc_id": file.rel_path, "stage": "ingest",
                            "reason": f"cannot read file: {_os_error_reason(exc)}"})
            continue
        result = ingest.documents_from_file(file.rel_path, file.path, data)
        documents.extend(result.documents)
        rejects.extend(result.rejects)
    return ingest.documents_frame(documents), ingest.rejects_frame(rejects)


@flow(name="ingest")
def ingest_flow(inputs: list[Path], data_dir: Path, run_id: str, committed_runs: list[str] | None = None) -> dict:
    """Read every supported file under `inputs` into <data-dir>/ingest/. Returns counts.

    `committed_runs`: the runs the warehouse holds; documents left by a run that was killed
    before its load are credited to this run.
    """
    logger = get_run_logger()
    store = DataDir(data_dir)
    files, skipped = input_files(inputs)
    batches = [files[i : i + settings.INGEST_BATCH_FILES] for i in range(0, len(files), settings.INGEST_BATCH_FILES)]
    parsed = [parse_batch(batch) for batch in progress.track("ingest", batches, len(files), "files")]
    documents = pl.concat([d for d, _ in parsed]) if parsed else ingest.documents_frame([])
    rejects = pl.concat([r for _, r in parsed]) if parsed else ingest.rejects_frame([])
    documents, duplicates = ingest.unique_documents(documents)
    rejects = pl.concat([ingest.rejects_frame(skipped), rejects, duplicates])
    scanned = [f.path for f in files] + [r["input_path"] for r in skipped]

    doc_schema = {**ingest.DOCUMENT_SCHEMA, "run_id": pl.String}
    reject_schema = {**ingest.REJECT_SCHEMA, "run_id": pl.String}
    previous_docs = read_parquet(store.stage("ingest", "documents"), doc_schema)
    previous_rejects = read_parquet(store.stage("ingest", "rejects"), reject_schema)
    vanished = [p for p in previous_docs["input_path"].unique().to_list() if not os.path.lexists(p)]
    merged = ingest.merged_documents(previous_docs, documents, scanned, run_id, committed_runs, vanished)
    merged_rejects = ingest.merged_rejects(previous_rejects, rejects, scanned, run_id, committed_runs)
    # Unchanged outputs are not rewritten: a rerun over the same folder costs a scan, not a write.
    if not merged.equals(previous_docs):
        write_parquet(merged, store.stage("ingest", "documents"))
    crash_point("ingest-between-writes")
    if not merged_rejects.equals(previous_rejects):
        write_parquet(merged_rejects, store.stage("ingest", "rejects"))
    new = merged.filter(pl.col("run_id") == run_id).height
    logger.info("ingest: %d files, %d documents (%d new or changed), %d rejected", len(files),
                documents.height, new, rejects.height)
    return {"files": len(files), "read": documents.height, "new": new, "rejected": rejects.height,
            "total": merged.height}
