"""`ArticleResult` back from its flashpoint/1 JSON, so a batch written as Parquet can be stored.

The contract leaves out what the store needs besides it, the article text and where it was read
from, so the caller passes those in. What the contract drops the store does not keep either
(`Place.geonameid`, warnings), so a rebuilt result stores as the original did, except that its
confidence is the contract's, rounded to three decimals.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

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


def result_from_json(obj: Mapping[str, Any], *, text: str, origin: str = "-") -> ArticleResult:
    """The result that `obj` (one flashpoint/1 object) was written from, read from `text`."""
    article = obj["article"]
    return ArticleResult(
        article=Article(
            id=article["id"],
            text=text,
            title=article.get("title"),
            url=article.get("url"),
            outlet=article.get("outlet"),
            published=_date(article.get("published")),
            language=article.get("language") or "en",
            origin=origin,
        ),
        actors=tuple(_actor(a) for a in obj.get("actors", ())),
        events=tuple(_event(e) for e in obj.get("events", ())),
        relations=tuple(_relation(r) for r in obj.get("relations", ())),
    )


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _span(obj: Mapping[str, Any]) -> Span:
    return Span(start=obj["start"], end=obj["end"], text=obj["text"])


def _actor(obj: Mapping[str, Any]) -> Actor:
    return Actor(
        id=obj["id"],
        name=obj["name"],
        kind=obj["kind"],
        country=obj.get("country"),
        aliases=tuple(obj.get("aliases", ())),
        mentions=tuple(_span(m) for m in obj.get("mentions", ())),
        in_kb=obj.get("in_kb", True),
        acled_name=obj.get("acled_name"),
    )


def _event(obj: Mapping[str, Any]) -> Event:
    acled, when, where = obj.get("acled"), obj.get("date"), obj.get("location")
    return Event(
        id=obj["id"],
        type=obj["type"],
        mode=obj.get("mode"),
        status=obj["status"],
        evidence=_span(obj["evidence"]),
        trigger=_span(obj["trigger"]),
        acled=AcledType(event_type=acled["event_type"], sub_event_type=acled["sub_event_type"])
        if acled
        else None,
        source=obj.get("source"),
        target=obj.get("target"),
        date=DateRef(
            start=date.fromisoformat(when["start"]),
            end=date.fromisoformat(when["end"]),
            precision=when["precision"],
            text=when["text"],
        )
        if when
        else None,
        location=Place(
            name=where["name"],
            country=where.get("country"),
            lat=where.get("lat"),
            lon=where.get("lon"),
            precision=where["precision"],
            admin1=where.get("admin1"),
        )
        if where
        else None,
        count=obj.get("count"),
        fatalities=obj.get("fatalities"),
        attributed_to=tuple(obj.get("attributed_to", ())),
        confidence=obj.get("confidence", 0.5),
    )


def _relation(obj: Mapping[str, Any]) -> Relation:
    return Relation(
        subject=obj["subject"],
        predicate=obj["predicate"],
        object=obj["object"],
        evidence=_span(obj["evidence"]),
    )
