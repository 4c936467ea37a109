"""The `dateline` command: help examples that run, progress lines, and errors a user can fix."""

from __future__ import annotations

import re
import shlex
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import ROOT, help_example, with_paths
from flows import cli
from flows.cli import app

COMMANDS = sorted(c.name or c.callback.__name__ for c in app.registered_commands)


def invoke(*args: str):
    return CliRunner().invoke(app, [str(a) for a in args])


def run_main(monkeypatch, capsys, *args: str) -> tuple[int, str, str]:
    """`dateline ARGS` through main(), the real entry point: (exit code, stdout, stderr)."""
    monkeypatch.setattr(sys, "argv", ["dateline", *map(str, args)])
    with pytest.raises(SystemExit) as exit_info:
        cli.main()
    out, err = capsys.readouterr()
    return exit_info.value.code, out, err


def test_every_command_help_ends_with_an_example_of_itself():
    assert {"run", "check", "sql", "report"} <= set(COMMANDS)
    for command in COMMANDS:
        assert help_example(command)[0] == command


@pytest.mark.slow
def test_run_example_prints_progress_per_stage_then_the_summary(sample_warehouse):
    _, output = sample_warehouse
    for stage, unit in (("ingest", "files"), ("clean", "documents"), ("extract", "articles")):
        assert re.search(rf"dateline: {stage}: started, \d+ {unit}", output), output
        assert re.search(rf"dateline: {stage}: done, \d+ {unit} in \d+", output), output
    assert "dateline: resolve+load: started" in output and re.search(r"dateline: resolve\+load: done in \d+", output)
    assert output.index("extract: done") < output.index("resolve+load: done") < output.index("checks   all passed")


@pytest.mark.slow
@pytest.mark.parametrize("command", ["check", "sql", "report"])
def test_help_example_runs_on_the_sample_warehouse(command, sample_warehouse, tmp_path):
    warehouse, _ = sample_warehouse
    args = with_paths(help_example(command), warehouse=warehouse)
    if command == "report":
        args = with_paths(args, o=tmp_path / "report.html")
    result = invoke(*args)
    assert result.exit_code == 0, result.output
    assert result.output.strip()


def _readme_commands() -> list[list[str]]:
    """Every `dateline ...` command in the README's sh blocks (with any `.venv/bin/` prefix dropped)."""
    text = (ROOT / "README.md").read_text()
    commands = []
    for block in re.findall(r"```sh\n(.*?)```", text, flags=re.S):
        for line in block.splitlines():
            line = line.split("  #")[0].strip()
            match = re.match(r"^(?:\.venv/bin/)?dateline (.+)$", line)
            if match:
                commands.append(shlex.split(match[1]))
    return commands


@pytest.mark.slow
def test_readme_commands_run_on_the_sample_warehouse(sample_warehouse, tmp_path, monkeypatch):
    warehouse, _ = sample_warehouse
    commands = _readme_commands()
    assert {c[0] for c in commands} >= {"report", "sql"}
    monkeypatch.chdir(tmp_path)
    for args in commands:
        if args[0] in ("run", "serve"):
            # The sample run itself is the sample_warehouse fixture; serve runs until stopped
            # against a Prefect server (tests/test_serve.py covers its contract).
            continue
        result = invoke(*with_paths(args, warehouse=warehouse))
        assert result.exit_code == 0, (args, result.output)


def test_missing_input_names_the_path_and_what_to_give(monkeypatch, capsys, tmp_path):
    code, out, err = run_main(monkeypatch, capsys, "run", tmp_path / "nope", "--warehouse", tmp_path / "w.duckdb")
    assert code == 2
    assert err.count("\n") == 1 and "Traceback" not in err
    assert f"input path not found: {tmp_path / 'nope'}" in err and ".jsonl" in err


@pytest.mark.parametrize("command", ["check", "sql", "report"])
def test_missing_warehouse_says_to_run_first(command, monkeypatch, capsys, tmp_path):
    args = [command, "--warehouse", tmp_path / "none.duckdb"] + (["select 1"] if command == "sql" else [])
    code, _, err = run_main(monkeypatch, capsys, *args)
    assert code == 2 and err.count("\n") == 1
    assert "warehouse not found" in err and "dateline run" in err and "--warehouse" in err


def test_a_file_that_is_not_duckdb_is_named(monkeypatch, capsys, tmp_path):
    fake = tmp_path / "notes.duckdb"
    fake.write_text("not a database at all, just some words")
    code, _, err = run_main(monkeypatch, capsys, "sql", "select 1", "--warehouse", fake)
    assert code == 2 and f"--warehouse {fake} is not a DuckDB file" in err


@pytest.mark.slow
def test_bad_sql_shows_duckdbs_reason_and_where_columns_are(sample_warehouse, monkeypatch, capsys):
    warehouse, _ = sample_warehouse
    code, _, err = run_main(monkeypatch, capsys, "sql", "select no_such_column from events", "--warehouse", warehouse)
    assert code == 2 and err.count("\n") == 1
    assert "no_such_column" in err and "docs/tables.md" in err and "Traceback" not in err


@pytest.mark.slow
def test_report_into_a_missing_folder_names_the_option(sample_warehouse, monkeypatch, capsys, tmp_path):
    warehouse, _ = sample_warehouse
    code, _, err = run_main(monkeypatch, capsys, "report", "--warehouse", warehouse, "-o", tmp_path / "no" / "r.html")
    assert code == 2 and "-o" in err and "does not exist" in err


@pytest.mark.slow
def test_sql_csv_prints_a_header_and_every_row(sample_warehouse):
    warehouse, _ = sample_warehouse
    result = invoke("sql", "select event_id from events order by event_id", "--warehouse", warehouse, "--csv")
    lines = result.output.splitlines()
    assert result.exit_code == 0 and lines[0] == "event_id"
    import duckdb

    con = duckdb.connect(str(warehouse), read_only=True)
    expected = [r[0] for r in con.execute("select event_id from events order by event_id").fetchall()]
    con.close()
    assert lines[1:] == expected and expected


def test_unexpected_errors_are_one_line_unless_debug(monkeypatch, capsys, tmp_path):
    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("flows.report.write_report", broken)
    warehouse = tmp_path / "w.duckdb"
    import duckdb

    duckdb.connect(str(warehouse)).close()
    code, _, err = run_main(monkeypatch, capsys, "report", "--warehouse", warehouse, "-o", tmp_path / "r.html")
    assert code == 1 and err == "dateline: RuntimeError: disk on fire (rerun with --debug for the traceback)\n"
    monkeypatch.setattr(sys, "argv", ["dateline", "report", "--warehouse", str(warehouse), "--debug"])
    with pytest.raises(RuntimeError, match="disk on fire"):
        cli.main()



@pytest.mark.parametrize("args, message", [
    (["--processes", "-1"], "--processes -1 is negative"),
    (["--data-dir", "FILE"], "is a file; give a folder"),
    (["--warehouse", "DIR"], "is a folder; give a file name"),
])
def test_run_options_a_user_gets_wrong_are_named(args, message, monkeypatch, capsys, tmp_path):
    (tmp_path / "FILE").write_text("x")
    (tmp_path / "DIR").mkdir()
    args = [str(tmp_path / a) if a in ("FILE", "DIR") else a for a in args]
    code, _, err = run_main(monkeypatch, capsys, "run", "--warehouse", tmp_path / "w.duckdb",
                            "--data-dir", tmp_path / "data", *args)
    assert code == 2 and message in err and err.count("\n") == 1


def test_report_on_a_duckdb_file_without_dateline_tables_says_how_to_build_it(monkeypatch, capsys, tmp_path):
    import duckdb

    other = tmp_path / "other.duckdb"
    duckdb.connect(str(other)).close()
    code, _, err = run_main(monkeypatch, capsys, "report", "--warehouse", other, "-o", tmp_path / "r.html")
    assert code == 2 and "lacks dateline tables" in err and f"dateline run INPUT --warehouse {other}" in err
