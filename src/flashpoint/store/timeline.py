"""The timeline: one row per happening (event cluster), filtered by actor, country, dates and type.

Dates keep the precision the text gave them: a day prints as `2024-01-12`, a week as
`2024-01-08..2024-01-14`, a month as `2024-01`, a year as `2024`; undated happenings sort by the day
they were first reported. An actor filter matches the actor id, its institutions (`USA` also finds
`USA-military`), its name or any alias, as source or target.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import duckdb


@dataclass(frozen=True, slots=True)
class TimelineRow:
    """One happening on the timeline, with every outlet that reported it."""

    cluster_id: str
    date_start: date | None
    date_end: date | None
    date_precision: str | None
    first_published: date | None
    type: str
    mode: str | None
    status: str
    source_id: str | None
    source_name: str | None
    target_id: str | None
    target_name: str | None
    location_name: str | None
    country: str | None
    fatalities: int | None
    n_reports: int
    outlets: list[str]
    evidence_text: str

    @property
    def when(self) -> str:
        """The date as precise as the text gave it."""
        return format_date(self.date_start, self.date_end, self.date_precision)

    def to_json(self) -> dict[str, Any]:
        return {
            "cluster_id": self.cluster_id,
            "date": {
                "start": _iso(self.date_start),
                "end": _iso(self.date_end),
                "precision": self.date_precision,
            },
            "first_reported": _iso(self.first_published),
            "type": self.type,
            "mode": self.mode,
            "status": self.status,
            "source": self.source_id,
            "source_name": self.source_name,
            "target": self.target_id,
            "target_name": self.target_name,
            "location": self.location_name,
            "country": self.country,
            "fatalities": self.fatalities,
            "reports": self.n_reports,
            "outlets": self.outlets,
            "evidence": self.evidence_text,
        }


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def format_date(start: date | None, end: date | None, precision: str | None) -> str:
    """A date interval written to its precision: 2024-01-12, 2024-01-08..2024-01-14, 2024-01, 2024."""
    if start is None:
        return ""
    if precision == "year":
        return f"{start.year}"
    if precision == "month":
        return f"{start.year}-{start.month:02d}"
    if end is not None and end != start:
        return f"{start.isoformat()}..{end.isoformat()}"
    return start.isoformat()


def timeline(
    conn: duckdb.DuckDBPyConnection,
    *,
    actor: str | None = None,
    country: str | None = None,
    since: date | None = None,
    until: date | None = None,
    type_: str | None = None,
    limit: int | None = None,
) -> list[TimelineRow]:
    """Happenings matching every given filter, in date order (a happening's date, else first report)."""
    where = ["TRUE"]
    params: list[Any] = []
    if actor:
        ids = [
            r[0]
            for r in conn.execute(
                "SELECT actor_id FROM actors WHERE lower(actor_id) = lower($a) "
                "OR starts_with(actor_id, $a || '-') OR lower(name) = lower($a) "
                "OR list_contains(list_transform(aliases, lambda x: lower(x)), lower($a))",
                {"a": actor},
            ).fetchall()
        ]
        where.append("(list_contains(?, c.source_id) OR list_contains(?, c.target_id))")
        params += [ids, ids]
    if country:
        where.append("upper(c.country) = upper(?)")
        params.append(country)
    if type_:
        where.append("c.type = upper(?)")
        params.append(type_)
    if since:
        where.append("coalesce(c.date_end, c.first_published) >= ?")
        params.append(since)
    if until:
        where.append("coalesce(c.date_start, c.first_published) <= ?")
        params.append(until)
    sql = (
        "SELECT c.cluster_id, c.date_start, c.date_end, c.date_precision, c.first_published, c.type, "
        "c.mode, c.status, c.source_id, src.name, c.target_id, tgt.name, c.location_name, c.country, "
        "c.fatalities, c.n_reports, c.outlets, e.evidence_text "
        "FROM event_clusters c JOIN events e ON e.event_id = c.canonical_event_id "
        "LEFT JOIN actors src ON src.actor_id = c.source_id "
        "LEFT JOIN actors tgt ON tgt.actor_id = c.target_id "
        f"WHERE {' AND '.join(where)} "
        "ORDER BY coalesce(c.date_start, c.first_published) NULLS LAST, c.cluster_id"
    )
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    return [TimelineRow(*row) for row in conn.execute(sql, params).fetchall()]
