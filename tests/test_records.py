"""The contract's serialisation lives in one place; these pin its shape."""

from __future__ import annotations

import json
from datetime import date

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
from flashpoint.taxonomy import PloverType, Precision, Predicate, Status

TEXT = "Rebels shelled the port of Tallis on Sunday, killing two dockers."


def _result() -> ArticleResult:
    article = Article(id="a1", text=TEXT, title="Port shelled", published=date(2024, 5, 7))
    sentence = Span(start=0, end=len(TEXT), text=TEXT)
    event = Event(
        id="e1",
        type=PloverType.ASSAULT,
        mode="artillery",
        status=Status.OCCURRED,
        evidence=sentence,
        trigger=Span(start=7, end=14, text="shelled"),
        acled=AcledType(
            event_type="Explosions/Remote violence", sub_event_type="Shelling/artillery/missile attack"
        ),
        source="rebels",
        date=DateRef(start=date(2024, 5, 5), end=date(2024, 5, 5), precision=Precision.DAY, text="Sunday"),
        location=Place(name="Tallis", country=None, lat=None, lon=None, precision="city"),
        fatalities=2,
    )
    actor = Actor(
        id="rebels", name="Rebels", kind="armed_group", mentions=(Span(start=0, end=6, text="Rebels"),)
    )
    relation = Relation(subject="rebels", predicate=Predicate.OPPOSES, object="dockers", evidence=sentence)
    return ArticleResult(article=article, actors=(actor,), events=(event,), relations=(relation,))


def test_records_to_json_is_plain_json_in_the_contract_shape() -> None:
    data = json.loads(json.dumps(_result().to_json()))
    assert data["schema"] == "flashpoint/1"
    assert data["article"] == {
        "id": "a1",
        "title": "Port shelled",
        "url": None,
        "outlet": None,
        "published": "2024-05-07",
        "language": "en",
    }
    event = data["events"][0]
    assert (event["type"], event["status"], event["source"], event["fatalities"]) == (
        "ASSAULT",
        "occurred",
        "rebels",
        2,
    )
    assert event["date"] == {"start": "2024-05-05", "end": "2024-05-05", "precision": "day", "text": "Sunday"}
    assert data["relations"][0]["predicate"] == "opposes"


def test_records_spans_point_into_the_text() -> None:
    data = _result().to_json()
    spans = [data["events"][0]["evidence"], data["events"][0]["trigger"], data["actors"][0]["mentions"][0]]
    for span in spans:
        assert TEXT[span["start"] : span["end"]] == span["text"]


def test_records_content_hash_ignores_id_but_not_text() -> None:
    one = Article(id="x", text=TEXT)
    assert one.content_hash == Article(id="y", text=TEXT).content_hash
    assert one.content_hash != Article(id="x", text=TEXT + " More.").content_hash


def test_package_extract_stays_callable_once_the_pipeline_is_imported() -> None:
    # Regression: a subpackage named `extract` used to replace the `flashpoint.extract` function.
    import flashpoint
    import flashpoint.pipeline

    assert callable(flashpoint.extract)
