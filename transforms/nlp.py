"""The spaCy pipeline: the small English model plus a gazetteer ruler built from seeds/.

The ruler runs before the statistical NER, so names the small model gets wrong (capitals
used as actors, demonyms, international organisations, military ranks read as PERSON) are
fixed by the gazetteer, and every gazetteer match carries its canonical id in `ent_id_`:

    country:KOR      a country name, official name or alias         (GPE)
    country:KOR      a demonym or nationality adjective              (NORP)
    city:BEL:Brussels  a capital or major city                       (GPE)
    org:NATO         an organisation alias                           (ORG)
    region:...       a region name the small model splits wrongly    (LOC)
    title:Admiral    a rank abbreviation ("Adm.", "Lt. Gen.")        (TITLE, never a mention)

Loaded once per process (functools.cache); only the components the extract stage reads run.
"""

from __future__ import annotations

import functools
import threading

import polars as pl

from transforms import seeds, settings

# Regions that the demonym patterns would otherwise cut in two ("Korean" + "Peninsula").
REGION_PATTERNS = (
    "Korean Peninsula", "Indo-Pacific", "Asia Pacific", "Asia-Pacific", "Middle East", "Gaza Strip",
    "West Bank", "Balkans", "Sahel", "Horn of Africa", "Persian Gulf", "South China Sea",
    "East China Sea", "Black Sea", "Baltic Sea", "Red Sea", "Taiwan Strait", "Korean War",
)
# Aliases that collide with common English words when matched case-sensitively.
AMBIGUOUS_ALIASES = frozenset({"IS", "IT", "AS", "OR", "IN", "ME", "OK", "May", "Man", "Bar", "Of", "To", "Al"})
# When one alias has several readings, the first kind here wins ("Singapore" is the country).
ID_PRIORITY = ("title", "country", "org", "city", "region")


def gazetteer_patterns() -> list[dict]:
    """EntityRuler patterns from the seed tables, longest alias first."""
    patterns: list[dict] = []
    aliases = seeds.country_aliases()
    for alias, iso3, kind in aliases.select("alias", "iso3", "kind").iter_rows():
        if alias in AMBIGUOUS_ALIASES:
            continue
        if kind == "demonym":
            patterns.append({"label": "NORP", "pattern": alias, "id": f"country:{iso3}"})
        elif kind in ("capital", "city"):
            patterns.append({"label": "GPE", "pattern": alias, "id": f"city:{iso3}:{alias}"})
        else:
            patterns.append({"label": "GPE", "pattern": alias, "id": f"country:{iso3}"})
    for alias, org_id in seeds.organisations().select("alias", "org_id").iter_rows():
        patterns.append({"label": "ORG", "pattern": alias, "id": f"org:{org_id}"})
        if alias[:1].isupper() and not alias.lower().startswith("the "):
            patterns.append({"label": "ORG", "pattern": f"the {alias}", "id": f"org:{org_id}"})
    for region in REGION_PATTERNS:
        patterns.append({"label": "LOC", "pattern": region, "id": f"region:{region}"})
    for title, normalized, kind in seeds.titles().select("title", "normalized", "kind").iter_rows():
        # Only abbreviated ranks and honorifics: the small model reads "Lt" or "Adm." as names.
        if title.endswith(".") and title[:1].isupper():
            patterns.append({"label": "TITLE", "pattern": title, "id": f"title:{normalized}"})
    rank = {kind: i for i, kind in enumerate(ID_PRIORITY)}
    ordered = sorted(patterns, key=lambda p: (p["pattern"], rank[p["id"].split(":")[0]], p["id"]))
    unique: dict[str, dict] = {}
    for pattern in ordered:
        unique.setdefault(pattern["pattern"], pattern)
    return [unique[k] for k in sorted(unique, key=lambda k: (-len(k), k))]


@functools.cache
def pipeline():
    """The spaCy pipeline used by the extract stage (cached per process)."""
    import spacy

    nlp = spacy.load(settings.SPACY_MODEL)
    ruler = nlp.add_pipe("entity_ruler", before="ner", config={"phrase_matcher_attr": "ORTH", "overwrite_ents": False})
    ruler.add_patterns(gazetteer_patterns())
    return nlp


RAW_MENTION_SCHEMA = {
    "mention_id": pl.String,
    "article_id": pl.String,
    "mention_index": pl.Int64,  # position in the article's mention list
    "alias_of": pl.Int64,  # mention_index of the full name a bare surname stands for
    "sentence_index": pl.Int64,
    "start_char": pl.Int64,
    "end_char": pl.Int64,
    "text": pl.String,
    "label": pl.String,
    "gazetteer_id": pl.String,
    "title": pl.String,
    "rank": pl.String,
    "role": pl.String,
    "country_hint": pl.String,
    "sector_hint": pl.String,
    "org_hint": pl.String,
    "published_date": pl.String,
}

RAW_EVENT_MENTION_SCHEMA = {
    "article_id": pl.String,
    "sentence_index": pl.Int64,
    "start_char": pl.Int64,
    "end_char": pl.Int64,
    "quote": pl.String,
    "trigger": pl.String,
    "trigger_start_char": pl.Int64,
    "cameo_code": pl.String,
    "status": pl.String,
    "actor_mention_ids": pl.List(pl.String),
    "recipient_mention_ids": pl.List(pl.String),
    "actor_text": pl.String,
    "recipient_text": pl.String,
    "actor_sector_hint": pl.String,
    "object_lemma": pl.String,
    "date_text": pl.String,
    "tense": pl.String,
    "confidence": pl.Float64,
}


def text_for_parsing(body: str) -> str:
    """The body with its dateline closed by a full stop ("Seoul, South Korea - Top" ->
    "Seoul, South Korea.  Top"), same length, so offsets still point into the body. Without
    it the parser reads the dateline place as the subject of the first sentence."""
    from transforms.clean import DATELINE

    match = DATELINE.match(body)
    if not match:
        return body
    dateline_end = match.end("dateline")
    separator = body[dateline_end : match.end()]
    return body[:dateline_end] + "." + " " * (len(separator) - 1) + body[match.end():]


def annotations(
    articles: pl.DataFrame,
    n_process: int = settings.NLP_PROCESSES,
    batch_size: int = settings.NLP_BATCH_SIZE,
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(raw mentions, raw event mentions) of a batch of articles (article_id, body, published_at),
    in the order of `articles`.

    One spaCy pass per article; mentions and event triggers are read off the same Doc. With
    n_process > 1 the batch is cut into chunks of `batch_size` articles that a pool of worker
    processes parses: each worker loads the model once and keeps it for the life of this
    process, and reads mentions and events off its own Docs, so only small frames travel back
    and this process stays free (spaCy's own n_process would ship every Doc back here). Inside
    a Dask worker (a daemonic process, which may not start children) use n_process=1.
    """
    columns = articles.select("article_id", "body", "published_at")
    if n_process <= 1:
        return _chunk_annotations(columns, batch_size)
    chunks = [columns.slice(i, batch_size) for i in range(0, columns.height, batch_size)]
    parts = list(_worker_pool(n_process).map(_chunk_annotations, chunks, [batch_size] * len(chunks)))
    if not parts:
        return pl.DataFrame(schema=RAW_MENTION_SCHEMA), pl.DataFrame(schema=RAW_EVENT_MENTION_SCHEMA)
    return pl.concat([m for m, _ in parts]), pl.concat([e for _, e in parts])


_POOLS: dict = {}
_POOLS_LOCK = threading.Lock()


def _worker_pool(n_process: int):
    """The process's pool of `n_process` worker processes that each load the pipeline once
    (spawned, not forked: the parent runs Prefect's threads, and forking a threaded process
    can deadlock). Batches running in several threads share it."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    with _POOLS_LOCK:
        if n_process not in _POOLS:
            context = multiprocessing.get_context("spawn")
            _POOLS[n_process] = ProcessPoolExecutor(n_process, mp_context=context, initializer=pipeline)
        return _POOLS[n_process]


def start_workers(n_process: int) -> None:
    """Start the worker pool and load the model in each worker now, without waiting, so the
    loads overlap whatever runs before the first batch (Prefect start-up, ingest, clean)."""
    if n_process > 1:
        pool = _worker_pool(n_process)
        for _ in range(n_process):
            pool.submit(_loaded)


def stop_workers() -> None:
    """Stop the worker pools (their memory is freed before corpus-level resolution runs)."""
    with _POOLS_LOCK:
        pools = list(_POOLS.values())
        _POOLS.clear()
    for pool in pools:
        pool.shutdown(wait=True)


def _loaded() -> bool:
    return pipeline() is not None


def _chunk_annotations(articles: pl.DataFrame, batch_size: int) -> tuple[pl.DataFrame, pl.DataFrame]:
    """`annotations` of a chunk, in this process."""
    from transforms import entities, events, mentions

    nlp = pipeline()
    ids = articles["article_id"].to_list()
    published = [p.date().isoformat() if p is not None else None for p in articles["published_at"].to_list()]
    mention_rows, event_rows = [], []
    bodies = articles["body"].to_list()
    docs = nlp.pipe([text_for_parsing(body) for body in bodies], batch_size=batch_size)
    for article_id, pub_date, body, doc in zip(ids, published, bodies, docs):
        found = mentions.doc_mentions(doc)
        mention_ids = [entities.mention_id(article_id, m.start_char, m.end_char) for m in found]
        for index, m in enumerate(found):
            mention_rows.append({
                "mention_id": mention_ids[index], "article_id": article_id, "mention_index": index,
                "alias_of": m.alias_of, "sentence_index": m.sentence_index, "start_char": m.start_char,
                "end_char": m.end_char, "text": body[m.start_char : m.end_char], "label": m.label, "gazetteer_id": m.gazetteer_id,
                "title": m.title, "rank": m.rank, "role": m.role, "country_hint": m.country_hint,
                "sector_hint": m.sector_hint, "org_hint": m.org_hint, "published_date": pub_date,
            })
        for row in events.doc_event_mentions(doc, found):
            row["article_id"] = article_id
            row["quote"] = body[row["start_char"] : row["end_char"]]
            row["actor_mention_ids"] = [mention_ids[i] for i in row.pop("actor_mentions")]
            row["recipient_mention_ids"] = [mention_ids[i] for i in row.pop("recipient_mentions")]
            event_rows.append(row)
    return (
        pl.DataFrame(mention_rows, schema=RAW_MENTION_SCHEMA, orient="row"),
        pl.DataFrame(event_rows, schema=RAW_EVENT_MENTION_SCHEMA, orient="row"),
    )
