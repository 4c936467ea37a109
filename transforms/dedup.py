"""Duplicate articles: exact copies and near copies are marked, never dropped.

Exact duplicates share `body_hash` (same words, whatever the case, punctuation or spacing).
Near duplicates (syndicated copies, re-scrapes with different furniture, small edits) are found
with MinHash LSH over word shingles (datasketch), so the cost grows near-linearly with the
corpus; each candidate pair is then confirmed with the exact Jaccard similarity of the
shingle sets, so LSH noise never marks a pair on its own.

The first article of a group (earliest publication date, then doc_id) is the original;
every other member gets `duplicate_of` = its article_id.
"""

from __future__ import annotations

import re

import polars as pl

from transforms import settings
from transforms.groups import UnionFind

DUPLICATE_SCHEMA = {"article_id": pl.String, "duplicate_of": pl.String, "duplicate_kind": pl.String}


def shingles(text: str, size: int = settings.SHINGLE_WORDS) -> set[str]:
    """Lower-cased word `size`-grams of `text` (the definition `shingle_hashes` computes fast)."""
    words = re.findall(r"\w+", text.lower())
    if len(words) < size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


def shingle_hashes(texts: list[str], size: int = settings.SHINGLE_WORDS) -> list:
    """`shingles` of each text as a sorted numpy array of distinct 64-bit hashes, computed for
    all texts at once: the words are found and hashed by polars (in Rust), and each run of
    `size` word hashes is folded into one with numpy. A text of fewer words is one shingle of
    them all, as in `shingles`. Arrays, not Python sets: over 20,000 articles the sets took
    500 MB of the flow process's memory (8 bytes a shingle here)."""
    import numpy as np

    words = pl.Series(texts, dtype=pl.String).str.to_lowercase().str.extract_all(r"\w+")
    lengths = words.list.len().fill_null(0).to_numpy()
    hashes = words.explode().drop_nulls().hash(seed=0).to_numpy()
    folded = np.zeros(max(0, hashes.size - size + 1), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for j in range(size):  # folded[i] = hash of words i .. i+size-1 (wrapping arithmetic)
            folded = folded * np.uint64(1_000_003) + hashes[j : j + folded.size]
    out, start = [], 0
    for n in lengths.tolist():
        if n >= size:
            out.append(np.unique(folded[start : start + n - size + 1]))
        elif n:
            with np.errstate(over="ignore"):
                short = np.uint64(0)
                for value in hashes[start : start + n]:
                    short = short * np.uint64(1_000_003) + value
            out.append(np.array([short], dtype=np.uint64))
        else:
            out.append(np.empty(0, dtype=np.uint64))
        start += n
    return out


def hashed_jaccard(a, b) -> float:
    """`jaccard` of two `shingle_hashes` arrays."""
    import numpy as np

    if not a.size or not b.size:
        return 0.0
    common = np.intersect1d(a, b, assume_unique=True).size
    return common / (a.size + b.size - common)


def jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def duplicate_marks(
    articles: pl.DataFrame,
    threshold: float = settings.NEAR_DUPLICATE_JACCARD,
    num_perm: int = settings.MINHASH_PERMUTATIONS,
    shingle_words: int = settings.SHINGLE_WORDS,
    min_shingles: int = settings.MIN_SHINGLES_FOR_MINHASH,
) -> pl.DataFrame:
    """One row per article: `duplicate_of` (null for originals) and `duplicate_kind`
    (exact | near | null). Needs article_id, doc_id, published_at, body, body_hash."""
    from datasketch import MinHash, MinHashLSH

    ordered = articles.sort(["published_at", "doc_id"], nulls_last=True)
    ids = ordered["article_id"].to_list()
    order = {article: i for i, article in enumerate(ids)}
    # The representative is always the earliest article, so it is the group's original.
    groups = UnionFind(rank=order.__getitem__)
    kind: dict[str, str] = {}

    first_by_hash: dict[str, str] = {}
    for article, digest in zip(ids, ordered["body_hash"].to_list()):
        if digest in first_by_hash:
            groups.union(first_by_hash[digest], article)
            kind[article] = "exact"
        else:
            first_by_hash[digest] = article

    originals = [a for a in ids if a not in kind]
    bodies = dict(zip(ids, ordered["body"].to_list()))
    sets = dict(zip(originals, shingle_hashes([bodies[a] for a in originals], shingle_words)))
    candidates = [a for a in originals if sets[a].size >= min_shingles]
    if candidates:
        lsh = MinHashLSH(threshold=threshold * 0.9, num_perm=num_perm)
        # The shingles are hashed already: datasketch's default would SHA-1 each one again in
        # Python. One MinHash at a time: the index keeps only their band hashes.
        hashes = MinHash.generator(((sets[a] & 0xFFFFFFFF).tolist() for a in candidates), num_perm=num_perm,
                                   hashfunc=int)
        for article, minhash in zip(candidates, hashes):
            for other in lsh.query(minhash):
                if hashed_jaccard(sets[article], sets[other]) >= threshold:
                    groups.union(other, article)
            lsh.insert(article, minhash)

    rows = []
    for article in ids:
        root = groups.find(article)
        if root == article:
            rows.append((article, None, None))
        else:
            rows.append((article, root, kind.get(article, "near")))
    return pl.DataFrame(rows, schema=DUPLICATE_SCHEMA, orient="row").sort("article_id")
