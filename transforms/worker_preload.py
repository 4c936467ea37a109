"""Imported by multiprocessing's fork server before it forks the spaCy workers
(`nlp._worker_pool`): spaCy, its model as shipped, the language identifier and VADER's
lexicon load once, here, and every worker starts as a copy of this process instead of loading
them itself. Each worker then adds dateline's components (`nlp.pipeline`).

Nothing here may run polars: its thread pool does not survive a fork, and a forked worker's
first polars call would wait forever for threads that are not there. The seeds (polars) are
read in each worker.

A failure is left for the workers to report: each loads whatever is missing when it starts,
and an error there reaches the run with its traceback (the fork server would swallow it).
"""

import contextlib

with contextlib.suppress(Exception):
    from transforms import clean, nlp, tone

    nlp._shipped_model()
    clean._language_identifier()
    tone._analyzer()
