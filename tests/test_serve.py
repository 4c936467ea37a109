"""The `serve` and `check` commands' contracts that need no Prefect server."""

from __future__ import annotations

import os

from typer.testing import CliRunner

from flows.cli import UsageError, app


def test_serve_without_a_prefect_server_says_how_to_start_one(tmp_path, monkeypatch):
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    from prefect.settings import PREFECT_API_URL

    if PREFECT_API_URL.value():  # set in a profile: then serve would really start
        return
    result = CliRunner().invoke(app, ["serve", str(tmp_path), "--cron", "*/15 * * * *",
                                      "--warehouse", str(tmp_path / "w.duckdb"), "--data-dir", str(tmp_path / "d")])
    assert isinstance(result.exception, UsageError)
    assert "prefect server start" in str(result.exception) and "PREFECT_API_URL" in str(result.exception)


def test_check_and_serve_help_end_with_an_example():
    for command in ("check", "serve"):
        result = CliRunner().invoke(app, [command, "--help"], env={**os.environ, "COLUMNS": "200"})
        assert result.exit_code == 0
        assert "Example: dateline " + command in result.output


def test_check_on_a_missing_warehouse_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(app, ["check", "--warehouse", str(tmp_path / "none.duckdb")])
    assert isinstance(result.exception, UsageError)


def test_flows_validate_the_parameters_a_served_run_sends():
    """A scheduled run (serve) hands every flow JSON parameters that Prefect validates against
    the signature: strings must come back as the Paths and ints the flows expect. (The failure
    seen in a live served run, "Ingest_FlowModel is not fully defined" from postponed
    annotations in the flow modules, only showed in Prefect's runner process; it was fixed and
    checked live against `prefect server start`, see the commit that added this test.)"""
    from flows.clean import clean_flow
    from flows.extract import extract_flow
    from flows.ingest import ingest_flow
    from flows.load import load_flow
    from flows.pipeline import dateline_pipeline

    served = dateline_pipeline.validate_parameters(
        {"inputs": ["seeds/sample"], "data_dir": "data", "warehouse": "w.duckdb", "n_process": 1, "wait": True})
    assert served["inputs"][0].name == "sample" and served["wait"] is True
    assert ingest_flow.validate_parameters({"inputs": ["a"], "data_dir": "d", "run_id": "r"})["data_dir"].name == "d"
    assert clean_flow.validate_parameters({"data_dir": "d"})["data_dir"].name == "d"
    assert extract_flow.validate_parameters({"data_dir": "d", "n_process": 1})["n_process"] == 1
    assert load_flow.validate_parameters({"data_dir": "d", "warehouse": "w", "run": {}})["warehouse"].name == "w"
