"""Imported by multiprocessing's fork server before it forks the spaCy workers
(`nlp._worker_pool`): spaCy, the pipeline (the model plus dateline's gazetteer ruler and
components, `spacy_pipeline.pipeline`), the language identifier and VADER's lexicon are built
once, here, and every worker starts as a copy of this process instead of building them itself
(the gazetteer alone is ~1.5 CPU s and ~11,000 vocabulary entries per process).

Only modules that import no polars are imported: polars starts threads on import (and a thread
pool on first use) that a forked worker would not have; a worker's first polars call could
wait forever for them. The workers import polars themselves.

A failure here is left to the workers: each builds whatever is missing when it starts, and a
failure there is logged on the worker's stderr and breaks the pool, which the run reports.
"""

import contextlib

with contextlib.suppress(Exception):
    from transforms import packaged_models, spacy_pipeline

    spacy_pipeline.pipeline()
    packaged_models.language_identifier()
    packaged_models.sentiment_analyzer()
