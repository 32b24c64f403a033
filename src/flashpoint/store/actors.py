"""The actors a store holds: listing and searching them, merging a duplicate into its survivor, and
writing the ones the knowledge base lacks as YAML for review (issue #5).

A merge rewrites every reference to the merged id (mentions, events, relations, event clusters, and
the superseded_* copies of older article versions) to the survivor's id, adds the merged actor's name
and aliases to the survivor's aliases, widens its first_seen/last_seen, and deletes the merged row,
all in one transaction. It is recorded in the `actor_merges` table:

    actor_merges   merged_id PK, into_id, merged_at TIMESTAMP (UTC)

so that an article stored later that names the merged id is stored under the survivor
(`translate_merged`, called by `Store._insert_results`). A merge into an id that was itself merged
earlier is refused; merging a survivor away moves its earlier merges along with it.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Collection, Sequence
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any, NamedTuple, TextIO

import duckdb

from flashpoint.errors import StoreError
from flashpoint.records import ArticleResult

if TYPE_CHECKING:
    from flashpoint.knowledge.actors import KnowledgeBase
    from flashpoint.store.duckdb_store import Store

_MERGES_TABLE = """
CREATE TABLE IF NOT EXISTS actor_merges (
    merged_id VARCHAR PRIMARY KEY,
    into_id VARCHAR NOT NULL,
    merged_at TIMESTAMP NOT NULL
)
"""

#: Every (table, column) that holds an actor id and is rewritten by a merge, where the table exists.
_REFERENCES = (
    ("mentions", "actor_id"),
    ("events", "source_id"),
    ("events", "target_id"),
    ("relations", "subject_id"),
    ("relations", "object_id"),
    ("event_clusters", "source_id"),
    ("event_clusters", "target_id"),
    ("superseded_mentions", "actor_id"),
    ("superseded_events", "source_id"),
    ("superseded_events", "target_id"),
    ("superseded_relations", "subject_id"),
    ("superseded_relations", "object_id"),
)


class StoredActor(NamedTuple):
    """One row of the actors table with the number of stored events it is the source or target of."""

    actor_id: str
    name: str
    kind: str
    country: str | None
    in_kb: bool
    aliases: list[str]
    first_seen: date | None
    last_seen: date | None
    acled_name: str | None
    events: int


class MergeReport(NamedTuple):
    """What `merge_actors` changed: the rows rewritten in each table, and the aliases the survivor gained."""

    rewritten: dict[str, int]
    aliases_added: list[str]


def _tables(conn: duckdb.DuckDBPyConnection) -> set[str]:
    return {
        row[0]
        for row in conn.execute(
            "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main'"
        ).fetchall()
    }


def _has_acled_name(conn: duckdb.DuckDBPyConnection) -> bool:
    """Whether `actors.acled_name` exists (a store written before it and opened read-only lacks it)."""
    row = conn.execute(
        "SELECT 1 FROM duckdb_columns() WHERE schema_name = 'main' AND table_name = 'actors' "
        "AND column_name = 'acled_name'"
    ).fetchone()
    return row is not None


def list_actors(
    store: Store,
    query: str | None = None,
    *,
    kind: str | None = None,
    country: str | None = None,
    in_kb: bool | None = None,
    limit: int | None = None,
) -> list[StoredActor]:
    """Stored actors, most active first (events as source or target), then by id.

    `query` is searched case-insensitively as a substring of the id, the name and every alias; `kind`
    and `country` must match exactly (the country case-insensitively); `in_kb` keeps only actors from
    (True) or outside (False) the knowledge base.
    """
    conn = store.connection
    acled = "a.acled_name" if _has_acled_name(conn) else "NULL::VARCHAR"
    where: list[str] = []
    params: list[Any] = []
    if query:
        needle = query.lower()
        where.append(
            "(contains(lower(a.actor_id), ?) OR contains(lower(a.name), ?) "
            "OR EXISTS (SELECT 1 FROM unnest(a.aliases) AS t(alias) WHERE contains(lower(t.alias), ?)))"
        )
        params += [needle, needle, needle]
    if kind:
        where.append("a.kind = ?")
        params.append(kind)
    if country:
        where.append("upper(a.country) = ?")
        params.append(country.upper())
    if in_kb is not None:
        where.append("a.in_kb = ?")
        params.append(in_kb)
    sql = (
        "SELECT a.actor_id, a.name, a.kind, a.country, a.in_kb, a.aliases, a.first_seen, a.last_seen, "
        f"{acled}, count(DISTINCT e.event_id) AS n FROM actors a "
        "LEFT JOIN events e ON a.actor_id IN (e.source_id, e.target_id)"
        + (" WHERE " + " AND ".join(where) if where else "")
        + " GROUP BY ALL ORDER BY n DESC, a.actor_id"
    )
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    try:
        rows = conn.execute(sql, params).fetchall()
    except duckdb.Error as error:
        raise StoreError(store.where, str(error).splitlines()[0]) from error
    return [StoredActor(*row) for row in rows]


def ensure_table(conn: duckdb.DuckDBPyConnection) -> None:
    """Create `actor_merges` if absent."""
    conn.execute(_MERGES_TABLE)


def merge_actors(store: Store, into_id: str, merged_id: str) -> MergeReport:
    """Merge actor `merged_id` into `into_id` in one transaction, and record it in `actor_merges`.

    Raises StoreError when the store is read-only, an id is not a stored actor, or the ids are equal.
    """
    if into_id == merged_id:
        raise StoreError(store.where, f"cannot merge actor {into_id!r} into itself")
    with store.transaction() as conn:
        return _merge(store, conn, into_id, merged_id)


def _merge(store: Store, conn: duckdb.DuckDBPyConnection, into_id: str, merged_id: str) -> MergeReport:
    columns = "actor_id, name, country, aliases, first_seen, last_seen, acled_name"
    rows = {
        row[0]: row
        for row in conn.execute(
            f"SELECT {columns} FROM actors WHERE actor_id IN (?, ?)", [into_id, merged_id]
        ).fetchall()
    }
    for actor_id in (into_id, merged_id):
        if actor_id not in rows:
            raise StoreError(store.where, f"no actor with id {actor_id!r}")
    _, name, country, aliases, first, last, acled_name = rows[into_id]
    _, other_name, other_country, other_aliases, other_first, other_last, other_acled = rows[merged_id]
    ensure_table(conn)
    rewritten: dict[str, int] = {}
    tables = _tables(conn)
    for table, column in _REFERENCES:
        if table not in tables:
            continue
        row = conn.execute(
            f"UPDATE {table} SET {column} = ? WHERE {column} = ? RETURNING 1", [into_id, merged_id]
        ).fetchall()
        rewritten[table] = rewritten.get(table, 0) + len(row)
    added = [
        alias
        for alias in dict.fromkeys([other_name, *other_aliases])
        if alias not in aliases and alias != name
    ]
    conn.execute(
        "UPDATE actors SET country = ?, aliases = ?, first_seen = ?, last_seen = ?, acled_name = ? "
        "WHERE actor_id = ?",
        [
            country or other_country,
            [*aliases, *added],
            min((d for d in (first, other_first) if d is not None), default=None),
            max((d for d in (last, other_last) if d is not None), default=None),
            acled_name or other_acled,
            into_id,
        ],
    )
    conn.execute("DELETE FROM actors WHERE actor_id = ?", [merged_id])
    conn.execute("UPDATE actor_merges SET into_id = ? WHERE into_id = ?", [into_id, merged_id])
    conn.execute(
        "INSERT INTO actor_merges VALUES (?, ?, ?)",
        [merged_id, into_id, datetime.now(UTC).replace(tzinfo=None)],
    )
    return MergeReport(rewritten, added)


def merged_ids(conn: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """Every merged id and the survivor it now means; empty when nothing was ever merged."""
    if "actor_merges" not in _tables(conn):
        return {}
    return dict(conn.execute("SELECT merged_id, into_id FROM actor_merges").fetchall())


def translate_merged(
    conn: duckdb.DuckDBPyConnection, results: Sequence[ArticleResult]
) -> Sequence[ArticleResult]:
    """The results with every merged actor id replaced by its survivor's, before they are stored.

    A merged actor read again becomes a reading of the survivor whose aliases are its name and
    aliases; it is marked outside the knowledge base so that it never replaces the survivor's name.
    """
    merges = merged_ids(conn)
    if not merges:
        return results
    return [_translate(result, merges) for result in results]


def _translate(result: ArticleResult, merges: dict[str, str]) -> ArticleResult:
    def to(actor_id: str | None) -> str | None:
        return merges.get(actor_id, actor_id) if actor_id is not None else None

    touched = {a.id for a in result.actors} | {e.source for e in result.events if e.source}
    touched |= {e.target for e in result.events if e.target}
    touched |= {r.subject for r in result.relations} | {r.object for r in result.relations}
    if not touched & merges.keys():
        return result
    actors = tuple(
        dataclasses.replace(
            actor,
            id=merges[actor.id],
            aliases=tuple(dict.fromkeys((actor.name, *actor.aliases))),
            in_kb=False,
        )
        if actor.id in merges
        else actor
        for actor in result.actors
    )
    events = tuple(
        dataclasses.replace(event, source=to(event.source), target=to(event.target))
        for event in result.events
    )
    relations = tuple(
        dataclasses.replace(
            relation,
            subject=merges.get(relation.subject, relation.subject),
            object=merges.get(relation.object, relation.object),
        )
        for relation in result.relations
    )
    return dataclasses.replace(result, actors=actors, events=events, relations=relations)


def _kb_id(actor_id: str) -> str:
    """`actor_id` as a knowledge-base id, letters, digits and single hyphens ("org:x-y" -> "x-y")."""
    return re.sub(r"[^A-Za-z0-9]+", "-", actor_id.partition(":")[2] or actor_id).strip("-") or actor_id


def export_kb(
    store: Store,
    out: TextIO,
    *,
    known_ids: Collection[str] = (),
    known_name: Callable[[str], bool] | None = None,
    today: date | None = None,
) -> int:
    """Write the actors the store learned outside the knowledge base as a YAML review file; returns
    how many were written.

    The file has the shape of `data/actors/nonstate.yaml` (a provenance header, then `actors:` entries
    with id, name, kind, country, acled_name, aliases), so a reviewer can copy entries into the
    knowledge base or install the file with `flashpoint actors import-kb`. Actors marked in_kb, or whose
    id is in `known_ids` (the knowledge base as loaded now), are left out, and so are persons (the
    KB's persons carry roles, in `leaders.yaml`). Ids are written as the KB spells them ("org:x" as
    "x"); an import merges the learned actor into the entry by its name. Aliases for which
    `known_name` is true (names the KB gives another actor, such as "gunmen") are left out, since an
    import would refuse them.
    """
    import yaml

    known = set(known_ids)
    learned: dict[str, StoredActor] = {}
    for actor in list_actors(store, in_kb=False):
        if actor.actor_id not in known and actor.kind != "person":
            learned.setdefault(_kb_id(actor.actor_id), actor)
    day = today or datetime.now(UTC).date()
    articles = store.connection.execute("SELECT count(*) FROM articles").fetchone()
    header = (
        "# Actors Flashpoint learned from ingested articles that are not in its knowledge base.\n"
        "# Unreviewed: check each entry (kind one of armed_group | coalition | political_party |\n"
        "# organization | media | other; country ISO alpha-3), then install the file with\n"
        "# `flashpoint actors import-kb FILE` or copy the entries into data/actors/.\n"
    )
    document = {
        "provenance": {
            "sources": [
                f"Learned from the {articles[0] if articles else 0} articles ingested into "
                f"{store.where} (flashpoint actors export-kb)"
            ],
            "editor": "flashpoint actors export-kb (unreviewed)",
            "date": day,
            "licence": "MIT, as the rest of Flashpoint",
            "known_gaps": [
                "Names, kinds and countries are as the extractor read them from the text, not checked.",
                "acled_name is empty unless a reading supplied one.",
            ],
        },
        "actors": [
            {
                "id": kb_id,
                "name": a.name,
                "kind": a.kind,
                "country": a.country,
                "acled_name": a.acled_name,
                "aliases": [
                    alias
                    for alias in a.aliases
                    if alias != a.name and not (known_name is not None and known_name(alias))
                ],
            }
            for kb_id, a in learned.items()
        ],
    }
    out.write(header)
    out.write(yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=110))
    return len(learned)


class AdoptReport(NamedTuple):
    """What `adopt_kb_actors` changed: stored ids now marked in the knowledge base, and the learned
    actors merged into a knowledge-base entry as (merged id, into id)."""

    marked: list[str]
    merged: list[tuple[str, str]]


def adopt_kb_actors(store: Store, kb: KnowledgeBase, ids: Collection[str]) -> AdoptReport:
    """Bring the store in line with knowledge-base entries just imported (`ids`), in one transaction.

    A learned actor (not in_kb) whose name the KB now resolves to one of `ids` under another id is
    merged into that entry as `merge_actors` does (the entry's row created first if the store lacks
    it). Every stored row with one of `ids` then takes the entry's name, kind, country (unless the
    entry has none) and ACLED name and is marked in_kb; a name it had before stays among its aliases.
    """
    wanted = set(ids)
    with store.transaction() as conn:
        return _adopt(store, conn, kb, wanted)


def _adopt(store: Store, conn: duckdb.DuckDBPyConnection, kb: KnowledgeBase, wanted: set[str]) -> AdoptReport:
    rows = conn.execute("SELECT actor_id, name, in_kb FROM actors").fetchall()
    stored = {actor_id for actor_id, _, _ in rows}
    merges: list[tuple[str, str]] = []
    for actor_id, name, in_kb in rows:
        if in_kb or actor_id in wanted:
            continue
        entry = kb.lookup(name)
        if entry is not None and entry.id in wanted:
            merges.append((actor_id, entry.id))
    has_acled = _has_acled_name(conn)
    for into_id in sorted({into for _, into in merges} - stored):
        entry = kb.actors[into_id]
        conn.execute(
            "INSERT INTO actors (actor_id, name, kind, country, in_kb, aliases) "
            "VALUES (?, ?, ?, ?, true, [])",
            [entry.id, entry.name, entry.kind, entry.country],
        )
        stored.add(into_id)
    for merged_id, into_id in merges:
        _merge(store, conn, into_id, merged_id)
    marked = sorted(wanted & stored)
    for actor_id in marked:
        entry = kb.actors[actor_id]
        row = conn.execute("SELECT name, aliases FROM actors WHERE actor_id = ?", [actor_id]).fetchone()
        assert row is not None
        name, aliases = row
        kept = [*aliases, *([name] if name != entry.name and name not in aliases else [])]
        conn.execute(
            "UPDATE actors SET name = ?, kind = ?, country = coalesce(?, country), in_kb = true, "
            "aliases = ? WHERE actor_id = ?",
            [entry.name, entry.kind, entry.country, [a for a in kept if a != entry.name], actor_id],
        )
        if has_acled and entry.acled_name:
            conn.execute("UPDATE actors SET acled_name = ? WHERE actor_id = ?", [entry.acled_name, actor_id])
    return AdoptReport(marked, merges)
