"""A short mutation fuzz run over the ingest parsers (not collected by pytest: run it by hand).

    /work/main/.venv/bin/python tests/fuzz_ingest.py --seconds 60

Starts from small valid inputs of every format (text, HTML, JSON Lines, gzip, WARC), mutates
them (bit flips, truncation, inserted and repeated bytes, splices), and feeds each to
`transforms.ingest.documents_from_file`. Any exception, or a result with neither documents nor
rejects, is a bug: the input is saved under tests/fixtures/ingest/ as
`<exception>-<sha>--<file name>` and tests/test_ingest.py replays it forever after.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import io
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from transforms import ingest  # noqa: E402

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "ingest"
STORY = "Seoul - Officials met on Tuesday to discuss the agreement in detail, the ministry said."


def _warc() -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=False)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record("https://example.com/a", "response",
                                                  payload=io.BytesIO(f"<p>{STORY}</p>".encode()), http_headers=headers))
    return buffer.getvalue()


SEEDS = {
    "a.txt": STORY.encode(),
    "a.html": f"<html><head><title>T</title></head><body><p>{STORY}</p></body></html>".encode(),
    "a.jsonl": "\n".join(json.dumps({"id": f"r{i}", "text": STORY, "published": "2024-06-11"}) for i in range(3)).encode(),
    "a.txt.gz": gzip.compress(STORY.encode()),
    "a.jsonl.gz": gzip.compress(json.dumps({"id": "r", "html": f"<p>{STORY}</p>"}).encode()),
    "a.warc": _warc(),
}


def mutate(data: bytes, rng: random.Random) -> bytes:
    data = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        kind = rng.randrange(5)
        if kind == 0 and data:
            i = rng.randrange(len(data))
            data[i] ^= 1 << rng.randrange(8)
        elif kind == 1 and data:
            del data[rng.randrange(len(data)):]
        elif kind == 2:
            i = rng.randrange(len(data) + 1)
            data[i:i] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 16)))
        elif kind == 3 and data:
            i = rng.randrange(len(data))
            data[i:i] = data[i : i + rng.randint(1, 64)] * rng.randint(2, 50)
        else:
            other = rng.choice(list(SEEDS.values()))
            data = data[: rng.randrange(len(data) + 1)] + bytearray(other[rng.randrange(len(other) + 1):])
    return bytes(data)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    tried = broke = 0
    deadline = time.monotonic() + args.seconds
    while time.monotonic() < deadline:
        name, seed = rng.choice(list(SEEDS.items()))
        data = mutate(seed, rng)
        tried += 1
        try:
            result = ingest.documents_from_file(name, name, data)
            problem = None if (result.documents or result.rejects) else "NoOutcome"
        except Exception as exc:  # noqa: BLE001 - that is what we are looking for
            problem = type(exc).__name__
        if problem:
            broke += 1
            FIXTURES.mkdir(parents=True, exist_ok=True)
            digest = hashlib.sha256(data).hexdigest()[:10]
            (FIXTURES / f"{problem}-{digest}--{name}").write_bytes(data)
            print(f"{problem} on a mutated {name} ({len(data)} bytes) saved", flush=True)
    print(f"fuzz: {tried} inputs tried, {broke} broke a parser")


if __name__ == "__main__":
    main()
