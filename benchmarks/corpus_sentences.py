"""The development sentences for the event benchmark: which articles, which sentences, and how
a sentence is located by character offsets in the corpus text (never stored as text).

Selection is mechanical (no cherry-picking): the first sentences of fixed articles.
- Guardian (guardian-sdf-sample): the first 10 sentences of the first 6 articles.
- BBC (bbc-news-2225): the first 5 sentences of bbc-politics-001 .. 008.
- Reuters (reuters-21578): the first 3 sentences of the first 20 articles tagged "trade" with at
  least two places (trade disputes, sanctions, talks between countries).

`python -m benchmarks.corpus_sentences` prints them (offsets and text) for a human coder.

Held-out split (`python -m benchmarks.corpus_sentences heldout`): a second, disjoint sample drawn
without looking at system output, so tuning on the dev split can be checked honestly. Seeded
random articles not in the dev selection (Guardian; BBC politics; Reuters with two or more
places), and in each one seeded-random sentence among its first 15 that contains a word from a
broad political-action list (`ACTION_WORDS`). Sentences without any event are kept: whether the
coder finds an event is part of what is measured.

Held-out split #2 (`python -m benchmarks.corpus_sentences heldout2`): drawn the same way with
another seed (HELDOUT2_SEED) from articles in neither the dev nor the held-out #1 selection,
after held-out #1 had been looked at; labelled before any further tuning.

Held-out split #3 (`python -m benchmarks.corpus_sentences heldout3`): drawn the same way with
another seed (HELDOUT3_SEED) from articles in none of the dev, held-out #1 and held-out #2
selections, after held-out #2 had been looked at; labelled by a second coder before any
further tuning.

Split #4 (`python -m benchmarks.corpus_sentences heldout4`): drawn the same way (LATER_SPLITS[4],
40 sentences per outlet) from articles in none of the earlier selections, labelled blind by
another coder, scored once, then used for tuning beside dev and held-out #1.

Split #5 (`python -m benchmarks.corpus_sentences heldout5`): drawn the same way (LATER_SPLITS[5],
50 sentences per outlet) from articles in none of the earlier selections, labelled blind by three
other coders (a third of each outlet each) before any system output on it was seen.

Split #6 (`python -m benchmarks.corpus_sentences heldout6`): drawn the same way (LATER_SPLITS[6],
50 sentences per outlet) from articles in none of the earlier selections, labelled blind by three
other coders on 2026-12-06 (a third of each outlet each), scored once, then a tuning split.

Split #7 (`python -m benchmarks.corpus_sentences heldout7`): drawn the same way (LATER_SPLITS[7],
50 sentences per outlet) from articles in none of the earlier selections, labelled blind by three
other coders on 2026-12-06 (third session) from generic PLOVER/CAMEO instructions.

Split #8 (`python -m benchmarks.corpus_sentences heldout8`): drawn the same way (LATER_SPLITS[8],
60 BBC and 60 Reuters sentences: the Guardian sample has no unused article with an action
sentence left) from articles in none of the earlier selections, labelled blind by three other
coders with #7's instructions, scored once, then a tuning split.

Split #9 (`python -m benchmarks.corpus_sentences heldout9`): drawn the same way (LATER_SPLITS[9],
60 BBC and 60 Reuters) from articles in none of the earlier selections, labelled blind by three
other coders with #7's instructions, and sealed until the end of the session that drew it.

Split #10 (`python -m benchmarks.corpus_sentences heldout10`): drawn the same way (LATER_SPLITS[10])
from articles in none of the earlier selections: 19 BBC sentences (the BBC sample has no unused
article with an action sentence left after them) and 100 Reuters; labelled blind by three other
coders with #7's instructions on 2026-12-06 (eleventh session), and sealed as #9 was.
"""

from __future__ import annotations

import functools
import json
import random
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


HELDOUT_SEED = 20240605
HELDOUT_GUARDIAN, HELDOUT_BBC, HELDOUT_REUTERS = 25, 20, 20
HELDOUT_FIRST_SENTENCES = 15
HELDOUT2_SEED = 20261123
HELDOUT2_GUARDIAN, HELDOUT2_BBC, HELDOUT2_REUTERS = 20, 18, 18
HELDOUT3_SEED = 20261205
HELDOUT3_GUARDIAN, HELDOUT3_BBC, HELDOUT3_REUTERS = 20, 18, 18
# Splits #4 on: seed and (Guardian, BBC, Reuters) sentence counts. Each is drawn from articles in
# none of the splits before it (`later_split_spans`); from #8 on the Guardian sample has no unused
# article with an action sentence left.
LATER_SPLITS = {
    4: (20261206, (40, 40, 40)),
    5: (20261207, (50, 50, 50)),
    6: (20261208, (50, 50, 50)),
    7: (20261209, (50, 50, 50)),
    8: (20261210, (50, 60, 60)),
    9: (20261211, (50, 60, 60)),
    10: (20261212, (50, 60, 100)),
}
ACTION_WORDS = re.compile(
    r"\b(meet|met|meeting|talks|visit\w*|agree\w*|sign\w*|deal|accus\w*|criticis\w*|criticiz\w*|condemn\w*|"
    r"urg\w*|call\w* (on|for)|demand\w*|reject\w*|refus\w*|threat\w*|warn\w*|attack\w*|kill\w*|bomb\w*|"
    r"fir(e|ed|ing) |arrest\w*|detain\w*|sanction\w*|impos\w*|protest\w*|deploy\w*|withdr\w*|support\w*|"
    r"back(ed|s)|aid|negotiat\w*|veto\w*|expel\w*|ban(s|ned)?|invad\w*|strik(e|es)|struck|seiz\w*|"
    r"promis\w*|pledg\w*|offer\w*|ask\w*|appeal\w*|retaliat\w*|tariff\w*|cooperat\w*|help\w*)\b",
    re.IGNORECASE)


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


def _jsonl(path: Path):
    with open(path) as f:
        for line in f:
            yield json.loads(line)


def heldout_articles(corpus: Path = CORPUS, seed: int = HELDOUT_SEED,
                     counts: tuple[int, int, int] = (HELDOUT_GUARDIAN, HELDOUT_BBC, HELDOUT_REUTERS),
                     exclude: frozenset[str] = frozenset()) -> list[dict]:
    """[{corpus, id, published, text}] for a held-out split: seeded-random articles of each
    outlet that are neither in `selected_articles` nor in `exclude`, in a fixed order."""
    dev = {a["id"] for a in selected_articles(corpus)} | set(exclude)
    rng = random.Random(seed)
    pools = [
        ("guardian-sdf-sample", counts[0], lambda r: True),
        ("bbc-news-2225", counts[1], lambda r: r["id"].startswith("bbc-politics-")),
        ("reuters-21578", counts[2], lambda r: len(r.get("places") or []) >= 2 and bool(r.get("text"))),
    ]
    out = []
    for name, count, keep in pools:
        rows = [r for r in _jsonl(corpus / name / "articles.jsonl") if r["id"] not in dev and keep(r)]
        # Oversample: an article with no action sentence among its first ones yields nothing.
        for row in rng.sample(rows, min(len(rows), 3 * count)):
            out.append({"corpus": name, **row, "want": count})
    return out


def articles_by_id(ids: set[str], corpus: Path = CORPUS) -> list[dict]:
    """The corpus articles with these ids (any of the three outlets), in corpus order."""
    out = []
    for name in ("guardian-sdf-sample", "bbc-news-2225", "reuters-21578"):
        out.extend({"corpus": name, **r} for r in _jsonl(corpus / name / "articles.jsonl") if r["id"] in ids)
    return out


def heldout_spans(nlp, corpus: Path = CORPUS) -> list[tuple[dict, int, int]]:
    """(article, start_char, end_char) of the held-out sentences: per article one seeded-random
    sentence among its first HELDOUT_FIRST_SENTENCES that matches ACTION_WORDS, until each
    outlet has its count."""
    return _spans(nlp, heldout_articles(corpus), random.Random(HELDOUT_SEED + 1))


def heldout2_spans(nlp, corpus: Path = CORPUS,
                   first: list[tuple[dict, int, int]] | None = None) -> list[tuple[dict, int, int]]:
    """As `heldout_spans`, for held-out split #2: another seed, and none of the held-out #1
    articles (`first`: the held-out #1 spans, when the caller already has them)."""
    first_ids = frozenset(a["id"] for a, _, _ in (heldout_spans(nlp, corpus) if first is None else first))
    articles = heldout_articles(corpus, HELDOUT2_SEED, (HELDOUT2_GUARDIAN, HELDOUT2_BBC, HELDOUT2_REUTERS), first_ids)
    return _spans(nlp, articles, random.Random(HELDOUT2_SEED + 1))


def heldout3_spans(nlp, corpus: Path = CORPUS, first: list[tuple[dict, int, int]] | None = None,
                   second: list[tuple[dict, int, int]] | None = None) -> list[tuple[dict, int, int]]:
    """As `heldout_spans`, for held-out split #3: another seed, and none of the held-out #1 or
    #2 articles (`first`, `second`: their spans, when the caller already has them)."""
    first = heldout_spans(nlp, corpus) if first is None else first
    second = heldout2_spans(nlp, corpus, first) if second is None else second
    earlier = frozenset(a["id"] for a, _, _ in first + second)
    articles = heldout_articles(corpus, HELDOUT3_SEED, (HELDOUT3_GUARDIAN, HELDOUT3_BBC, HELDOUT3_REUTERS), earlier)
    return _spans(nlp, articles, random.Random(HELDOUT3_SEED + 1))


def later_split_spans(nlp, split: int, corpus: Path = CORPUS,
                      earlier_spans: list[tuple[dict, int, int]] | None = None) -> list[tuple[dict, int, int]]:
    """As `heldout_spans`, for split #`split` (4 or later, LATER_SPLITS): its own seed and counts,
    and none of the articles of the splits before it (`earlier_spans`: their spans, when the
    caller already has them)."""
    earlier_spans = _spans_before(nlp, corpus, split) if earlier_spans is None else earlier_spans
    earlier = frozenset(a["id"] for a, _, _ in earlier_spans)
    seed, counts = LATER_SPLITS[split]
    return _spans(nlp, heldout_articles(corpus, seed, counts, earlier), random.Random(seed + 1))


def _spans_before(nlp, corpus: Path, split: int) -> list[tuple[dict, int, int]]:
    """The spans of held-out splits #1 .. #(split - 1), each drawn once."""
    first = heldout_spans(nlp, corpus)
    second = heldout2_spans(nlp, corpus, first)
    spans = first + second + heldout3_spans(nlp, corpus, first, second)
    for earlier_split in range(4, split):
        spans = spans + later_split_spans(nlp, earlier_split, corpus, spans)
    return spans


def _spans(nlp, articles: list[dict], rng: random.Random) -> list[tuple[dict, int, int]]:
    taken: dict[str, int] = {}
    out = []
    for article in articles:
        if taken.get(article["corpus"], 0) >= article["want"]:
            continue
        text = parseable(article["text"])
        spans = [(s, e) for s, e in sentence_spans(nlp(text), HELDOUT_FIRST_SENTENCES) if ACTION_WORDS.search(text[s:e])]
        if not spans:
            continue
        start, end = rng.choice(spans)
        out.append((article, start, end))
        taken[article["corpus"]] = taken.get(article["corpus"], 0) + 1
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
    splits = {"heldout": heldout_spans, "heldout2": heldout2_spans, "heldout3": heldout3_spans,
              **{f"heldout{n}": functools.partial(later_split_spans, split=n) for n in LATER_SPLITS}}
    if len(sys.argv) == 2 and sys.argv[1] in splits:
        spans = splits[sys.argv[1]](nlp)
        for article, start, end in spans:
            print(f"{article['corpus']}\t{article['id']}\t{article.get('published')}\t{start}\t{end}\t{' '.join(article['text'][start:end].split())}")
        return
    for article in selected_articles():
        text = parseable(article["text"])
        for start, end in sentence_spans(nlp(text), article["want"]):
            print(f"{article['corpus']}\t{article['id']}\t{start}\t{end}\t{' '.join(text[start:end].split())}")


if __name__ == "__main__":
    main()
