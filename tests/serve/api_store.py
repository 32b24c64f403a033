"""A small store for the API and page tests (issue #7): three articles we wrote, in invented places
put on real countries' ground so the map has something to shade, every span at its true offsets."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from flashpoint.records import AcledType, Actor, Article, ArticleResult, DateRef, Event, Place, Relation, Span
from flashpoint.store.duckdb_store import Store

ARMY = Actor(id="VLD-military", name="Valdorian army", kind="military", country="VLD")
VALDORIA = Actor(id="VLD", name="Valdoria", kind="state", country="VLD")
RED_HAND = Actor(id="red-hand", name="Red Hand", kind="armed_group")
NORLAND = Actor(id="NRL", name="Norland", kind="state", country="NRL")
CIVILIANS = Actor(id="civilians", name="Civilians", kind="population", in_kb=False)
KESSEM = Place(name="Kessem", country="SYR", lat=35.1, lon=37.2, precision="city")
ORLEN = Place(name="Orlen", country="LBN", lat=33.9, lon=35.6, precision="city")

SHELLING = (
    "On Saturday, Valdorian artillery shelled the town of Kessem, killing four civilians, the regional "
    "governor said. The Red Hand vowed to retaliate against the army within days."
)
CHECKPOINT = (
    "Red Hand fighters attacked an army checkpoint near Orlen on Tuesday, according to local residents. "
    "The Red Hand is backed by Norland."
)
SANCTIONS = (
    "Valdoria plans to impose sanctions on the backers of the Red Hand, officials said. "
    "Residents marched in Kessem on Wednesday against the shelling."
)


def span(text: str, words: str, after: str = "") -> Span:
    """The first `words` in `text` (after the first `after`, if given)."""
    start = text.index(words, text.index(after) if after else 0)
    return Span(start=start, end=start + len(words), text=words)


def sentence(text: str, words: str) -> Span:
    """The sentence of `text` holding `words`."""
    at = text.index(words)
    start = text.rfind(". ", 0, at) + 2 if text.rfind(". ", 0, at) >= 0 else 0
    end = text.index(".", at) + 1
    return Span(start=start, end=end, text=text[start:end])


def mentioned(actor: Actor, text: str, *words: str) -> Actor:
    return Actor(
        id=actor.id,
        name=actor.name,
        kind=actor.kind,
        country=actor.country,
        in_kb=actor.in_kb,
        mentions=tuple(span(text, w) for w in words),
    )


def day(text: str, words: str, when: date) -> DateRef:
    return DateRef(start=when, end=when, precision="day", text=words)


def results() -> list[ArticleResult]:
    """The three articles as the pipeline would have read them."""
    shelling = ArticleResult(
        article=Article(
            id="shelling",
            text=SHELLING,
            title="Shelling in Kessem",
            outlet="Wire A",
            published=date(2024, 5, 20),
        ),
        actors=(
            mentioned(ARMY, SHELLING, "Valdorian artillery"),
            mentioned(CIVILIANS, SHELLING, "civilians"),
            mentioned(RED_HAND, SHELLING, "Red Hand"),
        ),
        events=(
            Event(
                id="e1",
                type="ASSAULT",
                mode="artillery",
                status="occurred",
                evidence=sentence(SHELLING, "shelled"),
                trigger=span(SHELLING, "shelled"),
                acled=AcledType(
                    event_type="Explosions/Remote violence",
                    sub_event_type="Shelling/artillery/missile attack",
                ),
                source="VLD-military",
                target="civilians",
                date=day(SHELLING, "On Saturday", date(2024, 5, 18)),
                location=KESSEM,
                fatalities=4,
                attributed_to=("the regional governor",),
                confidence=0.8,
            ),
            Event(
                id="e2",
                type="THREATEN",
                mode=None,
                status="occurred",
                evidence=sentence(SHELLING, "vowed"),
                trigger=span(SHELLING, "vowed"),
                source="red-hand",
                target="VLD-military",
                confidence=0.7,
            ),
        ),
    )
    checkpoint = ArticleResult(
        article=Article(
            id="checkpoint",
            text=CHECKPOINT,
            title="Checkpoint attacked near Orlen",
            outlet="Wire B",
            published=date(2024, 5, 22),
        ),
        actors=(
            mentioned(RED_HAND, CHECKPOINT, "Red Hand"),
            mentioned(ARMY, CHECKPOINT, "army"),
            mentioned(NORLAND, CHECKPOINT, "Norland"),
        ),
        events=(
            Event(
                id="e1",
                type="ASSAULT",
                mode="firearms",
                status="occurred",
                evidence=sentence(CHECKPOINT, "attacked"),
                trigger=span(CHECKPOINT, "attacked"),
                acled=AcledType(event_type="Battles", sub_event_type="Armed clash"),
                source="red-hand",
                target="VLD-military",
                date=day(CHECKPOINT, "on Tuesday", date(2024, 5, 21)),
                location=ORLEN,
                fatalities=0,
                attributed_to=("local residents",),
                confidence=0.8,
            ),
        ),
        relations=(
            Relation(
                subject="NRL",
                predicate="sponsors",
                object="red-hand",
                evidence=sentence(CHECKPOINT, "backed"),
            ),
        ),
    )
    sanctions = ArticleResult(
        article=Article(
            id="sanctions",
            text=SANCTIONS,
            title="Sanctions planned",
            outlet="Daily C",
            published=date(2024, 5, 23),
        ),
        actors=(mentioned(VALDORIA, SANCTIONS, "Valdoria"), mentioned(RED_HAND, SANCTIONS, "Red Hand")),
        events=(
            Event(
                id="e1",
                type="SANCTION",
                mode=None,
                status="planned",
                evidence=sentence(SANCTIONS, "sanctions"),
                trigger=span(SANCTIONS, "sanctions"),
                source="VLD",
                target="red-hand",
                attributed_to=("officials",),
                confidence=0.6,
            ),
            Event(
                id="e2",
                type="PROTEST",
                mode=None,
                status="occurred",
                evidence=sentence(SANCTIONS, "marched"),
                trigger=span(SANCTIONS, "marched"),
                source="civilians",
                date=day(SANCTIONS, "on Wednesday", date(2024, 5, 22)),
                location=KESSEM,
                confidence=0.6,
            ),
        ),
    )
    return [shelling, checkpoint, sanctions]


def make_store(path: Path) -> Path:
    """Write the three articles to a fresh store at `path`."""
    with Store.open(path) as store:
        store.add_results(results())
    return path
