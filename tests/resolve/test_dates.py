"""Date expressions, written for these tests, resolved against publication dates."""

from datetime import date

import pytest

from flashpoint.resolve.dates import resolve_date, writes_day_first
from flashpoint.taxonomy import Precision

# A Wednesday; most cases read against it.
WEDNESDAY = date(2024, 3, 13)


def _interval(expression: str, published: date | None = WEDNESDAY, **kwargs: bool) -> tuple[date, date, str]:
    result = resolve_date(expression, published, **kwargs)
    assert result is not None, expression
    assert result.text == expression
    return result.start, result.end, result.precision


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("On Monday", date(2024, 3, 11)),
        ("Friday", date(2024, 3, 8)),
        ("on Thursday", date(2024, 3, 7)),
        ("late on Tuesday", date(2024, 3, 12)),
        ("Saturday night", date(2024, 3, 9)),
        ("in the early hours of Sunday", date(2024, 3, 10)),
        ("shortly after midnight on Tuesday", date(2024, 3, 12)),
    ],
)
def test_dates_on_monday_is_the_monday_before_publication(expression: str, expected: date) -> None:
    assert _interval(expression) == (expected, expected, Precision.DAY)


@pytest.mark.parametrize("expression", ["Wednesday", "on Wednesday", "late Wednesday", "Wednesday evening"])
def test_dates_same_weekday_is_the_publication_day(expression: str) -> None:
    assert _interval(expression) == (WEDNESDAY, WEDNESDAY, Precision.DAY)


@pytest.mark.parametrize(
    ("expression", "expected"),
    [("last Wednesday", date(2024, 3, 6)), ("last Monday", date(2024, 3, 11))],
)
def test_dates_last_weekday_is_strictly_before_publication(expression: str, expected: date) -> None:
    assert _interval(expression)[0] == expected


@pytest.mark.parametrize(
    ("expression", "start", "precision"),
    [
        ("since February 6", date(2024, 2, 6), Precision.DAY),
        ("since last week", date(2024, 3, 4), Precision.WEEK),
        ("since 2011", date(2011, 1, 1), Precision.YEAR),
        ("from Monday", date(2024, 3, 11), Precision.DAY),
    ],
)
def test_dates_since_opens_an_interval_to_publication(expression: str, start: date, precision: str) -> None:
    assert _interval(expression) == (start, WEDNESDAY, precision)


@pytest.mark.parametrize(
    ("expression", "expected"),
    [("14 May", date(2023, 5, 14)), ("October 7", date(2023, 10, 7)), ("March 14", date(2023, 3, 14))],
)
def test_dates_yearless_date_after_publication_is_last_year(expression: str, expected: date) -> None:
    assert _interval(expression) == (expected, expected, Precision.DAY)


def test_dates_yearless_date_before_publication_is_this_year() -> None:
    assert _interval("Feb. 6")[0] == date(2024, 2, 6)


@pytest.mark.parametrize(
    "expression", ["Monday", "last week", "yesterday", "two days ago", "October 7", "overnight", "8 pm"]
)
def test_dates_without_publication_relative_is_none(expression: str) -> None:
    assert resolve_date(expression, None) is None


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("On 4 May 2020", (date(2020, 5, 4), date(2020, 5, 4), Precision.DAY)),
        ("March 2022", (date(2022, 3, 1), date(2022, 3, 31), Precision.MONTH)),
        ("in 2003", (date(2003, 1, 1), date(2003, 12, 31), Precision.YEAR)),
        ("Sunday, October 8, 2023", (date(2023, 10, 8), date(2023, 10, 8), Precision.DAY)),
    ],
)
def test_dates_absolute_without_publication(expression: str, expected: tuple[date, date, str]) -> None:
    assert _interval(expression, None) == expected


@pytest.mark.parametrize(
    ("expression", "start", "end"),
    [
        ("in early February", date(2024, 2, 1), date(2024, 2, 10)),
        ("mid-February", date(2024, 2, 11), date(2024, 2, 20)),
        ("late February", date(2024, 2, 21), date(2024, 2, 29)),
        ("the end of January", date(2024, 1, 21), date(2024, 1, 31)),
        ("mid-October 2023", date(2023, 10, 11), date(2023, 10, 20)),
    ],
)
def test_dates_early_mid_late_month_take_its_thirds(expression: str, start: date, end: date) -> None:
    assert _interval(expression) == (start, end, Precision.MONTH)


@pytest.mark.parametrize(
    ("expression", "start", "end"),
    [
        ("early 2022", date(2022, 1, 1), date(2022, 4, 30)),
        ("mid-2023", date(2023, 5, 1), date(2023, 8, 31)),
        ("late last year", date(2023, 9, 1), date(2023, 12, 31)),
    ],
)
def test_dates_early_mid_late_year_take_four_months(expression: str, start: date, end: date) -> None:
    assert _interval(expression) == (start, end, Precision.YEAR)


def test_dates_late_in_a_month_still_ahead_is_last_year() -> None:
    assert _interval("late March")[:2] == (date(2023, 3, 21), date(2023, 3, 31))


@pytest.mark.parametrize(
    ("expression", "start", "end"),
    [
        ("in January", date(2024, 1, 1), date(2024, 1, 31)),
        ("in December 2023", date(2023, 12, 1), date(2023, 12, 31)),
        ("last month", date(2024, 2, 1), date(2024, 2, 29)),
        ("earlier this month", date(2024, 3, 1), WEDNESDAY),
        ("last March", date(2023, 3, 1), date(2023, 3, 31)),
        # a month of last or this year is that year's
        ("in July last year", date(2023, 7, 1), date(2023, 7, 31)),
        ("October of last year", date(2023, 10, 1), date(2023, 10, 31)),
        ("in February this year", date(2024, 2, 1), date(2024, 2, 29)),
        ("since May last year", date(2023, 5, 1), WEDNESDAY),
    ],
)
def test_dates_month_precision_covers_the_month(expression: str, start: date, end: date) -> None:
    assert _interval(expression) == (start, end, Precision.MONTH)


@pytest.mark.parametrize(
    ("expression", "start", "end"),
    [
        ("2003", date(2003, 1, 1), date(2003, 12, 31)),
        ("the 2003 invasion", date(2003, 1, 1), date(2003, 12, 31)),
        ("last year", date(2023, 1, 1), date(2023, 12, 31)),
        ("three years ago", date(2021, 1, 1), date(2021, 12, 31)),
        ("the 1990s", date(1990, 1, 1), date(1999, 12, 31)),
    ],
)
def test_dates_year_precision_covers_the_year(expression: str, start: date, end: date) -> None:
    assert _interval(expression) == (start, end, Precision.YEAR)


@pytest.mark.parametrize(
    ("expression", "start", "end"),
    [
        ("last week", date(2024, 3, 4), date(2024, 3, 10)),
        ("a week ago", date(2024, 3, 4), date(2024, 3, 10)),
        ("this week", date(2024, 3, 11), WEDNESDAY),
        ("the past week", date(2024, 3, 6), WEDNESDAY),
    ],
)
def test_dates_week_precision_is_monday_to_sunday_or_a_window(
    expression: str, start: date, end: date
) -> None:
    assert _interval(expression) == (start, end, Precision.WEEK)


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("yesterday", (date(2024, 3, 12), date(2024, 3, 12), Precision.DAY)),
        ("two days ago", (date(2024, 3, 11), date(2024, 3, 11), Precision.DAY)),
        ("overnight", (date(2024, 3, 12), WEDNESDAY, Precision.DAY)),
        ("the past 24 hours", (date(2024, 3, 12), WEDNESDAY, Precision.DAY)),
        ("over the weekend", (date(2024, 3, 9), date(2024, 3, 10), Precision.DAY)),
        ("this morning", (WEDNESDAY, WEDNESDAY, Precision.DAY)),
        ("at 8 p.m.", (WEDNESDAY, WEDNESDAY, Precision.DAY)),
    ],
)
def test_dates_relative_days_count_from_publication(
    expression: str, expected: tuple[date, date, str]
) -> None:
    assert _interval(expression) == expected


@pytest.mark.parametrize(
    ("expression", "start", "end"),
    [
        ("between 1 and 3 May 2020", date(2020, 5, 1), date(2020, 5, 3)),
        ("1-3 May", date(2023, 5, 1), date(2023, 5, 3)),
        ("May 1-3, 2020", date(2020, 5, 1), date(2020, 5, 3)),
        ("from 30 April to 3 May 2020", date(2020, 4, 30), date(2020, 5, 3)),
        ("28 December - 2 January", date(2023, 12, 28), date(2024, 1, 2)),
        ("Friday night into Saturday morning", date(2024, 3, 8), date(2024, 3, 9)),
    ],
)
def test_dates_ranges_join_two_days(expression: str, start: date, end: date) -> None:
    assert _interval(expression) == (start, end, Precision.DAY)


def test_dates_year_range_spans_both_years() -> None:
    assert _interval("2014-2016") == (date(2014, 1, 1), date(2016, 12, 31), Precision.YEAR)


@pytest.mark.parametrize(
    "expression",
    [
        "30 years old",
        "a 12-year-old",
        "three days",
        "for weeks",
        "decades",
        "150",
        "every day",
        "the next day",
        "two days later",
        "before Monday",
        "",
    ],
)
def test_dates_junk_and_durations_are_none(expression: str) -> None:
    assert resolve_date(expression, WEDNESDAY) is None


@pytest.mark.parametrize("expression", ["tomorrow", "next week", "later this month"])
def test_dates_forward_expressions_are_none_for_past_events(expression: str) -> None:
    assert resolve_date(expression, WEDNESDAY) is None


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("Monday", date(2024, 3, 18)),
        ("Wednesday", WEDNESDAY),
        ("14 May", date(2024, 5, 14)),
        ("tomorrow", date(2024, 3, 14)),
        ("next week", date(2024, 3, 18)),
    ],
)
def test_dates_allow_future_reads_ambiguous_dates_forward(expression: str, expected: date) -> None:
    assert _interval(expression, allow_future=True)[0] == expected


def test_dates_explicit_future_year_is_kept() -> None:
    assert _interval("in 2026") == (date(2026, 1, 1), date(2026, 12, 31), Precision.YEAR)


def test_dates_interval_running_past_publication_ends_there() -> None:
    assert _interval("in March 2024") == (date(2024, 3, 1), WEDNESDAY, Precision.MONTH)


@pytest.mark.parametrize("expression", ["February 30", "31 April", "June 31, 2021"])
def test_dates_a_day_the_month_does_not_have_is_no_date(expression: str) -> None:
    assert resolve_date(expression, date(2024, 3, 1)) is None


def test_dates_the_leap_day_is_a_date() -> None:
    found = resolve_date("February 29", date(2024, 3, 1))
    assert found is not None and found.start == date(2024, 2, 29)


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("on 14/02", date(2024, 2, 14)),  # a number above 12 cannot be the month
        ("the evening of 28/01", date(2024, 1, 28)),
        ("02/28", date(2024, 2, 28)),  # ... on either side
        ("on 20/11", date(2023, 11, 20)),  # a year-less date after publication is last year's
    ],
)
def test_dates_a_numeric_date_with_a_plain_order_is_read_without_a_year(
    expression: str, expected: date
) -> None:
    assert _interval(expression) == (expected, expected, Precision.DAY)


def test_dates_a_numeric_date_that_reads_both_ways_follows_the_article() -> None:
    day = date(2019, 12, 6)
    assert _interval("on 6/12/2019", day_first=True) == (day, day, Precision.DAY)
    assert resolve_date("on 6/12", WEDNESDAY) is None  # with no year and no lead, no guess
    assert writes_day_first("Gunmen struck on 23/08. Elections were held on 6/12/2019.")
    assert not writes_day_first("Elections were held on 6/12/2019.")
    assert not writes_day_first("Gunmen struck on 23/08 and again on 08/24.")  # the article disagrees
