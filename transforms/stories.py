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
import re
from collections import defaultdict
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


def term_counts(articles: pl.DataFrame, mentions: pl.DataFrame, entities: pl.DataFrame,
                stop_words: frozenset[str]):
    """(article x term count matrix, each term's weight factor), rows in the order of `articles`.

    Terms: the body's words (stop words and words under three letters out; lower-cased, "N:"
    before names and figures: a capitalised or numeric token) and its resolved entities
    ("e:" + entity_id, two per mention; groups such as "officials" are no evidence of one
    story). Names, figures and entities weigh NAME_WEIGHT. Tokenised by polars over the whole
    column, counted by a sparse matrix."""
    import numpy as np
    from scipy.sparse import csr_matrix

    numbered = articles.select("article_id", "body").with_row_index("row")
    words = (
        numbered.select("row", token=pl.col("body").fill_null("").str.extract_all(TOKEN.pattern))
        .explode("token")
        .drop_nulls("token")
        .with_columns(lower=pl.col("token").str.to_lowercase())
        .filter(~pl.col("lower").is_in(list(stop_words)) & (pl.col("lower").str.len_chars() >= 3))
        .select("row", term=pl.when(pl.col("token").str.contains(r"^[A-Z\d]"))
                .then(pl.lit("N:") + pl.col("lower")).otherwise(pl.col("lower")), count=pl.lit(1.0))
    )
    groups = entities.filter(pl.col("kind") == "group")["entity_id"]
    named = (
        mentions.filter(pl.col("entity_id").is_not_null() & ~pl.col("entity_id").is_in(groups.implode()))
        .join(numbered.select("article_id", "row"), on="article_id")
        .select("row", term=pl.lit("e:") + pl.col("entity_id"), count=pl.lit(2.0))
    )
    terms = pl.concat([words, named])
    vocabulary = terms["term"].unique().sort()
    column = terms.join(vocabulary.to_frame().with_row_index("column"), on="term")
    counts = csr_matrix(
        (column["count"].to_numpy(), (column["row"].to_numpy(), column["column"].to_numpy())),
        shape=(articles.height, vocabulary.len()), dtype=np.float64,
    )
    counts.sum_duplicates()
    factor = np.where(vocabulary.str.contains(r"^(N|e):").to_numpy(), float(NAME_WEIGHT), 1.0)
    return counts, factor


def _vectors(counts, factor):
    """Unit TF-IDF row vectors of a count matrix: (1 + log count) * log((n + 1) / df) * factor,
    smoothed so that a term in every row still counts a little. Terms in one row only are kept
    in the norm (at SINGLETON_WEIGHT) but dropped from the vector: they match nothing."""
    import numpy as np
    from scipy.sparse import diags

    counts = counts.tocsr()
    n = counts.shape[0]
    df = np.bincount(counts.indices, minlength=counts.shape[1])
    weights = counts.copy()
    column_df = df[weights.indices]
    weights.data = ((1 + np.log(weights.data)) * np.log((n + 1) / column_df) * factor[weights.indices]
                    * np.where(column_df > 1, 1.0, SINGLETON_WEIGHT))
    norms = np.sqrt(np.asarray(weights.power(2).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    weights.data[column_df <= 1] = 0.0
    weights.eliminate_zeros()
    return (diags(1.0 / norms) @ weights).tocsr()


def _similarities(vectors):
    """Cosine similarity of every pair of unit rows, as a dense matrix."""
    return (vectors @ vectors.T).toarray()


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
    rows = articles.select("article_id", "body", "published_at").sort("article_id")
    counts, factor = term_counts(rows, mentions.select("article_id", "entity_id"), entities.select("entity_id", "kind"),
                                 stop_words())
    vectors = _vectors(counts, factor)
    days = [p.date() if p is not None else None for p in rows["published_at"].to_list()]
    published = rows["published_at"].to_list()
    article_ids = rows["article_id"].to_list()

    # Blocks of consecutive articles in publication order keep the quadratic step bounded;
    # a story split at a block edge is the price of a bounded run time.
    order = sorted(range(rows.height), key=lambda i: (published[i] is None, published[i] or 0, article_ids[i]))
    labels: dict[int, str] = {}
    for offset in range(0, len(order), block_size):
        members = order[offset : offset + block_size]
        similarity = _similarities(vectors[members])
        similarity[_far_apart([days[i] for i in members], max_days)] = -1.0
        topics: dict[int, list[int]] = defaultdict(list)
        for label, i in zip(clusters(similarity, topic_similarity), members):
            topics[label].append(i)
        for topic, topic_members in topics.items():
            # Inside a topic, weigh terms by how rare they are among its articles: what all
            # earthquake reports share says nothing about which earthquake. A small group has
            # too few articles for such weights: the collection-wide ones decide there.
            if len(topic_members) >= MIN_TOPIC_ARTICLES:
                local, threshold = _similarities(_vectors(counts[topic_members], factor)), min_similarity
            else:
                index = {i: x for x, i in enumerate(members)}
                picked = [index[i] for i in topic_members]
                local, threshold = similarity[picked][:, picked].copy(), small_group_similarity
            local[_far_apart([days[i] for i in topic_members], max_days)] = -1.0
            for label, i in zip(clusters(local, threshold), topic_members):
                labels[i] = f"{offset}:{topic}:{label}"
    first: dict[str, str] = {}
    for i, article_id in enumerate(article_ids):
        first.setdefault(labels[i], article_id)
    return pl.DataFrame({
        "article_id": article_ids,
        "story_id": [hashlib.sha256(f"story:{first[labels[i]]}".encode()).hexdigest()[:16] for i in range(len(article_ids))],
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
