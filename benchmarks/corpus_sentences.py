"""The development sentences for the event benchmark: which articles, which sentences, and how
a sentence is located by character offsets in the corpus text (never stored as text).

Selection is mechanical (no cherry-picking): the first sentences of fixed articles.
- Guardian (guardian-sdf-sample): the first 10 sentences of the first 6 articles.
- BBC (bbc-news-2225): the first 5 sentences of bbc-politics-001 .. 008.
- Reuters (reuters-21578): the first 3 sentences of the first 20 articles tagged "trade" with at
  least two places (trade disputes, sanctions, talks between countries).

`python -m benchmarks.corpus_sentences` prints them (offsets and text) for a human coder.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# ../shared/corpus beside the repository (main checkout) or beside the worktrees folder.
CORPUS = next((p / "shared" / "corpus" for p in (ROOT.parent, ROOT.parent.parent) if (p / "shared" / "corpus").exists()),
              ROOT.parent / "shared" / "corpus")
GUARDIAN_ARTICLES, GUARDIAN_SENTENCES = 6, 10
BBC_ARTICLES, BBC_SENTENCES = 8, 5
REUTERS_ARTICLES, REUTERS_SENTENCES = 20, 3


def parseable(text: str) -> str:
    """The text with line breaks inside paragraphs (and Reuters' indentation) turned into spaces,
    same length, so offsets into it are offsets into the corpus text."""
    return re.sub(r"(?<!\n)[ \t]*\n[ \t]*(?!\n)", lambda m: " " * len(m.group()), text)


def selected_articles(corpus: Path = CORPUS) -> list[dict]:
    """[{corpus, id, published, text, sentences_wanted}] in a fixed order."""
    out = []
    with open(corpus / "guardian-sdf-sample" / "articles.jsonl") as f:
        for line in f:
            row = json.loads(line)
            out.append({"corpus": "guardian-sdf-sample", **row, "want": GUARDIAN_SENTENCES})
            if sum(a["corpus"] == "guardian-sdf-sample" for a in out) == GUARDIAN_ARTICLES:
                break
    wanted = {f"bbc-politics-{i:03d}" for i in range(1, BBC_ARTICLES + 1)}
    with open(corpus / "bbc-news-2225" / "articles.jsonl") as f:
        for line in f:
            row = json.loads(line)
            if row["id"] in wanted:
                out.append({"corpus": "bbc-news-2225", **row, "want": BBC_SENTENCES})
    count = 0
    with open(corpus / "reuters-21578" / "articles.jsonl") as f:
        for line in f:
            row = json.loads(line)
            if "trade" in (row.get("topics") or []) and len(row.get("places") or []) >= 2 and row.get("text"):
                out.append({"corpus": "reuters-21578", **row, "want": REUTERS_SENTENCES})
                count += 1
                if count == REUTERS_ARTICLES:
                    break
    return out


def sentence_spans(doc, want: int) -> list[tuple[int, int]]:
    """(start_char, end_char) of the first `want` sentences with at least four words."""
    spans = []
    for sent in doc.sents:
        if sum(1 for t in sent if t.is_alpha) < 4:
            continue
        spans.append((sent.start_char, sent.end_char))
        if len(spans) == want:
            break
    return spans


def main() -> None:
    sys.path.insert(0, str(ROOT))
    from transforms.nlp import pipeline

    nlp = pipeline()
    for article in selected_articles():
        text = parseable(article["text"])
        for start, end in sentence_spans(nlp(text), article["want"]):
            print(f"{article['corpus']}\t{article['id']}\t{start}\t{end}\t{' '.join(text[start:end].split())}")


if __name__ == "__main__":
    main()
