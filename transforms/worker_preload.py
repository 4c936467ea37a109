"""Imported by multiprocessing's fork server before it forks the spaCy workers
(`nlp._worker_pool`): spaCy and its model as shipped, the language identifier and VADER's
lexicon load once, here, and every worker starts as a copy of this process instead of loading
them itself. Each worker then adds dateline's components (`nlp.pipeline`).

Only `packaged_models` is imported, which imports no polars: polars starts threads on import
(and a thread pool on first use) that a forked worker would not have; a worker's first
polars call could wait forever for them. The seeds (polars) are read in each worker.

A failure here is left to the workers: each loads whatever is missing when it starts, and a
failure there is logged on the worker's stderr and breaks the pool, which the run reports.
"""

import contextlib

with contextlib.suppress(Exception):
    from transforms import packaged_models

    packaged_models.spacy_model()
    packaged_models.language_identifier()
    packaged_models.sentiment_analyzer()
