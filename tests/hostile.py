"""A folder of hostile and broken inputs, generated at test time (nothing big is committed).

`write_hostile_folder(root)` writes the folder and returns what each entry must become:
`rejects` maps a path (relative to root) to a word its reject reason must contain; `good`
lists the doc_ids that must load as articles. Used by tests/test_reliability.py and
benchmarks/reliability.py.
"""

from __future__ import annotations

import gzip
import json
import os
import random
import zlib
from dataclasses import dataclass, field
from pathlib import Path

STORY = ("Seoul, South Korea - South Korean and American officials met on Tuesday in Seoul to discuss "
         "the joint exercises planned for next month, the defence ministry said in a statement.")
STORY2 = ("Brussels - NATO foreign ministers agreed on Wednesday to expand air patrols over the Baltic states "
          "after talks that ran late into the night, diplomats said.")


@dataclass
class Hostile:
    rejects: dict[str, str] = field(default_factory=dict)  # rel path (or doc_id) -> word in the reason
    good: list[str] = field(default_factory=list)  # doc_ids that must load
    tried: int = 0  # entries written (files, links, JSONL lines)


def _gzip_bomb(path: Path, expanded_bytes: int) -> None:
    """A small .gz file that expands to `expanded_bytes` zeros, written in constant memory."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    chunk = b"\0" * (1 << 20)
    with open(path, "wb") as out:
        for _ in range(expanded_bytes // len(chunk)):
            out.write(compressor.compress(chunk))
        out.write(compressor.flush())


def write_hostile_folder(root: Path, big_file_bytes: int = 200 * 1024 * 1024,
                         bomb_bytes: int | None = None, seed: int = 7) -> Hostile:
    """Write the hostile folder under `root`. `big_file_bytes` sizes the single huge file (sparse,
    so it costs no disk); `bomb_bytes`, when given, adds a gzip bomb that expands to that much."""
    rng = random.Random(seed)
    root.mkdir(parents=True, exist_ok=True)
    out = Hostile()

    def write(rel: str, data: bytes, reject_word: str | None = None, good: str | None = None) -> Path:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        out.tried += 1
        if reject_word:
            out.rejects[rel] = reject_word
        if good:
            out.good.append(good)
        return path

    # Good inputs beside the bad ones: all of these must load.
    write("good/plain.txt", STORY.encode(), good="good/plain.txt")
    write("good/latin1.txt", ("Le président a rencontré les délégués à Genève mardi soir. " * 3).encode("latin-1"),
          good="good/latin1.txt")
    write("good/mixed.txt", STORY.encode() + " Café Zürich naïve ".encode("latin-1") + STORY2.encode(),
          good="good/mixed.txt")
    write("good/page.html.gz", gzip.compress(f"<html><body><article><p>{STORY2}</p></article></body></html>".encode()),
          good="good/page.html.gz")

    # Binary content under news extensions.
    write("bad/binary.txt", bytes(rng.randrange(256) for _ in range(4096)), "binary")
    write("bad/image.html", b"\x89PNG\r\n\x1a\n" + bytes(rng.randrange(256) for _ in range(2048)), "binary")
    write("bad/noise.txt", bytes(rng.randrange(128, 256) for _ in range(4096)), "undecodable")
    write("bad/empty.txt", b"", "empty")
    write("bad/blank.html", b"   \n\t\n", "empty")
    write("bad/empty.jsonl", b"", "empty")
    write("bad/utf16-bom-less.txt", STORY.encode("utf-16-le"), "binary")
    # Compression trouble.
    packed = gzip.compress((STORY * 20).encode())
    write("bad/truncated.txt.gz", packed[: len(packed) // 2], "gzip")
    write("bad/not-gzip.html.gz", b"<html>plain, not compressed</html>", "gzip")
    if bomb_bytes:
        _gzip_bomb(root / "bad/bomb.txt.gz", bomb_bytes)
        out.tried += 1
        out.rejects["bad/bomb.txt.gz"] = "bomb"
    # HTML with nothing to read, and absurd nesting.
    write("bad/notext.html", b"<html><head><script>var a = 1;</script></head><body><nav></nav></body></html>",
          "no article text")
    write("bad/deep.html", b"<html><body>" + b"<div>" * 50_000 + b"x" + b"</div>" * 50_000 + b"</body></html>",
          "no article text")
    write("bad/no-markup.html", b"just words without any markup at all in this page", "not HTML")
    # Huge single files (sparse: their size is real, their blocks are not): JSON Lines is read line
    # by line, so its one endless line of NUL bytes is the reject; a .txt is one document, too big.
    for name, entry in (("bad/huge.jsonl", "bad/huge.jsonl#1"), ("bad/huge.txt", "bad/huge.txt")):
        with open(root / name, "wb") as handle:
            handle.truncate(big_file_bytes)
        out.tried += 1
        out.rejects[entry] = "limit"
    # JSON Lines: good, malformed, wrong types, duplicate ids (in the file and across files).
    lines = [
        json.dumps({"id": "feed-1", "text": STORY, "published": "2024-06-11"}),
        '{"id": "feed-2", "text": "cut off',
        json.dumps(["not", "an", "object"]),
        json.dumps({"id": "feed-3", "text": 42}),
        json.dumps({"id": "feed-1", "text": STORY2}),
        "\x00\x01 garbage line",
        json.dumps({"id": "feed-4", "html": f"<p>{STORY2}</p>", "published": "not a date"}),
        json.dumps({"id": "feed-5", "text": STORY2, "published": "2024-06-12T08:00:00Z"}),
    ]
    write("feeds/feed.jsonl", "\n".join(lines).encode(), None)
    out.good += ["feed-1", "feed-5"]
    out.tried += len(lines) - 1
    for line_no, word in {2: "invalid JSON", 3: "JSON object", 4: "`text` or `html`", 5: "duplicate id",
                          6: "invalid JSON", 7: "ISO-8601"}.items():
        out.rejects[f"feeds/feed.jsonl#{line_no}"] = word
    write("feeds/other.jsonl", json.dumps({"id": "feed-5", "text": STORY}).encode(), "duplicate id")
    # Not files we read: unsupported types, links that loop or dangle, a pipe, an unreadable file.
    write("bad/report.pdf", b"%PDF-1.4 not really", "unsupported")
    write("bad/archive.warc", b"WARC/1.0\r\nthis is not a warc record\r\n\r\n", "WARC")
    os.symlink("loop_b.txt", root / "bad/loop_a.txt")
    os.symlink("loop_a.txt", root / "bad/loop_b.txt")
    os.symlink("missing.txt", root / "bad/dangling.txt")
    os.symlink("..", root / "bad/up")  # a folder loop
    os.mkfifo(root / "bad/pipe.txt")
    out.tried += 5
    out.rejects.update({"bad/loop_a.txt": "cannot read", "bad/loop_b.txt": "cannot read",
                        "bad/dangling.txt": "cannot read", "bad/up": "symlinked folder", "bad/pipe.txt": "regular"})
    if os.geteuid() != 0:  # root reads anything, so the case only exists for other users
        locked = write("bad/locked.txt", STORY.encode(), "cannot read")
        locked.chmod(0)
    return out
