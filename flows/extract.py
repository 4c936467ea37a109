"""Extract flow: entity mentions, canonical entities, and merged events from clean articles."""

from collections import deque
from pathlib import Path

import polars as pl
from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE

from flows import cache, progress
from flows.storage import DataDir, read_parquet, write_parquet
from transforms import clean, entities, events, nlp, settings, stories, tone


@task(name="nlp-batch", cache_policy=NO_CACHE)
def annotate_batch(articles: pl.DataFrame, n_process: int, cache_dir: Path) -> int:
    """Parse one batch and store its raw mentions, event mentions and article tones in the NLP
    cache (on a Dask worker this folder must be shared storage). Returns the number of articles
    parsed. Tone is per-article work too, so it runs in the worker processes beside the parsing:
    queued before the batch's parsing, so the batch is done when its last chunk is parsed."""
    tones = nlp.submit_to_workers(n_process, tone.article_tones, articles.select("article_id", "body"))
    mentions, reports = nlp.annotations(articles, n_process=n_process)
    tones = tones.result()
    cache.write_batch(cache_dir, articles.select("article_id", "nlp_key"), mentions, reports, tones)
    return articles.height


@task(name="resolve-entities-and-merge-events", cache_policy=NO_CACHE)
def resolve(cache_dir: Path, wanted: pl.DataFrame, articles: pl.DataFrame):
    """Entities resolved and events merged over every wanted article, read from the NLP cache;
    `articles` are the extracted ones (their tone feeds events.avg_tone)."""
    raw_mentions = cache.cached_rows(cache_dir, "mentions", wanted, nlp.RAW_MENTION_SCHEMA)
    raw_events = cache.cached_rows(cache_dir, "events", wanted, nlp.RAW_EVENT_MENTION_SCHEMA)
    tones = cache.cached_rows(cache_dir, "tones", wanted, tone.TONE_SCHEMA)
    mentions, found = entities.resolved_mentions(raw_mentions)
    merged, reports = events.merged_events(raw_events, mentions, found, articles.join(tones, on="article_id"))
    return mentions, found, merged, reports, tones


@task(name="stories", cache_policy=NO_CACHE)
def group_stories(articles: pl.DataFrame, extracted: pl.DataFrame, mentions: pl.DataFrame, found: pl.DataFrame,
                  tones: pl.DataFrame) -> pl.DataFrame:
    """story_id and tone for every article (duplicates take their original's)."""
    return stories.article_stories(articles, stories.story_ids(extracted, mentions, found), tones)


def extractable(articles: pl.DataFrame, languages: tuple[str, ...] = settings.EXTRACT_LANGUAGES):
    """(articles to extract, rejects for the ones skipped): duplicates are skipped silently
    (their original is extracted); other languages are kept but recorded as not extracted."""
    originals = articles.filter(pl.col("duplicate_of").is_null())
    supported = pl.col("language").is_in(list(languages)) | pl.col("language").is_null()
    skipped = originals.filter(~supported).select(
        "input_path", "doc_id",
        stage=pl.lit("extract"),
        reason=pl.format("language '{}' is not supported by the English model: article kept, not extracted",
                         pl.col("language")),
        run_id="run_id",
    )
    return originals.filter(supported), skipped


@flow(name="extract")
def extract_flow(data_dir: Path, n_process: int = settings.NLP_PROCESSES, batches_in_flight: int = 2) -> dict:
    """Extract mentions, entities and events from <data-dir>/clean/ into <data-dir>/extract/.

    When the clean articles and the code are byte-identical to the last run's, the outputs are
    kept as they are. Otherwise only articles missing from the NLP cache are parsed, in batches
    of EXTRACT_BATCH_ARTICLES (one task each, at most `batches_in_flight` at a time so memory
    stays bounded); entity resolution and event merging then run over the whole corpus.
    """
    logger = get_run_logger()
    store = DataDir(data_dir)
    version = cache.code_version()
    outputs = [store.stage("extract", name)
               for name in ("mentions", "entities", "events", "event_mentions", "rejects", "article_stories")]
    manifest = data_dir / "extract" / "manifest.json"
    fingerprint = cache.fingerprint([store.stage("clean", "articles"), Path(__file__)], version)
    if (counts := cache.unchanged_counts(manifest, fingerprint, outputs)) is not None:
        logger.info("extract: clean articles and code unchanged since the last run; outputs kept")
        return {**counts, "parsed": 0}
    manifest.unlink(missing_ok=True)
    articles = read_parquet(store.stage("clean", "articles"), clean.ARTICLE_SCHEMA)
    todo, skipped = extractable(articles)
    cache.prune(data_dir, version)
    cache_dir = cache.folder(data_dir, version)
    wanted = cache.keyed(todo.select("article_id", "body", "published_at", "title"), version)
    missing = wanted.join(cache.cached_keys(cache_dir), on=["article_id", "nlp_key"], how="anti").sort("article_id")
    size = settings.EXTRACT_BATCH_ARTICLES
    # Worker processes cost a model load each: not worth it for a handful of articles.
    n_process = n_process if missing.height >= settings.MIN_ARTICLES_PER_PROCESS * n_process else 1

    def parsed_batches():
        """Submit the batches, at most `batches_in_flight` at a time; yield each one's article
        count as it finishes (so progress counts parsed articles, not submitted ones)."""
        in_flight: deque = deque()
        for i in range(0, missing.height, size):
            if len(in_flight) >= max(1, batches_in_flight):
                yield in_flight.popleft().result()
            in_flight.append(annotate_batch.submit(missing.slice(i, size), n_process, cache_dir))
        while in_flight:
            yield in_flight.popleft().result()

    for _ in progress.track("extract", parsed_batches(), missing.height, "articles", size=lambda parsed: parsed):
        pass
    nlp.stop_workers(wait=False)  # the spaCy workers' memory is not needed for resolution
    mentions, found, merged, reports, tones = resolve(cache_dir, wanted, todo)
    article_stories = group_stories(articles, todo, mentions, found, tones)
    for frame, path in zip((mentions, found, merged, reports, skipped, article_stories), outputs):
        write_parquet(frame, path)
    logger.info("extract: %d articles (%d parsed, %d from the cache) in %d stories, %d mentions of %d entities, "
                "%d reports of %d events, %d skipped", todo.height, missing.height, todo.height - missing.height,
                article_stories["story_id"].n_unique(), mentions.height, found.height, reports.height,
                merged.height, skipped.height)
    counts = {"read": todo.height, "parsed": missing.height, "mentions": mentions.height, "entities": found.height,
              "event_mentions": reports.height, "events": merged.height, "rejected": skipped.height}
    cache.record(manifest, fingerprint, counts)
    return counts
