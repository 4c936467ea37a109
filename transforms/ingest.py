"""Ingest: turn the bytes of one input file into documents, or into rejects with a reason.

Pure functions: the flow reads the bytes (or, for JSON Lines and WARC, opens the file and hands
in the stream, read one record at a time) and nothing here opens a file itself.
A document is one article as the user gave it (raw text or raw HTML plus metadata); the clean
stage turns it into an article.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import zlib
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import BinaryIO

import polars as pl
from charset_normalizer import from_bytes

from transforms import settings

# One row per input document. Column order is the Parquet column order.
DOCUMENT_SCHEMA = {
    "doc_id": pl.String,  # record id, else path relative to its INPUT (path#N for line/record N)
    "input_path": pl.String,  # the file it came from, as found on disk
    "format": pl.String,  # txt | html | jsonl | warc
    "content_hash": pl.String,  # sha256 of the document's own content (text or html + metadata)
    "raw_text": pl.String,  # plain text as given (txt, jsonl `text`)
    "raw_html": pl.String,  # HTML as given (html, jsonl `html`, warc response)
    "url": pl.String,
    "title": pl.String,
    "published": pl.String,  # as given in metadata (ISO-8601); parsed by the clean stage
    "source": pl.String,  # publisher name or domain from metadata
    "language": pl.String,  # as given in metadata
    "fetched_at": pl.String,  # crawl time (WARC-Date), not the publication time
}

# One row per refused input (a file, or a line/record of a file).
REJECT_SCHEMA = {
    "input_path": pl.String,
    "doc_id": pl.String,
    "stage": pl.String,
    "reason": pl.String,
}

FORMAT_BY_SUFFIX = {".txt": "txt", ".html": "html", ".htm": "html", ".jsonl": "jsonl", ".warc": "warc"}
# Formats read one record at a time; the others are one document per file, read whole.
STREAMED_FORMATS = ("jsonl", "warc")


class Rejected(Exception):
    """The input cannot be used; the message is the reason recorded in `rejects`."""


@dataclass
class FileDocuments:
    """What one input file yields: documents and rejects (both lists of row dicts)."""

    documents: list[dict] = field(default_factory=list)
    rejects: list[dict] = field(default_factory=list)


def input_format(name: str) -> str | None:
    """Format of a file name (``a.html.gz`` -> ``html``), or None when unsupported."""
    lower = name.lower()
    if lower.endswith(".gz"):
        lower = lower[:-3]
    for suffix, fmt in FORMAT_BY_SUFFIX.items():
        if lower.endswith(suffix):
            return fmt
    return None


def decompressed(name: str, data: bytes, limit: int = settings.MAX_DECOMPRESSED_BYTES) -> bytes:
    """The file's bytes, gunzipped when the name ends in .gz, capped at `limit` bytes."""
    if not name.lower().endswith(".gz"):
        return data
    try:
        stream = zlib.decompressobj(16 + zlib.MAX_WBITS)
        out = stream.decompress(data, limit + 1)
        if len(out) > limit:
            raise Rejected(f"gzip expands beyond {limit // (1024 * 1024)} MiB (decompression bomb cap)")
        if not stream.eof:
            raise Rejected("truncated gzip file (compressed stream ends early)")
        return out
    except zlib.error as exc:
        raise Rejected(f"not a valid gzip file ({exc})") from exc


def decoded_text(data: bytes, max_garbage: float = settings.MAX_GARBAGE_SHARE) -> str:
    """Text of `data`: UTF-8 when it is, else the encoding charset-normalizer detects.

    Raises Rejected for binary content (NUL bytes, or mostly undecodable bytes).
    """
    if b"\x00" in data[:65536]:
        raise Rejected("binary content (NUL bytes), not text")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        best = from_bytes(data).best()
        if best is None:
            raise Rejected("undecodable bytes: not UTF-8 and no other text encoding fits") from None
        text = str(best)
    garbage = sum(1 for ch in text if ch == "\ufffd" or (ord(ch) < 32 and ch not in "\n\r\t\f"))
    if text and garbage / len(text) > max_garbage:
        raise Rejected(f"binary content ({garbage} control or replacement characters)")
    return text


def content_hash(*parts: str | None) -> str:
    """sha256 over the given fields; the same document always hashes the same."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update((part or "").encode("utf-8", "surrogatepass"))
        digest.update(b"\x1f")
    return digest.hexdigest()


def _word_count(text: str) -> int:
    return len(text.split())


def _document(doc_id: str, input_path: str, fmt: str, **fields) -> dict:
    row = {column: None for column in DOCUMENT_SCHEMA}
    row.update(doc_id=doc_id, input_path=input_path, format=fmt, **fields)
    row["content_hash"] = content_hash(
        row["raw_text"], row["raw_html"], row["url"], row["title"], row["published"], row["source"]
    )
    return row


def _reject(input_path: str, doc_id: str | None, reason: str) -> dict:
    return {"input_path": input_path, "doc_id": doc_id, "stage": "ingest", "reason": reason}


def _text_document(doc_id: str, input_path: str, data: bytes) -> dict:
    text = decoded_text(data)
    if _word_count(text) < settings.MIN_DOCUMENT_WORDS:
        raise Rejected(f"no usable text (fewer than {settings.MIN_DOCUMENT_WORDS} words)")
    return _document(doc_id, input_path, "txt", raw_text=text)


def _html_document(doc_id: str, input_path: str, data: bytes, **meta) -> dict:
    html = decoded_text(data)
    if "<" not in html:
        raise Rejected("not HTML (no markup found)")
    return _document(doc_id, input_path, meta.pop("fmt", "html"), raw_html=html, **meta)


def _iso_or_none(value) -> str | None:
    """`published` as an ISO string; Rejected when it is present but not a date."""
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise Rejected(f"`published` must be an ISO-8601 string, got {type(value).__name__}")
    text = value.strip()
    try:
        datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        try:
            date.fromisoformat(text[:10])
        except ValueError:
            raise Rejected(f"`published` is not an ISO-8601 date: {text[:40]!r}") from None
    return text


def _optional_str(record: dict, key: str) -> str | None:
    value = record.get(key)
    if value is None:
        return None
    if not isinstance(value, (str, int, float)):
        raise Rejected(f"`{key}` must be a string")
    value = str(value).strip()
    return value or None


class _Capped(Exception):
    """The stream expanded beyond the decompression cap."""


def _bounded_lines(stream: BinaryIO, max_line_bytes: int, max_total_bytes: int | None):
    """(line number, line bytes, or None when the line is over `max_line_bytes`) for each line of
    `stream`, holding at most one line in memory. Raises _Capped after `max_total_bytes`."""
    total, line_no = 0, 0
    while True:
        line = stream.readline(max_line_bytes + 1)
        if not line:
            return
        line_no += 1
        total += len(line)
        too_long = len(line) > max_line_bytes
        while too_long and not line.endswith(b"\n"):  # skip the rest of the long line in chunks
            line = stream.readline(1 << 20)
            if not line:
                break
            total += len(line)
            if max_total_bytes is not None and total > max_total_bytes:
                raise _Capped(line_no)
        if max_total_bytes is not None and total > max_total_bytes:
            raise _Capped(line_no)
        yield line_no, None if too_long else line


def _jsonl_documents(rel_path: str, input_path: str, stream: BinaryIO,
                     max_total_bytes: int | None = None) -> FileDocuments:
    """Documents of a JSON Lines stream, read line by line (memory: one line, plus the documents);
    a bad or overlong line is a reject naming it. With `max_total_bytes` (gzip), the stream is cut
    there as a decompression bomb, keeping the lines before the cut."""
    out = FileDocuments()
    seen: set[str] = set()
    lines = _bounded_lines(stream, settings.MAX_RECORD_BYTES, max_total_bytes)
    # Lines are decoded one by one (JSON Lines is UTF-8), so one bad line costs only itself.
    try:
        for line_no, raw_line in lines:
            _jsonl_line(rel_path, input_path, line_no, raw_line, seen, out)
    except _Capped as exc:
        out.rejects.append(_reject(input_path, rel_path,
                                   f"gzip expands beyond {max_total_bytes // (1024 * 1024)} MiB (decompression bomb "
                                   f"cap): lines from {exc.args[0]} on not read; split the file"))
    except (EOFError, OSError, zlib.error) as exc:  # gzip.BadGzipFile is an OSError
        if max_total_bytes is None:
            raise  # a plain file that fails to read: the caller records why
        kind = "truncated gzip file (compressed stream ends early)" if isinstance(exc, EOFError) \
            else f"not a valid gzip file ({exc})"
        done = f"; the {len(out.documents)} documents before it load" if out.documents else ""
        out.rejects.append(_reject(input_path, rel_path, kind + done))
    if not out.documents and not out.rejects:
        out.rejects.append(_reject(input_path, rel_path, "empty JSONL file (no records)"))
    return out


def _jsonl_line(rel_path: str, input_path: str, line_no: int, raw_line: bytes | None, seen: set[str],
                out: FileDocuments) -> None:
    """Append the document or the reject of one JSON Lines line to `out`."""
    if raw_line is not None and line_no == 1 and raw_line.startswith(b"\xef\xbb\xbf"):
        raw_line = raw_line[3:]
    if raw_line is not None and not raw_line.strip():
        return
    fallback_id = f"{rel_path}#{line_no}"
    try:
        if raw_line is None:
            raise Rejected(f"line {line_no}: longer than the {settings.MAX_RECORD_BYTES // (1024 * 1024)} MiB "
                           "limit per record (not one article)")
        try:
            line = raw_line.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise Rejected(f"line {line_no}: not UTF-8 text (byte {exc.start + 1}); JSON Lines must be UTF-8"
                           ) from None
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise Rejected(f"line {line_no}: invalid JSON ({exc.msg} at column {exc.colno})") from None
        if not isinstance(record, dict):
            raise Rejected(f"line {line_no}: expected a JSON object, got {type(record).__name__}")
        doc_id = _optional_str(record, "id") or fallback_id
        body_text = record.get("text")
        body_html = record.get("html")
        if not (isinstance(body_text, str) and body_text.strip()) and not (
            isinstance(body_html, str) and body_html.strip()
        ):
            raise Rejected(f"line {line_no}: needs a non-empty `text` or `html` string")
        if doc_id in seen:
            raise Rejected(f"line {line_no}: duplicate id {doc_id!r} in this file (first one kept)")
        meta = {
            "url": _optional_str(record, "url"),
            "title": _optional_str(record, "title"),
            "published": _iso_or_none(record.get("published")),
            "source": _optional_str(record, "source"),
            "language": _optional_str(record, "language"),
        }
        if isinstance(body_text, str) and body_text.strip():
            row = _document(doc_id, input_path, "jsonl", raw_text=body_text, **meta)
        else:
            row = _document(doc_id, input_path, "jsonl", raw_html=body_html, **meta)
        seen.add(doc_id)
        out.documents.append(row)
    except Rejected as exc:
        reason = str(exc) if str(exc).startswith("line ") else f"line {line_no}: {exc}"
        out.rejects.append(_reject(input_path, fallback_id, reason))


def _warc_documents(rel_path: str, input_path: str, stream: BinaryIO) -> FileDocuments:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    out = FileDocuments()
    index = 0
    try:
        for record in ArchiveIterator(stream):
            if record.rec_type != "response":
                continue
            content_type = (record.http_headers.get_header("Content-Type") or "") if record.http_headers else ""
            if "html" not in content_type.lower():
                continue
            index += 1
            doc_id = f"{rel_path}#{index}"
            url = record.rec_headers.get_header("WARC-Target-URI")
            try:
                payload = record.content_stream().read(settings.MAX_RECORD_BYTES + 1)
                if len(payload) > settings.MAX_RECORD_BYTES:
                    raise Rejected(f"payload over the {settings.MAX_RECORD_BYTES // (1024 * 1024)} MiB limit per "
                                   "record (not one article)")
                out.documents.append(
                    _html_document(
                        doc_id,
                        input_path,
                        payload,
                        fmt="warc",
                        url=url,
                        fetched_at=record.rec_headers.get_header("WARC-Date"),
                    )
                )
            except Rejected as exc:
                out.rejects.append(_reject(input_path, doc_id, f"record {index} ({url}): {exc}"))
    except (ArchiveLoadFailed, ValueError, OSError, EOFError, zlib.error) as exc:
        out.rejects.append(_reject(input_path, rel_path, f"not a readable WARC file ({exc})"))
    except Exception as exc:  # noqa: BLE001 - warcio fails on mangled headers with any error type (fuzz-found)
        out.rejects.append(_reject(input_path, rel_path,
                                   f"not a readable WARC file (malformed record headers: {type(exc).__name__})"))
    if not out.documents and not out.rejects:
        out.rejects.append(_reject(input_path, rel_path, "WARC file has no HTML response records"))
    return out


def is_streamed(name: str) -> bool:
    """Whether a file of this name is read record by record (JSON Lines, WARC) rather than whole,
    so its size is not capped: memory holds one record at a time."""
    return input_format(name) in STREAMED_FORMATS


def documents_from_stream(rel_path: str, input_path: str, stream: BinaryIO) -> FileDocuments:
    """Documents and rejects of one JSON Lines or WARC file (gzipped or not), read from the binary
    `stream` one record at a time. Names as in `documents_from_file`."""
    fmt = input_format(rel_path)
    if fmt == "warc":
        # warcio reads gzip-per-record WARCs itself.
        return _warc_documents(rel_path, input_path, stream)
    if rel_path.lower().endswith(".gz"):
        with gzip.GzipFile(fileobj=stream, mode="rb") as unpacked:
            return _jsonl_documents(rel_path, input_path, unpacked, settings.MAX_DECOMPRESSED_BYTES)
    return _jsonl_documents(rel_path, input_path, stream)


def documents_from_file(rel_path: str, input_path: str, data: bytes) -> FileDocuments:
    """Documents and rejects of one input file.

    `rel_path` is the file's path relative to the INPUT it was found under (the doc_id of a
    single-document file); `input_path` is the path recorded for provenance.
    """
    fmt = input_format(rel_path)
    try:
        if fmt is None:
            raise Rejected("unsupported file type (expected .txt, .html, .htm, .jsonl, .warc, optionally .gz)")
        if not data:
            raise Rejected("empty file")
        if fmt in STREAMED_FORMATS:
            return documents_from_stream(rel_path, input_path, io.BytesIO(data))
        raw = decompressed(rel_path, data)
        if not raw.strip():
            raise Rejected("empty file (no content after decompression)")
        if fmt == "html":
            return FileDocuments(documents=[_html_document(rel_path, input_path, raw)])
        return FileDocuments(documents=[_text_document(rel_path, input_path, raw)])
    except Rejected as exc:
        return FileDocuments(rejects=[_reject(input_path, rel_path, str(exc))])


def documents_frame(rows: list[dict]) -> pl.DataFrame:
    """One row per input document, in DOCUMENT_SCHEMA."""
    return pl.DataFrame(rows, schema=DOCUMENT_SCHEMA, orient="row") if rows else pl.DataFrame(schema=DOCUMENT_SCHEMA)


def rejects_frame(rows: list[dict]) -> pl.DataFrame:
    """One row per rejected input, in REJECT_SCHEMA."""
    return pl.DataFrame(rows, schema=REJECT_SCHEMA, orient="row") if rows else pl.DataFrame(schema=REJECT_SCHEMA)


def unique_documents(documents: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(documents, rejects): one document per doc_id. When several files of one run give the same
    id, the first (by input path, then order in the file) is kept and each other one becomes a
    reject naming the file that holds the kept one."""
    if documents.is_empty():
        return documents, rejects_frame([])
    numbered = documents.with_row_index("_order")
    first = numbered.group_by("doc_id").agg(pl.col("input_path").sort_by("_order").first().alias("_kept_path"),
                                             pl.col("_order").min().alias("_kept_order"))
    marked = numbered.join(first, on="doc_id", how="left")
    kept = marked.filter(pl.col("_order") == pl.col("_kept_order")).select(documents.columns)
    rejects = marked.filter(pl.col("_order") != pl.col("_kept_order")).select(
        "input_path",
        "doc_id",
        stage=pl.lit("ingest"),
        reason=pl.format("duplicate id {}: already given by {} (first one kept)", pl.col("doc_id"),
                         pl.col("_kept_path")),
    )
    return kept, rejects


def merged_documents(
    previous: pl.DataFrame,
    current: pl.DataFrame,
    scanned_paths: list[str],
    run_id: str,
    committed_runs: list[str] | None = None,
    vanished_paths: list[str] = (),
) -> pl.DataFrame:
    """The accumulated document set after this run: one row per doc_id.

    Files read in this run contribute exactly their current documents; documents from files
    not read in this run are kept. A document seen before with the same content keeps its
    row (and the run that first brought it); new or changed documents get `run_id`.

    Renames are not news: a new doc_id whose content equals that of a document whose file has
    vanished (`vanished_paths`) keeps the old document's id and run, with its new path.

    `committed_runs`: when given, a kept row whose run never committed (it was killed before
    its load) is credited to `run_id`, the run that now loads it.
    """
    current = current.unique("doc_id", keep="first", maintain_order=True)
    if committed_runs is not None:
        previous = previous.with_columns(
            run_id=pl.when(pl.col("run_id").is_in(list(committed_runs))).then("run_id").otherwise(pl.lit(run_id)))
    unknown = current.join(previous.select("doc_id"), on="doc_id", how="anti")
    moved = previous.filter(pl.col("input_path").is_in(list(vanished_paths)))
    renames = (
        pl.concat([
            # the same file, kept under the id it had before an earlier rename
            unknown.join(previous.select("input_path", "content_hash", old_doc_id="doc_id"),
                         on=["input_path", "content_hash"], how="inner"),
            # a file whose old path is gone
            unknown.join(moved.select("content_hash", old_doc_id="doc_id").unique("content_hash", keep="first"),
                         on="content_hash", how="inner"),
        ], how="diagonal")
        .select("doc_id", "old_doc_id", "input_path")
        .unique("doc_id", keep="first", maintain_order=True)
        .unique("old_doc_id", keep="first", maintain_order=True)
    )
    renamed = previous.join(renames.select(doc_id="old_doc_id", new_path="input_path"), on="doc_id", how="inner"
                            ).with_columns(input_path="new_path").drop("new_path")
    current = current.join(renames.select("doc_id"), on="doc_id", how="anti")
    previous = previous.join(renamed.select("doc_id"), on="doc_id", how="anti")

    unchanged = previous.join(current.select("doc_id", "content_hash"), on=["doc_id", "content_hash"], how="semi")
    # A moved JSONL file keeps its record ids: same document, now at its new path.
    unchanged = unchanged.drop("input_path").join(current.select("doc_id", "input_path"), on="doc_id").select(
        previous.columns)
    fresh = current.join(unchanged.select("doc_id"), on="doc_id", how="anti").with_columns(run_id=pl.lit(run_id))
    untouched = previous.filter(~pl.col("input_path").is_in(scanned_paths)).join(
        current.select("doc_id"), on="doc_id", how="anti"
    )
    return pl.concat([untouched, unchanged, renamed.select(previous.columns), fresh.select(previous.columns)],
                     how="vertical").sort("doc_id")


def merged_rejects(
    previous: pl.DataFrame,
    current: pl.DataFrame,
    scanned_paths: list[str],
    run_id: str,
    committed_runs: list[str] | None = None,
) -> pl.DataFrame:
    """Accumulated ingest rejects: this run's rejects replace those of the files it read
    (an identical reject keeps the run that first recorded it, if that run committed); other
    files' rejects stay."""
    key = ["input_path", "doc_id", "stage", "reason"]
    if committed_runs is not None:
        previous = previous.with_columns(
            run_id=pl.when(pl.col("run_id").is_in(list(committed_runs))).then("run_id").otherwise(pl.lit(run_id)))
    current = current.unique(key, keep="first", maintain_order=True)
    kept = previous.join(current, on=key, how="semi", nulls_equal=True)
    fresh = current.join(kept, on=key, how="anti", nulls_equal=True).with_columns(run_id=pl.lit(run_id))
    untouched = previous.filter(~pl.col("input_path").is_in(scanned_paths))
    return pl.concat([untouched, kept, fresh.select(previous.columns)], how="vertical").sort(key, nulls_last=True)
