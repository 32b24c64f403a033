"""Hand-built stored articles for the cross-article tests (issue #6): one event each, in Valdoria."""

from __future__ import annotations

from datetime import date

from flashpoint.records import AcledType, Actor, Article, ArticleResult, DateRef, Event, Place, Span

ACTORS = {
    "VLD": Actor(id="VLD", name="Valdoria", kind="state", country="VLD", acled_name="Government of Valdoria"),
    "VLD-military": Actor(
        id="VLD-military",
        name="Valdorian army",
        kind="military",
        country="VLD",
        acled_name="Military Forces of Valdoria",
    ),
    "red-hand": Actor(id="red-hand", name="Red Hand", kind="armed_group", acled_name="Red Hand Militia"),
    "civilians": Actor(
        id="civilians", name="Civilians", kind="population", acled_name="Civilians (Valdoria)"
    ),
    "gunmen": Actor(id="gunmen", name="Gunmen", kind="armed_group"),
}
KESSEM = Place(name="Kessem", country="UKR", lat=49.99, lon=36.23, precision="city")
ORLEN = Place(name="Orlen", country="UKR", lat=46.48, lon=30.72, precision="city")


def report(
    key: str,
    text: str,
    *,
    published: date,
    type_: str = "ASSAULT",
    mode: str | None = "artillery",
    status: str = "occurred",
    source: str | None = "VLD-military",
    target: str | None = "red-hand",
    day: date | None = None,
    place: Place | None = KESSEM,
    outlet: str = "Wire A",
    attributed_to: tuple[str, ...] = (),
    fatalities: int | None = None,
) -> ArticleResult:
    """One article holding one event told by `text`."""
    whole = Span(start=0, end=len(text), text=text)
    event = Event(
        id="e1",
        type=type_,
        mode=mode,
        status=status,
        evidence=whole,
        trigger=whole,
        acled=AcledType(
            event_type="Explosions/Remote violence", sub_event_type="Shelling/artillery/missile attack"
        )
        if type_ == "ASSAULT"
        else None,
        source=source,
        target=target,
        date=DateRef(start=day, end=day, precision="day", text="") if day else None,
        location=place,
        fatalities=fatalities,
        attributed_to=attributed_to,
    )
    actors = tuple(ACTORS[a] for a in (source, target) if a)
    article = Article(id=key, text=text, title=key, outlet=outlet, published=published)
    return ArticleResult(article=article, actors=actors, events=(event,))
