"""The watch: threats, vows, plans and predictions, and the later events that carried them out.

A *threat* is a stored event whose status is planned, threatened or predicted, or a THREATEN event
(a vow, a warning: the extractor gives the act of threatening the status occurred). A later event
*fulfils* it when all of these hold:

- it happened (status occurred or ongoing) and is not itself a THREATEN;
- its type fits the threat's: a THREATEN is carried out by an ASSAULT, a COERCE, a SANCTION or a
  PROTEST; a planned, threatened or predicted event by an event of the same type (`FITS`);
- the same source, and the same target if both name one. "Same" is the same actor family: a state
  and its institutions (`ISR`, `ISR-military`), and a person and what a stored relation says they
  lead (`leader_of`). Both sources must be named actors of the knowledge base, not generic ones:
  "gunmen" names nobody in particular. Membership does not count: two al-Qaeda branches
  are not one actor;
- it happened after the threat was made (its date, else its article's publication date, is later
  than the threat's publication date) and within `HORIZON_DAYS` of it.

Links are kept in `fulfilments` (threat_event_id, event_id, days_after, linked_at) and are made
incrementally: after each stored batch, for the pairs where the threat or the fulfilling event is new.
Each threat is linked to its earliest fulfilment. The watch list is one row per threat cluster (see
`clusters.py`) none of whose reports has been fulfilled, oldest first.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import NamedTuple

import duckdb
import pyarrow as pa

from flashpoint.store.similarity import generic_actors
from flashpoint.taxonomy import HAPPENED, OPEN_STATUSES, PloverType

#: A threat left unfulfilled this long is no longer linked to what comes after.
HORIZON_DAYS = 90
#: A threat that names no target ("vowed to retaliate") answers the provocation of the day: it is
#: carried out soon or not at all, so only a deed this close to it fulfils it.
UNTARGETED_HORIZON_DAYS = 30

#: What carries out a threat, by the threat's type; any type not listed is carried out by itself.
FITS: dict[PloverType, frozenset[PloverType]] = {
    PloverType.THREATEN: frozenset(
        {PloverType.ASSAULT, PloverType.COERCE, PloverType.SANCTION, PloverType.PROTEST}
    ),
}

_TABLE = """
CREATE TABLE IF NOT EXISTS fulfilments (
    threat_event_id VARCHAR NOT NULL,
    event_id VARCHAR NOT NULL,
    days_after INTEGER,
    linked_at TIMESTAMP NOT NULL
);
"""

_OPEN = sorted(str(s) for s in OPEN_STATUSES)
_HAPPENED = sorted(str(s) for s in HAPPENED)
_FIT_ROWS = ", ".join(
    f"('{threat}', '{deed}')"
    for threat in PloverType
    for deed in sorted(FITS.get(threat, frozenset({threat})))
)

#: The family of every actor id that relations tie to another: a leader to what they lead.
_FAMILY_CTE = f"""
fits(threat_type, deed_type) AS (VALUES {_FIT_ROWS}),
tie AS (
    SELECT r.subject_id, any_value(r.object_id) AS object_id FROM relations r
    JOIN actors p ON p.actor_id = r.subject_id AND p.kind = 'person'
    WHERE r.predicate = 'leader_of' GROUP BY r.subject_id
),
named AS (SELECT actor_id FROM actors WHERE in_kb AND NOT list_contains(?, actor_id)),
threats AS (
    SELECT e.event_id, e.content_hash, e.type, e.source_id, e.target_id,
           coalesce(a.published, e.date_start) AS said_on
    FROM events e JOIN articles a USING (content_hash)
    WHERE e.source_id IN (SELECT actor_id FROM named)
      AND (list_contains({_OPEN!r}, e.status)
           OR (e.type = 'THREATEN' AND list_contains({_HAPPENED!r}, e.status)))
),
deeds AS (
    SELECT e.event_id, e.content_hash, e.type, e.source_id, e.target_id,
           coalesce(e.date_start, a.published) AS happened_on
    FROM events e JOIN articles a USING (content_hash)
    WHERE e.source_id IN (SELECT actor_id FROM named) AND e.type != 'THREATEN'
      AND list_contains({_HAPPENED!r}, e.status)
)
"""


def _family(alias: str, column: str) -> str:
    """SQL for an actor's family: what a relation ties it to (joined as `alias`), then that id's state."""
    tied = f"coalesce({alias}.object_id, x.{column})"
    return f"CASE WHEN regexp_matches({tied}, '^[A-Z]{{3}}(-|$)') THEN {tied}[1:3] ELSE {tied} END"


def _with_families(table: str) -> str:
    return (
        f"SELECT x.*, {_family('ts', 'source_id')} AS sf, {_family('tt', 'target_id')} AS tf "
        f"FROM {table} x LEFT JOIN tie ts ON ts.subject_id = x.source_id "
        "LEFT JOIN tie tt ON tt.subject_id = x.target_id"
    )


def _pairs(threats: str, deeds: str) -> str:
    """SQL for the (threat, deed) pairs where the deed carries the threat out, from these two tables.

    Days are cut into buckets of `HORIZON_DAYS`: a deed within the horizon after a threat falls in the
    threat's bucket or the next, so the join matches on the bucket as well as on type and source,
    and a source in many events (an army) no longer pairs each of its threats with all its deeds
    before the dates are compared.
    """
    return f"""
SELECT t.event_id, t.said_on, d.event_id AS deed_id, d.happened_on
FROM (
    SELECT *, unnest([b, b + 1]) AS bucket
    FROM (SELECT *, (said_on - DATE '1970-01-01') // {HORIZON_DAYS} AS b FROM {threats})
) t
JOIN fits ON fits.threat_type = t.type
JOIN (SELECT *, (happened_on - DATE '1970-01-01') // {HORIZON_DAYS} AS bucket FROM {deeds}) d
      ON d.type = fits.deed_type AND d.sf = t.sf AND d.bucket = t.bucket
      AND d.happened_on > t.said_on AND d.happened_on <= t.said_on + {HORIZON_DAYS}
WHERE (t.tf IS NULL OR d.tf IS NULL OR t.tf = d.tf)
  AND (t.tf IS NOT NULL OR d.happened_on <= t.said_on + {UNTARGETED_HORIZON_DAYS})
"""


_UNLINKED = "x.event_id NOT IN (SELECT threat_event_id FROM fulfilments)"

#: The pairs where the threat or the deed is in `$new` (the batch's content hashes): two joins, each
#: with one side cut down to the batch before it joins (as its own CTE: a filter left above the join
#: is not pushed below it, and every stored threat met every stored deed), instead of all pairs.
#: A pair found by both counts once (min, arg_min).
_LINK = f"""
WITH {_FAMILY_CTE},
new_threats AS (SELECT * FROM threats WHERE content_hash IN (SELECT id FROM $new)),
new_deeds AS (SELECT * FROM deeds WHERE content_hash IN (SELECT id FROM $new)),
t AS ({_with_families("threats")} WHERE {_UNLINKED}),
d AS ({_with_families("deeds")}),
t_new AS ({_with_families("new_threats")} WHERE {_UNLINKED}),
d_new AS ({_with_families("new_deeds")}),
pairs AS ({_pairs("t_new", "d")} UNION ALL {_pairs("t", "d_new")})
SELECT event_id, arg_min(deed_id, (happened_on, deed_id)), min(happened_on) - said_on
FROM pairs
GROUP BY event_id, said_on
"""

#: Every stored pair (a store written before the watch).
_LINK_ALL = f"""
WITH {_FAMILY_CTE},
t AS ({_with_families("threats")} WHERE {_UNLINKED}),
d AS ({_with_families("deeds")}),
pairs AS ({_pairs("t", "d")})
SELECT event_id, arg_min(deed_id, (happened_on, deed_id)), min(happened_on) - said_on
FROM pairs
GROUP BY event_id, said_on
"""


class Watched(NamedTuple):
    """One open threat on the watch list."""

    cluster_id: str
    event_id: str
    type: str
    status: str
    source_id: str | None
    source_name: str | None
    target_id: str | None
    target_name: str | None
    said_on: date | None
    age_days: int | None
    date_start: date | None
    date_end: date | None
    date_precision: str | None
    n_reports: int
    evidence_text: str


class Fulfilment(NamedTuple):
    """A threat and the later event that carried it out."""

    threat_event_id: str
    threat_type: str
    threat_evidence: str
    event_id: str
    event_type: str
    event_evidence: str
    days_after: int | None


def ensure_table(conn: duckdb.DuckDBPyConnection) -> None:
    """Create the fulfilments table if absent."""
    conn.execute(_TABLE)


def link_fulfilments(conn: duckdb.DuckDBPyConnection, content_hashes: Sequence[str] | None = None) -> int:
    """Link unfulfilled threats to their earliest fulfilment, among pairs touching these articles.

    `None` considers every stored pair (a store written before the watch). Returns the links made.
    """
    everything = content_hashes is None
    hashes = list(content_hashes or [])
    if not everything and not hashes:
        return 0
    generic = sorted(generic_actors())
    if everything:
        rows = conn.execute(_LINK_ALL, [generic]).fetchall()
    else:
        name = "flashpoint_watch_new"
        conn.register(name, pa.table({"id": pa.array(hashes, pa.string())}))
        try:
            rows = conn.execute(_LINK.replace("$new", name), [generic]).fetchall()
        finally:
            conn.unregister(name)
    if rows:
        now = datetime.now(UTC).replace(tzinfo=None)
        links = pa.table(
            {
                "threat_event_id": pa.array([r[0] for r in rows], pa.string()),
                "event_id": pa.array([r[1] for r in rows], pa.string()),
                "days_after": pa.array([r[2] for r in rows], pa.int32()),
                "linked_at": pa.array([now] * len(rows), pa.timestamp("us")),
            }
        )
        conn.register("flashpoint_watch_links", links)
        try:
            conn.execute("INSERT INTO fulfilments SELECT * FROM flashpoint_watch_links")
        finally:
            conn.unregister("flashpoint_watch_links")
    return len(rows)


def watch_list(conn: duckdb.DuckDBPyConnection, *, as_of: date | None = None) -> list[Watched]:
    """Open threats, one per threat cluster none of whose reports is fulfilled, oldest first."""
    today = as_of or datetime.now(UTC).date()
    rows = conn.execute(
        f"""
        SELECT c.cluster_id, c.canonical_event_id, c.type, c.status, c.source_id, src.name,
               c.target_id, tgt.name, c.first_published, ?::DATE - c.first_published, c.date_start,
               c.date_end, c.date_precision, c.n_reports, e.evidence_text
        FROM event_clusters c
        JOIN events e ON e.event_id = c.canonical_event_id
        LEFT JOIN actors src ON src.actor_id = c.source_id
        LEFT JOIN actors tgt ON tgt.actor_id = c.target_id
        WHERE (list_contains({_OPEN!r}, c.status)
               OR (c.type = 'THREATEN' AND list_contains({_HAPPENED!r}, c.status)))
          AND c.cluster_id NOT IN (
              SELECT m.cluster_id FROM event_cluster_members m
              JOIN fulfilments f ON f.threat_event_id = m.event_id)
        ORDER BY c.first_published NULLS LAST, c.cluster_id
        """,
        [today],
    ).fetchall()
    return [Watched(*row) for row in rows]


def fulfilled(conn: duckdb.DuckDBPyConnection) -> list[Fulfilment]:
    """Every stored link from a threat to the event that carried it out, in order of the threat."""
    rows = conn.execute(
        "SELECT f.threat_event_id, t.type, t.evidence_text, f.event_id, d.type, d.evidence_text, "
        "f.days_after FROM fulfilments f "
        "JOIN events t ON t.event_id = f.threat_event_id JOIN events d ON d.event_id = f.event_id "
        "ORDER BY f.threat_event_id"
    ).fetchall()
    return [Fulfilment(*row) for row in rows]
