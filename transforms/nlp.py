"""Mentions and event mentions from spaCy Docs, parsed in batches by a pool of worker
processes that each hold the pipeline (`transforms.spacy_pipeline`: the small English model
plus the gazetteer ruler); ALL-CAPS lines and headlines put in natural case before parsing.
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
import threading
import time
from collections import Counter

import polars as pl

from transforms import packaged_models, seeds, settings
from transforms.spacy_pipeline import pipeline

RAW_MENTION_SCHEMA = {
    "mention_id": pl.String,
    "article_id": pl.String,
    "mention_index": pl.Int64,  # position in the article's mention list
    "alias_of": pl.Int64,  # mention_index of the full name a bare surname stands for
    "sentence_index": pl.Int64,
    "start_char": pl.Int64,
    "end_char": pl.Int64,
    "text": pl.String,
    "label": pl.String,
    "gazetteer_id": pl.String,
    "title": pl.String,
    "rank": pl.String,
    "role": pl.String,
    "country_hint": pl.String,
    "sector_hint": pl.String,
    "org_hint": pl.String,
    "published_date": pl.String,
    "in_title": pl.Boolean,  # offsets point into articles.title, not the body
}

RAW_EVENT_MENTION_SCHEMA = {
    "article_id": pl.String,
    "sentence_index": pl.Int64,
    "start_char": pl.Int64,
    "end_char": pl.Int64,
    "quote": pl.String,
    "trigger": pl.String,
    "trigger_start_char": pl.Int64,
    "cameo_code": pl.String,
    "status": pl.String,
    "actor_mention_ids": pl.List(pl.String),
    "recipient_mention_ids": pl.List(pl.String),
    "location_mention_id": pl.String,  # the place the act happened at ("in Baghuz"), when stated
    "actor_country_hint": pl.String,  # ISO3 named in the first actor's phrase ("U.S. Trade Representative X")
    "recipient_country_hint": pl.String,
    "actor_text": pl.String,
    "recipient_text": pl.String,
    "actor_sector_hint": pl.String,
    "object_lemma": pl.String,
    "date_text": pl.String,
    "tense": pl.String,
    "confidence": pl.Float64,
}


WORD = re.compile(r"[^\W\d_][\w'’.&-]*")


def _is_caps_line(line: str, min_letters: int = settings.MIN_CAPS_LINE_LETTERS) -> bool:
    letters = [ch for ch in line if ch.isalpha()]
    return len(letters) >= min_letters and all(not ch.islower() for ch in letters)


@functools.cache
def _gazetteer_case() -> dict[str, str]:
    """lower-cased alias -> its written form, for every country, city and organisation alias."""
    forms: dict[str, str] = {}
    for alias in seeds.country_aliases()["alias"].to_list() + seeds.organisations()["alias"].to_list():
        forms.setdefault(alias.lower(), alias)
    return forms


@functools.cache
def _common_words() -> frozenset[str]:
    """Lower-case English words (the lemmatizer's WordNet index of nouns, verbs, adjectives and
    adverbs, shipped in the model, plus its stop words): in a capitalised headline they are
    ordinary words."""
    nlp = pipeline()
    index = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    words = {w for entries in index.values() for w in entries if w.isalpha()}
    return frozenset(words | set(nlp.Defaults.stop_words))


def _is_common(lower: str, common: frozenset[str]) -> bool:
    """An English word or a regular inflection of one ("discusses", "enhancing", "talked")."""
    if lower in common:
        return True
    for ending in ("ing", "ed", "es", "s"):
        stem = lower[: -len(ending)]
        if lower.endswith(ending) and len(stem) >= 3 and (stem in common or stem + "e" in common):
            return True
    return False


def _restored_word(word: str, document_forms: dict[str, str], common: frozenset[str]) -> str:
    lower = word.lower()
    for ending in ("'s", "’s"):
        if lower.endswith(ending) and len(word) > 2:
            return _restored_word(word[:-2], document_forms, common) + word[-2:].lower()
    if lower in document_forms:
        return document_forms[lower]
    gazetteer = _gazetteer_case().get(lower)
    if gazetteer is not None and len(gazetteer) == len(word):
        return gazetteer
    if _is_common(lower, common):
        return lower
    if "." in word.strip(".") or len(word) <= 2:
        return word  # initials and short abbreviations stay as written: U.S., UK
    return word[:1] + word[1:].lower()


def _gazetteer_phrases(line: str, matches: list) -> dict[int, str]:
    """word index -> written form, for words inside a multi-word gazetteer name in a caps line
    ("SOUTH KOREAN" -> "South Korean"); longest names first."""
    forms: dict[int, str] = {}
    gazetteer = _gazetteer_case()
    i = 0
    while i < len(matches):
        for n in (4, 3, 2):
            if i + n > len(matches):
                continue
            start, end = matches[i].start(), matches[i + n - 1].end()
            phrase = line[start:end]
            suffix = ""
            if phrase.lower().endswith(("'s", "’s")):
                phrase, suffix = phrase[:-2], phrase[-2:].lower()
            form = gazetteer.get(phrase.lower())
            if form is not None and len(form) == len(phrase) and " " in form:
                form += suffix
                for k in range(n):
                    forms[i + k] = form[matches[i + k].start() - start : matches[i + k].end() - start]
                i += n - 1
                break
        i += 1
    return forms


def case_restored(text: str, min_letters: int = settings.MIN_CAPS_LINE_LETTERS) -> str:
    """`text` with ALL-CAPS lines (headlines, wire slugs, "LONDON 1996-08-30") in natural case,
    same length, so offsets still point into the original.

    A capitalised word takes, in order: its form elsewhere in the same text, where it is not the
    first word of a line or sentence ("Leicestershire"); its gazetteer form ("NATO", "South
    Korea"); lower case if it is a common English word; else title case. The first word of the
    line is then capitalised. The small model reads an all-caps line as a string of proper
    nouns; restored, it tags it like prose."""
    lines = text.split("\n")
    caps = [_is_caps_line(line, min_letters) for line in lines]
    if not any(caps):
        return text
    # Only the words of the caps lines (and the stems of their possessives) need their form
    # elsewhere in the text.
    wanted = {match.group().lower() for line, is_caps in zip(lines, caps) if is_caps for match in WORD.finditer(line)}
    while stems := {w[:-2] for w in wanted if w.endswith(("'s", "’s")) and len(w) > 2} - wanted:
        wanted |= stems
    seen: dict[str, Counter] = {}
    for line, is_caps in zip(lines, caps):
        if is_caps:
            continue
        for match in WORD.finditer(line):
            word = match.group()
            lower = word.lower()
            if lower not in wanted:
                continue
            before = match.start() - 1  # the last character before the word that is not a space
            while before >= 0 and line[before].isspace():
                before -= 1
            if before < 0 or line[before] in ".!?:\"'“(-–—":
                continue  # sentence-initial: its capital says nothing
            seen.setdefault(lower, Counter())[word] += 1
    common = _common_words()
    # A common word seen in lower case mid-sentence is an ordinary word, even if it is also
    # capitalised inside a name somewhere ("military" vs "NATO Military Committee").
    document_forms = {lower: (lower if lower in counts and _is_common(lower, common) else counts.most_common(1)[0][0])
                      for lower, counts in seen.items()}
    out = []
    for line, is_caps in zip(lines, caps):
        if not is_caps:
            out.append(line)
            continue
        pieces, last, first = [], 0, True
        matches = list(WORD.finditer(line))
        phrase_forms = _gazetteer_phrases(line, matches)
        for index, match in enumerate(matches):
            word = match.group()
            restored = phrase_forms.get(index) or _restored_word(word, document_forms, common)
            if first:
                restored = restored[:1].upper() + restored[1:]
                first = False
            if len(restored) != len(word):
                restored = word
            pieces.append(line[last : match.start()])
            pieces.append(restored)
            last = match.end()
        pieces.append(line[last:])
        out.append("".join(pieces))
    return "\n".join(out)


# Reuters marks company names with angle brackets ("<Ecolab Co> of the United States signed");
# the tagger reads them as symbols and the name is lost. Blanked in any outlet's text: only a
# capitalised name between brackets matches, not "a < b".
BRACKETED_NAME = re.compile(r"<([A-Z][^<>\n]{0,80})>")


def text_for_parsing(body: str) -> str:
    """The body as the parser should read it, same length, so offsets still point into the body:
    its dateline closed by a full stop ("Seoul, South Korea - Top" -> "Seoul, South Korea.  Top";
    otherwise the parser reads the dateline place as the subject of the first sentence) and
    Reuters' angle brackets around company names blanked ("<Ecolab Co>" -> " Ecolab Co ")."""
    from transforms.clean import DATELINE

    body = BRACKETED_NAME.sub(lambda m: f" {m.group(1)} ", body)
    match = DATELINE.match(body)
    if not match:
        return body
    dateline_end = match.end("dateline")
    separator = body[dateline_end : match.end()]
    return body[:dateline_end] + "." + " " * (len(separator) - 1) + body[match.end():]


def annotations(
    articles: pl.DataFrame,
    n_process: int = settings.NLP_PROCESSES,
    batch_size: int = settings.NLP_BATCH_SIZE,
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(raw mentions, raw event mentions) of a batch of articles (article_id, body, published_at,
    optional title), in the order of `articles`.

    One spaCy pass per body, ALL-CAPS lines case-restored first; mentions and event triggers
    are read off the same Doc. Each headline is a Doc of its own, parsed in the same batches
    as the bodies (`title_mentions`). With n_process > 1 the batch is cut into chunks of
    `batch_size` articles that a pool of worker processes parses: each worker has the model
    from its start (see `_worker_pool`) and keeps it for the life of this process, and reads
    mentions and events off its own Docs, so only small frames travel back and this process
    stays free (spaCy's own n_process would ship every Doc back here). Inside a Dask worker (a
    daemonic process, which may not start children) use n_process=1.
    """
    columns = articles.select("article_id", "body", "published_at", *(["title"] if "title" in articles.columns else []))
    if n_process <= 1:
        return _chunk_annotations(columns, batch_size)
    chunks = [columns.slice(i, batch_size) for i in range(0, columns.height, batch_size)]
    parts = list(_worker_pool(n_process).map(_chunk_annotations, chunks, [batch_size] * len(chunks)))
    if not parts:
        return pl.DataFrame(schema=RAW_MENTION_SCHEMA), pl.DataFrame(schema=RAW_EVENT_MENTION_SCHEMA)
    return pl.concat([m for m, _ in parts]), pl.concat([e for _, e in parts])


_POOLS: dict = {}
_POOLS_LOCK = threading.Lock()
# What multiprocessing's fork server imports before it forks the workers (see _worker_pool).
PRELOAD_MODULE = "transforms.worker_preload"


def _worker_pool(n_process: int):
    """The process's pool of `n_process` worker processes that share one model load. Batches
    running in several threads share it.

    On Linux (and macOS) the workers come from multiprocessing's fork server: a fresh process,
    started without this one's threads (Prefect's; forking a threaded process can deadlock),
    that imports `PRELOAD_MODULE` once (spaCy and its model, the language identifier, VADER)
    and then forks each worker, which starts with all of it: one load of ~4 CPU s instead of
    one per worker, while Prefect's server and this process start on the same cores.
    Elsewhere workers are spawned and each loads everything itself."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    with _POOLS_LOCK:
        if n_process not in _POOLS:
            if "forkserver" in multiprocessing.get_all_start_methods():
                context = multiprocessing.get_context("forkserver")
                context.set_forkserver_preload([PRELOAD_MODULE])
            else:
                context = multiprocessing.get_context("spawn")
            _POOLS[n_process] = ProcessPoolExecutor(n_process, mp_context=context, initializer=_worker_start,
                                                    initargs=(os.getpid(),))
        return _POOLS[n_process]


def _worker_start(parent: int) -> None:
    """Worker initializer: exit when the dateline process `parent` is gone (a run killed with
    SIGTERM or SIGKILL must not leave workers parsing for nobody), then load the model
    (already loaded when the worker was forked from the fork server).

    Watched by pid, not as this process's parent: a forked worker's parent is the fork server,
    which exits only once every worker has. Not PR_SET_PDEATHSIG either, which the server
    process uses: it fires when the *thread* that started the child exits, and pools are
    started from the CLI's warm-up thread and Prefect's task threads."""
    threading.Thread(target=_exit_after, args=(parent,), name="exit-with-parent", daemon=True).start()
    warm_worker()


def _exit_after(pid: int) -> None:
    """Exit this process once process `pid` has ended (a pidfd on Linux; polled elsewhere)."""
    import select

    try:
        watch = select.poll()
        watch.register(os.pidfd_open(pid), select.POLLIN)
        watch.poll()
    except Exception:  # no pidfd (not Linux), or `pid` already gone
        while _alive(pid):
            time.sleep(1)
    os._exit(1)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # not ours to signal, but it exists
        pass
    return True


def warm_worker() -> None:
    """Load what a worker's first batch would load: the pipeline, and the models and lexicons
    behind cleaning, tone, mentions and events (one short article through each)."""
    from transforms import tone

    packaged_models.language_identifier()
    tone.text_tone(WARM_UP_TEXT)
    sample = pl.DataFrame({"article_id": ["warm-up"], "body": [WARM_UP_TEXT], "title": ["Warm-up"]})
    _chunk_annotations(sample.with_columns(published_at=pl.lit(None, pl.Datetime("us"))), 1)


WARM_UP_TEXT = ("SEOUL, Nov 3 (Reuters) - South Korean Defence Minister Kim Myung-soo held a phone call with "
                "NATO's Rob Bauer on Tuesday and said Seoul would step up military cooperation.")


def in_workers(n_process: int, function, *args):
    """`function(*args)` run in the pool of `n_process` workers (a picklable top-level function),
    or here when n_process <= 1; for other per-batch work, such as cleaning, that should use
    every core too."""
    return submit_to_workers(n_process, function, *args).result()


def submit_to_workers(n_process: int, function, *args):
    """`in_workers` without waiting: a Future of `function(*args)` (run here at once, and
    already done, when n_process <= 1)."""
    from concurrent.futures import Future

    if n_process > 1:
        return _worker_pool(n_process).submit(function, *args)
    done: Future = Future()
    done.set_result(function(*args))
    return done


def start_workers(n_process: int) -> None:
    """Start the worker pool and load the model in each worker now, and wait until they are
    ready (a few seconds: call it from a thread), so the loads overlap whatever runs before
    the first batch (Prefect start-up, ingest, clean)."""
    if n_process <= 1:
        return
    pool = _worker_pool(n_process)
    for load in [pool.submit(_loaded) for _ in range(n_process)]:
        load.result()


def stop_workers(wait: bool = True) -> None:
    """Stop the worker pools and the fork server (their memory is freed before corpus-level
    resolution runs). With wait=False they exit in the background while this process goes on."""
    with _POOLS_LOCK:
        pools = list(_POOLS.values())
        _POOLS.clear()

    def stop() -> None:
        for pool in pools:
            pool.shutdown(wait=True)
        if pools:
            # The fork server holds a copy of the model. It exits only once every worker it
            # forked has (they hold its "alive" pipe), and `_stop` waits for that: so only when
            # no newer pool exists, checked under the lock that creating one takes.
            # multiprocessing starts a new server when another pool needs it. `_stop` is
            # CPython's own (its tests use it).
            from multiprocessing import forkserver

            with _POOLS_LOCK, contextlib.suppress(Exception):
                if not _POOLS:
                    forkserver._forkserver._stop()

    if wait:
        stop()
    else:
        threading.Thread(target=stop, name="stop-workers", daemon=True).start()


def _loaded() -> bool:
    return pipeline() is not None


def _chunk_annotations(articles: pl.DataFrame, batch_size: int) -> tuple[pl.DataFrame, pl.DataFrame]:
    """`annotations` of a chunk, in this process. The chunk's Docs live in a spaCy memory zone:
    the strings they add to the vocabulary are freed with them, so a worker's memory stays flat
    however many articles it parses (about 8 MB per 1,000 articles otherwise)."""
    nlp = pipeline()
    with nlp.memory_zone():
        return _annotated(nlp, articles, batch_size)


def _annotated(nlp, articles: pl.DataFrame, batch_size: int) -> tuple[pl.DataFrame, pl.DataFrame]:
    from transforms import entities, events, mentions

    ids = articles["article_id"].to_list()
    published = [p.date().isoformat() if p is not None else None for p in articles["published_at"].to_list()]
    mention_rows, event_rows = [], []
    bodies = articles["body"].to_list()
    titles = articles["title"].to_list() if "title" in articles.columns else [None] * len(ids)
    # Each headline is parsed right after its body, in the same batches: parsed in batches of
    # their own, the short headline Docs cost ~5% of a worker's time (the parser and NER pay
    # per step of a batch, however few tokens it has); beside the bodies, almost nothing.
    headlines = {i: headline_for_parsing(title, bodies[i]) for i, title in enumerate(titles) if title and title.strip()}
    texts = []
    for i, body in enumerate(bodies):
        texts.append(text_for_parsing(case_restored(body)))
        if i in headlines:
            texts.append(headlines[i])
    docs = parsed(nlp, texts, 2 * batch_size)
    headline_docs = {}
    for position, (article_id, pub_date, body) in enumerate(zip(ids, published, bodies)):
        doc = next(docs)
        if position in headlines:
            headline_docs[position] = next(docs)
        found = mentions.doc_mentions(doc)
        mention_ids = [entities.mention_id(article_id, m.start_char, m.end_char) for m in found]
        for index, m in enumerate(found):
            mention_rows.append({
                "mention_id": mention_ids[index], "article_id": article_id, "mention_index": index,
                "alias_of": m.alias_of, "sentence_index": m.sentence_index, "start_char": m.start_char,
                "end_char": m.end_char, "text": body[m.start_char : m.end_char], "label": m.label, "gazetteer_id": m.gazetteer_id,
                "title": m.title, "rank": m.rank, "role": m.role, "country_hint": m.country_hint,
                "sector_hint": m.sector_hint, "org_hint": m.org_hint, "published_date": pub_date, "in_title": False,
            })
        for row in events.doc_event_mentions(doc, found):
            row["article_id"] = article_id
            row["quote"] = body[row["start_char"] : row["end_char"]]
            row["actor_mention_ids"] = [mention_ids[i] for i in row.pop("actor_mentions")]
            row["recipient_mention_ids"] = [mention_ids[i] for i in row.pop("recipient_mentions")]
            location = row.pop("location_mention")
            row["location_mention_id"] = mention_ids[location] if location is not None else None
            event_rows.append(row)
    mention_rows += title_mentions(headline_docs, ids, published, titles, mention_rows)
    return (
        pl.DataFrame(mention_rows, schema=RAW_MENTION_SCHEMA, orient="row"),
        pl.DataFrame(event_rows, schema=RAW_EVENT_MENTION_SCHEMA, orient="row"),
    )


def parsed(nlp, texts: list[str], batch_size: int = settings.NLP_BATCH_SIZE,
           max_chars: int = settings.NLP_BATCH_CHARS):
    """`nlp.pipe` over `texts` in batches of at most `batch_size` texts and `max_chars`
    characters (a text longer than that is a batch of its own), in order."""
    batch: list[str] = []
    size = 0
    for text in texts:
        if batch and (len(batch) == batch_size or size + len(text) > max_chars):
            yield from nlp.pipe(batch, batch_size=len(batch))
            batch, size = [], 0
        batch.append(text)
        size += len(text)
    if batch:
        yield from nlp.pipe(batch, batch_size=len(batch))


def _shouted(title: str, min_share: float = settings.MIN_HEADLINE_CASE_SHARE) -> str:
    """A headline in Title Case ("Kim and NATO's Bauer Discuss Military Cooperation") upper-cased,
    so `case_restored` treats it like an ALL-CAPS one: to the small model every capitalised word
    looks like a name ("Bauer Discuss Enhancing Military Cooperation" as one ORG)."""
    words = [w for w in title.split() if w[:1].isalpha()]
    capitalised = sum(w[:1].isupper() for w in words)
    upper = title.upper()
    if len(words) >= 3 and capitalised >= min_share * len(words) and len(upper) == len(title):
        return upper
    return title


def headline_for_parsing(title: str, body: str) -> str:
    """The headline case-restored (Title Case ones as if shouted), with the body as the source of
    each word's case; same length as `title`."""
    return case_restored(f"{_shouted(title)}\n{body}")[: len(title)]


def title_mentions(headline_docs: dict, ids: list[str], published: list, titles: list,
                   body_rows: list[dict]) -> list[dict]:
    """Raw mention rows (in_title = true) of the articles' headlines, from `headline_docs`
    (article position -> the Doc of `headline_for_parsing`).

    Numbered after the body's mentions. A bare surname in the headline ("Bauer Meets Kim")
    stands for the one full name with that family name in the body, and a name the body tagged
    with another label takes the body's ("Rob Bauer" read as ORG in a headline is the body's
    PERSON); a headline's other names resolve like any other mention. No events are read from
    headlines."""
    from transforms import entities, mentions

    full_names: dict[str, dict[str, set]] = {}
    counts: dict[str, int] = {}
    same_text: dict[str, dict[str, dict[str, int]]] = {}  # article -> lower text -> label -> first index
    for row in body_rows:
        counts[row["article_id"]] = max(counts.get(row["article_id"], 0), row["mention_index"] + 1)
        if row["alias_of"] is None and not row["gazetteer_id"]:
            same_text.setdefault(row["article_id"], {}).setdefault(row["text"].lower(), {}).setdefault(
                row["label"], row["mention_index"])
        if row["label"] == "PERSON" and row["alias_of"] is None and len(row["text"].replace("-", " ").split()) >= 2:
            family = mentions.family_name(row["text"]).lower()
            full_names.setdefault(row["article_id"], {}).setdefault(family, set()).add(row["mention_index"])
    rows = []
    for position, doc in headline_docs.items():
        title = titles[position]
        article_id, offset = ids[position], counts.get(ids[position], 0)
        names = full_names.get(article_id, {})
        found = mentions.doc_mentions(doc)
        covered = {i for m in found for i in range(m.start, m.end)}
        found += [mentions.Mention(t.i, t.i + 1, t.idx, t.idx + len(t.text), t.text, "PERSON", 0)
                  for t in doc if t.i not in covered and t.pos_ == "PROPN" and t.is_alpha
                  and len(names.get(t.lower_, ())) == 1]
        targets = {id(m): found[m.alias_of] for m in found if m.alias_of is not None}
        found.sort(key=lambda m: m.start)
        position_of = {id(m): i for i, m in enumerate(found)}
        for index, m in enumerate(found):
            alias_of = offset + position_of[id(targets[id(m)])] if id(m) in targets else None
            owners = names.get(m.text.lower(), set())
            in_body = same_text.get(article_id, {}).get(m.text.lower(), {})
            if (alias_of is None and len(owners) == 1 and m.end - m.start == 1 and m.gazetteer_id is None
                    and m.label in ("PERSON", "ORG", "GPE", "NORP")):
                alias_of = next(iter(owners))
                m.label, m.role, m.country_hint, m.sector_hint = "PERSON", None, None, None
            elif alias_of is None and m.gazetteer_id is None and len(in_body) == 1 and m.label not in in_body:
                # The body, with context, tagged the same name otherwise: "Rob Bauer" ORG in a headline.
                (label, alias_of), = in_body.items()
                m.label, m.role = label, (m.role if label in ("GPE", "LOC", "FAC", "NORP") else None)
            rows.append({
                "mention_id": entities.mention_id(article_id, m.start_char, m.end_char, in_title=True),
                "article_id": article_id, "mention_index": offset + index, "alias_of": alias_of,
                "sentence_index": m.sentence_index, "start_char": m.start_char, "end_char": m.end_char,
                "text": title[m.start_char : m.end_char], "label": m.label, "gazetteer_id": m.gazetteer_id,
                "title": m.title, "rank": m.rank, "role": m.role, "country_hint": m.country_hint,
                "sector_hint": m.sector_hint, "org_hint": m.org_hint, "published_date": published[position],
                "in_title": True,
            })
    return rows
