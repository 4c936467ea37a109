"""Prefect flows of the dateline pipeline (ingest, clean, extract, load) and the CLI.

Importing this package sets quiet, offline Prefect defaults before Prefect itself is imported
(../shared/research/stack.md, section 1): telemetry off, project-local PREFECT_HOME, warnings
only. Anything the user sets in the environment wins.
"""

import os
from pathlib import Path

_PROJECT_ROOT = Path(__file__).resolve().parent.parent

for _name, _value in {
    "PREFECT_HOME": str(_PROJECT_ROOT / ".prefect"),
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "DO_NOT_TRACK": "1",
    "PREFECT_LOGGING_LEVEL": "WARNING",
    "PREFECT_SERVER_LOGGING_LEVEL": "ERROR",
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "90",
    "PREFECT_SERVER_SERVICES_DB_VACUUM_ENABLED": "events,flow_runs",
    # Task results stay in memory: stage outputs are our own Parquet files.
    "PREFECT_RESULTS_PERSIST_BY_DEFAULT": "false",
}.items():
    os.environ.setdefault(_name, _value)
