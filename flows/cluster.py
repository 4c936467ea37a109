"""Running the heavy stage on Dask: the extract flow with prefect-dask's DaskTaskRunner.

`dateline run --dask-address tcp://HOST:PORT` sends every NLP batch of the extract stage to an
existing Dask cluster; `--workers N` starts a local one (N worker processes, one thread each,
since spaCy holds the GIL). Ingest, clean, entity resolution and load stay in the calling
process: they are cheap beside the NLP, and resolution needs the whole corpus at once.

On a Dask worker the spaCy model loads once per worker process (transforms.nlp.pipeline is
cached) and parses in that process (a Dask worker is daemonic and may not start children), so
the cluster's parallelism is its number of worker threads.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Iterator


def _quiet_dask() -> None:
    """Dask logs every connection at INFO; keep its warnings only (the workers inherit this)."""
    os.environ.setdefault("DASK_LOGGING__DISTRIBUTED", "warning")
    logging.getLogger("distributed").setLevel(logging.WARNING)


def cluster_threads(address: str) -> int:
    """Worker threads of the Dask cluster at `address` (how many NLP batches can run at once)."""
    _quiet_dask()
    from distributed import Client

    with Client(address, timeout="30s") as client:
        return max(1, sum(client.nthreads().values()))


def extract_runner(address: str):
    """A DaskTaskRunner for the extract flow's NLP batches."""
    from prefect_dask import DaskTaskRunner

    return DaskTaskRunner(address=address)


@contextlib.contextmanager
def local_cluster(n_workers: int) -> Iterator[str]:
    """A local Dask cluster for one run; yields its scheduler address.

    Without a Prefect API URL, every Dask worker process would start a temporary Prefect server
    of its own (seconds each, all writing one SQLite file): start the temporary server here
    first and point the workers at it.
    """
    _quiet_dask()
    from distributed import LocalCluster
    from prefect.settings import PREFECT_API_URL, temporary_settings

    with contextlib.ExitStack() as stack:
        if not PREFECT_API_URL.value():
            from prefect.server.api.server import SubprocessASGIServer

            server = SubprocessASGIServer()
            server.start()
            # The workers receive this through the task's serialized settings context.
            stack.enter_context(temporary_settings({PREFECT_API_URL: server.api_url}))
        cluster = stack.enter_context(
            LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=True, dashboard_address=None)
        )
        yield cluster.scheduler_address
