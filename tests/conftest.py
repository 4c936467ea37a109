"""Shared fixtures. Tests never need ../shared: corpus-backed checks skip when it is absent."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import flows  # noqa: E402,F401  (quiet, offline Prefect settings before Prefect is imported)

SHARED_CORPUS = ROOT.parent / "shared" / "corpus"


@pytest.fixture(scope="session")
def shared_corpus() -> Path:
    if not SHARED_CORPUS.exists():
        pytest.skip("../shared/corpus is not available")
    return SHARED_CORPUS


@pytest.fixture(scope="session")
def nlp():
    from transforms.nlp import pipeline

    return pipeline()


def help_example(command: str) -> list[str]:
    """The arguments of the `Example: dateline ...` line that ends `dateline <command> --help`."""
    import shlex

    from typer.testing import CliRunner

    from flows.cli import app

    text = CliRunner().invoke(app, [command, "--help"], env={"COLUMNS": "400"}).output
    last = [line.strip() for line in text.splitlines() if line.strip()][-1]
    assert last.startswith("Example: dateline "), f"`dateline {command} --help` does not end with an example:\n{text}"
    return shlex.split(last.removeprefix("Example: dateline "))


def with_paths(args: list[str], **paths: Path) -> list[str]:
    """`args` with the value of each --option (or -o) named in `paths` replaced by the given path."""
    out = list(args)
    for option, path in paths.items():
        flag = "-o" if option == "o" else "--" + option.replace("_", "-")
        if flag in out:
            out[out.index(flag) + 1] = str(path)
        else:
            out += [flag, str(path)]
    return out


@pytest.fixture(scope="session")
def sample_warehouse(tmp_path_factory):
    """The sample corpus run once through `dateline run` exactly as its --help example says, into a
    temporary warehouse. Yields (warehouse path, the command's output). Read-only for tests: copy
    it before changing anything."""
    from prefect.testing.utilities import prefect_test_harness
    from typer.testing import CliRunner

    from flows.cli import app

    root = tmp_path_factory.mktemp("sample-warehouse")
    warehouse = root / "dateline.duckdb"
    args = with_paths(help_example("run"), warehouse=warehouse, data_dir=root / "data")
    with prefect_test_harness(server_startup_timeout=90):
        result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, (result.output, result.exception)
    yield warehouse, result.output
