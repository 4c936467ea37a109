"""Ingest: given the bytes of a file, expect documents or reasoned rejects."""

from __future__ import annotations

import gzip
import io
import json

import polars as pl
from hypothesis import given, settings as hsettings, strategies as st
from polars.testing import assert_frame_equal

from transforms import ingest

STORY = "Seoul, South Korea - Officials met on Tuesday to discuss the agreement in detail.\n"


def test_text_file_becomes_one_document_with_its_path_as_id():
    result = ingest.documents_from_file("a/story.txt", "in/a/story.txt", STORY.encode())
    assert [d["doc_id"] for d in result.documents] == ["a/story.txt"]
    assert result.documents[0]["raw_text"] == STORY
    assert result.rejects == []


def test_latin1_text_is_decoded_not_rejected():
    data = ("Le président a rencontré les délégués à Genève mardi. " * 3).encode("latin-1")
    result = ingest.documents_from_file("fr.txt", "fr.txt", data)
    assert result.rejects == []
    assert "président" in result.documents[0]["raw_text"]


def test_binary_empty_and_unsupported_files_are_rejected_with_reasons():
    cases = {
        "bin.txt": b"\x00\x01\x02\x03" * 100,
        "empty.txt": b"",
        "image.png": b"\x89PNG....",
        "short.txt": b"two words",
    }
    reasons = {name: ingest.documents_from_file(name, name, data).rejects[0]["reason"] for name, data in cases.items()}
    assert "binary" in reasons["bin.txt"]
    assert "empty" in reasons["empty.txt"]
    assert "unsupported file type" in reasons["image.png"]
    assert "no usable text" in reasons["short.txt"]


def test_gzip_is_read_and_a_truncated_gzip_is_rejected():
    packed = gzip.compress(STORY.encode())
    assert ingest.documents_from_file("s.txt.gz", "s.txt.gz", packed).documents[0]["raw_text"] == STORY
    truncated = ingest.documents_from_file("s.txt.gz", "s.txt.gz", packed[: len(packed) // 2])
    assert truncated.documents == []
    assert "gzip" in truncated.rejects[0]["reason"]


def test_gzip_bomb_is_capped():
    bomb = gzip.compress(b"a " * 2_000_000)
    try:
        ingest.decompressed("x.txt.gz", bomb, limit=1000)
    except ingest.Rejected as exc:
        assert "decompression bomb" in str(exc)
    else:
        raise AssertionError("expected the size cap to reject the file")


def test_jsonl_keeps_good_lines_and_rejects_bad_ones_by_line():
    lines = [
        json.dumps({"id": "a1", "text": STORY, "url": "https://www.example.co.uk/x", "published": "2024-06-11"}),
        "{not json",
        json.dumps({"id": "a2"}),
        json.dumps({"text": STORY, "published": "yesterday"}),
        json.dumps({"id": "a1", "text": "duplicate id here with more words"}),
        json.dumps({"html": "<html><body><p>" + STORY + "</p></body></html>"}),
    ]
    result = ingest.documents_from_file("feed.jsonl", "in/feed.jsonl", "\n".join(lines).encode())
    assert [d["doc_id"] for d in result.documents] == ["a1", "feed.jsonl#6"]
    assert result.documents[0]["published"] == "2024-06-11"
    assert result.documents[1]["raw_html"].startswith("<html>")
    reasons = {r["doc_id"]: r["reason"] for r in result.rejects}
    assert set(reasons) == {"feed.jsonl#2", "feed.jsonl#3", "feed.jsonl#4", "feed.jsonl#5"}
    assert "invalid JSON" in reasons["feed.jsonl#2"]
    assert "`text` or `html`" in reasons["feed.jsonl#3"]
    assert "ISO-8601" in reasons["feed.jsonl#4"]
    assert "duplicate id" in reasons["feed.jsonl#5"]


def test_warc_response_records_become_html_documents():
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    html = b"<html><head><title>T</title></head><body><p>" + STORY.encode() + b"</p></body></html>"
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
    record = writer.create_warc_record("https://news.example.com/a", "response", payload=io.BytesIO(html),
                                       http_headers=headers)
    writer.write_record(record)
    result = ingest.documents_from_file("crawl.warc.gz", "crawl.warc.gz", buffer.getvalue())
    assert [d["doc_id"] for d in result.documents] == ["crawl.warc.gz#1"]
    assert result.documents[0]["url"] == "https://news.example.com/a"
    assert result.documents[0]["format"] == "warc"


def test_content_hash_is_stable_and_sensitive():
    a = ingest.documents_from_file("a.txt", "a.txt", STORY.encode()).documents[0]
    b = ingest.documents_from_file("a.txt", "other/a.txt", STORY.encode()).documents[0]
    c = ingest.documents_from_file("a.txt", "a.txt", (STORY + "More.").encode()).documents[0]
    assert a["content_hash"] == b["content_hash"] != c["content_hash"]


def _docs(rows):
    frame = ingest.documents_frame([{**{k: None for k in ingest.DOCUMENT_SCHEMA}, **r} for r in rows])
    return frame


def test_merged_documents_keeps_first_run_for_unchanged_and_replaces_changed():
    previous = _docs([
        {"doc_id": "a", "input_path": "in/a", "content_hash": "h1", "format": "txt"},
        {"doc_id": "b", "input_path": "in/b", "content_hash": "h2", "format": "txt"},
        {"doc_id": "c", "input_path": "other/c", "content_hash": "h3", "format": "txt"},
    ]).with_columns(run_id=pl.lit("run-1"))
    current = _docs([
        {"doc_id": "a", "input_path": "in/a", "content_hash": "h1", "format": "txt"},
        {"doc_id": "b", "input_path": "in/b", "content_hash": "CHANGED", "format": "txt"},
        {"doc_id": "d", "input_path": "in/d", "content_hash": "h4", "format": "txt"},
    ])
    merged = ingest.merged_documents(previous, current, ["in/a", "in/b", "in/d"], "run-2")
    expected = pl.DataFrame(
        {"doc_id": ["a", "b", "c", "d"], "content_hash": ["h1", "CHANGED", "h3", "h4"],
         "run_id": ["run-1", "run-2", "run-1", "run-2"]}
    )
    assert_frame_equal(merged.select("doc_id", "content_hash", "run_id"), expected)


@hsettings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000), st.sampled_from(["x.txt", "x.html", "x.jsonl", "x.txt.gz", "x.warc", "x.bin"]))
def test_any_bytes_give_documents_or_rejects_never_an_exception(data, name):
    result = ingest.documents_from_file(name, name, data)
    assert result.documents or result.rejects
    for reject in result.rejects:
        assert reject["reason"] and reject["stage"] == "ingest"
