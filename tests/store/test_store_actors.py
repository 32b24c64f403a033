"""Stored actors (issue #5): listing and search, merging a duplicate, and the YAML review file."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
import yaml

from flashpoint.errors import StoreError
from flashpoint.records import Actor, Article, ArticleResult, Event, Relation, Span
from flashpoint.store.actors import export_kb, list_actors, merge_actors, merged_ids
from flashpoint.store.duckdb_store import Store

HARBOUR = (
    "Fighters of the Grey Lantern Front ambushed a Marovian patrol near Tesk on Sunday. "
    "The Lantern Front is armed by Ostrava, Marovian officials said."
)
PORT = "The Grey Lanterns attacked a fuel depot in Tesk, and Marovian troops shelled their positions."
LATER = "A Grey Lanterns spokesman said the group would keep fighting Marovia."


def _span(text: str, phrase: str) -> Span:
    start = text.index(phrase)
    return Span(start=start, end=start + len(phrase), text=phrase)


def _actor(
    text: str, actor_id: str, name: str, phrase: str, *, kind: str, in_kb: bool, aliases: tuple[str, ...] = ()
) -> Actor:
    return Actor(
        id=actor_id,
        name=name,
        kind=kind,
        country="MRV",
        aliases=aliases or (phrase,),
        mentions=(_span(text, phrase),),
        in_kb=in_kb,
    )


def _event(text: str, local_id: str, sentence: str, trigger: str, source: str, target: str | None) -> Event:
    return Event(
        id=local_id,
        type="ASSAULT",
        mode="small_arms",
        status="occurred",
        evidence=_span(text, sentence),
        trigger=_span(text, trigger),
        source=source,
        target=target,
        confidence=0.8,
    )


def harbour_result() -> ArticleResult:
    """The group read as "grey-lantern-front": an ambush on Marovia and a sponsor."""
    text = HARBOUR
    front = _actor(
        text,
        "grey-lantern-front",
        "Grey Lantern Front",
        "Grey Lantern Front",
        kind="armed_group",
        in_kb=False,
        aliases=("Grey Lantern Front", "Lantern Front"),
    )
    marovia = _actor(text, "MRV", "Marovia", "Marovian", kind="state", in_kb=True)
    ambush = _event(text, "e1", text.split(". ")[0], "ambushed", "grey-lantern-front", "MRV")
    sponsor = Relation(
        subject="OST",
        predicate="sponsors",
        object="grey-lantern-front",
        evidence=_span(text, "The Lantern Front is armed by Ostrava"),
    )
    article = Article(id="harbour", text=text, title="Ambush near Tesk", published=date(2024, 6, 2))
    return ArticleResult(article=article, actors=(front, marovia), events=(ambush,), relations=(sponsor,))


def port_result() -> ArticleResult:
    """The same group read as "grey-lanterns", earlier, in two events."""
    text = PORT
    lanterns = _actor(
        text, "grey-lanterns", "Grey Lanterns", "Grey Lanterns", kind="armed_group", in_kb=False
    )
    marovia = _actor(text, "MRV", "Marovia", "Marovian troops", kind="state", in_kb=True)
    attack = _event(text, "e1", text, "attacked", "grey-lanterns", None)
    shelling = _event(text, "e2", text, "shelled", "MRV", "grey-lanterns")
    article = Article(id="port", text=text, title="Depot attacked", published=date(2024, 5, 20))
    return ArticleResult(article=article, actors=(lanterns, marovia), events=(attack, shelling))


def later_result() -> ArticleResult:
    """A later article naming the group as "grey-lanterns" again, after the merge."""
    text = LATER
    lanterns = _actor(
        text,
        "grey-lanterns",
        "Grey Lanterns",
        "Grey Lanterns",
        kind="armed_group",
        in_kb=False,
        aliases=("Grey Lanterns spokesman",),
    )
    vow = Event(
        id="e1",
        type="THREATEN",
        mode=None,
        status="threatened",
        evidence=_span(text, text),
        trigger=_span(text, "keep fighting"),
        source="grey-lanterns",
        target="MRV",
        confidence=0.6,
    )
    article = Article(id="later", text=text, title="Vow", published=date(2024, 7, 1))
    return ArticleResult(article=article, actors=(lanterns,), events=(vow,))


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "actors.duckdb") as opened:
        opened.add_results([harbour_result(), port_result()])
        yield opened


def test_list_actors_most_active_first(store: Store) -> None:
    listed = list_actors(store)
    assert [(a.actor_id, a.events) for a in listed] == [
        ("MRV", 2),
        ("grey-lanterns", 2),
        ("grey-lantern-front", 1),
    ]


def test_list_actors_search_reads_id_name_and_aliases_case_insensitively(store: Store) -> None:
    assert [a.actor_id for a in list_actors(store, "LANTERN FRONT")] == ["grey-lantern-front"]
    assert [a.actor_id for a in list_actors(store, "marovian troops")] == ["MRV"]
    assert [a.actor_id for a in list_actors(store, "mrv")] == ["MRV"]
    assert list_actors(store, "nobody") == []


def test_list_actors_filters_kind_country_and_limit(store: Store) -> None:
    assert {a.actor_id for a in list_actors(store, kind="armed_group")} == {
        "grey-lanterns",
        "grey-lantern-front",
    }
    assert len(list_actors(store, country="mrv")) == 3
    assert [a.actor_id for a in list_actors(store, limit=1)] == ["MRV"]


def test_merge_actors_rewrites_events_mentions_relations_and_clusters(store: Store) -> None:
    report = merge_actors(store, "grey-lantern-front", "grey-lanterns")
    conn = store.connection

    def count(sql: str) -> int:
        row = conn.execute(sql).fetchone()
        assert row is not None
        return int(row[0])

    assert report.rewritten["events"] == 2
    assert report.rewritten["mentions"] == 1
    assert count("SELECT count(*) FROM events WHERE 'grey-lanterns' IN (source_id, target_id)") == 0
    assert count("SELECT count(*) FROM events WHERE 'grey-lantern-front' IN (source_id, target_id)") == 3
    assert count("SELECT count(*) FROM mentions WHERE actor_id = 'grey-lantern-front'") == 2
    assert count("SELECT count(*) FROM relations WHERE object_id = 'grey-lantern-front'") == 1
    assert count("SELECT count(*) FROM event_clusters WHERE 'grey-lanterns' IN (source_id, target_id)") == 0
    assert count("SELECT count(*) FROM actors WHERE actor_id = 'grey-lanterns'") == 0
    assert merged_ids(conn) == {"grey-lanterns": "grey-lantern-front"}


def test_merge_actors_joins_aliases_and_widens_seen_dates(store: Store) -> None:
    merge_actors(store, "grey-lantern-front", "grey-lanterns")
    (survivor,) = list_actors(store, "grey-lantern-front")
    assert survivor.name == "Grey Lantern Front"
    assert survivor.aliases == ["Grey Lantern Front", "Lantern Front", "Grey Lanterns"]
    assert (survivor.first_seen, survivor.last_seen) == (date(2024, 5, 20), date(2024, 6, 2))
    assert survivor.events == 3


def test_merge_actors_unknown_id_is_one_line_store_error_and_changes_nothing(store: Store) -> None:
    with pytest.raises(StoreError) as caught:
        merge_actors(store, "grey-lantern-front", "blue-lanterns")
    assert str(caught.value) == f"{store.where}: no actor with id 'blue-lanterns'"
    assert len(list_actors(store)) == 3
    assert merged_ids(store.connection) == {}


def test_merge_actors_into_itself_is_refused(store: Store) -> None:
    with pytest.raises(StoreError, match="into itself"):
        merge_actors(store, "MRV", "MRV")


def test_merge_actors_later_ingest_of_merged_id_lands_on_survivor(store: Store) -> None:
    merge_actors(store, "grey-lantern-front", "grey-lanterns")
    store.add_results([later_result()])
    conn = store.connection
    assert conn.execute("SELECT count(*) FROM actors WHERE actor_id = 'grey-lanterns'").fetchone() == (0,)
    assert conn.execute("SELECT source_id, target_id FROM events WHERE article_id = 'later'").fetchall() == [
        ("grey-lantern-front", "MRV")
    ]
    assert conn.execute("SELECT actor_id FROM mentions WHERE article_id = 'later'").fetchall() == [
        ("grey-lantern-front",)
    ]
    (survivor,) = list_actors(store, "grey-lantern-front")
    assert survivor.name == "Grey Lantern Front"
    assert "Grey Lanterns spokesman" in survivor.aliases
    assert survivor.last_seen == date(2024, 7, 1)


def test_merge_actors_chain_moves_earlier_merges_to_new_survivor(store: Store) -> None:
    merge_actors(store, "grey-lantern-front", "grey-lanterns")
    merge_actors(store, "MRV", "grey-lantern-front")
    assert merged_ids(store.connection) == {"grey-lanterns": "MRV", "grey-lantern-front": "MRV"}


def test_export_kb_writes_only_actors_outside_the_knowledge_base_as_yaml(store: Store) -> None:
    out = io.StringIO()
    written = export_kb(store, out, known_ids={"grey-lanterns"}, today=date(2024, 8, 1))
    text = out.getvalue()
    assert text.startswith("# Actors Flashpoint learned from ingested articles")
    document = yaml.safe_load(text)
    assert written == 1
    assert document["provenance"]["date"] == date(2024, 8, 1)
    assert document["actors"] == [
        {
            "id": "grey-lantern-front",
            "name": "Grey Lantern Front",
            "kind": "armed_group",
            "country": "MRV",
            "acled_name": None,
            "aliases": ["Lantern Front"],
        }
    ]
