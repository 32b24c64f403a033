"""Where the writing puts one place inside another."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Span

from flashpoint.extraction.context import contains, days_running

pytestmark = pytest.mark.slow


def _spans(nlp: Language, text: str, inner: str, outer: str) -> tuple[Span, Span]:
    doc = nlp(text)
    first = text.index(inner)
    second = text.index(outer, first + len(inner))
    return doc.char_span(first, first + len(inner)), doc.char_span(second, second + len(outer))


@pytest.mark.parametrize(
    ("text", "inner", "outer"),
    [
        ("Rebels burned houses in Kobe village (Dar Sila, Ouaddai) overnight.", "Kobe", "Ouaddai"),
        ("Rebels burned houses in Kobe (Ouaddai) overnight.", "Kobe", "Ouaddai"),
        ("Police dispersed a crowd in Kanda town in Kasai on Friday.", "Kanda", "Kasai"),
        ("Police dispersed a crowd in Kanda district, Kasai on Friday.", "Kanda", "Kasai"),
        ("Police dispersed a crowd in Kanda, Kasai province, on Friday.", "Kanda", "Kasai"),
    ],
)
def test_a_place_written_inside_another(nlp: Language, text: str, inner: str, outer: str) -> None:
    inside, around = _spans(nlp, text, inner, outer)
    assert contains(around, inside)
    assert not contains(inside, around)  # never the other way round


@pytest.mark.parametrize(
    ("text", "inner", "outer"),
    [
        ("Strikes were reported in Gaza, Lebanon and Syria on Friday.", "Gaza", "Lebanon"),
        ("Talks moved from Doha (Qatar) to Cairo on Friday.", "Doha", "Cairo"),
        ("Rebels left Kobe and reached Abeche on Friday.", "Kobe", "Abeche"),
    ],
)
def test_places_side_by_side_are_not_one_inside_the_other(
    nlp: Language, text: str, inner: str, outer: str
) -> None:
    inside, around = _spans(nlp, text, inner, outer)
    assert not contains(around, inside)


def test_where_a_strike_came_from_is_not_where_it_happened(nlp: Language) -> None:
    from flashpoint.pipeline import extract

    result = extract("Rocket fire from Syria rattles northern Jordan", "2024-03-02", nlp=nlp)
    assert [e.location.country for e in result.events if e.location] == ["JOR"]


def test_a_year_that_names_another_happening_does_not_date_the_event(nlp: Language) -> None:
    from flashpoint.pipeline import extract

    text = (
        "Gunmen have attacked police posts in the valley since the 2014 uprising, officials said on Tuesday."
    )
    result = extract(text, "2024-03-06", nlp=nlp)
    dates = [e.date.start.year for e in result.events if e.date is not None]
    assert dates and 2014 not in dates


@pytest.mark.parametrize(
    ("text", "word", "days"),
    [
        ("On a second day of heavy fighting on Sunday, the army held the bridge.", "fighting", 2),
        ("Students marched on Tuesday, the fourth straight day of protests.", "protests", 4),
        ("Crowds gathered on the 3rd day of demonstrations in the capital.", "demonstrations", 3),
        ("The day of the attack was calm in the capital.", "attack", None),
        ("Fighting resumed after two days of talks.", "talks", None),
    ],
)
def test_days_a_happening_has_run(nlp: Language, text: str, word: str, days: int | None) -> None:
    doc = nlp(text)
    trigger = next(t for t in doc if t.text == word)
    assert days_running(trigger) == days
