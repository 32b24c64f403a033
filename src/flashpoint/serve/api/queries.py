"""The read queries behind the API and the page: paginated, filtered, every value a parameter.

Each function takes a DuckDB cursor (one per request, so requests served on several threads do not
share a connection's state) and returns plain JSON-ready dicts. Pages are cut in SQL (`LIMIT` and
`OFFSET`) and names of actors are joined only onto the rows of the page, which keeps a first page of
100k events in milliseconds. The store is never written here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import duckdb

from flashpoint.store.timeline import format_date
from flashpoint.taxonomy import HAPPENED, OPEN_STATUSES

_OPEN = sorted(str(s) for s in OPEN_STATUSES)
_HAPPENED = sorted(str(s) for s in HAPPENED)


@dataclass(frozen=True, slots=True)
class EventFilter:
    """What the events table, the map and the timeline are narrowed to; None leaves a filter off."""

    type: str | None = None
    status: str | None = None
    actor: str | None = None
    country: str | None = None
    since: date | None = None
    until: date | None = None
    bbox: tuple[float, float, float, float] | None = None  # min lon, min lat, max lon, max lat
    q: str | None = None


@dataclass(frozen=True, slots=True)
class Page:
    """Which slice of a result to return."""

    limit: int = 50
    offset: int = 0


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


Params = Sequence[Any] | dict[str, Any]


def _rows(cur: duckdb.DuckDBPyConnection, sql: str, params: Params = ()) -> list[dict[str, Any]]:
    """Run a query and return its rows as dicts keyed by column name, dates as ISO text."""
    cur.execute(sql, params if isinstance(params, dict) else list(params))
    names = [d[0] for d in cur.description or []]
    return [
        {
            name: (_iso(value) if isinstance(value, date) else value)
            for name, value in zip(names, row, strict=True)
        }
        for row in cur.fetchall()
    ]


def _count(cur: duckdb.DuckDBPyConnection, sql: str, params: Params) -> int:
    row = cur.execute(sql, params if isinstance(params, dict) else list(params)).fetchone()
    return int(row[0]) if row else 0


def actor_ids(cur: duckdb.DuckDBPyConnection, actor: str) -> list[str]:
    """The stored actors an `actor` filter means: its id, its institutions (`USA` finds `USA-military`),
    its name or an alias, ignoring case, as `flashpoint timeline --actor` reads it."""
    rows = cur.execute(
        "SELECT actor_id FROM actors WHERE lower(actor_id) = lower($a) OR starts_with(actor_id, $a || '-') "
        "OR lower(name) = lower($a) OR list_contains(list_transform(aliases, lambda x: lower(x)), lower($a))",
        {"a": actor},
    ).fetchall()
    return [r[0] for r in rows]


def _event_where(cur: duckdb.DuckDBPyConnection, f: EventFilter, alias: str = "e") -> tuple[str, list[Any]]:
    """The WHERE clause and parameters of an event filter; `alias` is the events (or clusters) table,
    `published` the column of the article's publication date."""
    where: list[str] = []
    params: list[Any] = []
    if f.type:
        where.append(f"{alias}.type = upper(?)")
        params.append(f.type)
    if f.status:
        where.append(f"{alias}.status = lower(?)")
        params.append(f.status)
    if f.actor:
        ids = actor_ids(cur, f.actor)
        where.append(f"(list_contains(?, {alias}.source_id) OR list_contains(?, {alias}.target_id))")
        params += [ids, ids]
    if f.country:
        where.append(f"{alias}.country = upper(?)")
        params.append(f.country)
    if f.since:
        where.append(f"coalesce({alias}.date_end, published) >= ?")
        params.append(f.since)
    if f.until:
        where.append(f"coalesce({alias}.date_start, published) <= ?")
        params.append(f.until)
    if f.bbox:
        west, south, east, north = f.bbox
        where.append(f"{alias}.lat BETWEEN ? AND ?")
        params += [south, north]
        # A box across the antimeridian (west > east) holds the longitudes outside [east, west].
        joiner = "AND" if west <= east else "OR"
        where.append(f"({alias}.lon >= ? {joiner} {alias}.lon <= ?)")
        params += [west, east]
    if f.q:
        where.append(f"contains(lower({alias}.evidence_text), lower(?))")
        params.append(f.q)
    return (" AND ".join(where) or "TRUE"), params


_EVENT_FROM = (
    "events e JOIN (SELECT content_hash, published, title, outlet FROM articles) a USING (content_hash)"
)


def _events_from(f: EventFilter) -> str:
    """The events a filter reads, joined to their articles only when it needs their publication date
    (`since`, `until`). Every stored event has its article (`add_results` writes both in one
    transaction and nothing deletes either), so the join drops no row. On 100k events EXPLAIN ANALYZE
    of the unfiltered count showed a hash join of 100,000 events with 25,000 articles taking 10 ms;
    without it, a count takes 0.3 ms of CPU (a filtered one, 1.2 ms instead of 5.4)."""
    return _EVENT_FROM if f.since or f.until else "events e"


_EVENT_COLUMNS = """p.event_id, p.content_hash, p.article_id, p.type, p.mode, p.acled_event_type,
    p.acled_sub_event_type, p.status, p.source_id, src.name AS source_name, p.target_id,
    tgt.name AS target_name, p.date_start, p.date_end, p.date_precision, p.date_text, p.location_name,
    p.country, p.lat, p.lon, p.location_precision, p.count, p.fatalities, p.attributed_to,
    p.evidence_text, p.confidence"""
_ARTICLE_COLUMNS = "p.published, p.title, p.outlet"


def _with_when(row: dict[str, Any]) -> dict[str, Any]:
    start, end = row.get("date_start"), row.get("date_end")
    row["when"] = format_date(
        date.fromisoformat(start) if start else None,
        date.fromisoformat(end) if end else None,
        row.get("date_precision"),
    )
    return row


def events(cur: duckdb.DuckDBPyConnection, f: EventFilter, page: Page) -> dict[str, Any]:
    """Events matching the filter, latest first (an event's date, else its article's publication date).

    In two steps: the page's event ids are found sorting only the id and its sort key, then those
    rows alone are read whole (`_events_by_id`). Sorting every column of 100k events took three
    times as long.
    """
    where, params = _event_where(cur, f)
    total = _count(cur, f"SELECT count(*) FROM {_events_from(f)} WHERE {where}", params)
    ids = [
        row[0]
        for row in cur.execute(
            f"SELECT e.event_id FROM {_EVENT_FROM} WHERE {where} "
            "ORDER BY coalesce(e.date_start, a.published) DESC NULLS LAST, e.event_id LIMIT ? OFFSET ?",
            [*params, page.limit, page.offset],
        ).fetchall()
    ]
    by_id = _events_by_id(cur, ids)
    return {
        "items": [_with_when(by_id[i]) for i in ids if i in by_id],
        "total": total,
        "limit": page.limit,
        "offset": page.offset,
    }


def _events_by_id(cur: duckdb.DuckDBPyConnection, ids: list[str]) -> dict[str, dict[str, Any]]:
    """Whole event rows with their actors' names and their article's date, title and outlet.

    The articles are read in a second query by their hashes: a join lets DuckDB hash every article
    before it knows which few are needed, which took longer than reading the events.
    """
    rows = _rows(
        cur,
        "WITH p AS (SELECT * FROM events WHERE list_contains(?, event_id)) "
        f"SELECT {_EVENT_COLUMNS} FROM p "
        "LEFT JOIN actors src ON src.actor_id = p.source_id "
        "LEFT JOIN actors tgt ON tgt.actor_id = p.target_id",
        [ids],
    )
    hashes = sorted({row["content_hash"] for row in rows})
    articles = {
        a["content_hash"]: a
        for a in _rows(
            cur,
            "SELECT content_hash, published, title, outlet FROM articles "
            "WHERE list_contains(?, content_hash)",
            [hashes],
        )
    }
    for row in rows:
        article = articles.get(row["content_hash"], {})
        row.update(
            published=article.get("published"), title=article.get("title"), outlet=article.get("outlet")
        )
    return {row["event_id"]: row for row in rows}


def event(cur: duckdb.DuckDBPyConnection, event_id: str) -> dict[str, Any] | None:
    """One event with its offsets, its happening (the cluster and its other reports) and the watch's links."""
    found = _rows(
        cur,
        f"WITH p AS (SELECT e.*, a.published, a.title, a.outlet FROM {_EVENT_FROM} WHERE e.event_id = ?) "
        f"SELECT {_EVENT_COLUMNS}, {_ARTICLE_COLUMNS}, p.trigger_start, p.trigger_end, p.evidence_start, "
        "p.evidence_end "
        "FROM p LEFT JOIN actors src ON src.actor_id = p.source_id "
        "LEFT JOIN actors tgt ON tgt.actor_id = p.target_id",
        [event_id],
    )
    if not found:
        return None
    item = _with_when(found[0])
    item["reports"] = _rows(
        cur,
        "SELECT e.event_id, e.content_hash, a.title, a.outlet, a.published, e.attributed_to, e.fatalities "
        "FROM event_cluster_members m JOIN event_cluster_members o ON o.cluster_id = m.cluster_id "
        "JOIN events e ON e.event_id = o.event_id JOIN articles a USING (content_hash) "
        "WHERE m.event_id = ? AND o.event_id != m.event_id ORDER BY a.published, e.event_id LIMIT 50",
        [event_id],
    )
    item["fulfilled_by"] = _rows(
        cur,
        "SELECT f.event_id, d.type, d.evidence_text, f.days_after FROM fulfilments f "
        "JOIN events d ON d.event_id = f.event_id WHERE f.threat_event_id = ?",
        [event_id],
    )
    item["fulfils"] = _rows(
        cur,
        "SELECT f.threat_event_id AS event_id, t.type, t.evidence_text, f.days_after FROM fulfilments f "
        "JOIN events t ON t.event_id = f.threat_event_id WHERE f.event_id = ?",
        [event_id],
    )
    return item


def articles(cur: duckdb.DuckDBPyConnection, q: str | None, outlet: str | None, page: Page) -> dict[str, Any]:
    """Articles, latest published first, optionally those whose title or text holds `q`, or from `outlet`."""
    where: list[str] = ["TRUE"]
    params: list[Any] = []
    if q:
        where.append("(contains(lower(coalesce(title, '')), lower(?)) OR contains(lower(text), lower(?)))")
        params += [q, q]
    if outlet:
        where.append("outlet = ?")
        params.append(outlet)
    clause = " AND ".join(where)
    total = _count(cur, f"SELECT count(*) FROM articles WHERE {clause}", params)
    items = _rows(
        cur,
        "WITH p AS (SELECT content_hash, article_id, title, url, outlet, published, ingested_at "
        f"FROM articles WHERE {clause} ORDER BY published DESC NULLS LAST, content_hash LIMIT ? OFFSET ?) "
        "SELECT p.*, (SELECT count(*) FROM events e WHERE e.content_hash = p.content_hash) AS n_events "
        "FROM p ORDER BY published DESC NULLS LAST, content_hash",
        [*params, page.limit, page.offset],
    )
    for item in items:
        item["ingested_at"] = str(item["ingested_at"])
    return {"items": items, "total": total, "limit": page.limit, "offset": page.offset}


def article(cur: duckdb.DuckDBPyConnection, content_hash: str) -> dict[str, Any] | None:
    """One article with its text and every span read from it: actor mentions, event triggers and
    evidence, and the dates and places of its events.

    The store keeps offsets for mentions, triggers and evidence. A date or place is stored as the words
    the text gave (`date_text`, `location_name`), so its span is found by looking for those words in
    the event's evidence first, then in the whole text; a span found that way says `"located": "text"`.
    """
    found = _rows(
        cur,
        "SELECT content_hash, article_id, title, url, outlet, published, language, origin, text "
        "FROM articles WHERE content_hash = ?",
        [content_hash],
    )
    if not found:
        return None
    item = found[0]
    text: str = item["text"]
    item["mentions"] = _rows(
        cur,
        "SELECT m.actor_id, a.name, a.kind, m.start_char AS start, m.end_char AS end, m.text "
        "FROM mentions m LEFT JOIN actors a USING (actor_id) WHERE m.content_hash = ? ORDER BY m.start_char",
        [content_hash],
    )
    item["events"] = _rows(
        cur,
        "SELECT e.event_id, e.type, e.mode, e.status, e.source_id, src.name AS source_name, e.target_id, "
        "tgt.name AS target_name, e.date_start, e.date_end, e.date_precision, e.date_text, e.location_name, "
        "e.country, e.fatalities, e.attributed_to, e.trigger_start, e.trigger_end, e.evidence_start, "
        "e.evidence_end, e.confidence FROM events e LEFT JOIN actors src ON src.actor_id = e.source_id "
        "LEFT JOIN actors tgt ON tgt.actor_id = e.target_id WHERE e.content_hash = ? ORDER BY e.seq",
        [content_hash],
    )
    for ev in item["events"]:
        ev["date_span"] = locate(text, ev["date_text"], ev["evidence_start"], ev["evidence_end"])
        ev["place_span"] = locate(text, ev["location_name"], ev["evidence_start"], ev["evidence_end"])
        _with_when(ev)
    item["relations"] = _rows(
        cur,
        "SELECT subject_id, predicate, object_id, evidence_start, evidence_end FROM relations "
        "WHERE content_hash = ? ORDER BY evidence_start",
        [content_hash],
    )
    return item


def locate(text: str, words: str | None, start: int, end: int) -> dict[str, Any] | None:
    """Where `words` stand in `text`: inside [start, end) if they occur there, else their first place."""
    if not words:
        return None
    at = text.find(words, start, end)
    if at < 0:
        at = text.find(words)
    if at < 0:
        return None
    return {"start": at, "end": at + len(words), "text": words, "located": "text"}


def actors(
    cur: duckdb.DuckDBPyConnection, q: str | None, kind: str | None, country: str | None, page: Page
) -> dict[str, Any]:
    """Stored actors, those in most events first; `q` searches id, name and aliases, ignoring case."""
    where: list[str] = ["TRUE"]
    params: list[Any] = []
    if q:
        where.append(
            "(contains(lower(a.actor_id), lower(?)) OR contains(lower(a.name), lower(?)) "
            "OR len(list_filter(a.aliases, lambda x: contains(lower(x), lower(?)))) > 0)"
        )
        params += [q, q, q]
    if kind:
        where.append("a.kind = ?")
        params.append(kind)
    if country:
        where.append("a.country = upper(?)")
        params.append(country)
    clause = " AND ".join(where)
    total = _count(cur, f"SELECT count(*) FROM actors a WHERE {clause}", params)
    items = _rows(
        cur,
        "WITH n AS (SELECT actor_id, count(*) AS n_events FROM "
        "(SELECT source_id AS actor_id FROM events UNION ALL "
        " SELECT target_id FROM events WHERE target_id IS DISTINCT FROM source_id) GROUP BY actor_id) "
        "SELECT a.actor_id, a.name, a.kind, a.country, a.in_kb, a.aliases, a.first_seen, a.last_seen, "
        f"coalesce(n.n_events, 0) AS n_events FROM actors a LEFT JOIN n USING (actor_id) WHERE {clause} "
        "ORDER BY n_events DESC, a.actor_id LIMIT ? OFFSET ?",
        [*params, page.limit, page.offset],
    )
    return {"items": items, "total": total, "limit": page.limit, "offset": page.offset}


def actor(cur: duckdb.DuckDBPyConnection, actor_id: str) -> dict[str, Any] | None:
    """One stored actor with its event counts as source and as target."""
    found = _rows(
        cur,
        "SELECT actor_id, name, kind, country, in_kb, aliases, first_seen, last_seen, acled_name, "
        "(SELECT count(*) FROM events WHERE source_id = $id) AS n_as_source, "
        "(SELECT count(*) FROM events WHERE target_id = $id) AS n_as_target "
        "FROM actors WHERE actor_id = $id",
        {"id": actor_id},
    )
    return found[0] if found else None


def relations(
    cur: duckdb.DuckDBPyConnection, actor: str | None, predicate: str | None, page: Page
) -> dict[str, Any]:
    """Stated relations, one row per (subject, predicate, object) with how many articles state it."""
    where: list[str] = ["TRUE"]
    params: list[Any] = []
    if actor:
        ids = actor_ids(cur, actor)
        where.append("(list_contains(?, r.subject_id) OR list_contains(?, r.object_id))")
        params += [ids, ids]
    if predicate:
        where.append("r.predicate = lower(?)")
        params.append(predicate)
    clause = " AND ".join(where)
    grouped = (
        "SELECT r.subject_id, r.predicate, r.object_id, count(DISTINCT r.content_hash) AS n_articles, "
        "min(r.seen_on) AS first_seen, max(r.seen_on) AS last_seen, "
        "arg_min(r.evidence_text, r.seen_on) AS evidence_text, "
        "arg_min(r.content_hash, r.seen_on) AS content_hash "
        f"FROM relations r WHERE {clause} GROUP BY ALL"
    )
    total = _count(cur, f"SELECT count(*) FROM ({grouped})", params)
    items = _rows(
        cur,
        f"WITH g AS ({grouped}) SELECT g.*, s.name AS subject_name, o.name AS object_name FROM g "
        "LEFT JOIN actors s ON s.actor_id = g.subject_id LEFT JOIN actors o ON o.actor_id = g.object_id "
        "ORDER BY g.n_articles DESC, g.subject_id, g.predicate, g.object_id LIMIT ? OFFSET ?",
        [*params, page.limit, page.offset],
    )
    return {"items": items, "total": total, "limit": page.limit, "offset": page.offset}


def _clusters_from(f: EventFilter) -> str:
    """The happenings a filter reads: clusters, with their canonical report's evidence only when a text
    filter needs it (joining 100k reports for nothing doubled the timeline's time)."""
    if f.q:
        return (
            "(SELECT c.*, c.first_published AS published, e.evidence_text FROM event_clusters c "
            "JOIN events e ON e.event_id = c.canonical_event_id) c"
        )
    return "(SELECT c.*, c.first_published AS published FROM event_clusters c) c"


def timeline(cur: duckdb.DuckDBPyConnection, f: EventFilter, page: Page) -> dict[str, Any]:
    """Happenings (event clusters) in date order, earliest first, as `flashpoint timeline` lists them."""
    where, params = _event_where(cur, f, alias="c")
    source = _clusters_from(f)
    total = _count(cur, f"SELECT count(*) FROM {source} WHERE {where}", params)
    items = _rows(
        cur,
        f"WITH p AS (SELECT c.* FROM {source} WHERE {where} "
        "ORDER BY coalesce(c.date_start, c.first_published) NULLS LAST, c.cluster_id LIMIT ? OFFSET ?) "
        "SELECT p.cluster_id, p.canonical_event_id AS event_id, p.date_start, p.date_end, p.date_precision, "
        "p.first_published, p.type, p.mode, p.status, p.source_id, src.name AS source_name, p.target_id, "
        "tgt.name AS target_name, p.location_name, p.country, p.fatalities, p.n_reports, p.outlets, "
        "e.evidence_text FROM p JOIN events e ON e.event_id = p.canonical_event_id "
        "LEFT JOIN actors src ON src.actor_id = p.source_id "
        "LEFT JOIN actors tgt ON tgt.actor_id = p.target_id "
        "ORDER BY coalesce(p.date_start, p.first_published) NULLS LAST, p.cluster_id",
        [*params, page.limit, page.offset],
    )
    return {
        "items": [_with_when(i) for i in items],
        "total": total,
        "limit": page.limit,
        "offset": page.offset,
    }


_BUCKETS = {"day": "day", "week": "week", "month": "month", "year": "year"}


def timeline_counts(cur: duckdb.DuckDBPyConnection, f: EventFilter, bucket: str) -> list[dict[str, Any]]:
    """Happenings per period (`bucket`: day, week, month or year): all of them, those that happened,
    and the open ones (threatened, planned or predicted, and vows: a THREATEN is counted as a threat,
    not as something that happened, as the watch counts it)."""
    unit = _BUCKETS[bucket]
    where, params = _event_where(cur, f, alias="c")
    return _rows(
        cur,
        f"SELECT date_trunc('{unit}', coalesce(c.date_start, c.published))::DATE AS period, "
        "count(*) FILTER (WHERE list_contains(?, c.status) AND c.type != 'THREATEN') AS happened, "
        "count(*) FILTER (WHERE list_contains(?, c.status) OR c.type = 'THREATEN') AS open, "
        "count(*) AS total "
        f"FROM {_clusters_from(f)} WHERE {where} AND coalesce(c.date_start, c.published) IS NOT NULL "
        "GROUP BY period ORDER BY period",
        [_HAPPENED, _OPEN, *params],
    )


def map_events(cur: duckdb.DuckDBPyConnection, f: EventFilter, places: int) -> dict[str, Any]:
    """Events per country (for shading) and per place (for dots, the `places` busiest), filtered."""
    where, params = _event_where(cur, f)
    countries = _rows(
        cur,
        f"SELECT e.country, count(*) AS n FROM {_events_from(f)} WHERE {where} AND e.country IS NOT NULL "
        "GROUP BY e.country ORDER BY n DESC, e.country",
        params,
    )
    spots = _rows(
        cur,
        "SELECT round(e.lat, 1) AS lat, round(e.lon, 1) AS lon, any_value(e.location_name) AS name, "
        f"any_value(e.country) AS country, count(*) AS n FROM {_events_from(f)} WHERE {where} "
        "AND e.lat IS NOT NULL AND e.lon IS NOT NULL GROUP BY ALL ORDER BY n DESC, lat, lon LIMIT ?",
        [*params, places],
    )
    return {"countries": countries, "places": spots}


def network(
    cur: duckdb.DuckDBPyConnection, since: date | None, actor: str | None, edges: int
) -> dict[str, Any]:
    """The `edges` heaviest ties between actors: happenings that occurred (by PLOVER type) and relations."""
    ids = actor_ids(cur, actor) if actor else None
    params: dict[str, Any] = {"since": since, "ids": ids, "n": edges}
    rows = _rows(
        cur,
        """
        WITH t AS (
            SELECT source_id AS source, target_id AS target, 'event' AS kind, type AS label,
                   count(*) AS weight, max(coalesce(date_end, date_start, first_published)) AS last
            FROM event_clusters
            WHERE source_id IS NOT NULL AND target_id IS NOT NULL AND source_id != target_id
              AND list_contains(['occurred', 'ongoing'], status)
              AND ($since IS NULL OR coalesce(date_end, first_published) >= $since)
              AND ($ids IS NULL OR list_contains($ids, source_id) OR list_contains($ids, target_id))
            GROUP BY ALL
            UNION ALL
            SELECT subject_id, object_id, 'relation', predicate, count(DISTINCT content_hash), max(seen_on)
            FROM relations
            WHERE subject_id != object_id AND ($since IS NULL OR seen_on >= $since)
              AND ($ids IS NULL OR list_contains($ids, subject_id) OR list_contains($ids, object_id))
            GROUP BY ALL
        )
        SELECT * FROM t ORDER BY weight DESC, source, target, kind, label LIMIT $n
        """,
        params,
    )
    node_ids = sorted({r["source"] for r in rows} | {r["target"] for r in rows})
    nodes = _rows(
        cur,
        "SELECT actor_id AS id, name, kind, country FROM actors WHERE list_contains(?, actor_id) ORDER BY id",
        [node_ids],
    )
    known = {n["id"] for n in nodes}
    nodes += [{"id": i, "name": i, "kind": "other", "country": None} for i in node_ids if i not in known]
    return {"nodes": nodes, "edges": rows}


#: The happenings on the watch list: open threats and vows none of whose reports was carried out.
_WATCHED = (
    "(list_contains($open, c.status) OR (c.type = 'THREATEN' AND list_contains($happened, c.status))) "
    "AND c.cluster_id NOT IN (SELECT m.cluster_id FROM event_cluster_members m "
    "JOIN fulfilments f ON f.threat_event_id = m.event_id)"
)


def watch(cur: duckdb.DuckDBPyConnection, as_of: date, page: Page) -> dict[str, Any]:
    """Open threats and plans, one per happening none of whose reports was carried out, oldest first
    (the same rule as `flashpoint watch`), with their age in days on `as_of`.

    The total comes from a window over the same pass, since finding the unfulfilled happenings is
    the costly part and a separate count would do it twice.
    """
    rows = _rows(
        cur,
        f"WITH p AS (SELECT c.*, count(*) OVER () AS total FROM event_clusters c WHERE {_WATCHED} "
        "ORDER BY c.first_published NULLS LAST, c.cluster_id LIMIT $limit OFFSET $offset) "
        "SELECT p.total, p.cluster_id, p.canonical_event_id AS event_id, p.type, p.status, p.source_id, "
        "src.name AS source_name, p.target_id, tgt.name AS target_name, p.first_published AS said_on, "
        "$as_of::DATE - p.first_published AS age_days, p.date_start, p.date_end, p.date_precision, "
        "p.n_reports, e.evidence_text FROM p JOIN events e ON e.event_id = p.canonical_event_id "
        "LEFT JOIN actors src ON src.actor_id = p.source_id "
        "LEFT JOIN actors tgt ON tgt.actor_id = p.target_id "
        "ORDER BY p.first_published NULLS LAST, p.cluster_id",
        {"open": _OPEN, "happened": _HAPPENED, "limit": page.limit, "offset": page.offset, "as_of": as_of},
    )
    total = rows[0]["total"] if rows else _watch_total(cur)
    for row in rows:
        del row["total"]
    return {
        "items": [_with_when(r) for r in rows],
        "total": total,
        "limit": page.limit,
        "offset": page.offset,
    }


def _watch_total(cur: duckdb.DuckDBPyConnection) -> int:
    """The watch list's size, for a page past its end (which carries no window row to read it from)."""
    return _count(
        cur,
        f"SELECT count(*) FROM event_clusters c WHERE {_WATCHED}",
        {"open": _OPEN, "happened": _HAPPENED},
    )


def facets(cur: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """The values the page's filters offer, with how many events carry each."""
    return {
        "types": _rows(cur, "SELECT type AS value, count(*) AS n FROM events GROUP BY 1 ORDER BY n DESC, 1"),
        "statuses": _rows(
            cur, "SELECT status AS value, count(*) AS n FROM events GROUP BY 1 ORDER BY n DESC, 1"
        ),
        "countries": _rows(
            cur,
            "SELECT country AS value, count(*) AS n FROM events WHERE country IS NOT NULL "
            "GROUP BY 1 ORDER BY n DESC, 1",
        ),
        "events": _count(cur, "SELECT count(*) FROM events", []),
        "articles": _count(cur, "SELECT count(*) FROM articles", []),
    }
