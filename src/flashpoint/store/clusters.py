"""One event per happening: reports of the same happening across articles merge into a cluster.

Tables (created by `ensure_tables`, kept current by `assign_clusters` after each stored batch):

    event_cluster_members  event_id, cluster_id, score (the merge score; NULL for the report that opened it)
    event_clusters         cluster_id (the event_id of its first report), canonical_event_id, type, mode,
                           status, acled types, source_id, target_id, date_start, date_end,
                           date_precision, location_name, country, admin1, lat, lon,
                           location_precision, fatalities, n_reports, n_articles, outlets VARCHAR[],
                           attributed_to VARCHAR[], first_published, last_published

Incremental: each new report is compared with the stored reports whose type matches and whose date
could meet its own (one SQL join per batch), and joins the cluster it scores best against, provided
it is compatible with every report already in that cluster (so a chain of near matches cannot grow a
cluster of unrelated events); otherwise it opens a new cluster. Nothing already stored is recomputed
except the summary rows of the clusters that grew. The rules and weights are in `similarity.py`.
A cluster's canonical report is its most specific one (day precision, both actors, coordinates); its
fatalities are those of the latest report that gives a figure, since tolls rise as counts come in.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

import duckdb

from flashpoint.store.similarity import (
    MERGE_THRESHOLD,
    Report,
    generic_actors,
    pair_score,
    status_group,
)

_TABLES = """
CREATE TABLE IF NOT EXISTS event_cluster_members (
    event_id VARCHAR NOT NULL,
    cluster_id VARCHAR NOT NULL,
    score DOUBLE
);
CREATE TABLE IF NOT EXISTS event_clusters (
    cluster_id VARCHAR NOT NULL,
    canonical_event_id VARCHAR NOT NULL,
    type VARCHAR NOT NULL,
    mode VARCHAR,
    status VARCHAR NOT NULL,
    acled_event_type VARCHAR,
    acled_sub_event_type VARCHAR,
    source_id VARCHAR,
    target_id VARCHAR,
    date_start DATE,
    date_end DATE,
    date_precision VARCHAR,
    location_name VARCHAR,
    country VARCHAR,
    admin1 VARCHAR,
    lat DOUBLE,
    lon DOUBLE,
    location_precision VARCHAR,
    fatalities INTEGER,
    n_reports INTEGER NOT NULL,
    n_articles INTEGER NOT NULL,
    outlets VARCHAR[] NOT NULL,
    attributed_to VARCHAR[] NOT NULL,
    first_published DATE,
    last_published DATE
);
"""

_REPORT_COLUMNS = """e.event_id, e.type, e.mode, e.status, e.source_id, e.target_id, e.date_start, e.date_end,
    e.date_precision, e.location_name, e.country, e.lat, e.lon, e.location_precision, a.published,
    e.fatalities, e.evidence_text"""

#: Days around a report's own dates within which stored reports are fetched as candidates; wider than
#: any slack in `similarity.py`, so the SQL never drops a pair the rules would keep.
_WINDOW_DAYS = 40

_REFRESH = """
INSERT INTO event_clusters
WITH r AS (
    SELECT m.cluster_id, e.*, a.outlet, a.published, a.ingested_at,
           row_number() OVER (
               PARTITION BY m.cluster_id
               ORDER BY CASE e.date_precision WHEN 'day' THEN 0 WHEN 'week' THEN 1 WHEN 'month' THEN 2
                                              WHEN 'year' THEN 3 ELSE 4 END,
                        (e.source_id IS NULL)::INT + (e.target_id IS NULL)::INT,
                        (e.lat IS NULL)::INT, a.ingested_at, e.event_id
           ) AS rank
    FROM event_cluster_members m
    JOIN events e USING (event_id)
    JOIN articles a USING (content_hash)
    WHERE list_contains(?, m.cluster_id)
),
agg AS (
    SELECT cluster_id,
           count(*) AS n_reports,
           count(DISTINCT content_hash) AS n_articles,
           coalesce(list(DISTINCT outlet ORDER BY outlet) FILTER (WHERE outlet IS NOT NULL), []) AS outlets,
           coalesce(list_distinct(flatten(list(attributed_to))), []) AS attributed_to,
           arg_max(fatalities, published) FILTER (WHERE fatalities IS NOT NULL) AS fatalities,
           min(published) AS first_published,
           max(published) AS last_published
    FROM r GROUP BY cluster_id
)
SELECT r.cluster_id, r.event_id, r.type, r.mode, r.status, r.acled_event_type, r.acled_sub_event_type,
       r.source_id, r.target_id, r.date_start, r.date_end, r.date_precision, r.location_name, r.country,
       r.admin1, r.lat, r.lon, r.location_precision, agg.fatalities, agg.n_reports, agg.n_articles,
       agg.outlets, list_sort(agg.attributed_to), agg.first_published, agg.last_published
FROM r JOIN agg USING (cluster_id)
WHERE r.rank = 1
"""


def ensure_tables(conn: duckdb.DuckDBPyConnection) -> None:
    """Create the cluster tables if absent."""
    conn.execute(_TABLES)


def _report(row: Sequence[Any]) -> Report:
    return Report(
        event_id=row[0],
        type=row[1],
        mode=row[2],
        status=row[3],
        source=row[4],
        target=row[5],
        date_start=row[6],
        date_end=row[7],
        date_precision=row[8],
        place=row[9],
        country=row[10],
        lat=row[11],
        lon=row[12],
        place_precision=row[13],
        published=row[14],
        fatalities=row[15],
        text=row[16],
    )


def _vague_actors(conn: duckdb.DuckDBPyConnection) -> frozenset[str]:
    """Generic actors ("gunmen") and actors outside the knowledge base: they agree with anyone."""
    outside = conn.execute("SELECT actor_id FROM actors WHERE NOT in_kb").fetchall()
    return generic_actors() | frozenset(r[0] for r in outside)


def assign_clusters(conn: duckdb.DuckDBPyConnection, content_hashes: Sequence[str]) -> int:
    """Put every event of these (just stored) articles in a cluster; returns the clusters grown or opened.

    Runs inside the caller's transaction. Events already in a cluster are left where they are.
    """
    if not content_hashes:
        return 0
    hashes = list(content_hashes)
    new_rows = conn.execute(
        f"SELECT {_REPORT_COLUMNS} FROM events e JOIN articles a USING (content_hash) "
        "WHERE list_contains(?, e.content_hash) "
        "AND e.event_id NOT IN (SELECT event_id FROM event_cluster_members) "
        "ORDER BY a.published NULLS LAST, a.content_hash, e.seq",
        [hashes],
    ).fetchall()
    if not new_rows:
        return 0
    new = [_report(r) for r in new_rows]
    vague = _vague_actors(conn)
    members = _stored_candidates(conn, new)
    index: dict[tuple[str, str, date], set[str]] = defaultdict(set)
    for cluster_id, cluster_members in members.items():
        for other in cluster_members:
            _index(index, other, cluster_id)
    touched: set[str] = set()
    assignments: list[tuple[str, str, float | None]] = []
    for report in new:
        best: tuple[float, str] | None = None
        for cluster_id in sorted(_near(index, report)):
            scores = [pair_score(report, other, vague) for other in members[cluster_id]]
            if any(s is None for s in scores):
                continue
            top = max(s for s in scores if s is not None)
            if top >= MERGE_THRESHOLD and (best is None or top > best[0]):
                best = (top, cluster_id)
        if best is None:
            cluster_id, score = report.event_id, None
        else:
            score, cluster_id = best
        members.setdefault(cluster_id, []).append(report)
        _index(index, report, cluster_id)
        assignments.append((report.event_id, cluster_id, score))
        touched.add(cluster_id)
    conn.executemany("INSERT INTO event_cluster_members VALUES (?, ?, ?)", assignments)
    refresh(conn, sorted(touched))
    return len(touched)


def _days(report: Report) -> list[date]:
    """The days a report may meet another on: its interval, widened by the largest slack (1 day)."""
    span = report.interval()
    if span is None:
        return []
    first, last = span[0] - timedelta(days=1), span[1] + timedelta(days=1)
    return [first + timedelta(days=n) for n in range(min((last - first).days, 400) + 1)]


def _index(index: dict[tuple[str, str, date], set[str]], report: Report, cluster_id: str) -> None:
    key = (report.type, status_group(report.status))
    for day in _days(report) or [date.min]:
        index[(*key, day)].add(cluster_id)


def _near(index: dict[tuple[str, str, date], set[str]], report: Report) -> set[str]:
    """Clusters with a report of the same type and status group whose days meet this report's."""
    key = (report.type, status_group(report.status))
    found: set[str] = set()
    for day in _days(report) or [date.min]:
        found |= index.get((*key, day), set())
    return found


def _stored_candidates(conn: duckdb.DuckDBPyConnection, new: Sequence[Report]) -> dict[str, list[Report]]:
    """The stored clusters a new report could join, each with all its reports (for the all-compatible rule).

    Candidates are blocked in SQL by type and by a date window around the batch's reports, one window
    per (type, status group), so a batch costs one query per block however large the store is.
    """
    blocks: dict[tuple[str, str], tuple[date, date]] = {}
    for report in new:
        span = report.interval() or (date.min + timedelta(days=_WINDOW_DAYS),) * 2
        key = (report.type, status_group(report.status))
        low, high = blocks.get(key, span)
        blocks[key] = (min(low, span[0]), max(high, span[1]))
    cluster_ids: set[str] = set()
    pad = timedelta(days=_WINDOW_DAYS)
    for (type_, _group), (low, high) in blocks.items():
        rows = conn.execute(
            "SELECT DISTINCT m.cluster_id FROM events e JOIN articles a USING (content_hash) "
            "JOIN event_cluster_members m USING (event_id) "
            "WHERE e.type = ? AND coalesce(e.date_end, a.published) >= ? "
            "AND coalesce(e.date_start, a.published) <= ?",
            [type_, low - pad, high + pad],
        ).fetchall()
        cluster_ids.update(r[0] for r in rows)
    members: dict[str, list[Report]] = defaultdict(list)
    if cluster_ids:
        rows = conn.execute(
            f"SELECT m.cluster_id, {_REPORT_COLUMNS} FROM event_cluster_members m "
            "JOIN events e USING (event_id) JOIN articles a USING (content_hash) "
            "WHERE list_contains(?, m.cluster_id)",
            [sorted(cluster_ids)],
        ).fetchall()
        for row in rows:
            members[row[0]].append(_report(row[1:]))
    return dict(members)


def refresh(conn: duckdb.DuckDBPyConnection, cluster_ids: Sequence[str]) -> None:
    """Recompute the summary rows of these clusters from their reports."""
    if not cluster_ids:
        return
    ids = list(cluster_ids)
    conn.execute("DELETE FROM event_clusters WHERE list_contains(?, cluster_id)", [ids])
    conn.execute(_REFRESH, [ids])


def unclustered_articles(conn: duckdb.DuckDBPyConnection) -> list[str]:
    """Content hashes of stored articles with an event in no cluster (a store written before clusters)."""
    rows = conn.execute(
        "SELECT DISTINCT e.content_hash, a.published FROM events e JOIN articles a USING (content_hash) "
        "WHERE e.event_id NOT IN (SELECT event_id FROM event_cluster_members) "
        "ORDER BY a.published NULLS LAST, e.content_hash"
    ).fetchall()
    return [r[0] for r in rows]
