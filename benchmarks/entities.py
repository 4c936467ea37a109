"""Entity benchmarks: NER against CoNLL-2003 and cross-document resolution against MEANTIME.

Both compare dateline with a baseline measured in the same run on the same documents:

1. NER (CoNLL-2003 dev, documents rebuilt by joining a doc_id's sentences with newlines):
   micro precision/recall/F1 over the set of (type, lower-cased text) pairs per document, types
   PER/ORG/LOC. spaCy labels map PERSON->PER, ORG->ORG, GPE/LOC/FAC->LOC. NORP is not scored:
   CoNLL tags nationalities and demonyms ("German", "West Indian") as MISC, which is outside
   PER/ORG/LOC, so NORP maps to MISC and is dropped on both sides. dateline = the `mentions`
   produced by `nlp.annotations` + `entities.resolved_mentions`; baseline = the bare
   en_core_web_sm model on the same text.

2. Cross-document resolution (MEANTIME dev, gold `instance_id` per entity mention across
   articles): a gold PER/ORG/LOC mention is *found* when one of our mentions has its span, or
   ends where it ends after words that only modify it ("Northrop Grumman" finds "Los Angeles
   based Northrop Grumman"; "Alabama" does not find "Mobile, Alabama"). Over every pair of found gold mentions in different
   articles: precision and recall of "same entity" (same `entity_id`) against "same gold
   instance", for dateline and for exact-surface-form matching (same mention text) on the same
   pairs. The bare model's found count uses the same rule with its PERSON/ORG/GPE/LOC/FAC/NORP
   entities.

Usage (from the repository root):
    python benchmarks/entities.py [--corpus ../shared/corpus] [--limit N]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import defaultdict
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import polars as pl  # noqa: E402

from transforms import entities, nlp, settings  # noqa: E402

SPACY_TO_CONLL = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}
BARE_LABELS = ("PERSON", "ORG", "GPE", "LOC", "FAC", "NORP")


def _articles(rows: list[dict]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema={"article_id": pl.String, "title": pl.String, "body": pl.String,
                                      "published_at": pl.Datetime}, orient="row")


def dateline_mentions(articles: pl.DataFrame) -> pl.DataFrame:
    raw, _ = nlp.annotations(articles, n_process=1)
    mentions, _ = entities.resolved_mentions(raw)
    return mentions


def bare_entities(texts: list[str]) -> list[list[tuple[int, int, str, str]]]:
    import spacy

    bare = spacy.load(settings.SPACY_MODEL)
    return [[(e.start_char, e.end_char, e.label_, e.text) for e in doc.ents if e.label_ in BARE_LABELS]
            for doc in bare.pipe(texts, batch_size=settings.NLP_BATCH_SIZE)]


def prf(tp: int, predicted: int, gold: int) -> tuple[float, float, float]:
    p = tp / predicted if predicted else 0.0
    r = tp / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


# ------------------------------------------------------------------ NER
def conll_documents(path: Path, limit: int | None) -> tuple[list[str], list[str], list[set]]:
    sentences: dict[str, list[dict]] = defaultdict(list)
    with path.open() as handle:
        for line in handle:
            row = json.loads(line)
            sentences[row["doc_id"]].append(row)
    ids, texts, golds = [], [], []
    for doc_id in sorted(sentences)[:limit]:
        rows = sorted(sentences[doc_id], key=lambda r: r["sent_index"])
        ids.append(doc_id)
        texts.append("\n".join(r["text"] for r in rows))
        golds.append({(e["type"], e["text"].lower()) for r in rows for e in r["entities"]
                      if e["type"] in ("PER", "ORG", "LOC")})
    return ids, texts, golds


def ner_scores(corpus: Path, limit: int | None) -> dict:
    ids, texts, golds = conll_documents(corpus / "dev" / "ner-conll2003-dev" / "dev.jsonl", limit)
    started = time.perf_counter()
    mentions = dateline_mentions(_articles([{"article_id": i, "title": None, "body": t, "published_at": None}
                                            for i, t in zip(ids, texts)]))
    dateline_seconds = time.perf_counter() - started
    ours: dict[str, set] = defaultdict(set)
    for article_id, label, text in mentions.select("article_id", "label", "text").iter_rows():
        if label in SPACY_TO_CONLL:
            ours[article_id].add((SPACY_TO_CONLL[label], text.lower()))
    started = time.perf_counter()
    bare = [{(SPACY_TO_CONLL[lab], text.lower()) for _, _, lab, text in ents if lab in SPACY_TO_CONLL}
            for ents in bare_entities(texts)]
    bare_seconds = time.perf_counter() - started
    result = {"documents": len(ids), "gold_pairs": sum(len(g) for g in golds)}
    for name, predicted in (("dateline", [ours[i] for i in ids]), ("bare", bare)):
        tp = sum(len(p & g) for p, g in zip(predicted, golds))
        result[name] = prf(tp, sum(len(p) for p in predicted), result["gold_pairs"])
        for kind in ("PER", "ORG", "LOC"):
            kp = [{x for x in p if x[0] == kind} for p in predicted]
            kg = [{x for x in g if x[0] == kind} for g in golds]
            result[f"{name}_{kind}"] = prf(sum(len(a & b) for a, b in zip(kp, kg)), sum(map(len, kp)), sum(map(len, kg)))
    result["seconds"] = {"dateline": dateline_seconds, "bare": bare_seconds}
    return result


# ------------------------------------------------------------------ cross-document resolution
def _finds(gold: dict, ours: tuple[int, int]) -> bool:
    """Our mention finds a gold mention with the same span, or with the same end inside a gold
    span whose words before ours only modify it ("European airframer Airbus", "the U.S.")."""
    gs, ge, (os_, oe) = gold["char_start"], gold["char_end"], ours
    if os_ < gs or oe != ge:
        return False
    modifier = gold["text"][: os_ - gs]
    return "," not in modifier and not re.search(r"\b(?:of|in|at|from|and|or)\b", modifier)


def _match(gold_rows: list[dict], spans: list[tuple[int, int, object]]) -> dict[str, object]:
    """gold mention_id -> payload of the (longest) mention of ours that finds it."""
    found = {}
    for g in gold_rows:
        best = None
        for s, e, payload in spans:
            if _finds(g, (s, e)) and (best is None or e - s > best[0]):
                best = (e - s, payload)
        if best is not None:
            found[g["mention_id"]] = best[1]
    return found


def pairwise(items: list[tuple[str, str, object]]) -> tuple[float, float, int, int]:
    """(precision, recall, predicted pairs, gold pairs) over cross-article pairs of
    (article, gold instance, predicted cluster) items."""
    tp = predicted = gold = 0
    n = len(items)
    for i in range(n):
        a_doc, a_gold, a_pred = items[i]
        for j in range(i + 1, n):
            b_doc, b_gold, b_pred = items[j]
            if a_doc == b_doc:
                continue
            same_gold, same_pred = a_gold == b_gold, a_pred == b_pred
            gold += same_gold
            predicted += same_pred
            tp += same_gold and same_pred
    return (tp / predicted if predicted else 0.0), (tp / gold if gold else 0.0), predicted, gold


def meantime_scores(corpus: Path, limit: int | None) -> dict:
    base = corpus / "dev" / "meantime-dev"
    articles = [json.loads(line) for line in (base / "articles.jsonl").open()][:limit]
    keep = {a["id"] for a in articles}
    gold_rows = [g for g in map(json.loads, (base / "mentions.jsonl").open())
                 if g["doc_id"] in keep and g["instance_type"] == "ENTITY" and g["instance_class"] in ("PER", "ORG", "LOC")]
    frame = _articles([{
        "article_id": a["id"], "title": None, "body": a["text"],
        "published_at": datetime.strptime(a["date_line"], "%B %d, %Y") if a.get("date_line") else None,
    } for a in articles])
    mentions = dateline_mentions(frame)
    by_doc_ours: dict[str, list] = defaultdict(list)
    for article_id, s, e, entity, text in mentions.select("article_id", "start_char", "end_char", "entity_id", "text").iter_rows():
        by_doc_ours[article_id].append((s, e, (entity, text)))
    bare = bare_entities([a["text"] for a in articles])
    by_doc_bare = {a["id"]: [(s, e, None) for s, e, _, _ in ents] for a, ents in zip(articles, bare)}
    gold_by_doc: dict[str, list] = defaultdict(list)
    for g in gold_rows:
        gold_by_doc[g["doc_id"]].append(g)
    ours_found, bare_found = {}, {}
    for doc_id, rows in gold_by_doc.items():
        ours_found.update(_match(rows, by_doc_ours.get(doc_id, [])))
        bare_found.update(_match(rows, by_doc_bare.get(doc_id, [])))
    matched = [g for g in gold_rows if g["mention_id"] in ours_found]
    dateline_items = [(g["doc_id"], g["instance_id"], ours_found[g["mention_id"]][0]) for g in matched]
    exact_items = [(g["doc_id"], g["instance_id"], ours_found[g["mention_id"]][1]) for g in matched]
    result = {"gold_mentions": len(gold_rows), "found_dateline": len(ours_found), "found_bare": len(bare_found)}
    result["dateline"] = pairwise(dateline_items)
    result["exact_surface"] = pairwise(exact_items)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent.parent / "shared" / "corpus"
                        if not (ROOT.parent / "shared").exists() else ROOT.parent / "shared" / "corpus")
    parser.add_argument("--limit", type=int, default=None, help="first N documents of each set (quick runs)")
    parser.add_argument("--only", choices=("ner", "meantime"), default=None)
    args = parser.parse_args()
    if args.only in (None, "ner"):
        r = ner_scores(args.corpus, args.limit)
        print(f"NER (CoNLL-2003 dev, {r['documents']} documents, {r['gold_pairs']} gold (type, text) pairs)")
        for name in ("dateline", "bare"):
            p, rec, f = r[name]
            per_type = "  ".join(f"{k} {r[f'{name}_{k}'][2]:.3f}" for k in ("PER", "ORG", "LOC"))
            print(f"  {name:9s} P {p:.3f}  R {rec:.3f}  F1 {f:.3f}   ({per_type})  {r['seconds'][name]:.1f}s")
        print(f"  F1 gain over bare: {r['dateline'][2] - r['bare'][2]:+.3f}  (target >= +0.050)")
    if args.only in (None, "meantime"):
        r = meantime_scores(args.corpus, args.limit)
        print(f"Cross-document resolution (MEANTIME dev, {r['gold_mentions']} gold PER/ORG/LOC mentions)")
        print(f"  found: dateline {r['found_dateline']} ({r['found_dateline'] / r['gold_mentions']:.1%}), "
              f"bare model {r['found_bare']} ({r['found_bare'] / r['gold_mentions']:.1%})")
        for name in ("dateline", "exact_surface"):
            p, rec, npred, ngold = r[name]
            print(f"  {name:13s} pairwise P {p:.3f}  R {rec:.3f}   ({npred} predicted / {ngold} gold pairs)")
        print(f"  recall gain over exact surface: {r['dateline'][1] - r['exact_surface'][1]:+.3f}  "
              f"(targets: P >= 0.95, gain >= +0.10, found >= bare)")


if __name__ == "__main__":
    main()
