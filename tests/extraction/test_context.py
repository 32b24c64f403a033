"""Where the writing puts one place inside another."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Span

from flashpoint.extraction.context import contains

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
