"""A result rebuilt from its flashpoint/1 JSON is the result it was written from."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language

from flashpoint.batch.decode import result_from_json
from flashpoint.pipeline import extract_articles
from flashpoint.records import (
    AcledType,
    Actor,
    Article,
    ArticleResult,
    DateRef,
    Event,
    Place,
    Relation,
    Span,
)

TEXT = "Militia fighters fired rockets at Kisumu on Monday, killing three, a spokesman said."


def _span(start: int, end: int) -> Span:
    return Span(start=start, end=end, text=TEXT[start:end])


FULL = ArticleResult(
    article=Article(
        id="kisumu",
        text=TEXT,
        title="Rockets hit Kisumu",
        url="https://example.org/kisumu",
        outlet="Example Wire",
        published=date(2024, 4, 10),
        origin="feed.jsonl:3",
    ),
    actors=(
        Actor(
            id="militia-x",
            name="Militia X",
            kind="armed_group",
            country="KEN",
            aliases=("Militia fighters",),
            mentions=(_span(0, 16),),
            in_kb=False,
            acled_name="Militia X (Kenya)",
        ),
    ),
    events=(
        Event(
            id="e1",
            type="ASSAULT",
            mode="missile",
            status="occurred",
            evidence=_span(0, len(TEXT)),
            trigger=_span(23, 28),
            acled=AcledType(event_type="Explosions/Remote violence", sub_event_type="Shelling"),
            source="militia-x",
            target=None,
            date=DateRef(start=date(2024, 4, 8), end=date(2024, 4, 8), precision="day", text="Monday"),
            location=Place(
                name="Kisumu", country="KEN", lat=-0.1, lon=34.75, precision="city", admin1="Kisumu"
            ),
            count=None,
            fatalities=3,
            attributed_to=("a spokesman",),
            confidence=0.9,
        ),
        Event(
            id="e2",
            type="THREATEN",
            mode=None,
            status="threatened",
            evidence=_span(0, 7),
            trigger=_span(0, 7),
        ),
    ),
    relations=(Relation(subject="militia-x", predicate="opposes", object="KEN", evidence=_span(0, 28)),),
)


def test_decode_full_result_round_trips() -> None:
    rebuilt = result_from_json(FULL.to_json(), text=TEXT, origin="feed.jsonl:3")
    assert rebuilt == FULL


def test_decode_empty_result_round_trips() -> None:
    empty = ArticleResult(article=Article(id="quiet", text="Nothing happened today."))
    assert result_from_json(empty.to_json(), text=empty.article.text) == empty


@pytest.mark.slow
def test_decode_extracted_results_round_trip(nlp: Language, articles: list[Article]) -> None:
    for result in extract_articles(articles, nlp):
        rebuilt = result_from_json(result.to_json(), text=result.article.text)
        assert rebuilt.to_json() == result.to_json()
