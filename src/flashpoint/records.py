"""The typed records every stage shares, shaped as the `flashpoint/1` contract (shared/eval/FORMAT.md).

Records are frozen dataclasses with keyword-only fields and tuples for sequences, so a stage can hand
them on without fear that a later stage changes them. Everything read from text carries character
offsets into `Article.text`. Serialisation to the contract lives here and only here (`to_json`).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from typing import Any

SCHEMA = "flashpoint/1"


@dataclass(frozen=True, slots=True, kw_only=True)
class Span:
    """A stretch of the article text: `text == article.text[start:end]` always holds."""

    start: int
    end: int
    text: str

    def to_json(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True, slots=True, kw_only=True)
class Article:
    """One input document, as read by `ingest`; `origin` names the file (and line) it came from."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: date | None = None
    language: str = "en"
    origin: str = "-"

    @property
    def content_hash(self) -> str:
        """Identity of the article's content: the same text and title ingested twice is one article."""
        digest = hashlib.sha256()
        digest.update((self.title or "").encode("utf-8"))
        digest.update(b"\x00")
        digest.update(self.text.encode("utf-8"))
        return digest.hexdigest()

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "url": self.url,
            "outlet": self.outlet,
            "published": self.published.isoformat() if self.published else None,
            "language": self.language,
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class Actor:
    """An actor as found in one article: its knowledge-base identity plus where the text names it."""

    id: str
    name: str
    kind: str
    country: str | None = None
    aliases: tuple[str, ...] = ()
    mentions: tuple[Span, ...] = ()
    in_kb: bool = True
    acled_name: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "aliases": list(self.aliases),
            "kind": str(self.kind),
            "country": self.country,
            "acled_name": self.acled_name,
            "in_kb": self.in_kb,
            "mentions": [m.to_json() for m in self.mentions],
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class DateRef:
    """When an event happened, as an interval with the precision the text gave it."""

    start: date
    end: date
    precision: str  # day | week | month | year
    text: str

    def to_json(self) -> dict[str, Any]:
        return {
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "precision": str(self.precision),
            "text": self.text,
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class Place:
    """A geocoded place; `country` is ISO 3166-1 alpha-3."""

    name: str
    country: str | None
    lat: float | None
    lon: float | None
    precision: str  # point | city | region | country
    admin1: str | None = None
    geonameid: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "country": self.country,
            "admin1": self.admin1,
            "lat": self.lat,
            "lon": self.lon,
            "precision": self.precision,
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class AcledType:
    """ACLED's event type and sub-event type for an event."""

    event_type: str
    sub_event_type: str

    def to_json(self) -> dict[str, Any]:
        return {"event_type": self.event_type, "sub_event_type": self.sub_event_type}


@dataclass(frozen=True, slots=True, kw_only=True)
class Event:
    """Who did what to whom, when and where, with the status and attribution the text gives it."""

    id: str
    type: str
    mode: str | None
    status: str
    evidence: Span
    trigger: Span
    acled: AcledType | None = None
    source: str | None = None
    target: str | None = None
    date: DateRef | None = None
    location: Place | None = None
    count: int | None = None
    fatalities: int | None = None
    attributed_to: tuple[str, ...] = ()
    confidence: float = 0.5

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": str(self.type),
            "mode": self.mode,
            "acled": self.acled.to_json() if self.acled else None,
            "source": self.source,
            "target": self.target,
            "status": str(self.status),
            "date": self.date.to_json() if self.date else None,
            "location": self.location.to_json() if self.location else None,
            "count": self.count,
            "fatalities": self.fatalities,
            "attributed_to": list(self.attributed_to),
            "trigger": self.trigger.to_json(),
            "evidence": self.evidence.to_json(),
            "confidence": round(self.confidence, 3),
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class Relation:
    """A standing relation between two actors, read from one evidence span.

    `basis` says how it was read: "text" (the sentence states it), "kb" (the knowledge base records
    it and the sentence names both actors), "institution" (a state's force named in the sentence) or
    "event" (the sentence reports one attacking the other).
    """

    subject: str
    predicate: str
    object: str
    evidence: Span
    basis: str = "text"

    def to_json(self) -> dict[str, Any]:
        return {
            "subject": self.subject,
            "predicate": str(self.predicate),
            "object": self.object,
            "basis": self.basis,
            "evidence": self.evidence.to_json(),
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class ArticleResult:
    """Everything Flashpoint read from one article."""

    article: Article
    actors: tuple[Actor, ...] = ()
    events: tuple[Event, ...] = ()
    relations: tuple[Relation, ...] = ()
    warnings: tuple[str, ...] = field(default=())

    def to_json(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "article": self.article.to_json(),
            "actors": [a.to_json() for a in self.actors],
            "events": [e.to_json() for e in self.events],
            "relations": [r.to_json() for r in self.relations],
        }
