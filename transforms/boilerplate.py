"""Boilerplate in plain text: which paragraphs are the story, which are site furniture.

Scrapers often save pages as text with their menus, "Latest Stories" lists, share and comment
widgets, bylines and contact lines still in. Each paragraph is classified by its own shape
(length, sentence punctuation, capitalisation, UI strings, counters, e-mails) and by its
neighbours (runs of short headline-like lines are link lists). The story is the prose; the
first headline-like line before it is the title.

Every rule is a named regex or function here, so a reader finds each one in one place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from transforms import settings

# Whole-paragraph UI strings: navigation, widgets, counters, calls to action.
UI_LINE = re.compile(
    r"""^(?:
        (?:scroll|back|go|return)\s+to\s+(?:the\s+)?top |
        top |
        (?:quick|direct)\s+access\b.* |
        skip\s+to\s+(?:main\s+)?(?:content|navigation)\b.* |
        share(?:\s+(?:it|this(?:\s+article|\s+story)?))?(?:\s+on\b.*|\s*:.*|\.{3}|…)? |
        comments?\s*[:(]?\s*\d*\)? |
        \d+\s+comments? |
        \d[\d,.]*\s*(?:views?|likes?|shares?)? |
        (?:read|see|view)\s+(?:more|also|all|full\s+story).* |
        related(?:\s+(?:articles?|stories|news|posts|topics))?:? |
        (?:latest|top|more|recent|popular|trending)\s+(?:news|stories|articles|posts|headlines)(?:\s+from\b.*)?:? |
        (?:most\s+(?:read|popular|viewed)|popular\s+now|just\s+in|must[-\s]reads?|editor'?s\s+picks?):? |
        advertisement | sponsored(?:\s+content)? | ad |
        (?:subscribe|sign\s+up|sign\s+in|log\s*in|register)\b.{0,60} |
        follow\s+us\b.* |
        (?:print|email|e-mail|tweet|facebook|twitter|x|linkedin|whatsapp|telegram|reddit|copy\s+link)(?:\s*[|/·]\s*\w+)* |
        (?:tags?|topics?|categories?|filed\s+under)\s*:.* |
        (?:photo|image|video)\s*(?:credit)?\s*:.{0,80} |
        (?:previous|next)\s+(?:article|story|post).* |
        menu | search | home | close | open
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
# Copyright and rights lines, anywhere in a short paragraph.
COPYRIGHT = re.compile(r"(?:©|\(c\)\s*\d{4}|copyright\b|all rights reserved|unauthori[sz]ed reproduction)", re.I)
# Bracketed section labels such as "[Latest] Latest Stories" or "[Photo]".
SECTION_LABEL = re.compile(r"^\[[^\]]{1,30}\]")
EMAIL = re.compile(r"[\w.+-]+@([\w-]+(?:\.[\w-]+)+)")
BULLET = re.compile(r"^\s*(?:[•·▪►▶◦‣*]|-\s|\d{1,2}[.)]\s)\s*")
SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")
SENTENCE_INSIDE = re.compile(r"[a-z0-9][.!?][\"'”’]?\s+[A-Z\"“]")
WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
# Words that stay lower case inside English headlines in Title Case.
TITLE_SMALL_WORDS = frozenset(
    "a an and as at but by for from in into of on or over per the to up via vs with amid after before".split()
)


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of the input with the features the rules read."""

    text: str
    words: int
    is_bullet: bool
    is_prose: bool
    is_headline: bool
    is_ui: bool
    email_domain: str | None


@dataclass
class StoryParts:
    """What the classifier found in one text."""

    title: str | None
    paragraphs: list[str]
    byline: str | None = None
    contact_domain: str | None = None
    dropped: list[str] = field(default_factory=list)


def paragraphs_of(text: str) -> list[str]:
    """Paragraphs of a plain text: blank-line blocks, with hard-wrapped lines re-joined.

    A line is joined to the next when it does not end a sentence and the next line continues
    it (starts lower case, or the line is long enough to be a wrapped one); bullet lines and
    short headline-like lines stay separate, so link lists are not glued into prose.
    """
    out: list[str] = []
    for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n").replace("\r", "\n")):
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        current = ""
        for line in lines:
            if current and _continues(current, line):
                current = f"{current} {line}"
            else:
                if current:
                    out.append(current)
                current = line
        if current:
            out.append(current)
    return out


def _continues(previous: str, line: str) -> bool:
    if BULLET.match(line) or BULLET.match(previous) or SENTENCE_END.search(previous):
        return False
    if line[:1].islower():
        return True
    return len(previous) >= 50 and not _headline_shaped(previous)


def _capitalised_share(words: list[str]) -> float:
    content = [w for w in words if w.lower() not in TITLE_SMALL_WORDS]
    if not content:
        return 0.0
    return sum(1 for w in content if w[:1].isupper() or w[:1].isdigit()) / len(content)


def _headline_shaped(text: str, max_words: int = settings.MAX_TITLE_WORDS) -> bool:
    words = WORD.findall(text)
    if not 2 <= len(words) <= max_words or SENTENCE_END.search(text):
        return False
    return _capitalised_share(words) >= 0.6


def classified(text: str, min_prose_words: int = settings.MIN_PROSE_WORDS) -> Paragraph:
    """Features of one paragraph."""
    bare = BULLET.sub("", text).strip()
    words = len(WORD.findall(bare))
    email = EMAIL.search(bare)
    is_prose = words >= min_prose_words and bool(SENTENCE_END.search(bare) or SENTENCE_INSIDE.search(bare))
    is_ui = bool(
        UI_LINE.match(bare)
        or SECTION_LABEL.match(bare)
        or (COPYRIGHT.search(bare) and words <= 25)
        or (email and words <= 12)
    )
    return Paragraph(
        text=text,
        words=words,
        is_bullet=bool(BULLET.match(text)),
        is_prose=is_prose and not is_ui,
        is_headline=_headline_shaped(bare) and not is_ui,
        is_ui=is_ui,
        email_domain=email.group(1).lower() if email else None,
    )


def _link_list_members(paragraphs: list[Paragraph], min_run: int) -> set[int]:
    """Indexes of paragraphs inside runs of short headline-like or bullet lines."""
    members: set[int] = set()
    run: list[int] = []
    for i, p in enumerate(paragraphs + [None]):  # sentinel closes the last run
        if p is not None and not p.is_prose and (p.is_bullet or p.is_headline):
            run.append(i)
            continue
        if len(run) >= min_run:
            members.update(run)
        run = []
    return members


def story_parts(
    text: str,
    min_prose_words: int = settings.MIN_PROSE_WORDS,
    min_headline_run: int = settings.MIN_HEADLINE_RUN,
) -> StoryParts:
    """Title, story paragraphs and furniture signals of a plain text.

    The story runs from the first prose paragraph to the last one; inside it, paragraphs are
    kept unless they are UI strings or link lists. Before it, the first headline-shaped line
    is the title. A short line next to a contact e-mail is the byline.
    """
    paragraphs = [classified(p, min_prose_words) for p in paragraphs_of(text)]
    prose_at = [i for i, p in enumerate(paragraphs) if p.is_prose]
    link_list = _link_list_members(paragraphs, min_headline_run)
    title = None
    byline = None
    contact = next((p.email_domain for p in paragraphs if p.email_domain and p.is_ui), None)
    for i, p in enumerate(paragraphs):
        if p.email_domain and p.is_ui and i > 0:
            before = paragraphs[i - 1]
            if not before.is_prose and not before.is_ui and 1 <= before.words <= 4:
                byline = BULLET.sub("", before.text).strip()
    if not prose_at:
        return StoryParts(title=None, paragraphs=[], byline=byline, contact_domain=contact,
                          dropped=[p.text for p in paragraphs])
    first, last = prose_at[0], prose_at[-1]
    for p in paragraphs[:first]:
        if p.is_headline and not p.is_bullet:
            title = BULLET.sub("", p.text).strip()
            break
    kept, dropped = [], []
    for i, p in enumerate(paragraphs):
        inside = first <= i <= last
        keep = inside and not p.is_ui and i not in link_list and (p.is_prose or SENTENCE_END.search(p.text))
        (kept if keep else dropped).append(p.text)
    if title in dropped:
        dropped.remove(title)
    return StoryParts(title=title, paragraphs=kept, byline=byline, contact_domain=contact, dropped=dropped)


def without_furniture(paragraphs: list[str]) -> list[str]:
    """Paragraphs minus UI strings and link lists: the safe subset of the rules, for text
    that an HTML extractor has already reduced to the main content."""
    classes = [classified(p) for p in paragraphs]
    link_list = _link_list_members(classes, settings.MIN_HEADLINE_RUN + 1)
    return [p.text for i, p in enumerate(classes) if not p.is_ui and i not in link_list]
