"""Event dates: a date expression resolved against the article's publication date.

Our own rule table, absolute dates included (dateparser's weekday handling is inconsistent
across versions; see ../shared/research/extraction-design.md 5.5). With no
anchor, relative expressions stay unresolved: null beats a guess.

| expression                  | past / neutral clause              | future clause            | precision |
| --------------------------- | ---------------------------------- | ------------------------ | --------- |
| "Tuesday"                   | latest Tuesday <= anchor           | next Tuesday >= anchor   | day       |
| "last Tuesday"              | latest Tuesday < anchor            |                          | day       |
| "next Tuesday"              |                                    | first Tuesday > anchor   | day       |
| today/tonight/this morning  | anchor                             | anchor                   | day       |
| yesterday / tomorrow        | anchor -1 / +1                     |                          | day       |
| "N days/weeks ago"          | anchor - N                         |                          | day/week  |
| this/last/next week         | Monday of that ISO week            |                          | week      |
| this/last/next month        | first of that month                |                          | month     |
| this/last/next year         | January 1 of that year             |                          | year      |
| "in March" (no year)        | latest March <= anchor (past)      | next March (future)      | month     |
| "in 2023"                   | 2023-01-01                         |                          | year      |
| "July 4", "4 July 2024"     | nearest such date, year chosen by tense                        | day       |
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december")
NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
           "eight": 8, "nine": 9, "ten": 10}


@dataclass(frozen=True)
class ResolvedDate:
    value: date
    precision: str  # day | week | month | year
    method: str  # which rule resolved it (for provenance)


def _weekday_index(word: str) -> int | None:
    word = word.lower().rstrip(".")
    for i, name in enumerate(WEEKDAYS):
        if word == name or (len(word) >= 3 and name.startswith(word)):
            return i
    return None


def _month_index(word: str) -> int | None:
    word = word.lower().rstrip(".")
    for i, name in enumerate(MONTHS):
        if word == name or (len(word) >= 3 and name.startswith(word)):
            return i + 1
    return None


def _shift_month(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def resolved_date(expression: str, anchor: date | None, tense: str = "past") -> ResolvedDate | None:
    """The date an expression refers to, or None (no anchor for a relative expression, or an
    expression too vague to place: "recently", "in recent days")."""
    text = " ".join(re.sub(r"[,]", " ", expression.lower()).split())
    text = re.sub(r"^(?:on|in|at|during|by|since|from|until|this past|the)\s+", "", text)
    text = re.sub(r"\s+(?:morning|afternoon|evening|night)$", "", text)
    absolute = _absolute(text, anchor, tense)
    if absolute is not None:
        return absolute
    if anchor is None:
        return None
    future = tense == "future"
    if text in ("today", "tonight", "this morning", "this afternoon", "this evening", "this"):
        return ResolvedDate(anchor, "day", "today")
    if text in ("yesterday", "last night"):
        return ResolvedDate(anchor - timedelta(days=1), "day", "yesterday")
    if text == "tomorrow":
        return ResolvedDate(anchor + timedelta(days=1), "day", "tomorrow")
    words = text.split()
    if len(words) in (1, 2) and _weekday_index(words[-1]) is not None:
        target = _weekday_index(words[-1])
        modifier = words[0] if len(words) == 2 else ""
        if modifier == "last" or (not modifier and not future):
            back = (anchor.weekday() - target) % 7
            if modifier == "last" and back == 0:
                back = 7
            return ResolvedDate(anchor - timedelta(days=back), "day", f"weekday-{modifier or 'past'}")
        if modifier == "next" or (not modifier and future):
            ahead = (target - anchor.weekday()) % 7
            if modifier == "next" and ahead == 0:
                ahead = 7
            return ResolvedDate(anchor + timedelta(days=ahead), "day", f"weekday-{modifier or 'future'}")
        if modifier == "this":
            return ResolvedDate(anchor - timedelta(days=anchor.weekday() - target), "day", "weekday-this")
        return None
    match = re.fullmatch(r"(\w+) (day|week|month|year)s? (ago|later|earlier)", text)
    if match and match.group(1) in NUMBERS or (match and match.group(1).isdigit()):
        n = int(match.group(1)) if match.group(1).isdigit() else NUMBERS[match.group(1)]
        sign = 1 if match.group(3) == "later" else -1
        unit = match.group(2)
        if unit == "day":
            return ResolvedDate(anchor + timedelta(days=sign * n), "day", "days-offset")
        if unit == "week":
            return ResolvedDate(anchor + timedelta(weeks=sign * n), "week", "weeks-offset")
        if unit == "month":
            return ResolvedDate(_shift_month(anchor, sign * n), "month", "months-offset")
        return ResolvedDate(date(anchor.year + sign * n, 1, 1), "year", "years-offset")
    match = re.fullmatch(r"(this|last|next|earlier this|later this|past) (week|month|year)", text)
    if match:
        offset = {"last": -1, "next": 1, "past": -1}.get(match.group(1), 0)
        unit = match.group(2)
        if unit == "week":
            monday = anchor - timedelta(days=anchor.weekday()) + timedelta(weeks=offset)
            return ResolvedDate(monday, "week", f"{match.group(1)}-week")
        if unit == "month":
            return ResolvedDate(_shift_month(anchor, offset), "month", f"{match.group(1)}-month")
        return ResolvedDate(date(anchor.year + offset, 1, 1), "year", f"{match.group(1)}-year")
    if len(words) == 1 and _month_index(words[0]) is not None and len(words[0]) >= 3:
        month = _month_index(words[0])
        year = anchor.year
        if not future and month > anchor.month:
            year -= 1
        if future and month < anchor.month:
            year += 1
        return ResolvedDate(date(year, month, 1), "month", "month-name")
    return None


def _absolute(text: str, anchor: date | None, tense: str) -> ResolvedDate | None:
    """Explicit dates: "2024", "March 2024", "July 4", "4 July 2024", "2024-07-04"."""
    if re.fullmatch(r"(?:19|20)\d\d", text):
        return ResolvedDate(date(int(text), 1, 1), "year", "explicit-year")
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text)
    if match:
        try:
            return ResolvedDate(date(*map(int, match.groups())), "day", "explicit-iso")
        except ValueError:
            return None
    words = text.replace(".", "").split()
    month = day = year = None
    for word in words:
        if word.isdigit() and len(word) == 4:
            year = int(word)
        elif re.fullmatch(r"\d{1,2}(?:st|nd|rd|th)?", word):
            day = int(re.match(r"\d+", word).group())
        elif _month_index(word) is not None and len(word) >= 3:
            month = _month_index(word)
        else:
            return None
    if month is None:
        return None
    if year is None:
        if anchor is None:
            return None
        year = anchor.year
        candidate = date(year, month, min(day or 1, 28))
        # The year that keeps a dated event within ten months before to two months after the anchor.
        if tense != "future" and candidate > anchor + timedelta(days=62):
            year -= 1
        elif tense == "future" and candidate < anchor - timedelta(days=31):
            year += 1
    try:
        if day is None:
            return ResolvedDate(date(year, month, 1), "month", "explicit-month")
        return ResolvedDate(date(year, month, day), "day", "explicit-date")
    except ValueError:
        return None
