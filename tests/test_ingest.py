"""Ingest: given the bytes of a file, expect documents or reasoned rejects."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest

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


def test_a_jsonl_line_with_bad_bytes_costs_only_that_line():
    data = (json.dumps({"id": "a", "text": STORY}) + "\n\x00\x01\xff broken\n" + json.dumps({"id": "b", "text": STORY})).encode()
    data = data.replace(b"\xc3\xbf", b"\xff")  # a raw, non-UTF-8 byte
    result = ingest.documents_from_file("f.jsonl", "f.jsonl", data)
    assert [d["doc_id"] for d in result.documents] == ["a", "b"]
    assert [r["doc_id"] for r in result.rejects] == ["f.jsonl#2"]
    assert "line 2" in result.rejects[0]["reason"]


def test_every_jsonl_reject_names_its_line():
    data = b'{"id": "a", "text": "x y z w v u"}\n{"id": "b", "text": "words enough here", "published": "soon"}\n'
    result = ingest.documents_from_file("f.jsonl", "f.jsonl", data)
    assert result.rejects[0]["reason"].startswith("line 2: ")


def test_unique_documents_rejects_an_id_given_twice_naming_the_kept_file():
    documents = _docs([
        {"doc_id": "x", "input_path": "in/a.jsonl", "content_hash": "h1", "format": "jsonl"},
        {"doc_id": "y", "input_path": "in/a.jsonl", "content_hash": "h2", "format": "jsonl"},
        {"doc_id": "x", "input_path": "in/b.jsonl", "content_hash": "h3", "format": "jsonl"},
    ])
    kept, rejects = ingest.unique_documents(documents)
    assert kept["input_path"].to_list() == ["in/a.jsonl", "in/a.jsonl"]
    assert rejects.to_dicts() == [{"input_path": "in/b.jsonl", "doc_id": "x", "stage": "ingest",
                                   "reason": "duplicate id x: already given by in/a.jsonl (first one kept)"}]


def test_documents_of_a_run_that_never_committed_are_credited_to_the_next_run():
    previous = _docs([{"doc_id": "a", "input_path": "in/a", "content_hash": "h1", "format": "txt"},
                      {"doc_id": "b", "input_path": "in/b", "content_hash": "h2", "format": "txt"}]
                     ).with_columns(run_id=pl.Series(["run-1", "run-killed"]))
    current = _docs([{"doc_id": "a", "input_path": "in/a", "content_hash": "h1", "format": "txt"},
                     {"doc_id": "b", "input_path": "in/b", "content_hash": "h2", "format": "txt"}])
    merged = ingest.merged_documents(previous, current, ["in/a", "in/b"], "run-3", committed_runs=["run-1"])
    assert merged.select("doc_id", "run_id").rows() == [("a", "run-1"), ("b", "run-3")]


def test_a_renamed_file_keeps_its_document_and_a_copy_does_not():
    previous = _docs([{"doc_id": "old.txt", "input_path": "in/old.txt", "content_hash": "h1", "format": "txt"},
                      {"doc_id": "kept.txt", "input_path": "in/kept.txt", "content_hash": "h2", "format": "txt"}]
                     ).with_columns(run_id=pl.lit("run-1"))
    current = _docs([{"doc_id": "new.txt", "input_path": "in/new.txt", "content_hash": "h1", "format": "txt"},
                     {"doc_id": "kept.txt", "input_path": "in/kept.txt", "content_hash": "h2", "format": "txt"},
                     {"doc_id": "copy.txt", "input_path": "in/copy.txt", "content_hash": "h2", "format": "txt"}])
    scanned = ["in/new.txt", "in/kept.txt", "in/copy.txt"]
    merged = ingest.merged_documents(previous, current, scanned, "run-2", ["run-1"], vanished_paths=["in/old.txt"])
    assert merged.select("doc_id", "input_path", "run_id").rows() == [
        ("copy.txt", "in/copy.txt", "run-2"),  # a copy beside its original is a (duplicate) document
        ("kept.txt", "in/kept.txt", "run-1"),
        ("old.txt", "in/new.txt", "run-1"),  # the rename: same id and run, new path
    ]


# Inputs that once broke a parser (found by the fuzz run in tests/fuzz_ingest.py), kept tiny.
REGRESSIONS = Path(__file__).resolve().parent / "fixtures" / "ingest"


@pytest.mark.parametrize("path", sorted(REGRESSIONS.glob("*")) if REGRESSIONS.exists() else [], ids=lambda p: p.name)
def test_inputs_that_broke_the_parsers_now_give_documents_or_rejects(path):
    name = path.name.split("--", 1)[-1]  # fixtures are named <why>--<file name as fed>
    result = ingest.documents_from_file(name, name, path.read_bytes())
    assert result.documents or result.rejects
    assert all(r["reason"] for r in result.rejects)


json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(),
                           lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
                           max_leaves=8)
records = st.fixed_dictionaries({}, optional={"id": json_values, "text": st.text() | json_values,
                                              "html": st.text(), "published": st.text(max_size=30) | json_values,
                                              "url": json_values, "title": json_values, "source": json_values,
                                              "language": json_values})


@hsettings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(records.map(json.dumps), st.text(max_size=40)), max_size=8), st.booleans())
def test_any_jsonl_gives_one_outcome_per_non_blank_line(lines, compress):
    data = "\n".join(lines).encode("utf-8", "surrogatepass")
    name = "feed.jsonl.gz" if compress else "feed.jsonl"
    result = ingest.documents_from_file(name, name, gzip.compress(data) if compress else data)
    outcomes = len(result.documents) + len(result.rejects)
    non_blank = sum(1 for line in data.split(b"\n") if line.strip())
    assert outcomes == max(non_blank, 1)


@hsettings(max_examples=100, deadline=None)
@given(st.text(), st.sampled_from(["utf-8", "latin-1", "utf-16", "cp1252"]))
def test_any_text_in_any_encoding_gives_documents_or_rejects(text, encoding):
    data = text.encode(encoding, errors="replace")
    result = ingest.documents_from_file("x.txt", "x.txt", data)
    assert len(result.documents) + len(result.rejects) == 1


def test_a_renamed_file_stays_the_same_document_on_later_runs():
    previous = _docs([{"doc_id": "old.txt", "input_path": "in/new.txt", "content_hash": "h1", "format": "txt"}]
                     ).with_columns(run_id=pl.lit("run-1"))
    current = _docs([{"doc_id": "new.txt", "input_path": "in/new.txt", "content_hash": "h1", "format": "txt"}])
    merged = ingest.merged_documents(previous, current, ["in/new.txt"], "run-3", ["run-1"])
    assert merged.select("doc_id", "input_path", "run_id").rows() == [("old.txt", "in/new.txt", "run-1")]


def _feed_file(path: Path, n: int, bad_lines: dict[int, str] = {}) -> Path:
    """A JSON Lines file of `n` good records (ids r0..), with `bad_lines` (1-based) put in."""
    lines = [json.dumps({"id": f"r{i}", "text": STORY, "published": "2024-06-11"}) for i in range(n)]
    for line_no, text in sorted(bad_lines.items()):
        lines.insert(line_no - 1, text)
    path.write_text("\n".join(lines) + "\n")
    return path


def test_a_jsonl_file_over_the_whole_file_limit_loads_every_record_and_a_text_file_is_refused(tmp_path, monkeypatch):
    from flows.ingest import InputFile, parse_batch

    # given: a whole-file limit of 16 KiB, a 30 KiB JSON Lines file (one bad line) and a 30 KiB .txt
    monkeypatch.setattr(ingest.settings, "MAX_INPUT_BYTES", 16 * 1024)
    feed = _feed_file(tmp_path / "big.jsonl", 300, {150: "{cut off"})
    text = tmp_path / "big.txt"
    text.write_text(STORY * 400)
    assert feed.stat().st_size > 16 * 1024 and text.stat().st_size > 16 * 1024
    # expect: every good record of the feed loads, the bad line is one reject; the .txt is refused
    documents, rejects = parse_batch.fn([InputFile(str(feed), "big.jsonl"), InputFile(str(text), "big.txt")])
    assert documents["doc_id"].to_list() == [f"r{i}" for i in range(300)]
    reasons = dict(zip(rejects["doc_id"], rejects["reason"]))
    assert set(reasons) == {"big.jsonl#150", "big.txt"}
    assert "invalid JSON" in reasons["big.jsonl#150"]
    assert "limit for a single document" in reasons["big.txt"]


def test_an_overlong_jsonl_line_is_one_reject_and_the_lines_around_it_load(monkeypatch):
    # given: a record limit of 4 KiB and a 20 KiB line between two good ones
    monkeypatch.setattr(ingest.settings, "MAX_RECORD_BYTES", 4 * 1024)
    long_line = json.dumps({"id": "long", "text": STORY * 250})
    data = "\n".join([json.dumps({"id": "a", "text": STORY}), long_line, json.dumps({"id": "b", "text": STORY})])
    # expect
    result = ingest.documents_from_stream("f.jsonl", "f.jsonl", io.BytesIO(data.encode()))
    assert [d["doc_id"] for d in result.documents] == ["a", "b"]
    assert [(r["doc_id"], "limit per record" in r["reason"]) for r in result.rejects] == [("f.jsonl#2", True)]


def test_streaming_a_huge_line_holds_one_record_at_most(tmp_path, monkeypatch):
    import tracemalloc

    # given: a 64 MiB file of NUL bytes with no newline (sparse on disk) and a 1 MiB record limit
    monkeypatch.setattr(ingest.settings, "MAX_RECORD_BYTES", 1024 * 1024)
    path = tmp_path / "huge.jsonl"
    with open(path, "wb") as handle:
        handle.truncate(64 * 1024 * 1024)
    # expect: one reject for line 1, and never more than a few MiB held while reading
    tracemalloc.start()
    with open(path, "rb") as stream:
        result = ingest.documents_from_stream("huge.jsonl", str(path), stream)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert [r["doc_id"] for r in result.rejects] == ["huge.jsonl#1"] and not result.documents
    assert peak < 4 * 1024 * 1024, peak


def test_a_truncated_gzipped_feed_keeps_the_records_before_the_cut():
    packed = gzip.compress("\n".join(json.dumps({"id": f"r{i}", "text": STORY * 20}) for i in range(400)).encode())
    result = ingest.documents_from_file("f.jsonl.gz", "f.jsonl.gz", packed[: len(packed) * 3 // 4])
    assert 0 < len(result.documents) < 400
    assert [d["doc_id"] for d in result.documents] == [f"r{i}" for i in range(len(result.documents))]
    assert len(result.rejects) == 1 and "truncated gzip" in result.rejects[0]["reason"]


def test_a_gzipped_feed_that_expands_past_the_bomb_cap_stops_there(monkeypatch):
    monkeypatch.setattr(ingest.settings, "MAX_DECOMPRESSED_BYTES", 64 * 1024)
    packed = gzip.compress("\n".join(json.dumps({"id": f"r{i}", "text": STORY}) for i in range(5000)).encode())
    result = ingest.documents_from_file("f.jsonl.gz", "f.jsonl.gz", packed)
    assert 0 < len(result.documents) < 5000
    assert [r["doc_id"] for r in result.rejects] == ["f.jsonl.gz"]
    assert "decompression bomb" in result.rejects[0]["reason"]
