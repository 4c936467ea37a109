"""The Dask path (`--dask-address`): the extract stage's NLP batches on a LocalCluster give the
same warehouse as the local path, and the batches really ran on the Dask worker."""

from __future__ import annotations

import shutil

import duckdb
import pytest
from prefect.testing.utilities import prefect_test_harness

from flows.pipeline import dateline_pipeline
from transforms import settings
from transforms.settings import SAMPLE_DIR, WAREHOUSE_TABLES

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def harness():
    with prefect_test_harness(server_startup_timeout=90):
        yield


def _tables(warehouse) -> dict[str, list]:
    """Every table but `runs`, without run ids (two runs never share one)."""
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        snapshot = {}
        for table in WAREHOUSE_TABLES:
            if table == "runs":
                continue
            columns = [r[0] for r in con.execute(
                "select column_name from information_schema.columns where table_name = ? order by ordinal_position",
                [table]).fetchall() if r[0] != "run_id"]
            snapshot[table] = con.execute(f"select {', '.join(columns)} from {table} order by all").fetchall()
        return snapshot
    finally:
        con.close()


def _worker_loaded_model() -> bool:
    import transforms.nlp

    return transforms.nlp.pipeline.cache_info().currsize == 1


def test_dask_path_builds_the_same_warehouse_as_the_local_path(harness, tmp_path, monkeypatch):
    from distributed import Client, LocalCluster

    inputs = tmp_path / "inputs"
    shutil.copytree(SAMPLE_DIR, inputs)
    local = dateline_pipeline([inputs], tmp_path / "local-data", tmp_path / "local.duckdb")
    # One article per batch, so the Dask run has several batches in flight and must still
    # put every row back in the order the local run produced.
    monkeypatch.setattr(settings, "EXTRACT_BATCH_ARTICLES", 1)
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        on_dask = dateline_pipeline([inputs], tmp_path / "dask-data", tmp_path / "dask.duckdb",
                                    dask_address=cluster.scheduler_address)
        with Client(cluster) as client:
            loaded = list(client.run(_worker_loaded_model).values())
    assert loaded == [True]
    assert on_dask["extract"]["parsed"] == local["extract"]["parsed"] == 2
    assert len(list((tmp_path / "dask-data" / "extract" / "nlp-cache").glob("*/keys-*.parquet"))) == 2
    local_tables, dask_tables = _tables(tmp_path / "local.duckdb"), _tables(tmp_path / "dask.duckdb")
    assert local_tables["mentions"] and local_tables["events"]
    for table in local_tables:
        assert dask_tables[table] == local_tables[table], table
