"""Clean flow: documents to articles, duplicates marked, publishers found."""

from pathlib import Path

import polars as pl
from prefect import flow, get_run_logger, task

from flows import cache, progress
from flows.storage import DataDir, read_parquet, write_parquet
from transforms import clean, dedup, ingest, nlp, seeds, settings, sources


@task(name="clean-batch")
def clean_batch(documents: pl.DataFrame, n_process: int = 1) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Articles and rejects of one batch, cleaned in the spaCy worker pool when there is one
    (the same processes the extract stage parses in: cleaning uses every core too)."""
    return nlp.in_workers(n_process, clean.clean_articles, documents)


@task(name="mark-duplicates-and-sources")
def corpus_marks(articles: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Articles without their site's template, with duplicate_of and source_id; and the
    sources table."""
    articles = clean.without_template(articles, clean.template_paragraphs(articles))
    marks = dedup.duplicate_marks(articles)
    by_article = sources.article_sources(articles)
    publishers = sources.sources(by_article, seeds.iso2_to_iso3())
    marked = articles.join(marks, on="article_id", how="left").join(
        by_article.select("article_id", "source_id"), on="article_id", how="left"
    )
    return marked.sort("article_id"), publishers


@flow(name="clean")
def clean_flow(data_dir: Path, n_process: int = 1) -> dict:
    """Clean every ingested document into <data-dir>/clean/, in batches of CLEAN_BATCH_DOCUMENTS
    spread over `n_process` worker processes. Returns counts."""
    logger = get_run_logger()
    store = DataDir(data_dir)
    # Incremental runs (flows/cache.py): documents and code unchanged -> outputs unchanged.
    outputs = [store.stage("clean", name) for name in ("articles", "sources", "rejects")]
    manifest = data_dir / "clean" / "manifest.json"
    fingerprint = cache.fingerprint([store.stage("ingest", "documents"), Path(__file__)], cache.code_version())
    if (counts := cache.unchanged_counts(manifest, fingerprint, outputs)) is not None:
        logger.info("clean: documents and code unchanged since the last run; outputs kept")
        return counts
    manifest.unlink(missing_ok=True)
    documents = read_parquet(store.stage("ingest", "documents"), {**ingest.DOCUMENT_SCHEMA, "run_id": pl.String})
    size = settings.CLEAN_BATCH_DOCUMENTS
    batches = [documents.slice(i, size) for i in range(0, documents.height, size)]
    n_process = n_process if documents.height >= settings.MIN_ARTICLES_PER_PROCESS * n_process else 1
    # Every batch is submitted at once (the documents are in memory already); results in order.
    futures = [(clean_batch.submit(batch, n_process), batch.height) for batch in batches]
    parts = [future.result() for future, _ in progress.track("clean", futures, documents.height, "documents",
                                                             size=lambda item: item[1])]
    articles = pl.concat([a for a, _ in parts]) if parts else pl.DataFrame(schema=clean.ARTICLE_SCHEMA)
    rejects = pl.concat([r for _, r in parts]) if parts else ingest.rejects_frame([])
    rejects = rejects.join(documents.select("doc_id", "run_id"), on="doc_id", how="left")
    marked, publishers = corpus_marks(articles)
    write_parquet(marked, store.stage("clean", "articles"))
    write_parquet(publishers, store.stage("clean", "sources"))
    write_parquet(rejects, store.stage("clean", "rejects"))
    duplicates = marked.filter(pl.col("duplicate_of").is_not_null()).height
    logger.info("clean: %d articles (%d duplicates), %d sources, %d rejected", marked.height, duplicates,
                publishers.height, rejects.height)
    counts = {"read": documents.height, "written": marked.height, "duplicates": duplicates,
              "sources": publishers.height, "rejected": rejects.height}
    cache.record(manifest, fingerprint, counts)
    return counts
