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

import itertools
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date, timedelta
from typing import Any

import duckdb
import pyarrow as pa

from flashpoint.store.similarity import (
    MERGE_THRESHOLD,
    UNDATED_AFTER,
    UNDATED_BEFORE,
    Report,
    generic_actors,
    pair_score,
    status_group,
)
from flashpoint.taxonomy import OPEN_STATUSES

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

#: Days by which `_days` widens a report's interval on each side (the largest slack in `similarity.py`).
_WIDEN_DAYS = 1
#: Longest run of days a report is indexed under (a year-precision date is 365 of them).
_MAX_DAYS = 400
_OPEN = sorted(str(s) for s in OPEN_STATUSES)

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
    WHERE m.cluster_id IN (SELECT id FROM $ids)
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
    with _ids(conn, content_hashes) as hashes:
        new_rows = conn.execute(
            f"SELECT {_REPORT_COLUMNS} FROM events e JOIN articles a USING (content_hash) "
            f"WHERE e.content_hash IN (SELECT id FROM {hashes}) "
            "AND e.event_id NOT IN (SELECT event_id FROM event_cluster_members) "
            "ORDER BY a.published NULLS LAST, a.content_hash, e.seq"
        ).fetchall()
    if not new_rows:
        return 0
    new = [_report(r) for r in new_rows]
    vague = _vague_actors(conn)
    members = _stored_candidates(conn, new)
    index = _Index()
    for cluster_id, cluster_members in members.items():
        for other in cluster_members:
            index.add(other, cluster_id)
    touched: set[str] = set()
    assignments: list[tuple[str, str, float | None]] = []
    for report in new:
        best: tuple[float, str] | None = None
        for cluster_id in sorted(index.near(report)):
            top = _cluster_score(report, members[cluster_id], vague)
            if top is not None and top >= MERGE_THRESHOLD and (best is None or top > best[0]):
                best = (top, cluster_id)
        if best is None:
            cluster_id, score = report.event_id, None
        else:
            score, cluster_id = best
        members.setdefault(cluster_id, []).append(report)
        index.add(report, cluster_id)
        assignments.append((report.event_id, cluster_id, score))
        touched.add(cluster_id)
    table = pa.table(
        {
            "event_id": pa.array([a[0] for a in assignments], pa.string()),
            "cluster_id": pa.array([a[1] for a in assignments], pa.string()),
            "score": pa.array([a[2] for a in assignments], pa.float64()),
        }
    )
    with _registered(conn, table) as name:
        conn.execute(f"INSERT INTO event_cluster_members SELECT event_id, cluster_id, score FROM {name}")
    refresh(conn, sorted(touched))
    return len(touched)


def _cluster_score(report: Report, cluster: Sequence[Report], vague: frozenset[str]) -> float | None:
    """The best score against the cluster's reports, or None if any of them rules the report out."""
    top: float | None = None
    for other in cluster:
        score = pair_score(report, other, vague)
        if score is None:
            return None
        if top is None or score > top:
            top = score
    return top


_names = itertools.count()


@contextmanager
def _registered(conn: duckdb.DuckDBPyConnection, table: pa.Table) -> Iterator[str]:
    """An Arrow table visible to SQL under a fresh name while the block runs."""
    name = f"flashpoint_clusters_{next(_names)}"
    conn.register(name, table)
    try:
        yield name
    finally:
        conn.unregister(name)


def _ids(conn: duckdb.DuckDBPyConnection, ids: Iterable[str]) -> Any:
    """A one-column (`id`) table of these strings, to join against: a semi-join on a hash table, where
    `list_contains(?, column)` with a long list scans the list once per row."""
    return _registered(conn, pa.table({"id": pa.array(list(ids), pa.string())}))


def _days(report: Report) -> list[date]:
    """The days a report may meet another on: its interval, widened by the largest slack (1 day)."""
    span = report.interval()
    if span is None:
        return []
    pad = timedelta(days=_WIDEN_DAYS)
    first, last = span[0] - pad, span[1] + pad
    return [first + timedelta(days=n) for n in range(min((last - first).days, _MAX_DAYS) + 1)]


class _Index:
    """Clusters by the (type, status group, day) of their reports, and by country within that.

    Two reports in different countries never merge (`similarity._place_score`), so a report with a
    country looks only among clusters that have a report in that country or in none: this is what
    keeps the candidates few when a store holds many events per day. A report without a country
    may meet any cluster, and looks in the index without countries.
    """

    def __init__(self) -> None:
        self.any_country: dict[tuple[str, str, date], set[str]] = defaultdict(set)
        self.by_country: dict[tuple[str, str, date, str | None], set[str]] = defaultdict(set)

    def add(self, report: Report, cluster_id: str) -> None:
        key = (report.type, status_group(report.status))
        country = report.country or None
        for day in _days(report) or [date.min]:
            self.any_country[(*key, day)].add(cluster_id)
            self.by_country[(*key, day, country)].add(cluster_id)

    def near(self, report: Report) -> set[str]:
        """Clusters with a report of the same type and status group whose days meet this report's."""
        key = (report.type, status_group(report.status))
        country = report.country or None
        found: set[str] = set()
        empty: set[str] = set()
        for day in _days(report) or [date.min]:
            if country is None:
                found |= self.any_country.get((*key, day), empty)
            else:
                found |= self.by_country.get((*key, day, country), empty)
                found |= self.by_country.get((*key, day, None), empty)
        return found


#: A stored report's interval, as `Report.interval` computes it (NULL: undated and unpublished).
_INTERVAL = f"""
    CASE WHEN e.date_start IS NOT NULL THEN e.date_start
         WHEN list_contains({_OPEN!r}, e.status) THEN a.published
         ELSE a.published - {UNDATED_BEFORE} END AS lo,
    CASE WHEN e.date_start IS NOT NULL THEN coalesce(e.date_end, e.date_start)
         WHEN list_contains({_OPEN!r}, e.status) THEN a.published + {UNDATED_AFTER}
         ELSE a.published END AS hi"""


def _stored_candidates(conn: duckdb.DuckDBPyConnection, new: Sequence[Report]) -> dict[str, list[Report]]:
    """The stored clusters a new report could join, each with all its reports (for the all-compatible rule).

    The stored reports that share a (type, day) with a new one, and could share its country, are
    found in one SQL join: the new reports' days (widened as `_days` widens them, on both sides) as a
    table, each stored report of those types inside the batch's dates expanded to its own days. Their
    clusters are then read whole. The rules in Python see a superset of what they would keep.
    """
    days: set[tuple[str, date | None, str | None]] = set()
    for report in new:
        country = report.country or None
        own = _days(report)
        if not own:
            days.add((report.type, None, country))
        for day in own:
            # Both sides are widened: a stored report's day within 2 of a new one's meets it.
            for shift in range(-_WIDEN_DAYS, _WIDEN_DAYS + 1):
                days.add((report.type, day + timedelta(days=shift), country))
    dated = [d for _, d, _ in days if d is not None]
    low = min(dated) if dated else date.min
    high = max(dated) if dated else date.min
    keys = pa.table(
        {
            "type": pa.array([k[0] for k in days], pa.string()),
            "day": pa.array([k[1] for k in days], pa.date32()),
            "country": pa.array([k[2] for k in days], pa.string()),
        }
    )
    with _registered(conn, keys) as name:
        rows = conn.execute(
            f"""
            WITH stored AS (
                SELECT m.cluster_id, e.type, nullif(e.country, '') AS country, {_INTERVAL}
                FROM events e JOIN articles a USING (content_hash)
                JOIN event_cluster_members m USING (event_id)
                WHERE e.type IN (SELECT DISTINCT type FROM {name})
            ),
            stored_days AS (
                SELECT cluster_id, type, country, unnest(CASE WHEN lo IS NULL THEN [NULL::DATE]
                    ELSE generate_series(greatest(lo, ?::DATE), least(hi, ?::DATE, lo + {_MAX_DAYS}),
                                         INTERVAL 1 DAY)::DATE[] END) AS day
                FROM stored
                WHERE lo IS NULL OR (hi >= ?::DATE AND lo <= ?::DATE)
            )
            SELECT DISTINCT s.cluster_id FROM stored_days s JOIN {name} k
              ON s.type = k.type AND s.day IS NOT DISTINCT FROM k.day
            WHERE s.country IS NULL OR k.country IS NULL OR s.country = k.country
            """,
            [low, high, low, high],
        ).fetchall()
    members: dict[str, list[Report]] = defaultdict(list)
    if rows:
        with _ids(conn, (r[0] for r in rows)) as ids:
            found = conn.execute(
                f"SELECT m.cluster_id, {_REPORT_COLUMNS} FROM event_cluster_members m "
                "JOIN events e USING (event_id) JOIN articles a USING (content_hash) "
                f"WHERE m.cluster_id IN (SELECT id FROM {ids}) ORDER BY m.cluster_id, e.event_id"
            ).fetchall()
        for row in found:
            members[row[0]].append(_report(row[1:]))
    return dict(members)


def refresh(conn: duckdb.DuckDBPyConnection, cluster_ids: Sequence[str]) -> None:
    """Recompute the summary rows of these clusters from their reports."""
    if not cluster_ids:
        return
    with _ids(conn, cluster_ids) as ids:
        conn.execute(f"DELETE FROM event_clusters WHERE cluster_id IN (SELECT id FROM {ids})")
        conn.execute(_REFRESH.replace("$ids", ids))


def unclustered_articles(conn: duckdb.DuckDBPyConnection) -> list[str]:
    """Content hashes of stored articles with an event in no cluster (a store written before clusters)."""
    rows = conn.execute(
        "SELECT DISTINCT e.content_hash, a.published FROM events e JOIN articles a USING (content_hash) "
        "WHERE e.event_id NOT IN (SELECT event_id FROM event_cluster_members) "
        "ORDER BY a.published NULLS LAST, e.content_hash"
    ).fetchall()
    return [r[0] for r in rows]
