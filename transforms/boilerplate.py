"""Boilerplate in plain text: which paragraphs are the story, which are site furniture.

Scrapers often save pages as text with their menus, "Latest Stories" lists, share and comment
widgets, bylines and contact lines still in. Each paragraph is classified by its own shape
(length, sentence punctuation, capitalisation, UI strings, counters, e-mails) and by its
neighbours (runs of short headline-like lines are link lists, headline + summary pairs are
teasers, "says:" / date lines are comments). The story is the densest contiguous stretch of
prose (a maximum-sum span over per-paragraph scores); the headline above it is the title.

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
# Comment sections: their headers and per-comment lines end the story.
COMMENT_MARKER = re.compile(
    r"^(?:\d+\s+(?:comments?|responses?|replies|thoughts?\s+on\b.*)|(?:leave|post|add)\s+a\s+(?:reply|comment).*|"
    r"comments?\s+(?:are\s+closed|for\s+this\s+thread.*)|reply|.{1,60}\s(?:says|said|wrote):?|"
    r".{1,60}\bon\s+\w+\s+\d{1,2},\s+\d{4}\s+at\s+\d{1,2}:\d{2}.*|\d+\s+(?:comments?|responses?|replies)\s+to\b.*|"
    r"(?:\w+\s+\d{1,2},?\s+\d{4}|\d{1,2}[./]\d{1,2}[./]\d{2,4}|\d{1,2}\s+\w+\s+\d{4}),?\s+(?:at\s+)?\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?)$",
    re.IGNORECASE,
)
# Site legal notices in prose: cookie and privacy notices, terms, disclaimers.
LEGAL = re.compile(
    r"\b(?:this\s+(?:web)?site|cookies?|privacy\s+(?:policy|notice|statement)|terms\s+(?:of|and)\s+(?:use|service|conditions)|"
    r"(?:registered\s+)?trademarks?\s+of|have\s+not\s+been\s+evaluated\s+by|all\s+rights\s+reserved)\b",
    re.IGNORECASE,
)
# Lines that open what comes after a story: comment prompts, "more from" and "recommended"
# blocks, author boxes. Inside the story span they cut its tail. ("Read more" and "Related"
# are not among them: sites put those boxes in the middle of the story too.)
STORY_END = re.compile(
    r"^(?:share\s+your\s+thoughts|join\s+the\s+(?:conversation|discussion)|as\s+you\s+comment|"
    r"comments?\s+(?:policy|guidelines)|we\s+welcome\s+(?:your\s+)?comments|(?:leave|post|add)\s+a\s+(?:comment|reply)|"
    r"\d+\s+comments?|comments?|(?:about|more\s+about)\s+the\s+author)\b",
    re.IGNORECASE,
)
# Boxes that also sit in the middle of stories ("Most read", "Recommended"): they cut the tail
# only when the story before them is the larger part.
BOX_START = re.compile(
    r"^(?:more\s+(?:stories|news|from)\b|recommended(?:\s+for\s+you)?|you\s+(?:may|might)\s+(?:also\s+)?(?:like|enjoy)|"
    r"trending(?:\s+now)?|most\s+(?:popular|read|viewed|shared))\b",
    re.IGNORECASE,
)
WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
# Words that stay lower case inside English headlines in Title Case.
TITLE_SMALL_WORDS = frozenset(
    "a an and as at but by for from in into of on or over per the to up via vs with amid after before".split()
)


# Function words of the languages the corpus mostly holds (English, German, French, Spanish,
# Portuguese, Italian, Dutch): prose is full of them, menus and headline lists are not.
STOPWORDS = frozenset("""
a about after all also an and any are as at be been but by can could did do from had has have he her his
how i if in into is it its more no not of on one or our out she so some than that the their them then there
these they this to up was we were what when which who will with would you
aber als am an auch auf aus bei bis das dass dem den der des die durch ein eine einem einen einer es für
hat ich im in ist mit nach nicht noch nur oder sich sie sind so um und von vor war was wie wir zu zum zur
au aux avec ce ces dans de des du elle en est et il ils la le les leur mais ne nous par pas plus pour qui
que sa se son sont sur un une vous y
al con como del el en es la las lo los más para pero por que se su sus un una y o
ao com da das de do dos e em na no nos os para pela pelo por que se um uma é
che chi con da dei del della di e gli il in la le nel per non si sono un una
de het een en in is met niet op te van voor zijn
""".split())


def stopword_density(text: str) -> float:
    """Share of a paragraph's words that are function words."""
    words = [w.lower() for w in WORD.findall(text)]
    return sum(1 for w in words if w in STOPWORDS) / len(words) if words else 0.0


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

    A line is joined to the next when the text is hard-wrapped (its lines break at a fixed
    width, as newswire and e-mail text do), the line does not end a sentence and the next line
    continues it; bullet lines and short headline-like lines stay separate, so link lists are
    not glued into prose. In text that is not hard-wrapped (a page saved as one line per
    block) every line is its own paragraph, except that a line starting lower case continues
    the previous one.
    """
    blocks = re.split(r"\n\s*\n", text.replace("\r\n", "\n").replace("\r", "\n"))
    wrapped = is_hard_wrapped(text)
    out: list[str] = []
    for block in blocks:
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        current = ""
        for line in lines:
            if current and _continues(current, line, wrapped):
                current = f"{current} {line}"
            else:
                if current:
                    out.append(current)
                current = line
        if current:
            out.append(current)
    return out


def is_hard_wrapped(text: str, width: int = settings.MAX_WRAPPED_LINE_CHARS) -> bool:
    """True when the text's lines are broken at a fixed width: almost no line is longer than
    `width` and most non-empty lines come close to it."""
    lengths = [len(line.strip()) for line in text.split("\n") if line.strip()]
    if len(lengths) < 3:
        return False
    long_lines = sum(1 for n in lengths if n > width)
    near_width = sum(1 for n in lengths if width * 0.45 <= n <= width)
    return long_lines <= max(1, len(lengths) // 50) and near_width >= len(lengths) / 2


def _continues(previous: str, line: str, wrapped: bool = True) -> bool:
    if BULLET.match(line) or BULLET.match(previous) or SENTENCE_END.search(previous):
        return False
    if line[:1].islower():
        return True
    return wrapped and len(previous) >= 50 and not _headline_shaped(previous)


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
        (UI_LINE.match(bare) and words <= settings.MAX_UI_WORDS)
        or (SECTION_LABEL.match(bare) and words <= settings.MAX_UI_WORDS)
        or (COPYRIGHT.search(bare) and words <= 25)
        or (LEGAL.search(bare) and words <= settings.MAX_LEGAL_WORDS)
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


def _teaser_members(paragraphs: list[Paragraph], min_pairs: int, max_words: int) -> set[int]:
    """Indexes inside runs of (headline line, one short prose line) pairs: the "related
    stories" blocks that show a headline and its one-sentence summary, again and again."""
    members: set[int] = set()
    i = 0
    while i < len(paragraphs) - 1:
        j = i
        while (j + 1 < len(paragraphs) and _teaser_headline(paragraphs[j])
               and paragraphs[j + 1].is_prose and paragraphs[j + 1].words <= max_words):
            j += 2
        if (j - i) // 2 >= min_pairs:
            members.update(range(i, j))
            i = j
        else:
            i += 1
    return members


def _teaser_headline(p: Paragraph) -> bool:
    """A headline over a teaser: short, and not a sentence ending in a full stop (headlines end
    bare, with a question mark or with an ellipsis)."""
    text = p.text.rstrip()
    return 2 <= p.words <= 20 and not p.is_ui and (not text.endswith(".") or text.endswith("..."))


def _paragraph_score(p: Paragraph, penalty: float) -> float:
    """Evidence that a paragraph belongs to the story: its words when it is prose written in
    a natural language (function words present), a cost when it is not."""
    if p.is_ui or COMMENT_MARKER.match(p.text):
        return -4 * penalty
    if p.is_prose:
        density = stopword_density(p.text)
        return p.words * (1.0 if density >= settings.MIN_STOPWORD_DENSITY else 0.3)
    if p.words >= settings.MIN_LIST_ITEM_WORDS and not p.is_headline:
        return -1.0
    return -(penalty + 0.5 * min(p.words, 10))


def story_span(paragraphs: list[Paragraph], penalty: float = settings.NON_PROSE_PENALTY) -> tuple[int, int] | None:
    """(first, last) index of the contiguous run of paragraphs with the highest total score:
    the story, as the densest stretch of prose between menus, link lists and footers (the
    maximum-sum subarray, so a short ad or subheading inside the story is bridged while a
    long menu is not). None when no paragraph is prose."""
    best, best_span = 0.0, None
    total, start = 0.0, 0
    for i, p in enumerate(paragraphs):
        if total <= 0:
            total, start = 0.0, i
        total += _paragraph_score(p, penalty)
        if total > best:
            best, best_span = total, (start, i)
    return best_span


def _comments_start(paragraphs: list[Paragraph], min_markers: int = 3, max_gap: int = 3) -> int:
    """Index where a comment section starts (a run of comment markers, each within a few
    paragraphs of the next), or len(paragraphs) when there is none."""
    markers = [i for i, p in enumerate(paragraphs) if COMMENT_MARKER.match(p.text)]
    for n, start in enumerate(markers):
        run = 1
        for prev, nxt in zip(markers[n:], markers[n + 1 :]):
            if nxt - prev > max_gap:
                break
            run += 1
        if run >= min_markers:
            return start
    return len(paragraphs)


def story_parts(
    text: str,
    min_prose_words: int = settings.MIN_PROSE_WORDS,
    min_headline_run: int = settings.MIN_HEADLINE_RUN,
) -> StoryParts:
    """Title, story paragraphs and furniture signals of a plain text.

    The story is the highest-scoring contiguous stretch of prose (`story_span`); inside it,
    paragraphs are kept unless they are UI strings, link lists or runs of teasers; a short
    line between two prose paragraphs (a subheading) is kept. Before it, the nearest
    headline-shaped line is the title. A short line next to a contact e-mail is the byline.
    """
    paragraphs = [classified(p, min_prose_words) for p in paragraphs_of(text)]
    counts: dict[str, int] = {}
    for p in paragraphs:
        counts[p.text] = counts.get(p.text, 0) + 1
    # A short line that comes back within the same text is a widget ("Share", "Reply", a
    # section label), never a line of the story.
    repeated = {i for i, p in enumerate(paragraphs) if counts[p.text] > 1 and not p.is_prose}
    furniture = repeated | _link_list_members(paragraphs, min_headline_run) | _teaser_members(
        paragraphs, settings.MIN_TEASER_PAIRS, settings.MAX_TEASER_WORDS)
    scored = [p if i not in furniture else _as_furniture(p) for i, p in enumerate(paragraphs)]
    byline = None
    contact = next((p.email_domain for p in paragraphs if p.email_domain and p.is_ui), None)
    for i, p in enumerate(paragraphs):
        if p.email_domain and p.is_ui and i > 0:
            before = paragraphs[i - 1]
            if not before.is_prose and not before.is_ui and 1 <= before.words <= 4:
                byline = BULLET.sub("", before.text).strip()
    span = story_span(scored[: _comments_start(paragraphs)]) or story_span(scored)
    if span is None and (listed := _longest_list(paragraphs)):
        first, last = listed
        return StoryParts(title=_title_before(paragraphs, first), paragraphs=[p.text for p in paragraphs[first : last + 1]],
                          byline=byline, contact_domain=contact,
                          dropped=[p.text for i, p in enumerate(paragraphs) if not first <= i <= last])
    if span is None:
        return StoryParts(title=None, paragraphs=[], byline=byline, contact_domain=contact,
                          dropped=[p.text for p in paragraphs])
    first, last = span
    last = _before_story_end(scored, first, last)
    title = _title_before(paragraphs, first)
    off_topic = _off_topic(scored, first, last, title)
    # Teasers of other stories sit below the article: trim the span's tail while it is
    # off-topic prose or non-prose, once at least two off-topic paragraphs are in that tail.
    end, trimmed = last, 0
    while end > first and (end in off_topic or not scored[end].is_prose):
        trimmed += end in off_topic
        end -= 1
    if trimmed >= 2:
        last = end
    announced = _announced_lists(paragraphs, first, last)
    last = max([last, *announced])
    kept, dropped = [], []
    for i, p in enumerate(scored):
        keep = i in announced or first <= i <= last and not p.is_ui and (
            p.is_prose or SENTENCE_END.search(p.text) or _is_subheading(scored, i)
            or _is_list_item(scored, i))
        (kept if keep else dropped).append(p.text)
    if title in dropped:
        dropped.remove(title)
    return StoryParts(title=title, paragraphs=kept, byline=byline, contact_domain=contact, dropped=dropped)


def _announced_lists(paragraphs: list[Paragraph], first: int, last: int,
                     min_words: int = settings.MIN_ANNOUNCED_ITEM_WORDS) -> set[int]:
    """Indexes of the lines (and the announcing line) of a list that a story paragraph, or
    the line right after the story, announces with a colon ("Tour
    dates:", "Here are the highlights:"): they are the story's, even when they look like a
    run of headline links. The run ends at the first UI string, prose or short label."""
    out: set[int] = set()
    for i in range(first, min(last + 2, len(paragraphs))):
        if (paragraphs[i].is_ui or paragraphs[i].words < min_words or COMMENT_MARKER.match(paragraphs[i].text)
                or not paragraphs[i].text.rstrip().endswith(":")):
            continue
        j = i + 1
        if i > last and j < len(paragraphs) and not paragraphs[j].is_ui and paragraphs[j].words >= min_words:
            out.add(i)
        while (j < len(paragraphs) and not paragraphs[j].is_ui and not paragraphs[j].is_prose
               and paragraphs[j].words >= min_words):
            out.add(j)
            j += 1
    return out


def _before_story_end(paragraphs: list[Paragraph], first: int, last: int) -> int:
    """Last index of the story once the span is cut at the first end marker: a comment prompt
    ("Share your thoughts") once some story is above it, or a box start ("Most read", "More
    from ...") with at least as many prose words before it as after it."""
    words = [p.words if p.is_prose else 0 for p in paragraphs]
    for i in range(first + 1, last + 1):
        text = BULLET.sub("", paragraphs[i].text).strip()
        if paragraphs[i].words > 40:
            continue
        before, after = sum(words[first:i]), sum(words[i : last + 1])
        if STORY_END.match(text) and before >= settings.MIN_STORY_WORDS_BEFORE_END:
            return i - 1
        if BOX_START.match(text) and before >= after:
            return i - 1
    return last


def _content_words(text: str) -> set[str]:
    return {w for w in (w.lower() for w in WORD.findall(text)) if len(w) > 3 and w not in STOPWORDS}


def _off_topic(paragraphs: list[Paragraph], first: int, last: int, title: str | None,
               lead_size: int = 3, min_overlap: float = settings.MIN_TOPIC_OVERLAP) -> set[int]:
    """Prose paragraphs of the span after its lead that share (almost) no content word with
    the title and the lead paragraphs: teasers of other stories glued below the article."""
    prose = [i for i in range(first, last + 1) if paragraphs[i].is_prose]
    lead = set().union(*(_content_words(paragraphs[i].text) for i in prose[:lead_size]), _content_words(title or ""))
    out = set()
    for i in prose[lead_size:]:
        words = _content_words(paragraphs[i].text)
        if words and len(words & lead) / len(words) < min_overlap:
            out.add(i)
    return out


def _as_furniture(p: Paragraph) -> Paragraph:
    return Paragraph(text=p.text, words=p.words, is_bullet=p.is_bullet, is_prose=False, is_headline=False,
                     is_ui=True, email_domain=p.email_domain)


def _longest_list(paragraphs: list[Paragraph], min_items: int = settings.MIN_LIST_ITEMS) -> tuple[int, int] | None:
    """(first, last) of the longest run of list items, for a page without prose (a
    calendar, a recipe, a results table): the list is its content. Its items may look like
    headlines (dates and names are capitalised); menu labels are too short to count."""
    best, start = None, None
    for i, p in enumerate(paragraphs + [None]):
        if p is not None and not p.is_ui and not p.is_prose and p.words >= settings.MIN_LIST_ITEM_WORDS:
            start = i if start is None else start
            continue
        if start is not None and i - start >= min_items and (best is None or i - start > best[1] - best[0] + 1):
            best = (start, i - 1)
        start = None
    return best


def _list_shaped(p: Paragraph) -> bool:
    return not p.is_prose and not p.is_ui and not p.is_headline and p.words >= settings.MIN_LIST_ITEM_WORDS


def _is_list_item(paragraphs: list[Paragraph], i: int) -> bool:
    """A longer non-prose line next to another one, inside the story: an item of the story's
    own list or a row of its table (a lone one is a caption or a credit line)."""
    return _list_shaped(paragraphs[i]) and any(
        0 <= j < len(paragraphs) and _list_shaped(paragraphs[j]) for j in (i - 1, i + 1))


def _is_subheading(paragraphs: list[Paragraph], i: int) -> bool:
    """A short line with prose before and after it, inside the story."""
    p = paragraphs[i]
    return (0 < i < len(paragraphs) - 1 and not p.is_bullet and 1 <= p.words <= settings.MAX_TITLE_WORDS
            and paragraphs[i - 1].is_prose and paragraphs[i + 1].is_prose)


def _title_before(paragraphs: list[Paragraph], first: int, window: int = 12) -> str | None:
    """The headline above the story: the nearest headline-shaped line of at least four words
    in the few paragraphs before it, else the nearest shorter one."""
    candidates = [p for p in reversed(paragraphs[max(0, first - window):first]) if p.is_headline and not p.is_bullet]
    chosen = next((p for p in candidates if p.words >= 4), candidates[0] if candidates else None)
    return BULLET.sub("", chosen.text).strip() if chosen else None


def without_furniture(paragraphs: list[str]) -> list[str]:
    """Paragraphs minus UI strings: the safe subset of the rules, for text that an HTML
    extractor or the user's scraper has already reduced to the main content. Lists stay: in
    such text they are the story's own lists far more often than link lists."""
    return [text for text in paragraphs if not classified(text).is_ui]
