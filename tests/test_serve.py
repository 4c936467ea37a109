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
