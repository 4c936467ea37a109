"""Stories: articles about the same real-world happening share a `story_id`.

Two articles are about the same happening when they name the same specific things: rare words
and numbers ("6.1-magnitude", "Lake County", "£1.13bn"), the same named entities, and, when both
are dated, were published within STORY_MAX_DAYS of each other. Two earthquakes in different
places share "earthquake", "magnitude" and "killed", which are frequent in such a collection and
so weigh little; their places, times and tolls differ, and those weigh most.

Method: TF-IDF vectors over word unigrams and the article's resolved entities (entities count
double: they are the who and where), cosine similarity, then average-link agglomerative
clustering that stops at STORY_MIN_SIMILARITY. Average link (not single link) so that a chain of
loosely similar articles does not join two stories. Quadratic in the number of articles inside
one block of STORY_BLOCK_ARTICLES consecutive articles in publication order.
"""

from __future__ import annotations

import functools
import hashlib
import math
import re
from collections import Counter, defaultdict
from pathlib import Path

import polars as pl

from transforms import settings

STORY_SCHEMA = {"article_id": pl.String, "story_id": pl.String}
TOKEN = re.compile(r"[A-Za-z][A-Za-z'\-]+[A-Za-z]|\d+(?:[.,]\d+)*")
# Names and numbers (capitalised words, figures) tell one happening from another of the same
# kind far better than common words: they count this many times.
NAME_WEIGHT = 2
# Words found in one article only match nothing, but they still say the article is about
# something else: they count at this fraction in its vector's length. (At 1 the many one-off
# words of long articles drown the shared names; at 0 two articles sharing one word look alike.)
SINGLETON_WEIGHT = 0.3
# Below this many articles a topic group is split with collection-wide term weights.
MIN_TOPIC_ARTICLES = 4


@functools.cache
def stop_words() -> frozenset[str]:
    """spaCy's English stop words, plus news verbs. Read from spaCy's plain-Python word list
    without importing spaCy: this runs in the main process, which never parses, and importing
    spaCy there costs a second and 50 MB."""
    import importlib.util
    import runpy

    spacy_dir = Path(importlib.util.find_spec("spacy").origin).parent
    words = runpy.run_path(str(spacy_dir / "lang" / "en" / "stop_words.py"))["STOP_WORDS"]
    return frozenset(words) | {"said", "says", "told", "according", "reported", "news", "new", "year", "years"}


def article_terms(body: str, entity_ids: list[str], stop_words: frozenset[str]) -> Counter:
    """Term counts of one article: words (stop words out) and entities ("e:" + entity_id)."""
    terms: Counter = Counter()
    for token in TOKEN.findall(body):
        lower = token.lower()
        if lower in stop_words or len(lower) < 3:
            continue
        terms[("N:" if token[0].isupper() or token[0].isdigit() else "") + lower] += 1
    for entity_id in entity_ids:
        terms[f"e:{entity_id}"] += 2
    return terms


def _vectors(term_counts: list[Counter]) -> list[dict[str, float]]:
    """Unit TF-IDF vectors (smoothed idf, so a term in every article still counts a little).
    Terms of one article only are kept in the norm but dropped from the vector: they match
    nothing, and the dense similarity matrix stays small."""
    df = Counter(t for counts in term_counts for t in counts)
    n = len(term_counts)
    vectors = []
    for counts in term_counts:
        weights = {t: (1 + math.log(c)) * math.log((n + 1) / df[t]) * (NAME_WEIGHT if t[:2] in ("N:", "e:") else 1)
                   * (1.0 if df[t] > 1 else SINGLETON_WEIGHT) for t, c in counts.items()}
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        vectors.append({t: w / norm for t, w in weights.items() if df[t] > 1})
    return vectors


def _similarities(vectors: list[dict[str, float]]):
    import numpy as np

    vocabulary: dict[str, int] = {}
    for vector in vectors:
        for term in vector:
            vocabulary.setdefault(term, len(vocabulary))
    matrix = np.zeros((len(vectors), max(len(vocabulary), 1)), dtype=np.float32)
    for i, vector in enumerate(vectors):
        for term, weight in vector.items():
            matrix[i, vocabulary[term]] = weight
    return matrix @ matrix.T


def clusters(similarity, min_similarity: float) -> list[int]:
    """Average-link agglomerative clustering (UPGMA): cluster label per item. Clusters merge,
    most similar pair first, while their average pairwise similarity is at least
    `min_similarity`; scipy's nearest-neighbour chain does it in O(n^2)."""
    import numpy as np
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    n = similarity.shape[0]
    if n < 2:
        return [0] * n
    # Average distance = 1 - average similarity, so the stop rule carries over exactly.
    distance = np.clip(1.0 - similarity.astype(np.float64), 0.0, None)
    distance = (distance + distance.T) / 2
    np.fill_diagonal(distance, 0.0)
    tree = linkage(squareform(distance, checks=False), method="average")
    return [int(label) for label in fcluster(tree, t=1.0 - min_similarity, criterion="distance")]


def _far_apart(dates: list, max_days: int):
    """Boolean matrix: the two articles are both dated and more than `max_days` apart."""
    import numpy as np

    days = np.array([d.toordinal() if d is not None else 0 for d in dates], dtype=np.int64)
    dated = np.array([d is not None for d in dates])
    return (np.abs(days[:, None] - days[None, :]) > max_days) & dated[:, None] & dated[None, :]


def story_ids(
    articles: pl.DataFrame,
    mentions: pl.DataFrame,
    entities: pl.DataFrame,
    min_similarity: float = settings.STORY_MIN_SIMILARITY,
    topic_similarity: float = settings.STORY_TOPIC_SIMILARITY,
    small_group_similarity: float = settings.STORY_SMALL_GROUP_SIMILARITY,
    max_days: int = settings.STORY_MAX_DAYS,
    block_size: int = settings.STORY_BLOCK_ARTICLES,
) -> pl.DataFrame:
    """One row per article: its story_id (sha256 of the story's first article_id, [:16]).

    `articles`: article_id, body, published_at. `mentions`: article_id, entity_id.
    `entities`: entity_id, kind (groups such as "officials" are not evidence of one story).
    """
    if articles.height == 0:
        return pl.DataFrame(schema=STORY_SCHEMA)
    kinds = dict(zip(entities["entity_id"], entities["kind"]))
    by_article: dict[str, list[str]] = defaultdict(list)
    for article_id, entity_id in mentions.select("article_id", "entity_id").iter_rows():
        if entity_id is not None and kinds.get(entity_id) != "group":
            by_article[article_id].append(entity_id)
    rows = articles.select("article_id", "body", "published_at").sort("article_id").to_dicts()
    stopped = stop_words()
    term_counts = [article_terms(r["body"] or "", by_article.get(r["article_id"], []), stopped) for r in rows]
    vectors = _vectors(term_counts)
    days = [r["published_at"].date() if r["published_at"] is not None else None for r in rows]

    # Blocks of consecutive articles in publication order keep the quadratic step bounded;
    # a story split at a block edge is the price of a bounded run time.
    order = sorted(range(len(rows)), key=lambda i: (rows[i]["published_at"] is None, rows[i]["published_at"] or 0,
                                                    rows[i]["article_id"]))
    labels: dict[int, str] = {}
    for offset in range(0, len(order), block_size):
        members = order[offset : offset + block_size]
        similarity = _similarities([vectors[i] for i in members])
        similarity[_far_apart([days[i] for i in members], max_days)] = -1.0
        topics: dict[int, list[int]] = defaultdict(list)
        for label, i in zip(clusters(similarity, topic_similarity), members):
            topics[label].append(i)
        for topic, topic_members in topics.items():
            # Inside a topic, weigh terms by how rare they are among its articles: what all
            # earthquake reports share says nothing about which earthquake. A small group has
            # too few articles for such weights: the collection-wide ones decide there.
            if len(topic_members) >= MIN_TOPIC_ARTICLES:
                local, threshold = _similarities(_vectors([term_counts[i] for i in topic_members])), min_similarity
            else:
                index = {i: x for x, i in enumerate(members)}
                picked = [index[i] for i in topic_members]
                local, threshold = similarity[picked][:, picked].copy(), small_group_similarity
            local[_far_apart([days[i] for i in topic_members], max_days)] = -1.0
            for label, i in zip(clusters(local, threshold), topic_members):
                labels[i] = f"{offset}:{topic}:{label}"
    first: dict[str, str] = {}
    for i, row in enumerate(rows):
        first.setdefault(labels[i], row["article_id"])
    return pl.DataFrame({
        "article_id": [r["article_id"] for r in rows],
        "story_id": [hashlib.sha256(f"story:{first[labels[i]]}".encode()).hexdigest()[:16] for i in range(len(rows))],
    }, schema=STORY_SCHEMA)


ARTICLE_STORY_SCHEMA = {"article_id": pl.String, "story_id": pl.String, "tone": pl.Float64}


def article_stories(articles: pl.DataFrame, extracted: pl.DataFrame, tones: pl.DataFrame) -> pl.DataFrame:
    """One row per article: story_id and tone, a duplicate taking its original's (it is one
    article syndicated or re-scraped, not another report). Articles that were not extracted
    (other languages) get nulls.

    `articles`: article_id, duplicate_of. `extracted`: story_ids() output. `tones`: article_id, tone.
    """
    known = extracted.join(tones, on="article_id", how="left")
    originals = articles.select("article_id", key=pl.coalesce("duplicate_of", "article_id"))
    return (
        originals.join(known.rename({"article_id": "key"}), on="key", how="left")
        .select(list(ARTICLE_STORY_SCHEMA))
        .cast(ARTICLE_STORY_SCHEMA)
        .sort("article_id")
    )
