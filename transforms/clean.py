"""Clean: documents in, articles out.

One row per input document becomes one row per article: the story text without site
furniture, normalised; title, author, dateline, publication date, language and the publisher
signals the source table is built from. Duplicates are marked by `transforms.dedup`.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from datetime import datetime, timedelta, timezone

import polars as pl

from transforms import boilerplate, packaged_models, settings, sources

# One row per article. Column order is the Parquet column order.
ARTICLE_SCHEMA = {
    "article_id": pl.String,  # sha256(doc_id)[:16]: stable for the same doc_id across runs
    "doc_id": pl.String,
    "input_path": pl.String,
    "run_id": pl.String,  # the run that first ingested this version of the document
    "format": pl.String,
    "url": pl.String,
    "title": pl.String,
    "author": pl.String,
    "published_at": pl.Datetime("us"),  # UTC; date-only values are midnight
    "modified_at": pl.Datetime("us"),
    "date_source": pl.String,  # metadata | html | text | None
    "language": pl.String,  # ISO 639-1, detected from the body
    "language_score": pl.Float64,
    "dateline": pl.String,  # the dateline as written: "Seoul, South Korea"
    "dateline_place": pl.String,  # its first place name: "Seoul"
    "body": pl.String,  # the clean story text; mention offsets point into it
    "word_count": pl.Int64,
    "body_hash": pl.String,  # sha256 of the body folded to lower-case words: exact duplicates share it
    "source_name": pl.String,  # publisher signal: metadata, site name, byline, dateline agency
    "source_domain": pl.String,  # registered domain from the URL or a contact e-mail
    "clean_method": pl.String,  # trafilatura | text-rules (saved pages) | text-light (JSONL text)
    "furniture_lines": pl.Int64,  # paragraphs dropped as site furniture
}

ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
# "Seoul, South Korea - ", "WASHINGTON (Reuters) - ", "SALVADOR, Feb 26 - ", "LONDON, March 3 (AFP) —"
DATELINE = re.compile(
    r"""^(?P<dateline>
        (?P<place>[A-Z][A-Za-z.'’\-]*(?:\s[A-Z][A-Za-z.'’\-]*){0,3})
        (?:,\s*[A-Z][A-Za-z.'’\-]*(?:\s[A-Z][A-Za-z.'’\-]*){0,3})?
        (?:,?\s*(?P<day>(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}))?
        (?:\s*\((?P<agency>[A-Za-z][A-Za-z .&\-]{1,30})\))?
    )\s*(?:[-–—]{1,2}|:)\s+(?=\S)""",
    re.VERBOSE,
)
# Dates written in furniture or near the top of a text: 2024-06-12, June 12, 2024, 12 June 2024.
MONTHS = "January February March April May June July August September October November December".split()
MONTH_RE = "|".join(m[:3] + f"(?:{m[3:]})?" for m in MONTHS) + "|Sept"
# The parts of a date sit on one line: "26 February" then "1600 GMT" on the next is not 1600 AD.
TEXT_DATE = re.compile(
    rf"\b(?:(?P<iso>\d{{4}}-\d{{2}}-\d{{2}})|(?P<mdy>(?:{MONTH_RE})\.?[ \t]+\d{{1,2}},[ \t]+\d{{4}})|(?P<dmy>\d{{1,2}}[ \t]+(?:{MONTH_RE})\.?[ \t]+\d{{4}}))\b"
)


def normalised_text(text: str) -> str:
    """NFC text with zero-width characters removed, runs of spaces folded and paragraph
    breaks kept as one blank line. Idempotent."""
    text = ZERO_WIDTH.sub("", unicodedata.normalize("NFC", text))
    lines = [SPACES.sub(" ", line).strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    out, blank = [], False
    for line in lines:
        if not line:
            blank = bool(out)
            continue
        if blank:
            out.append("")
        out.append(line)
        blank = False
    return "\n".join(out)


def body_hash(body: str) -> str:
    """Hash of the body folded to lower-case words: equal for texts that differ only in
    case, punctuation or spacing."""
    words = re.findall(r"\w+", body.lower())
    return hashlib.sha256(" ".join(words).encode()).hexdigest()


def article_id(doc_id: str) -> str:
    return hashlib.sha256(f"article:{doc_id}".encode()).hexdigest()[:16]


def parsed_datetime(value: str | None) -> datetime | None:
    """A naive-UTC datetime from an ISO-8601 date or datetime string, or None."""
    if not value:
        return None
    text = value.strip().replace("Z", "+00:00")
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        try:
            parsed = datetime.fromisoformat(text[:10])
        except ValueError:
            return None
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(timezone.utc).replace(tzinfo=None)
    return parsed


def plausible_date(value: datetime | None, now: datetime | None = None) -> datetime | None:
    """`value` when it can be a publication date (from EARLIEST_PUBLICATION_YEAR to two days
    ahead of now, for time zones), else None: a scraper's "0001-01-01" or a kick-off time read
    as a year is no date at all."""
    if value is None:
        return None
    now = now or datetime.now(timezone.utc).replace(tzinfo=None)
    if value.year < settings.EARLIEST_PUBLICATION_YEAR or value > now + timedelta(days=2):
        return None
    return value


def date_in_text(text: str) -> datetime | None:
    """The first plausible full date written in `text` (ISO, "June 12, 2024" or "12 June 2024")."""
    for match in TEXT_DATE.finditer(text):
        raw = match.group(0).replace(".", "").replace("Sept", "Sep")
        for fmt in ("%Y-%m-%d", "%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y"):
            try:
                found = plausible_date(datetime.strptime(raw, fmt))
            except ValueError:
                continue
            if found is not None:
                return found
    return None


def dateline_of(body: str) -> tuple[str | None, str | None]:
    """(dateline, place) from the start of the body, e.g. ("Seoul, South Korea", "Seoul")."""
    match = DATELINE.match(body)
    if not match:
        return None, None
    dateline = match.group("dateline").strip()
    place = match.group("place").strip()
    if place.isupper():
        place = place.title()
    return dateline, place


def registered_domain(url_or_host: str | None) -> str | None:
    """Registered domain (bbc.co.uk for https://www.bbc.co.uk/news), or None."""
    if not url_or_host:
        return None
    from tld import get_fld

    try:
        return get_fld(url_or_host, fix_protocol=True, fail_silently=True)
    except Exception:  # tld raises several types on odd input; a bad URL has no domain
        return None


def _html_parts(html: str, url: str | None, min_precise_share: float = settings.MIN_PRECISE_SHARE) -> dict:
    """Main text and metadata of an HTML page (trafilatura + htmldate).

    trafilatura runs twice: balanced, and favouring precision. The precise text wins when it
    keeps at least `min_precise_share` of the balanced one's words: then it has trimmed the
    tails (related links, sign-offs) the balanced run let in. When it keeps less, it has lost
    part of the story, and the balanced text stays.
    """
    import trafilatura
    from htmldate import find_date

    doc = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=True
    )
    if doc is None:
        return {"text": "", "title": None}
    text = doc.text or ""
    precise = trafilatura.bare_extraction(
        html, url=url, with_metadata=False, include_comments=False, include_tables=True, favor_precision=True
    )
    if precise is not None and precise.text and len(precise.text.split()) >= min_precise_share * len(text.split()):
        text = precise.text
    # trafilatura ends each paragraph, heading and list item with one newline.
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    paragraphs = boilerplate.without_furniture(lines)
    modified = None
    try:
        modified = find_date(html, original_date=False, extensive_search=False)
    except Exception:  # htmldate fails on some malformed trees; the date is optional
        modified = None
    return {
        "text": "\n\n".join(paragraphs),
        "title": doc.title,
        "author": doc.author,
        "published": doc.date,
        "modified": modified if modified and modified != doc.date else None,
        "url": doc.url or url,
        "sitename": doc.sitename,
        "dropped": len(lines) - len(paragraphs),
    }


def _detected_language(body: str) -> tuple[str | None, float | None]:
    if len(body.split()) < 3:
        return None, None
    lang, score = packaged_models.language_identifier().classify(body[:5000])
    return lang, round(float(score), 4)


def cleaned_article(document: dict) -> dict:
    """One article (a dict in ARTICLE_SCHEMA) from one ingested document (DOCUMENT_SCHEMA + run_id).

    Row-by-row work (HTML parsing, paragraph rules) lives here; `clean_articles` maps it.
    """
    meta_title = document.get("title")
    url = document.get("url")
    author = sitename = modified = html_date = None
    if document.get("raw_html") and not document.get("raw_text"):
        parts = _html_parts(document["raw_html"], url)
        text = normalised_text(parts["text"])
        title = meta_title or parts.get("title")
        author, sitename, url = parts.get("author"), parts.get("sitename"), parts.get("url") or url
        html_date, modified = parts.get("published"), parts.get("modified")
        method, dropped, byline, contact = "trafilatura", parts.get("dropped", 0), None, None
        paragraphs = text.split("\n\n") if text else []
    elif document["format"] == "jsonl":
        # A JSONL `text` field is the article body as the user's scraper extracted it: keep it
        # whole but for UI strings and link lists (the strict rules would drop short paragraphs).
        paragraphs = boilerplate.without_furniture(boilerplate.paragraphs_of(normalised_text(document["raw_text"])))
        title = meta_title
        method, byline, contact = "text-light", None, None
        dropped = len(boilerplate.paragraphs_of(document["raw_text"])) - len(paragraphs)
    else:
        story = boilerplate.story_parts(normalised_text(document.get("raw_text") or ""))
        paragraphs, title = story.paragraphs, meta_title or story.title
        method, dropped, byline, contact = "text-rules", len(story.dropped), story.byline, story.contact_domain
    body = normalised_text("\n\n".join(paragraphs))
    dateline, place = dateline_of(body)
    published, date_source = plausible_date(parsed_datetime(document.get("published"))), "metadata"
    if published is None and html_date:
        published, date_source = plausible_date(parsed_datetime(html_date)), "html"
    if published is None:
        raw = document.get("raw_text") or ""
        published, date_source = date_in_text(raw[:2000]), "text"
    if published is None:
        date_source = None
    language, score = _detected_language(body)
    domain = registered_domain(url) or registered_domain(contact)
    # The signing agency of a wire dateline is the last resort: a site that reprints a wire
    # story says who it is in its metadata, which wins.
    source_name = document.get("source") or sitename or byline or sources.agency_name(dateline)
    return {
        "article_id": article_id(document["doc_id"]),
        "doc_id": document["doc_id"],
        "input_path": document["input_path"],
        "run_id": document.get("run_id"),
        "format": document["format"],
        "url": url,
        "title": normalised_text(title) if title else None,
        "author": author,
        "published_at": published,
        "modified_at": plausible_date(parsed_datetime(modified)),
        "date_source": date_source,
        "language": language or document.get("language"),
        "language_score": score,
        "dateline": dateline,
        "dateline_place": place,
        "body": body,
        "word_count": len(body.split()),
        "body_hash": body_hash(body),
        "source_name": source_name,
        "source_domain": domain,
        "clean_method": method,
        "furniture_lines": dropped,
    }


def clean_articles(documents: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(articles, rejects): one article per document with a non-empty story; documents whose
    story is empty after cleaning become rejects of stage `clean`."""
    rows, rejects = [], []
    for document in documents.iter_rows(named=True):
        article = cleaned_article(document)
        if article["word_count"] < settings.MIN_DOCUMENT_WORDS:
            rejects.append({
                "input_path": document["input_path"],
                "doc_id": document["doc_id"],
                "stage": "clean",
                "reason": "no article text found after removing site furniture",
            })
        else:
            rows.append(article)
    from transforms.ingest import rejects_frame

    articles = pl.DataFrame(rows, schema=ARTICLE_SCHEMA, orient="row") if rows else pl.DataFrame(schema=ARTICLE_SCHEMA)
    return articles, rejects_frame(rejects)


def _template_group(doc_id: str, source_domain: str | None, source_name: str | None) -> str:
    """The site an article's template belongs to: its registered domain, else its publisher
    name, else the folder it was saved in (scrapers save one site per folder)."""
    if source_domain:
        return source_domain.lower()
    if source_name:
        return " ".join(source_name.lower().split())
    return "dir:" + doc_id.rsplit("/", 1)[0] if "/" in doc_id else "dir:"


def template_paragraphs(articles: pl.DataFrame, min_docs: int = settings.TEMPLATE_MIN_DOCS) -> pl.DataFrame:
    """One row per (group, paragraph) that appears in at least `min_docs` articles of one site
    with different bodies: the site's template (menus, share bars, sign-offs) that page-level
    rules could not tell from the story. Needs doc_id, source_domain, source_name, body,
    body_hash. Exact copies of one body count once, so syndicated duplicates are not template."""
    seen: dict[tuple[str, str], set[str]] = {}
    for doc_id, domain, name, body, digest in articles.select(
        "doc_id", "source_domain", "source_name", "body", "body_hash"
    ).iter_rows():
        group = _template_group(doc_id, domain, name)
        for paragraph in set((body or "").split("\n\n")):
            # A paragraph that stops mid-sentence is half of a story's sentence, never template.
            if paragraph and not paragraph.endswith((",", ";")):
                seen.setdefault((group, paragraph), set()).add(digest)
    rows = [(g, p, len(d)) for (g, p), d in seen.items() if len(d) >= min_docs]
    return pl.DataFrame(rows, schema={"group": pl.String, "paragraph": pl.String, "num_articles": pl.Int64},
                        orient="row")


def without_template(
    articles: pl.DataFrame, template: pl.DataFrame, max_share: float = settings.MAX_TEMPLATE_SHARE
) -> pl.DataFrame:
    """Articles with their site's template paragraphs removed from the body (and the columns
    derived from the body recomputed). An article would lose more than `max_share` of its
    words is left as it was: that much repetition means copies of one story, not template."""
    if template.is_empty():
        return articles
    by_group: dict[str, set[str]] = {}
    for group, paragraph in template.select("group", "paragraph").iter_rows():
        by_group.setdefault(group, set()).add(paragraph)
    updates = []
    for row in articles.select("article_id", "doc_id", "source_domain", "source_name", "body",
                               "furniture_lines").iter_rows(named=True):
        repeated = by_group.get(_template_group(row["doc_id"], row["source_domain"], row["source_name"]), set())
        paragraphs = row["body"].split("\n\n")
        kept = [p for p in paragraphs if p not in repeated]
        if len(kept) == len(paragraphs) or sum(len(p.split()) for p in kept) < (1 - max_share) * len(row["body"].split()):
            continue
        body = "\n\n".join(kept)
        dateline, place = dateline_of(body)
        updates.append({"article_id": row["article_id"], "body": body, "word_count": len(body.split()),
                        "body_hash": body_hash(body), "dateline": dateline, "dateline_place": place,
                        "furniture_lines": row["furniture_lines"] + len(paragraphs) - len(kept)})
    if not updates:
        return articles
    changed = pl.DataFrame(updates, schema={k: ARTICLE_SCHEMA[k] for k in updates[0]})
    return articles.update(changed, on="article_id").select(articles.columns)
