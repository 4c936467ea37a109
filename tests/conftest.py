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
