"""Extract flow: entity mentions, canonical entities, and merged events from clean articles."""

from __future__ import annotations

from pathlib import Path

import polars as pl
from prefect import flow, get_run_logger, task

from flows import progress
from flows.storage import DataDir, read_parquet, write_parquet
from transforms import clean, entities, events, nlp, settings, stories, tone


@task(name="nlp-batch")
def annotate_batch(articles: pl.DataFrame, n_process: int) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Raw mentions and raw event mentions of one batch (the spaCy model loads once per process)."""
    return nlp.annotations(articles, n_process=n_process)


@task(name="resolve-entities-and-merge-events")
def resolve(raw_mentions: pl.DataFrame, raw_events: pl.DataFrame, articles: pl.DataFrame):
    mentions, found = entities.resolved_mentions(raw_mentions)
    tones = tone.article_tones(articles)
    merged, reports = events.merged_events(raw_events, mentions, found, articles.join(tones, on="article_id"))
    return mentions, found, merged, reports, tones


@task(name="stories")
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
def extract_flow(data_dir: Path, n_process: int = settings.NLP_PROCESSES) -> dict:
    """Extract mentions, entities and events from <data-dir>/clean/ into <data-dir>/extract/."""
    logger = get_run_logger()
    store = DataDir(data_dir)
    articles = read_parquet(store.stage("clean", "articles"), clean.ARTICLE_SCHEMA)
    todo, skipped = extractable(articles)
    size = settings.EXTRACT_BATCH_ARTICLES
    # Worker processes cost a model load each: not worth it for a handful of articles.
    n_process = n_process if todo.height >= settings.MIN_ARTICLES_PER_PROCESS * n_process else 1
    batches = [todo.slice(i, size) for i in range(0, todo.height, size)]
    parts = [annotate_batch(batch, n_process) for batch in progress.track("extract", batches, todo.height, "articles")]
    raw_mentions = pl.concat([m for m, _ in parts]) if parts else pl.DataFrame(schema=nlp.RAW_MENTION_SCHEMA)
    raw_events = pl.concat([e for _, e in parts]) if parts else pl.DataFrame(schema=nlp.RAW_EVENT_MENTION_SCHEMA)
    mentions, found, merged, reports, tones = resolve(raw_mentions, raw_events, todo)
    article_stories = group_stories(articles, todo, mentions, found, tones)
    write_parquet(mentions, store.stage("extract", "mentions"))
    write_parquet(found, store.stage("extract", "entities"))
    write_parquet(merged, store.stage("extract", "events"))
    write_parquet(reports, store.stage("extract", "event_mentions"))
    write_parquet(article_stories, store.stage("extract", "article_stories"))
    write_parquet(skipped, store.stage("extract", "rejects"))
    logger.info("extract: %d articles in %d stories, %d mentions of %d entities, %d reports of %d events, %d skipped",
                todo.height, article_stories["story_id"].n_unique(), mentions.height, found.height, reports.height,
                merged.height, skipped.height)
    return {"read": todo.height, "mentions": mentions.height, "entities": found.height,
            "event_mentions": reports.height, "events": merged.height, "rejected": skipped.height}

