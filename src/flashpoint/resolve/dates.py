"""Date expressions to intervals, read against the article's publication date.

News writes dates relative to the day it is published: "on Monday", "last week", "since February 6",
"in early March". `resolve_date` turns one such expression into the interval it names, with the
precision the text gave it (day, week, month or year).

The algorithm peels the expression from the outside in. First the operators that shape the interval:
"since X" opens an interval from X to publication, "between A and B" and "A-B" join two points, and
"early/mid/late X" takes a third of X. What is left is a point, read by a short list of rules that
dateparser gets wrong or cannot know (same-weekday, "last Monday", "overnight", "the past 24 hours",
"earlier this month", weekends, seasons, decades, durations and ages as junk); anything else goes to
dateparser with the publication date as its base. Last, the reading is oriented: an event told in the
past cannot start after publication, so a year-less date is moved back a year, a relative expression
that points forward gives nothing, and an interval that runs past publication is cut there.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from functools import lru_cache

from dateparser.date import DateDataParser

from flashpoint.knowledge.lexicon import number_words
from flashpoint.records import DateRef
from flashpoint.taxonomy import Precision

_MONTHS = {
    name: index
    for index, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = r"(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAYS = {
    name: index
    for index, names in enumerate(
        (
            ("monday", "mon"),
            ("tuesday", "tue", "tues"),
            ("wednesday", "wed"),
            ("thursday", "thu", "thur", "thurs"),
            ("friday", "fri"),
            ("saturday", "sat"),
            ("sunday", "sun"),
        )
    )
    for name in names
}
_WEEKDAY = r"(?:" + "|".join(sorted(_WEEKDAYS, key=len, reverse=True)) + r")\.?"
# Counts of time units: the cardinal words, plus the vague amounts news uses for them.
_NUMBERS = {
    **number_words().cardinals,
    "a": 1,
    "an": 1,
    "a few": 3,
    "few": 3,
    "several": 3,
    "a couple of": 2,
    "a couple": 2,
    "couple of": 2,
}
_NUMBER = r"(?:\d+|" + "|".join(sorted(map(re.escape, _NUMBERS), key=len, reverse=True)) + r")"
_UNIT = r"(?P<unit>hour|day|night|week|fortnight|month|year|decade)s?"

# An explicit year: four digits in the modern range, not part of a longer number or an amount.
_YEAR = re.compile(r"(?<![\d,.])(1[89]\d\d|20\d\d)(?![\d,]|s\b)")
_NUMERIC_DATE = re.compile(r"^\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}$")

_LEADING = re.compile(
    r"^(?:on|in|at|during|around|about|circa|c\.|some ?time in|sometime during|as early as|as late as"
    r"|as of|by|for|over|within|throughout|until|till|til|up to|up until|through|thru"
    # "the next day" counts from another date and "the last week" is a rolling window: keep their "the".
    r"|the(?!\s+(?:previous|preceding|following|next|same|prior|last|past|day|eve)\b))\s+"
)
_SINCE = re.compile(r"^(?:ever\s+)?(?:since|from|starting|beginning|as from)\s+(?P<rest>.+)$")
_BEFORE_AFTER = re.compile(r"^(?:before|after|prior to|ahead of|following|by the end of)\s+")
_BETWEEN = re.compile(r"^(?:between|from)\s+(?P<a>.+?)\s+(?:and|to|until|till|through|-)\s+(?P<b>.+)$")
_DAY_RANGE = re.compile(
    r"^(?P<a>\d{1,2})(?:st|nd|rd|th)?\s*(?:-|to|and|until|through)\s*(?P<b>\d{1,2}(?:st|nd|rd|th)?"
    r"\s+(?:of\s+)?" + _MONTH + r".*)$"
)
_MONTH_DAY_RANGE = re.compile(
    r"^(?P<m>" + _MONTH + r")\s+(?P<a>\d{1,2})(?:st|nd|rd|th)?\s*(?:-|to|and|until|through)\s*"
    r"(?P<d>\d{1,2})(?:st|nd|rd|th)?(?P<tail>(?:,?\s+\d{4})?)$"
)
_SPLIT_RANGE = re.compile(r"^(?P<a>.+?)\s*(?:\s-\s|\s-|-\s|\s(?:to|until|till|through|into)\s)\s*(?P<b>.+)$")
_WORD_RANGE = re.compile(r"^(?P<a>" + _MONTH + r")-(?P<b>" + _MONTH + r"(?:\s+\d{4})?)$")
_YEAR_RANGE = re.compile(r"^(?P<a>\d{4})-(?P<b>\d{2}|\d{4})$")
_MODIFIER = re.compile(
    r"^(?:(?P<early>early(?!\s+hours)|earlier|(?:start|beginning|first (?:days|weeks)|turn) of)"
    r"|(?P<mid>mid|middle of)"
    r"|(?P<late>late|later|(?:end|close|last (?:days|weeks)) of))(?:\s+in)?(?:-|\s+|$)"
)
_CLOCK = (
    r"\d{1,2}(?:[:.]\d{2})?\s*(?:a\.?m\.?|p\.?m\.?)|\d{1,2}:\d{2}(?:\s*(?:hrs|gmt|utc))?"
    r"|\d{4}\s*(?:hrs|gmt|utc)"
)
_PART_OF_DAY = (
    r"morning|afternoon|evening|night|nighttime|midday|noon|midnight|dawn|dusk|daybreak|sunrise|sunset"
    r"|lunchtime|daytime"
)
_TIME_PHRASE = re.compile(
    r"(?:\b(?:shortly|just|soon|sometime|some time|early|late)\s+)?"
    r"(?:\b(?:before|after|around|about|at|until|from|by|in the|during the|early in the|late in the)\s+)?"
    r"(?:\bthe\s+)?(?:(?:early|small|wee)\s+hours|\b(?:" + _CLOCK + r")|\b(?:" + _PART_OF_DAY + r"))\b"
    r"(?:\s+(?:local time|gmt|utc))?(?:\s+(?:of|on))?"
)
_TRIM_EDGES = re.compile(r"^(?:[\s,]|on\b|of\b|at\b|the\b)+|(?:[\s,]|on\b|at\b|of\b|in\b)+$")
_ORDINAL_DAY = re.compile(r"^(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)$")
_WEEKDAY_FIRST = re.compile(
    r"^"
    + _WEEKDAY
    + r",?\s+(?:the\s+)?(?=\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?"
    + _MONTH
    + r"|"
    + _MONTH
    + r"|\d{4})"
)
_WEEKDAY_RULE = re.compile(
    r"^(?:(?P<mode>last|this past|past|this coming|this|next|coming)\s+)?(?P<day>" + _WEEKDAY + ")$"
)
_WEEKEND = re.compile(r"^(?:(?P<mode>last|this past|past|this|next|coming|this coming)\s+)?weekend$")
_CALENDAR = re.compile(
    r"^(?P<mode>last|this|next|this past|the current|current)\s+(?P<unit>week|month|year)$"
)
_PART_OF_PERIOD = re.compile(r"^(?P<mode>earlier|later)\s+(?:this|in the)\s+(?P<unit>week|month|year)$")
_NAMED_MONTH = re.compile(r"^(?P<mode>last|this past|this|next)\s+(?P<month>" + _MONTH + r")$")
_MONTH_OF_YEAR = re.compile(r"^(?P<month>" + _MONTH + r")\s+(?:of\s+)?(?P<mode>last|this|next)\s+year$")
_AGO = re.compile(r"^(?P<n>" + _NUMBER + r")\s+(?:more\s+)?" + _UNIT + r"\s+ago$")
_ROLLING = re.compile(
    r"^(?:(?:the\s+)?(?P<dir>past|last|recent|previous|preceding|coming|next)\s+|(?P<recent>recent)\s+)"
    r"(?P<n>" + _NUMBER + r"\s+)?" + _UNIT + r"$"
)
_ANAPHORIC = re.compile(
    r"^(?:the\s+(?:next|same)|(?:the\s+)?(?:previous|preceding|following|prior))\s+(?:day|night|morning"
    r"|evening|afternoon|week|weekend|month|year)$|^(?:that|the same)\s+(?:day|night|week|month|year|morning"
    r"|evening|time)$|^the\s+(?:day\s+(?:before|after)|eve)$"
    r"|^" + _NUMBER + r"\s+" + _UNIT + r"\s+(?:later|earlier|before|after|afterwards?|on|prior)$"
)
_DECADE = re.compile(r"^(?P<cent>\d\d)?'?(?P<dec>\d)0s$")
_SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 2)}
_SEASON = re.compile(
    r"^(?:(?P<mode>last|this past|this|next)\s+)?(?P<season>spring|summer|autumn|fall|winter)"
    r"(?:\s+(?:of\s+)?(?P<year>\d{4}))?$"
)
_DATE_INSIDE = re.compile(
    r"\b(?:\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r"(?:,?\s+\d{4})?"
    r"|" + _MONTH + r"\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s+\d{4})?|" + _MONTH + r"\s+\d{4})\b"
)
_AGE = re.compile(r"\b(?:years?|months?|weeks?|days?)[- ]old\b|\baged?\s+\d|\bage of\b")
_FREQUENCY = re.compile(r"\b(?:every|each|per|daily|weekly|monthly|yearly|annual|annually|nightly|hourly)\b")
_RELATIVE_WORD = re.compile(
    r"\b(?:ago|last|this|next|past|previous|recent|earlier|later|yesterday|today|tonight|tomorrow"
    r"|overnight|now|current|coming)\b"
)
_DURATION_WORDS = frozenset(
    [
        "about",
        "around",
        "nearly",
        "almost",
        "over",
        "more",
        "than",
        "less",
        "at",
        "least",
        "some",
        "up",
        "to",
        "only",
        "just",
        "roughly",
        "another",
        "further",
        "and",
        "or",
        "half",
        "the",
        "long",
        "straight",
        "in",
        "row",
        "on",
        "end",
        "of",
        "entire",
        "whole",
        "full",
        "few",
        "several",
        "many",
        "couple",
        "hundreds",
        "thousands",
        "dozens",
        "tens",
        "decades",
        "-",
    ]
)
_DURATION_UNITS = frozenset(
    [
        "second",
        "seconds",
        "minute",
        "minutes",
        "hour",
        "hours",
        "day",
        "days",
        "night",
        "nights",
        "week",
        "weeks",
        "fortnight",
        "month",
        "months",
        "year",
        "years",
        "decade",
        "decades",
        "century",
        "centuries",
        "time",
        "times",
        "moment",
        "while",
    ]
)
_ANAPHORIC_ALONE = frozenset(
    [
        "now",
        "currently",
        "recently",
        "lately",
        "then",
        "once",
        "ever",
        "soon",
        "later",
        "earlier",
        "previously",
        "meanwhile",
        "present",
    ]
)

# dateparser's base needs some datetime even for absolute dates; no relative reading survives without one.
_NO_BASE = datetime(2000, 1, 1, 12)


@dataclass(frozen=True, slots=True)
class _Reading:
    """An interval before orientation; `yearless` names a calendar date whose year was guessed."""

    start: date
    end: date
    precision: Precision
    yearless: bool = False
    explicit_year: bool = False


def resolve_date(
    expression: str, published: date | None, *, allow_future: bool = False, day_first: bool = False
) -> DateRef | None:
    """The interval a date expression names, relative to the publication date; None when it names none.

    `expression` is the text of a date mention ("On Monday", "since February 6", "in early March",
    "between 1 and 3 May 2020"); the result keeps it as `text`. A weekday is the most recent such day on
    or before publication (the same weekday is the publication day), "last Monday" the one strictly
    before; a year-less date after publication is last year's; "since X" runs from the start of X to
    publication; "early/mid/late" take days 1-10/11-20/21-end of a month, January-April/May-August/
    September-December of a year. Ages, durations ("three days"), bare numbers and dates that count from
    another date in the text ("the next day") give None. A time alone ("8 pm", "this morning") is the
    publication day.

    With `allow_future` False (events that occurred), nothing starts after publication: a year-less date
    moves back a year, a forward relative expression ("tomorrow", "next week") gives None, and an interval
    running past publication ends at publication. An explicit year always wins and is kept as written even
    when it lies ahead. With `allow_future` True (planned, threatened or predicted events) ambiguous
    expressions are read forward instead: a bare weekday is the next such day on or after publication and
    a year-less date the next occurrence on or after it; nothing is cut.

    Without a publication date only expressions carrying their own year resolve ("4 May 2020"); relative
    ones ("Monday", "last week") and year-less dates give None.

    A date written in numbers is read day first when its first number cannot be a month ("13/02",
    "25/05/2015"), month first when its second cannot be; one that reads both ways ("7/12/2004") is read
    day first only when `day_first` (the article writes its other numeric dates so, `writes_day_first`),
    else as dateparser reads it (month first), or not at all without a year.
    """
    return _resolved(expression, published, allow_future, day_first)


# An article repeats its date expressions for every event they govern, and the story's day reads them
# all first; the answer depends only on the arguments, so each is worked out once (dateparser costs
# milliseconds a call). The cache sits behind `resolve_date` so that its key is the same however a
# caller spells the flags: `lru_cache` keys `f(x, d)` and `f(x, d, allow_future=False)` apart.
@lru_cache(maxsize=4096)
def _resolved(expression: str, published: date | None, allow_future: bool, day_first: bool) -> DateRef | None:
    text = _spell_numeric_dates(_clean(expression), day_first)
    if not text:
        return None
    reading = _read(text, published, allow_future)
    if reading is None:
        return None
    oriented = _orient(reading, published, allow_future)
    if oriented is None:
        return None
    return DateRef(start=oriented.start, end=oriented.end, precision=oriented.precision, text=expression)


#: A date written in numbers, day and month in either order, perhaps with a year: "13/02", "7/12/2004",
#: "25.05.2015". A year-less one needs the slash: "13.02" is a decimal number.
_NUMERIC_DAY_MONTH = re.compile(
    r"(?<![\d/])(?<!\d\.)(?P<a>\d{1,2})"
    r"(?:/(?P<b>\d{1,2})(?:/(?P<y>\d{4}|\d{2}))?|\.(?P<b2>\d{1,2})\.(?P<y2>\d{4}|\d{2}))"
    r"(?![\d/]|\.\d)"  # (a full stop after it ends the sentence)
)
#: What every numeric date has: a digit, a slash or full stop, a digit. Found several times faster
#: than `_NUMERIC_DAY_MONTH` itself, whose look-behinds are tried at every character of the text.
_DIGITS_AROUND_A_SEPARATOR = re.compile(r"\d[/.]\d")


def _spell_numeric_dates(text: str, day_first: bool) -> str:
    """'13/02/2015' -> '13 february 2015', '02/13' -> 'february 13': numeric dates whose order is known
    spelled with the month's name, which every reading below understands. The order is known when one
    number cannot be a month, or from the article (`day_first`); a date that reads both ways without
    it is left as written."""

    def spell(match: re.Match[str]) -> str:
        a, b = int(match["a"]), int(match["b"] or match["b2"])
        year = match["y"] or match["y2"]
        if a > 12 and 1 <= b <= 12:
            day, month = a, b
        elif b > 12 and 1 <= a <= 12:
            day, month = b, a
        elif day_first and 1 <= a <= 12 and 1 <= b <= 12:
            day, month = a, b
        else:
            return match.group(0)
        if day > 31:
            return match.group(0)
        if year is not None and len(year) == 2:
            year = f"20{year}" if int(year) < 50 else f"19{year}"  # "25/05/15": this century's
        name = calendar.month_name[month].lower()
        return f"{day} {name} {year}" if year else f"{day} {name}"

    return _NUMERIC_DAY_MONTH.sub(spell, text) if any(c.isdigit() for c in text) else text


# Asked for each date of each event of an article, always with that article's text: read it once.
@lru_cache(maxsize=16)
def writes_day_first(text: str) -> bool:
    """Whether an article writes its numeric dates day first: one of them has a first number that cannot
    be a month ("on 25/05"), and none a second number that cannot be ("05/25"). Such an article reads
    its other numeric dates ("7/12/2004") day first too."""
    if not _DIGITS_AROUND_A_SEPARATOR.search(text):
        return False  # (most articles: no numeric date at all)
    day_first = month_first = False
    for match in _NUMERIC_DAY_MONTH.finditer(text):
        a, b = int(match["a"]), int(match["b"] or match["b2"])
        day_first |= 12 < a <= 31 and 1 <= b <= 12
        month_first |= 12 < b <= 31 and 1 <= a <= 12
    return day_first and not month_first


# The text alone decides these two, while `resolve_date` is asked again for every publication date
# ("on Monday" in each article of a day's news): each expression is cleaned and judged once.
@lru_cache(maxsize=4096)
def _clean(expression: str) -> str:
    text = expression.lower().replace("’", "'").replace("‘", "'").replace("–", "-").replace("—", "-")
    text = re.sub(r"'s\b", "", text)
    text = re.sub(r"\s+", " ", text).strip(' \t\n,;:!?()"')
    return text.rstrip(".")


def _read(text: str, published: date | None, future: bool) -> _Reading | None:
    """Operators that shape the interval (since, ranges, early/mid/late), then the point inside them."""
    text = _strip_leading(text)
    if not text or _is_junk(text):
        return None
    if _BEFORE_AFTER.match(text):
        return None  # "before Monday" bounds an event on one side only; it names no interval
    since = _SINCE.match(text)
    if since and not _BETWEEN.match(text):
        # "Since" looks back whatever the tense, so its start is read as a past date.
        opened = _read(since["rest"], published, False)
        start = _orient(opened, published, False) if opened else None
        if start is None:
            return None
        end = published if published is not None else start.end
        return replace(start, end=end, yearless=False)
    ranged = _read_range(text, published, future)
    if ranged is not None:
        return ranged
    modifier = _MODIFIER.match(text)
    if modifier and not _PART_OF_PERIOD.match(text):
        rest = _strip_leading(text[modifier.end() :].strip())
        rest = f"this {rest}" if rest in ("week", "month", "year") else rest
        inner = _read(rest, published, future) if rest else None
        if inner is None:
            return None
        part = "early" if modifier["early"] else "mid" if modifier["mid"] else "late"
        return _part_of(inner, part)
    return _read_point(text, published, future)


def _strip_leading(text: str) -> str:
    while True:
        stripped = _LEADING.sub("", text, count=1)
        if stripped == text:
            return text
        text = stripped


@lru_cache(maxsize=4096)
def _is_junk(text: str) -> bool:
    """Ages, frequencies, bare numbers and durations: they measure time but name no point in it."""
    if _AGE.search(text) or _FREQUENCY.search(text) or text in _ANAPHORIC_ALONE:
        return True
    if _YEAR.fullmatch(text) or _YEAR_RANGE.match(text):
        return False
    tokens = re.findall(r"[a-z]+|\d+(?:[.,]\d+)?|-", text)
    if not tokens:
        return True
    if all(t[0].isdigit() or t == "-" for t in tokens) and not _NUMERIC_DATE.match(text):
        return True
    return any(t in _DURATION_UNITS for t in tokens) and all(
        t in _DURATION_UNITS or t in _DURATION_WORDS or t in _NUMBERS or t[0].isdigit() for t in tokens
    )


def _read_range(text: str, published: date | None, future: bool) -> _Reading | None:
    """Two points joined by "between ... and", "from ... to" or a dash; the left borrows what it lacks."""
    if _NUMERIC_DATE.match(text):
        return None
    if years := _YEAR_RANGE.match(text):
        first = int(years["a"])
        last = int(years["b"]) if len(years["b"]) == 4 else first // 100 * 100 + int(years["b"])
        if last <= first:
            return None
        return _Reading(date(first, 1, 1), date(last, 12, 31), Precision.YEAR, explicit_year=True)
    match = (
        _BETWEEN.match(text) or _DAY_RANGE.match(text) or _WORD_RANGE.match(text) or _SPLIT_RANGE.match(text)
    )
    if month_days := _MONTH_DAY_RANGE.match(text):
        left, right = month_days["a"], f"{month_days['m']} {month_days['d']}{month_days['tail']}"
    elif match:
        left, right = match["a"], match["b"]
    else:
        return None
    end = _read(right, published, future)
    if end is None:
        return None
    start = _read_range_start(left.strip(), right, end, published, future)
    if start is None or start.start > end.end:
        return None
    precision = start.precision if _rank(start.precision) > _rank(end.precision) else end.precision
    return _Reading(start.start, end.end, precision, yearless=end.yearless, explicit_year=end.explicit_year)


def _read_range_start(
    left: str, right: str, end: _Reading, published: date | None, future: bool
) -> _Reading | None:
    day = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)?", left)
    if day and re.search(_MONTH, right):
        try:
            point = end.end.replace(day=int(day[1]))
        except ValueError:
            return None
        return _Reading(point, point, Precision.DAY)
    start = _read(left, published, future)
    if start is None or _YEAR.search(left):
        return start
    # A left side without its own year takes the right side's year ("30 April to 3 May 2020"),
    # and the year before when that would put it after the right side ("28 December - 2 January").
    shifted = _shift_years(start, end.end.year - start.end.year)
    return _shift_years(shifted, -1) if shifted.start > end.end else shifted


def _rank(precision: Precision) -> int:
    return (Precision.DAY, Precision.WEEK, Precision.MONTH, Precision.YEAR).index(precision)


def _part_of(inner: _Reading, part: str) -> _Reading:
    """Early, mid or late in an interval: thirds of a month by news habit (1-10, 11-20, 21-end)."""
    start, end = inner.start, inner.end
    if inner.precision is Precision.DAY and start == end:
        return inner  # "late on Wednesday" is still Wednesday
    if inner.precision is Precision.MONTH and start.day == 1 and end.day == _month_end(end).day:
        bounds = {"early": (1, 10), "mid": (11, 20), "late": (21, _month_end(end).day)}[part]
        return replace(inner, start=start.replace(day=bounds[0]), end=end.replace(day=bounds[1]))
    if inner.precision is Precision.YEAR and (start.month, start.day, end.month, end.day) == (1, 1, 12, 31):
        first, last = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}[part]
        return replace(inner, start=date(start.year, first, 1), end=_month_end(date(end.year, last, 1)))
    days = (end - start).days + 1
    offsets = {
        "early": (0, days // 3 - 1),
        "mid": (days // 3, 2 * days // 3 - 1),
        "late": (2 * days // 3, days - 1),
    }
    low, high = offsets[part]
    return replace(inner, start=start + timedelta(days=low), end=start + timedelta(days=max(low, high)))


def _read_point(text: str, published: date | None, future: bool) -> _Reading | None:
    """One point in time: news rules first, then dateparser, then a date or year inside the phrase."""
    if _ANAPHORIC.match(text):
        return None  # "the next day" counts from a date elsewhere in the text, not from publication
    text = _WEEKDAY_FIRST.sub("", text)  # "Monday, March 11": the date carries it
    relative = _read_relative(text, published, future)
    if relative is not None or (published is None and _RELATIVE_WORD.search(text)):
        return relative
    without_time, had_time = _drop_time_of_day(text)
    if had_time:
        if not without_time:
            return None if published is None else _day(published)
        return _read(without_time, published, future)
    return _read_calendar(text, published)


def _read_relative(text: str, published: date | None, future: bool) -> _Reading | None:
    """Expressions that count from publication; all need a publication date."""
    if published is None:
        return None
    if text in (
        "today",
        "this morning",
        "this afternoon",
        "this evening",
        "tonight",
        "earlier today",
        "later today",
        "so far today",
    ):
        return _day(published)
    if re.fullmatch(r"yesterday(?:\s+(?:morning|afternoon|evening|night))?|last night|late last night", text):
        return _day(published - timedelta(days=1))
    if text in ("the day before yesterday", "day before yesterday"):
        return _day(published - timedelta(days=2))
    if re.fullmatch(r"tomorrow(?:\s+(?:morning|afternoon|evening|night))?", text):
        return _day(published + timedelta(days=1))
    if text == "overnight":
        return _Reading(published - timedelta(days=1), published, Precision.DAY)
    if text.startswith("overnight ") or text.endswith(" overnight"):
        return _read(text.replace("overnight", "").strip(), published, future)
    if match := _WEEKDAY_RULE.match(text):
        return _day(_weekday(_WEEKDAYS[match["day"].rstrip(".")], published, match["mode"], future))
    if match := _WEEKEND.match(text):
        return _weekend(published, match["mode"], future)
    if match := _CALENDAR.match(text):
        offset = {"last": -1, "next": 1}.get(match["mode"], 0)
        return _calendar_period(published, match["unit"], offset)
    if match := _PART_OF_PERIOD.match(text):
        period = _calendar_period(published, match["unit"], 0)
        if match["mode"] == "earlier":
            return replace(period, end=published)
        return replace(period, start=published + timedelta(days=1))
    if match := _NAMED_MONTH.match(text):
        return _named_month(_MONTHS[match["month"].rstrip(".")], published, match["mode"])
    if match := _MONTH_OF_YEAR.match(text):
        # "in March last year", "since August of last year": the month of the year named
        year = published.year + {"last": -1, "next": 1}.get(match["mode"], 0)
        first = date(year, _MONTHS[match["month"].rstrip(".")], 1)
        return _Reading(first, _month_end(first), Precision.MONTH)
    if match := _AGO.match(text):
        return _ago(_count(match["n"]), match["unit"], published)
    if match := _ROLLING.match(text):
        return _rolling(match, published)
    if match := _ORDINAL_DAY.match(text):
        return _ordinal_day(int(match[1]), published, future)
    return None


def _drop_time_of_day(text: str) -> tuple[str, bool]:
    """Remove clock times and parts of the day: "Saturday night" is Saturday, "8 pm" alone is no date."""
    dropped = _TIME_PHRASE.sub(" ", text)
    if dropped == text:
        return text, False
    return _TRIM_EDGES.sub("", re.sub(r"\s+", " ", dropped)).strip(), True


def _read_calendar(text: str, published: date | None) -> _Reading | None:
    """Decades, seasons with a year, then dateparser; a date or year inside a longer phrase last."""
    if match := _DECADE.match(text):
        century = int(match["cent"]) if match["cent"] else (19 if int(match["dec"]) >= 3 else 20)
        first = century * 100 + int(match["dec"]) * 10
        return _Reading(date(first, 1, 1), date(first + 9, 12, 31), Precision.YEAR, explicit_year=True)
    if match := _SEASON.match(text):
        return _season(match["season"], match["year"], match["mode"], published)
    explicit = bool(_YEAR.search(text)) or bool(_NUMERIC_DATE.match(text) and re.search(r"\d{4}", text))
    if published is None and not explicit:
        return None
    if _impossible_calendar_date(text):
        return None  # "February 30": no day at all, and dateparser would only guess one
    parsed = _plain_calendar_date(text, published) or _dateparser(text, published)
    if parsed is not None:
        return replace(parsed, explicit_year=explicit, yearless=not explicit)
    if (inside := _DATE_INSIDE.search(text)) and inside.group(0) != text:
        return _read_calendar(inside.group(0), published)
    years = _YEAR.findall(text)
    if len(years) == 1:
        return _year(int(years[0]))
    return None


_MONTHS = (
    {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
    | {name.lower(): i for i, name in enumerate(calendar.month_abbr) if name}
    | {"sept": 9}
)
_DAY_MONTH = re.compile(
    r"^(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?P<month>[a-z]+)\.?(?:,?\s+(?P<year>\d{4}))?$", re.I
)
_MONTH_DAY = re.compile(
    r"^(?P<month>[a-z]+)\.?\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(?P<year>\d{4}))?$", re.I
)


def _plain_calendar_date(text: str, published: date | None) -> _Reading | None:
    """'4 May 2020', 'May 4, 2020', '4 May', 'Feb. 6': the common shapes, read without dateparser
    (which takes milliseconds a call). A missing year is the publication's, oriented later."""
    match = _DAY_MONTH.match(text) or _MONTH_DAY.match(text)
    if match is None or match["month"].lower() not in _MONTHS:
        return None
    year = int(match["year"]) if match["year"] else (published.year if published else None)
    if year is None:
        return None
    try:
        return _day(date(year, _MONTHS[match["month"].lower()], int(match["day"])))
    except ValueError:
        return None


def _impossible_calendar_date(text: str) -> bool:
    """'February 30', '31 April': a day the month does not have (in a leap year, to be safe)."""
    match = _DAY_MONTH.match(text) or _MONTH_DAY.match(text)
    if match is None or match["month"].lower() not in _MONTHS:
        return False
    month = _MONTHS[match["month"].lower()]
    return int(match["day"]) > calendar.monthrange(2024, month)[1]


def _dateparser(text: str, published: date | None) -> _Reading | None:
    base = datetime.combine(published, datetime.min.time()).replace(hour=12) if published else _NO_BASE
    data = _parser(base).get_date_data(text)
    if data.date_obj is None:
        return None
    point = data.date_obj.date()
    if data.period == "year":
        return _year(point.year)
    if data.period == "month":
        return _Reading(point.replace(day=1), _month_end(point), Precision.MONTH)
    if data.period == "week":
        monday = point - timedelta(days=point.weekday())
        return _Reading(monday, monday + timedelta(days=6), Precision.WEEK)
    return _day(point)


@lru_cache(maxsize=256)
def _parser(base: datetime) -> DateDataParser:
    """One dateparser per publication date: its settings, and so its base, are fixed when it is built."""
    return DateDataParser(
        languages=["en"],
        settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past", "PREFER_DAY_OF_MONTH": "first"},
    )


def _orient(reading: _Reading, published: date | None, future: bool) -> _Reading | None:
    if published is None:
        return reading
    if future:
        if reading.yearless and reading.end < published:
            return _shift_years(reading, 1)
        return reading
    if reading.start > published:
        if reading.yearless:
            return _orient(_shift_years(reading, -1), published, future)
        if not reading.explicit_year:
            return None
        return reading
    if reading.end > published:
        return replace(reading, end=published)
    return reading


def _shift_years(reading: _Reading, years: int) -> _Reading:
    if years == 0:
        return reading

    def move(day: date, to_end: bool) -> date:
        target = date(day.year + years, day.month, 1)
        last = calendar.monthrange(target.year, target.month)[1]
        return target.replace(day=last if to_end and day.day == _month_end(day).day else min(day.day, last))

    return replace(reading, start=move(reading.start, False), end=move(reading.end, True))


def _day(day: date) -> _Reading:
    return _Reading(day, day, Precision.DAY)


def _year(year: int) -> _Reading:
    return _Reading(date(year, 1, 1), date(year, 12, 31), Precision.YEAR, explicit_year=True)


def _month_end(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    target = date(index // 12, index % 12 + 1, 1)
    return target.replace(day=min(day.day, _month_end(target).day))


def _count(number: str) -> int:
    number = number.strip()
    return int(number) if number.isdigit() else _NUMBERS[number]


def _weekday(target: int, published: date, mode: str | None, future: bool) -> date:
    """News names the most recent such day; "last" skips the publication day, "next" looks ahead."""
    back = (published.weekday() - target) % 7
    ahead = (target - published.weekday()) % 7
    if mode == "last":
        return published - timedelta(days=back or 7)
    if mode in ("next", "coming", "this coming"):
        return published + timedelta(days=ahead or 7)
    if mode in ("this past", "past") or not future:
        return published - timedelta(days=back)
    return published + timedelta(days=ahead)


def _weekend(published: date, mode: str | None, future: bool) -> _Reading:
    """The Saturday and Sunday most recently begun, or for "last" the most recently ended."""
    weekday = published.weekday()
    latest = published - timedelta(days=(weekday - 5) % 7)
    if mode == "last":
        saturday = latest - timedelta(days=7) if weekday >= 5 else latest
    elif mode in ("next", "coming", "this coming"):
        saturday = published + timedelta(days=(5 - weekday) % 7 or 7)
    elif future and mode != "this past" and weekday < 5:
        saturday = published + timedelta(days=5 - weekday)
    else:
        saturday = latest
    return _Reading(saturday, saturday + timedelta(days=1), Precision.DAY)


def _calendar_period(published: date, unit: str, offset: int) -> _Reading:
    if unit == "week":
        monday = published - timedelta(days=published.weekday()) + timedelta(weeks=offset)
        return _Reading(monday, monday + timedelta(days=6), Precision.WEEK)
    if unit == "month":
        first = _add_months(published.replace(day=1), offset)
        return _Reading(first, _month_end(first), Precision.MONTH)
    return _Reading(
        date(published.year + offset, 1, 1), date(published.year + offset, 12, 31), Precision.YEAR
    )


def _named_month(month: int, published: date, mode: str) -> _Reading:
    """ "last March" is the most recent March before the publication month; "this March" is this year's."""
    year = published.year
    if mode in ("last", "this past") and month >= published.month:
        year -= 1
    elif mode == "next" and month <= published.month:
        year += 1
    first = date(year, month, 1)
    return _Reading(first, _month_end(first), Precision.MONTH)


def _ago(count: int, unit: str, published: date) -> _Reading:
    """ "N units ago" names the unit that far back: the day, the calendar week, month or year."""
    if unit == "hour":
        return _day(published)
    if unit in ("day", "night"):
        return _day(published - timedelta(days=count))
    if unit in ("week", "fortnight"):
        point = published - timedelta(weeks=count * (2 if unit == "fortnight" else 1))
        monday = point - timedelta(days=point.weekday())
        return _Reading(monday, monday + timedelta(days=6), Precision.WEEK)
    if unit == "month":
        first = _add_months(published.replace(day=1), -count)
        return _Reading(first, _month_end(first), Precision.MONTH)
    years = count * (10 if unit == "decade" else 1)
    return _Reading(date(published.year - years, 1, 1), date(published.year - years, 12, 31), Precision.YEAR)


def _rolling(match: re.Match[str], published: date) -> _Reading:
    """ "The past 24 hours", "recent weeks": a window ending (or, ahead, starting) at publication.

    Without a number "recent days" is taken as a week, "recent weeks" a month, "recent months" a year.
    Precision follows the window's width: up to two days is day, a fortnight week, two months month.
    """
    unit = match["unit"]
    plural = match.group(0).rstrip().endswith("s")
    if match["n"]:
        count = _count(match["n"])
    elif match["recent"] or match["dir"] == "recent" or plural:
        count = {"hour": 24, "day": 7, "night": 7, "week": 4, "month": 12}.get(unit, 3)
    else:
        count = 1
    hours = count * {"hour": 1, "day": 24, "night": 24, "week": 168, "fortnight": 336}.get(unit, 0)
    if hours:
        span = timedelta(days=max(1, -(-hours // 24)))
    else:
        months = count * {"month": 1, "year": 12, "decade": 120}[unit]
        span = published - _add_months(published, -months)
    days = span.days
    precision = (
        Precision.DAY
        if days <= 2
        else Precision.WEEK
        if days <= 14
        else Precision.MONTH
        if days <= 62
        else Precision.YEAR
    )
    if match["dir"] in ("coming", "next"):
        return _Reading(published + timedelta(days=1), published + span, precision)
    return _Reading(published - span, published, precision)


def _season(season: str, year: str | None, mode: str | None, published: date | None) -> _Reading | None:
    """Northern meteorological seasons; winter runs from December into the next year's February."""
    first, last = _SEASONS[season]
    if year is not None:
        start_year = int(year)
    elif published is None:
        return None
    else:
        start_year = published.year if season != "winter" or published.month == 12 else published.year - 1
    start = date(start_year, first, 1)
    end = _month_end(date(start_year + (1 if last < first else 0), last, 1))
    reading = _Reading(
        start, end, Precision.MONTH, yearless=year is None and mode is None, explicit_year=year is not None
    )
    if published is not None and year is None:
        if mode in ("last", "this past") and reading.end >= published:
            reading = _shift_years(reading, -1)
        elif mode == "next" and reading.start <= published:
            reading = _shift_years(reading, 1)
    return reading


def _ordinal_day(day: int, published: date, future: bool) -> _Reading | None:
    """ "The 7th" alone is that day of the publication month, or of the month before (after) it."""
    month = published.replace(day=1)
    if not future and day > published.day:
        month = _add_months(month, -1)
    elif future and day < published.day:
        month = _add_months(month, 1)
    if day > _month_end(month).day or day == 0:
        return None
    return _day(month.replace(day=day))
