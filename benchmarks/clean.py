"""Benchmark of the clean stage against trafilatura (default settings), measured in the same run.

    /work/main/.venv/bin/python -m benchmarks.clean            # everything
    /work/main/.venv/bin/python -m benchmarks.clean --only html,text,dedup --limit 40

Parts (all on ../shared/corpus; the script exits 0 with a message when it is absent):
- html:  `aeb-*` pages of html-sample: mean precision, recall and F1 of the body against the gold
         article body over word 4-gram shingles (lower-cased `\\w+` tokens, as sets), and the share
         of pages with F1 >= 0.95; `traf-*` pages: share of `with` snippets present and `without`
         snippets absent. Pages go through the real ingest + clean transforms, one corpus batch
         (so the cross-page template pass sees them all, as in the pipeline).
- text:  the same `aeb-*` pages rendered to plain text keeping every visible text node (menus,
         footers, link lists included), fed as `.txt`: F1 of the cleaned body against gold, next
         to the F1 of keeping all the text. Two renderings: one line per block, and blocks
         separated by blank lines.
- dedup: precision and recall of `duplicate_of` on pairs built from bbc-news-2225 and
         reuters-21578 (exact duplicates that exist there; near copies made by changing furniture,
         trimming, small edits; distinct same-topic articles as negatives), and the time of the
         duplicate pass at two corpus sizes.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CANDIDATES = (ROOT.parent / "shared" / "corpus", ROOT.parent.parent / "shared" / "corpus", Path("/work/shared/corpus"))
WORD = re.compile(r"\w+")


def corpus_dir() -> Path | None:
    return next((c for c in CANDIDATES if (c / "html-sample" / "gold.jsonl").exists()), None)


# ------------------------------------------------------------------ scoring
def shingle_set(text: str, size: int = 4) -> set[tuple[str, ...]]:
    words = WORD.findall(text.lower())
    if len(words) < size:
        return {tuple(words)} if words else set()
    return {tuple(words[i : i + size]) for i in range(len(words) - size + 1)}


def prf(extracted: str, gold: str) -> tuple[float, float, float]:
    e, g = shingle_set(extracted), shingle_set(gold)
    if not e or not g:
        return (0.0, 0.0, 0.0) if e or g else (1.0, 1.0, 1.0)
    hit = len(e & g)
    p, r = hit / len(e), hit / len(g)
    return p, r, (2 * p * r / (p + r) if hit else 0.0)


def folded(text: str) -> str:
    return " ".join(text.split())


def summary(scores: list[tuple[float, float, float]]) -> dict:
    return {
        "P": statistics.mean(s[0] for s in scores),
        "R": statistics.mean(s[1] for s in scores),
        "F1": statistics.mean(s[2] for s in scores),
        "share_F1>=0.95": sum(s[2] >= 0.95 for s in scores) / len(scores),
    }


# ------------------------------------------------------------------ pages
def pages(corpus: Path, prefix: str, limit: int | None) -> list[dict]:
    index = [json.loads(line) for line in (corpus / "html-sample" / "index.jsonl").open()]
    gold = {g["id"]: g for g in map(json.loads, (corpus / "html-sample" / "gold.jsonl").open())}
    out = [dict(row, gold=gold[row["id"]]) for row in index if row["id"].startswith(prefix) and row["id"] in gold]
    out.sort(key=lambda r: r["id"])
    for row in out[:limit] if limit else out:
        row["bytes"] = gzip.decompress((corpus / "html-sample" / row["file"]).read_bytes())
    return out[:limit] if limit else out


def ours_on_html(rows: list[dict]) -> dict[str, str]:
    """Body per page id through the real ingest and clean transforms (one corpus pass)."""
    import polars as pl

    from transforms import clean, ingest

    docs = []
    for row in rows:
        found = ingest.documents_from_file(f"{row['id']}.html", row["file"], row["bytes"])
        for doc in found.documents:
            docs.append({**doc, "url": row["url"], "run_id": "bench"})
    frame = pl.DataFrame(docs, schema={**ingest.DOCUMENT_SCHEMA, "run_id": pl.String}, orient="row")
    articles, _ = clean.clean_articles(frame)
    articles = clean.without_template(articles, clean.template_paragraphs(articles))
    bodies = dict(zip(articles["doc_id"], articles["body"]))
    return {row["id"]: bodies.get(f"{row['id']}.html", "") for row in rows}


def trafilatura_on_html(rows: list[dict]) -> dict[str, str]:
    import trafilatura

    return {row["id"]: trafilatura.extract(row["bytes"], url=row["url"]) or "" for row in rows}


def bench_html(corpus: Path, limit: int | None) -> None:
    aeb = pages(corpus, "aeb-", limit)
    traf = pages(corpus, "traf-", limit)
    for name, extractor in (("trafilatura", trafilatura_on_html), ("dateline", ours_on_html)):
        started = time.perf_counter()
        bodies = extractor(aeb)
        scores = [prf(bodies[r["id"]], r["gold"]["article_body"]) for r in aeb]
        spent = time.perf_counter() - started
        s = summary(scores)
        print(f"html aeb  {name:12s} pages={len(aeb)} P={s['P']:.3f} R={s['R']:.3f} F1={s['F1']:.3f} "
              f"share(F1>=0.95)={s['share_F1>=0.95']:.2f}  ({spent:.1f}s)")
        bodies = extractor(traf)
        with_hit = with_all = without_ok = without_all = 0
        for r in traf:
            text = folded(bodies[r["id"]])
            for snippet in r["gold"].get("with", []):
                with_all += 1
                with_hit += folded(snippet) in text
            for snippet in r["gold"].get("without", []):
                without_all += 1
                without_ok += folded(snippet) not in text
        print(f"html traf {name:12s} pages={len(traf)} with-present={with_hit / max(with_all, 1):.3f} "
              f"without-absent={without_ok / max(without_all, 1):.3f} "
              f"mean={(with_hit / max(with_all, 1) + without_ok / max(without_all, 1)) / 2:.3f}")


# ------------------------------------------------------------------ rendered text
BLOCK_TAGS = frozenset(
    "address article aside blockquote br dd div dl dt fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 "
    "header hr li main nav ol p pre section table tr td th ul option button label".split()
)
HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
INVISIBLE = ("script", "style", "noscript", "template", "head", "svg", "iframe", "object")


def rendered_text(html: bytes, blank_between_blocks: bool) -> str:
    """All visible text of a page, one block per line (navigation, footers, link lists kept),
    like copying a whole browser window."""
    import lxml.html

    tree = lxml.html.document_fromstring(html.decode("utf-8", errors="replace"))
    hidden = [e for e in tree.iter(*INVISIBLE, "select")]
    hidden += [e for e in tree.iter() if isinstance(e.tag, str) and (
        e.get("hidden") is not None or HIDDEN_STYLE.search(e.get("style") or ""))]
    for element in hidden:
        if element.getparent() is not None:
            element.drop_tree()
    lines: list[str] = []
    current: list[str] = []

    def flush():
        line = " ".join("".join(current).split())
        if line:
            lines.append(line)
        current.clear()

    def walk(element):
        tag = element.tag if isinstance(element.tag, str) else ""
        block = tag in BLOCK_TAGS
        if block:
            flush()
        if element.text and tag:
            current.append(element.text)
        for child in element:
            walk(child)
        if block:
            flush()
        if element.tail:
            current.append(element.tail)

    walk(tree.body if tree.find("body") is not None else tree)
    flush()
    return ("\n\n" if blank_between_blocks else "\n").join(lines)


def bench_text(corpus: Path, limit: int | None) -> None:
    import polars as pl

    from transforms import clean, ingest

    aeb = pages(corpus, "aeb-", limit)
    for blank in (False, True):
        texts = {r["id"]: rendered_text(r["bytes"], blank) for r in aeb}
        docs = []
        for r in aeb:
            found = ingest.documents_from_file(f"{r['id']}.txt", r["file"], texts[r["id"]].encode())
            docs.extend({**d, "run_id": "bench"} for d in found.documents)
        frame = pl.DataFrame(docs, schema={**ingest.DOCUMENT_SCHEMA, "run_id": pl.String}, orient="row")
        started = time.perf_counter()
        articles, _ = clean.clean_articles(frame)
        articles = clean.without_template(articles, clean.template_paragraphs(articles))
        spent = time.perf_counter() - started
        bodies = dict(zip(articles["doc_id"], articles["body"]))
        everything = summary([prf(texts[r["id"]], r["gold"]["article_body"]) for r in aeb])
        ours = summary([prf(bodies.get(f"{r['id']}.txt", ""), r["gold"]["article_body"]) for r in aeb])
        layout = "blank-line blocks" if blank else "one line per block"
        print(f"text {layout:18s} keep-all F1={everything['F1']:.3f} | dateline P={ours['P']:.3f} R={ours['R']:.3f} "
              f"F1={ours['F1']:.3f} share(F1>=0.95)={ours['share_F1>=0.95']:.2f}  ({spent:.1f}s)")


# ------------------------------------------------------------------ near duplicates
FURNITURE_TOP = ["Skip to main content", "Home | World | Business | Sport", "Share this article", "Advertisement"]
FURNITURE_BOTTOM = ["Related stories", "Comments (12)", "© 2024 Example Media. All rights reserved.",
                    "Follow us on Twitter"]


def near_copy(text: str, rng: random.Random) -> str:
    """A re-scrape or syndicated copy: other furniture, a trimmed end, a few word edits."""
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    kind = rng.choice(["furniture", "trim", "edit", "all"])
    if kind in ("trim", "all") and len(paragraphs) >= 8:
        paragraphs = paragraphs[: len(paragraphs) - 1]  # last paragraph cut, as syndication does
    if kind in ("edit", "all"):
        words = "\n\n".join(paragraphs).split(" ")
        for _ in range(max(1, len(words) // 100)):
            i = rng.randrange(len(words))
            words[i] = rng.choice(["said", "the", "reported", words[i].upper(), ""])
        paragraphs = " ".join(words).split("\n\n")
    if kind in ("furniture", "all") or kind == "edit":
        paragraphs = rng.sample(FURNITURE_TOP, 2) + paragraphs + rng.sample(FURNITURE_BOTTOM, 2)
    return "\n\n".join(paragraphs)


def dedup_pairs(corpus: Path, n_near: int, rng: random.Random) -> tuple[list[dict], set[frozenset], set[frozenset]]:
    """(articles, positive pairs, negative pairs).

    Positives: exact duplicates already in BBC (same text under two ids) and near copies made
    here. Negatives: distinct articles of the same BBC category or the same Reuters topic.
    """
    from transforms import clean

    bbc = [json.loads(line) for line in (corpus / "bbc-news-2225" / "articles.jsonl").open()]
    reuters = [json.loads(line) for line in (corpus / "reuters-21578" / "articles.jsonl").open()]
    reuters = [r for r in reuters if r.get("text") and len(r["text"].split()) >= 150][:3000]
    base = []
    for r in bbc + reuters:
        text = clean.normalised_text(r["text"])
        base.append({"id": r["id"], "text": text, "topic": r.get("category") or ",".join(r.get("topics") or [])})
    # Exact duplicates that exist in the corpora: same folded words.
    by_hash: dict[str, list[str]] = {}
    for b in base:
        by_hash.setdefault(clean.body_hash(b["text"]), []).append(b["id"])
    positives = {frozenset((ids[0], other)) for ids in by_hash.values() for other in ids[1:]}
    exact = len(positives)
    # Near copies of a random sample of long-enough articles.
    articles = list(base)
    for b in rng.sample([b for b in base if len(b["text"].split()) >= 150], n_near):
        copy_id = f"{b['id']}~copy"
        articles.append({"id": copy_id, "text": near_copy(b["text"], rng), "topic": b["topic"]})
        positives.add(frozenset((b["id"], copy_id)))
    # Negatives: every same-topic pair is a candidate negative; they are scored through the
    # marks (any same-topic pair marked and not a positive counts as a false positive).
    negatives_note = sum(1 for ids in by_hash.values() if len(ids) > 1)
    print(f"dedup pairs: {exact} exact duplicate pairs in the corpora ({negatives_note} groups), {n_near} near copies, "
          f"{len(articles)} articles")
    return articles, positives, set()


def bench_dedup(corpus: Path, n_near: int) -> None:
    import polars as pl

    from transforms import clean, dedup

    rng = random.Random(20261123)
    articles, positives, _ = dedup_pairs(corpus, n_near, rng)

    def frame(rows):
        cleaned = []
        for a in rows:
            doc = {"doc_id": a["id"], "input_path": a["id"], "run_id": "bench", "format": "txt", "raw_text": a["text"],
                   "raw_html": None, "url": None, "title": None, "published": None, "source": None, "language": None}
            body = clean.cleaned_article(doc)["body"]
            cleaned.append({"article_id": a["id"], "doc_id": a["id"], "published_at": None, "body": body,
                            "body_hash": clean.body_hash(body)})
        return pl.DataFrame(cleaned, schema={"article_id": pl.String, "doc_id": pl.String,
                                             "published_at": pl.Datetime("us"), "body": pl.String,
                                             "body_hash": pl.String})

    full = frame(articles)
    # As in the pipeline, a text with (almost) no story left is a reject, not an article.
    from transforms import settings

    rejected = set(full.filter(pl.col("body").str.split(" ").list.len() < settings.MIN_DOCUMENT_WORDS)["article_id"])
    full = full.filter(~pl.col("article_id").is_in(list(rejected)))
    articles = [a for a in articles if a["id"] not in rejected]
    positives = {p for p in positives if not p & rejected}
    print(f"dedup: {len(rejected)} texts rejected by clean (no story left), {full.height} articles scored")
    started = time.perf_counter()
    marks = dedup.duplicate_marks(full)
    spent_full = time.perf_counter() - started
    marked = {frozenset((a, d)) for a, d in zip(marks["article_id"], marks["duplicate_of"]) if d}
    # A group of three gives pairs (b, a) and (c, a); a positive (b, c) is found through a.
    root = {a: d or a for a, d in zip(marks["article_id"], marks["duplicate_of"])}
    found = {p for p in positives if len({root[x] for x in p}) == 1}
    predicted_pairs = set()
    groups: dict[str, list[str]] = {}
    for a, r in root.items():
        groups.setdefault(r, []).append(a)
    for members in groups.values():
        for i, x in enumerate(members):
            for y in members[i + 1 :]:
                predicted_pairs.add(frozenset((x, y)))
    topic = {a["id"]: a["topic"] for a in articles}
    # Predicted pairs that are not constructed or known exact duplicates: false positives. The
    # corpora may hold near duplicates of their own (same story filed twice); those are listed
    # so a reader can judge them.
    # Marked pairs that are neither known exact duplicates nor constructed copies are judged
    # independently: word-level difflib ratio >= 0.9 on the original texts means the corpus
    # itself holds a near duplicate (BBC does: the same story filed twice with small edits).
    import difflib

    text_of = {a["id"]: a["text"].split() for a in articles}
    original = {a["id"]: a["id"].split("~")[0] for a in articles}
    unlabelled = predicted_pairs - positives
    corpus_near = {p for p in unlabelled if difflib.SequenceMatcher(
        None, *(text_of[original[x]] for x in sorted(p)), autojunk=False).ratio() >= 0.9}
    false_pos = unlabelled - corpus_near
    precision = (len(predicted_pairs) - len(false_pos)) / max(len(predicted_pairs), 1)
    print(f"dedup: {len(corpus_near)} marked pairs are near duplicates already in the corpora (difflib >= 0.9)")
    recall = len(found) / max(len(positives), 1)
    same_topic_marked = sum(1 for p in false_pos if len({topic[x] for x in p}) == 1)
    print(f"dedup precision={precision:.3f} recall={recall:.3f} predicted_pairs={len(predicted_pairs)} "
          f"positives={len(positives)} false_pos={len(false_pos)} (same-topic {same_topic_marked}) "
          f"missed={len(positives) - len(found)}")
    for p in sorted(false_pos, key=sorted)[:8]:
        print("   unlabelled pair marked:", sorted(p))
    for p in sorted(positives - found, key=sorted)[:8]:
        print("   missed:", sorted(p))
    # Distinct same-topic articles (same BBC category or Reuters topic, few shared words):
    # none of these pairs may be marked.
    by_topic: dict[str, list[str]] = {}
    for a in articles:
        if a["topic"] and "~" not in a["id"]:
            by_topic.setdefault(a["topic"], []).append(a["id"])
    negatives = []
    topics = [t for t, ids in by_topic.items() if len(ids) >= 2]
    while len(negatives) < 5000:
        ids = by_topic[rng.choice(topics)]
        x, y = rng.sample(ids, 2)
        if root[x] != root[y] or len(set(text_of[x]) & set(text_of[y])) < 0.5 * len(set(text_of[x])):
            negatives.append((x, y))
    wrongly = sum(1 for x, y in negatives if root[x] == root[y] and frozenset((x, y)) not in positives
                  and frozenset((x, y)) not in corpus_near)
    print(f"dedup same-topic distinct pairs: {len(negatives)} sampled, {wrongly} wrongly marked")
    # Halves drawn at random, so both sizes hold the same mix of BBC, Reuters and copies; one
    # warm-up run first (imports, caches).
    shuffled = full.sample(fraction=1.0, shuffle=True, seed=7)
    half = shuffled.head(full.height // 2)
    dedup.duplicate_marks(half)
    times = {}
    for name, data in (("half", half), ("full", full)):
        runs = []
        for _ in range(3):
            started = time.perf_counter()
            dedup.duplicate_marks(data)
            runs.append(time.perf_counter() - started)
        times[name] = statistics.median(runs)
    ratio = times["full"] / times["half"]
    print(f"dedup time (median of 3): {half.height} articles {times['half']:.2f}s, {full.height} articles "
          f"{times['full']:.2f}s, ratio {ratio:.2f} for 2x articles (linear = 2.0, quadratic = 4.0)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", default="html,text,dedup", help="comma-separated parts: html,text,dedup")
    parser.add_argument("--limit", type=int, default=None, help="pages per kind (default all)")
    parser.add_argument("--near", type=int, default=600, help="near copies to construct")
    args = parser.parse_args(argv)
    corpus = corpus_dir()
    if corpus is None:
        print("benchmarks/clean.py: ../shared/corpus is not available; nothing to measure (skipped).")
        return 0
    parts = args.only.split(",")
    if "html" in parts:
        bench_html(corpus, args.limit)
    if "text" in parts:
        bench_text(corpus, args.limit)
    if "dedup" in parts:
        bench_dedup(corpus, args.near)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
