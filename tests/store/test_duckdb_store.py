"""The DuckDB store: round trip, idempotent and all-or-nothing ingest, read-only queries, exports, summary."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import pytest

from flashpoint.errors import StoreError
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
from flashpoint.store import duckdb_store
from flashpoint.store.duckdb_store import IngestCounts, Store

TEXT = (
    "Valdoria's army shelled the border town of Kessem on Tuesday, killing three people, "
    "local officials said. The Red Hand militia threatened to strike Valdorian convoys next week. "
    "The Red Hand is backed by Valdoria's rival, Ostrava."
)


def span(text: str, phrase: str, *, after: int = 0) -> Span:
    start = text.index(phrase, after)
    return Span(start=start, end=start + len(phrase), text=phrase)


def make_result(
    text: str = TEXT,
    *,
    article_id: str = "a1",
    published: date | None = date(2024, 3, 7),
    title: str = "Shelling in Kessem",
) -> ArticleResult:
    """Two actors, an occurred assault and a threatened one, one relation."""
    first = span(text, text.split(". ")[0])
    second = span(text, "The Red Hand militia threatened to strike Valdorian convoys next week.")
    valdoria = Actor(
        id="VLD",
        name="Valdoria",
        kind="state",
        country="VLD",
        aliases=("Valdorian",),
        mentions=(span(text, "Valdoria"), span(text, "Valdorian")),
    )
    red_hand = Actor(
        id="red-hand",
        name="Red Hand",
        kind="armed_group",
        country="VLD",
        aliases=("Red Hand militia",),
        mentions=(span(text, "Red Hand"),),
        in_kb=False,
    )
    shelling = Event(
        id="e1",
        type="ASSAULT",
        mode="artillery",
        status="occurred",
        evidence=first,
        trigger=span(text, "shelled"),
        acled=AcledType(
            event_type="Explosions/Remote violence", sub_event_type="Shelling/artillery/missile attack"
        ),
        source="VLD",
        target=None,
        date=DateRef(start=date(2024, 3, 5), end=date(2024, 3, 5), precision="day", text="on Tuesday"),
        location=Place(name="Kessem", country="VLD", lat=41.5, lon=22.25, precision="city", admin1="North"),
        fatalities=3,
        attributed_to=("local officials",),
        confidence=0.9,
    )
    threat = Event(
        id="e2",
        type="THREATEN",
        mode=None,
        status="threatened",
        evidence=second,
        trigger=span(text, "threatened"),
        source="red-hand",
        target="VLD",
        date=DateRef(start=date(2024, 3, 11), end=date(2024, 3, 17), precision="week", text="next week"),
        confidence=0.7,
    )
    relation = Relation(
        subject="red-hand",
        predicate="sponsors",
        object="OST",
        evidence=span(text, "The Red Hand is backed by Valdoria's rival, Ostrava."),
    )
    article = Article(
        id=article_id,
        text=text,
        title=title,
        url="https://example.org/kessem",
        outlet="Example Wire",
        published=published,
        origin="fixture.jsonl:1",
    )
    return ArticleResult(
        article=article, actors=(valdoria, red_hand), events=(shelling, threat), relations=(relation,)
    )


def other_result(article_id: str = "a2") -> ArticleResult:
    """A second article naming Valdoria again, later, with a new alias."""
    text = "Valdorian troops withdrew from Kessem on Friday."
    valdoria = Actor(
        id="VLD",
        name="Valdoria",
        kind="state",
        country="VLD",
        aliases=("Valdorian troops", "Valdorian"),
        mentions=(span(text, "Valdorian troops"),),
    )
    retreat = Event(
        id="e1",
        type="RETREAT",
        mode="withdraw",
        status="occurred",
        evidence=span(text, text),
        trigger=span(text, "withdrew"),
        source="VLD",
        confidence=0.8,
    )
    article = Article(id=article_id, text=text, title="Withdrawal", published=date(2024, 3, 9))
    return ArticleResult(article=article, actors=(valdoria,), events=(retreat,))


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "fp.duckdb") as opened:
        yield opened


def test_store_round_trip_keeps_every_field(store: Store) -> None:
    result = make_result()
    counts = store.add_results([result])
    assert counts == IngestCounts(articles_added=1, articles_skipped=0, events=2, actors=2, relations=1)
    key = result.article.content_hash
    assert store.has_article(key)

    _, articles = store.query(
        "SELECT content_hash, article_id, title, outlet, published, origin, text FROM articles"
    )
    assert articles == [
        (key, "a1", "Shelling in Kessem", "Example Wire", date(2024, 3, 7), "fixture.jsonl:1", TEXT)
    ]
    _, actors = store.query(
        "SELECT actor_id, name, kind, in_kb, aliases, first_seen, last_seen FROM actors ORDER BY actor_id"
    )
    assert actors == [
        ("VLD", "Valdoria", "state", True, ["Valdorian"], date(2024, 3, 7), date(2024, 3, 7)),
        (
            "red-hand",
            "Red Hand",
            "armed_group",
            False,
            ["Red Hand militia"],
            date(2024, 3, 7),
            date(2024, 3, 7),
        ),
    ]
    _, mentions = store.query("SELECT actor_id, start_char, end_char, text FROM mentions ORDER BY start_char")
    assert mentions == [
        ("VLD", 0, 8, "Valdoria"),
        ("red-hand", 110, 118, "Red Hand"),
        ("VLD", 148, 157, "Valdorian"),
    ]

    columns, events = store.query("SELECT * FROM events ORDER BY seq")
    first: dict[str, Any] = dict(zip(columns, events[0], strict=True))
    assert first["event_id"] == f"{key[:16]}:e1"
    assert first["local_id"] == "e1"
    assert (first["type"], first["mode"], first["status"]) == ("ASSAULT", "artillery", "occurred")
    assert first["acled_sub_event_type"] == "Shelling/artillery/missile attack"
    assert (first["date_start"], first["date_precision"], first["date_text"]) == (
        date(2024, 3, 5),
        "day",
        "on Tuesday",
    )
    assert (first["location_name"], first["country"], first["admin1"], first["lat"], first["lon"]) == (
        "Kessem",
        "VLD",
        "North",
        41.5,
        22.25,
    )
    assert (first["fatalities"], first["attributed_to"], first["confidence"]) == (3, ["local officials"], 0.9)
    assert TEXT[first["trigger_start"] : first["trigger_end"]] == "shelled"
    assert TEXT[first["evidence_start"] : first["evidence_end"]] == first["evidence_text"]
    second: dict[str, Any] = dict(zip(columns, events[1], strict=True))
    assert (second["status"], second["source_id"], second["target_id"]) == ("threatened", "red-hand", "VLD")
    assert second["attributed_to"] == []
    assert second["acled_event_type"] is None and second["location_name"] is None

    _, relations = store.query(
        "SELECT subject_id, predicate, object_id, evidence_text, seen_on FROM relations"
    )
    assert relations == [
        (
            "red-hand",
            "sponsors",
            "OST",
            "The Red Hand is backed by Valdoria's rival, Ostrava.",
            date(2024, 3, 7),
        )
    ]


def test_store_same_article_twice_adds_nothing(store: Store) -> None:
    store.add_results([make_result()])
    again = store.add_results([make_result(), make_result()])
    assert again == IngestCounts(articles_added=0, articles_skipped=2, events=0, actors=0, relations=0)
    assert store.query("SELECT count(*) FROM events")[1] == [(2,)]
    assert store.query("SELECT count(*) FROM mentions")[1] == [(3,)]


def test_store_same_id_from_another_source_is_another_article(store: Store) -> None:
    store.add_results([make_result(), make_result(TEXT + " More later.", article_id="a1")])
    _, rows = store.query("SELECT article_id, count(*) FROM articles GROUP BY ALL")
    assert rows == [("a1", 2)]
    assert store.query("SELECT count(DISTINCT event_id) FROM events")[1] == [(4,)]


def test_store_actor_seen_again_merges_aliases_and_dates(store: Store) -> None:
    store.add_results([other_result(), make_result()])
    _, rows = store.query("SELECT aliases, first_seen, last_seen FROM actors WHERE actor_id = 'VLD'")
    assert rows == [(["Valdorian troops", "Valdorian"], date(2024, 3, 7), date(2024, 3, 9))]


def test_store_batch_failing_midway_stores_none_of_it(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    store.add_results([make_result()])
    original = Store._insert_rows
    written = []

    def fail_at_events(self: Store, table: str, rows: object) -> None:
        # The batch's articles and mentions are already written when the events fail.
        if table == "events":
            raise RuntimeError("extraction crashed")
        written.append(table)
        original(self, table, rows)  # type: ignore[arg-type]

    monkeypatch.setattr(Store, "_insert_rows", fail_at_events)
    with pytest.raises(RuntimeError, match="extraction crashed"):
        store.add_results([other_result("b1"), make_result(TEXT + " B2.", article_id="b2")])
    assert written == ["articles", "mentions"]
    assert store.query("SELECT article_id FROM articles")[1] == [("a1",)]
    assert store.query("SELECT count(*) FROM events")[1] == [(2,)]
    assert store.query("SELECT aliases, last_seen FROM actors WHERE actor_id = 'VLD'")[1] == [
        (["Valdorian"], date(2024, 3, 7))
    ]

    monkeypatch.setattr(Store, "_insert_rows", original)
    assert store.add_results([other_result("b1")]).articles_added == 1


def test_store_duckdb_failure_midway_is_a_store_error_and_rolls_back(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    def bad_row(*args: object) -> list[object]:
        return ["too", "few"]

    monkeypatch.setattr(duckdb_store, "_relation_row", bad_row)
    with pytest.raises(StoreError) as raised:
        store.add_results([other_result(), make_result()])
    assert "\n" not in str(raised.value)
    assert store.query("SELECT count(*) FROM articles")[1] == [(0,)]


def test_store_query_refuses_writes_in_one_line(store: Store, tmp_path: Path) -> None:
    store.add_results([make_result()])
    with pytest.raises(StoreError) as raised:
        store.query("DELETE FROM events")
    assert str(raised.value) == (
        f"{tmp_path / 'fp.duckdb'}: only read-only statements (SELECT, WITH, DESCRIBE, SHOW, PRAGMA, "
        "EXPLAIN) may be run, not DELETE"
    )
    with pytest.raises(StoreError, match="not DELETE"):
        store.query("EXPLAIN ANALYZE DELETE FROM events")
    with pytest.raises(StoreError, match="not DELETE"):
        store.query("WITH gone AS (SELECT 1) DELETE FROM events")
    with pytest.raises(StoreError, match="expected one SQL statement, got 2"):
        store.query("SELECT 1; DELETE FROM events")
    assert store.query("SELECT count(*) AS n FROM events") == (["n"], [(2,)])


@pytest.mark.parametrize(
    "sql",
    [
        "WITH t AS (SELECT type FROM events) SELECT * FROM t",
        "DESCRIBE events",
        "SHOW TABLES",
        "PRAGMA table_info('events')",
        "EXPLAIN SELECT * FROM events",
    ],
)
def test_store_query_runs_read_only_statements(store: Store, sql: str) -> None:
    store.add_results([make_result()])
    columns, rows = store.query(sql)
    assert columns and rows


def test_store_query_bad_sql_gives_duckdb_message_in_one_line(store: Store) -> None:
    with pytest.raises(StoreError) as raised:
        store.query("SELECT nope FROM events")
    message = str(raised.value)
    assert "\n" not in message
    assert 'Referenced column "nope" not found' in message


def test_store_read_only_open_queries_but_does_not_write(tmp_path: Path) -> None:
    path = tmp_path / "fp.duckdb"
    with Store.open(path) as store:
        store.add_results([make_result()])
    with Store.open(path, read_only=True) as store:
        assert store.query("SELECT count(*) FROM events")[1] == [(2,)]
        with pytest.raises(StoreError, match="read-only"):
            store.add_results([other_result()])


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_store_export_writes_one_flat_row_per_event(store: Store, tmp_path: Path, fmt: str) -> None:
    store.add_results([make_result(), other_result()])
    out = tmp_path / f"events.{fmt}"
    assert store.export_events(fmt, out) == 3
    if fmt == "jsonl":
        rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    elif fmt == "csv":
        with open(out, encoding="utf-8", newline="") as stream:
            rows = list(csv.DictReader(stream))
    else:
        cursor = duckdb.connect().execute(f"SELECT * FROM read_parquet('{out}')")
        names = [d[0] for d in cursor.description]
        rows = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    assert len(rows) == 3
    assert list(rows[0]) == list(duckdb_store._EXPORT_COLUMNS)
    by_id = {row["event_id"].split(":")[1] + row["article_id"]: row for row in rows}
    shelling, threat = by_id["e1a1"], by_id["e2a1"]
    assert shelling["source_name"] == "Valdoria" and threat["target_name"] == "Valdoria"
    assert shelling["article_title"] == "Shelling in Kessem"
    expected = {"jsonl": ["local officials"], "csv": "local officials", "parquet": ["local officials"]}
    assert shelling["attributed_to"] == expected[fmt]
    assert str(shelling["published"]) == "2024-03-07"


def test_store_export_csv_joins_attribution_and_writes_to_a_stream(store: Store) -> None:
    result = make_result()
    event = result.events[0]
    two_sources = ArticleResult(
        article=result.article,
        actors=result.actors,
        relations=result.relations,
        events=(
            Event(
                id=event.id,
                type=event.type,
                mode=event.mode,
                status=event.status,
                evidence=event.evidence,
                trigger=event.trigger,
                attributed_to=("local officials", "Example Wire"),
            ),
        ),
    )
    store.add_results([two_sources])
    stream = io.StringIO()
    assert store.export_events("csv", stream) == 1
    row = next(csv.DictReader(io.StringIO(stream.getvalue())))
    assert row["attributed_to"] == "local officials | Example Wire"
    assert row["date_start"] == ""


def test_store_export_to_stdout(store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    store.add_results([other_result()])
    assert store.export_events("jsonl", "-") == 1
    assert json.loads(capsys.readouterr().out)["type"] == "RETREAT"


def test_store_export_parquet_to_stdout_is_refused(store: Store) -> None:
    with pytest.raises(StoreError, match="parquet is written to a file path"):
        store.export_events("parquet", "-")


def test_store_summary_counts_and_open_threats(store: Store) -> None:
    store.add_results([make_result(), other_result()])
    summary = store.summary(top=5)
    assert (summary.articles, summary.events) == (2, 3)
    assert sorted(summary.by_type_status) == [
        ("ASSAULT", "occurred", 1),
        ("RETREAT", "occurred", 1),
        ("THREATEN", "threatened", 1),
    ]
    assert summary.top_actors == [("VLD", "Valdoria", 3), ("red-hand", "Red Hand", 1)]
    assert summary.open_threats == [
        (
            f"{make_result().article.content_hash[:16]}:e2",
            "THREATEN",
            "threatened",
            "Red Hand",
            "Valdoria",
            date(2024, 3, 11),
            "The Red Hand militia threatened to strike Valdorian convoys next week.",
        )
    ]
    assert store.summary(top=1).top_actors == [("VLD", "Valdoria", 3)]


def test_store_open_non_duckdb_file_names_the_path(tmp_path: Path) -> None:
    path = tmp_path / "notes.duckdb"
    path.write_text("these are not the tables you are looking for\n", encoding="utf-8")
    with pytest.raises(StoreError) as raised:
        Store.open(path)
    assert raised.value.where == str(path)
    assert str(raised.value).startswith(f"{path}: ")
    assert "not a valid DuckDB database file" in str(raised.value)
    assert "\n" not in str(raised.value)


def test_store_open_read_only_missing_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "missing.duckdb"
    with pytest.raises(StoreError) as raised:
        Store.open(path, read_only=True)
    assert str(raised.value) == f"{path}: no such store (a read-only open does not create one)"
    assert not path.exists()


def test_store_open_other_duckdb_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.duckdb"
    with duckdb.connect(str(path)) as conn:
        conn.execute("CREATE TABLE events (x INTEGER)")
    with pytest.raises(StoreError, match="not a Flashpoint store"):
        Store.open(path)


def test_store_reopen_keeps_data(tmp_path: Path) -> None:
    path = tmp_path / "fp.duckdb"
    with Store.open(path) as store:
        store.add_results([make_result()])
    with Store.open(path) as store:
        assert store.has_article(make_result().article.content_hash)
        assert not store.has_article("0" * 64)
