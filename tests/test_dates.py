"""Event dates: relative expressions resolved against fixed publication dates."""

from __future__ import annotations

from datetime import date

import pytest

from transforms.dates import resolved_date

WED = date(2024, 6, 12)  # a Wednesday


@pytest.mark.parametrize(
    "expression, tense, expected, precision",
    [
        ("Tuesday", "past", date(2024, 6, 11), "day"),
        ("on Tuesday", "past", date(2024, 6, 11), "day"),
        ("Wednesday", "past", date(2024, 6, 12), "day"),  # same day allowed in news
        ("Thursday", "past", date(2024, 6, 6), "day"),
        ("Thursday", "future", date(2024, 6, 13), "day"),
        ("last Wednesday", "past", date(2024, 6, 5), "day"),
        ("next Wednesday", "future", date(2024, 6, 19), "day"),
        ("Monday afternoon", "past", date(2024, 6, 10), "day"),
        ("yesterday", "past", date(2024, 6, 11), "day"),
        ("tomorrow", "future", date(2024, 6, 13), "day"),
        ("three days ago", "past", date(2024, 6, 9), "day"),
        ("last week", "past", date(2024, 6, 3), "week"),
        ("next month", "future", date(2024, 7, 1), "month"),
        ("last year", "past", date(2023, 1, 1), "year"),
        ("in March", "past", date(2024, 3, 1), "month"),
        ("November", "past", date(2023, 11, 1), "month"),
        ("July 4", "past", date(2024, 7, 4), "day"),  # within two months after the anchor
        ("December 25", "past", date(2023, 12, 25), "day"),
        ("4 July 2021", "past", date(2021, 7, 4), "day"),
        ("2019", "past", date(2019, 1, 1), "year"),
    ],
)
def test_expressions(expression, tense, expected, precision):
    result = resolved_date(expression, WED, tense)
    assert (result.value, result.precision) == (expected, precision)


def test_relative_expressions_without_anchor_stay_unresolved():
    assert resolved_date("Tuesday", None) is None
    assert resolved_date("last week", None) is None
    assert resolved_date("4 July 2021", None).value == date(2021, 7, 4)


def test_vague_expressions_are_not_guessed():
    assert resolved_date("recently", WED) is None
    assert resolved_date("in recent days", WED) is None


def test_year_end_and_month_end():
    assert resolved_date("last month", date(2024, 1, 15)).value == date(2023, 12, 1)
    assert resolved_date("Friday", date(2024, 1, 1)).value == date(2023, 12, 29)
