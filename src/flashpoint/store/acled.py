"""Export in ACLED's column layout: one row per happening (event cluster) that ACLED would code.

ACLED codes events that happened, once each however many outlets reported them, so the rows are
the clusters whose status is occurred or ongoing and whose type maps to an ACLED type; `source`
lists every outlet and `notes` the canonical report's evidence. Actors carry their ACLED-style name
(`actors.acled_name`, else the name); countries ACLED's names (pycountry, with ACLED's short forms).
Columns ACLED derives from its own actor registry (inter codes, associated actors, admin2/3, tags)
are left empty rather than guessed.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any, TextIO

import duckdb
import pycountry

ACLED_COLUMNS = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)

#: ACLED's country names where they differ from pycountry's (ACLED uses short, common forms).
_ACLED_COUNTRY = {
    "BOL": "Bolivia",
    "COD": "Democratic Republic of Congo",
    "COG": "Republic of Congo",
    "CIV": "Ivory Coast",
    "CZE": "Czech Republic",
    "IRN": "Iran",
    "KOR": "South Korea",
    "LAO": "Laos",
    "MDA": "Moldova",
    "PRK": "North Korea",
    "PSE": "Palestine",
    "RUS": "Russia",
    "SWZ": "eSwatini",
    "SYR": "Syria",
    "TLS": "East Timor",
    "TUR": "Turkey",
    "TWN": "Taiwan",
    "TZA": "Tanzania",
    "VEN": "Venezuela",
    "VNM": "Vietnam",
}
_DISORDER = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Riots": "Political violence",
    "Protests": "Demonstrations",
    "Strategic developments": "Strategic developments",
}
_TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}
_GEO_PRECISION = {"point": 1, "city": 1, "region": 2, "country": 3}

_SQL = """
SELECT c.cluster_id, c.date_start, c.date_precision, c.acled_event_type, c.acled_sub_event_type,
       coalesce(src.acled_name, src.name), coalesce(tgt.acled_name, tgt.name), tgt.kind,
       c.country, c.admin1, c.location_name, c.lat, c.lon, c.location_precision, c.outlets,
       e.evidence_text, c.fatalities, epoch(a.ingested_at)::BIGINT
FROM event_clusters c
JOIN events e ON e.event_id = c.canonical_event_id
JOIN articles a ON a.content_hash = e.content_hash
LEFT JOIN actors src ON src.actor_id = c.source_id
LEFT JOIN actors tgt ON tgt.actor_id = c.target_id
WHERE c.acled_event_type IS NOT NULL AND list_contains(['occurred', 'ongoing'], c.status)
ORDER BY c.date_start NULLS LAST, c.cluster_id
"""


def country_name(iso3: str | None) -> str:
    """ACLED's name for a country given as ISO 3166-1 alpha-3; empty when unknown."""
    if not iso3:
        return ""
    if iso3 in _ACLED_COUNTRY:
        return _ACLED_COUNTRY[iso3]
    found = pycountry.countries.get(alpha_3=iso3)
    if found is None:
        return ""
    return str(getattr(found, "common_name", None) or found.name)


def _iso_numeric(iso3: str | None) -> str:
    found = pycountry.countries.get(alpha_3=iso3) if iso3 else None
    return str(int(found.numeric)) if found is not None else ""


def acled_rows(conn: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """The ACLED-layout rows, one per happening."""
    rows = []
    for (
        cluster_id,
        day,
        precision,
        event_type,
        sub_event_type,
        actor1,
        actor2,
        target_kind,
        iso3,
        admin1,
        location,
        lat,
        lon,
        place_precision,
        outlets,
        notes,
        fatalities,
        timestamp,
    ) in conn.execute(_SQL).fetchall():
        row: dict[str, Any] = dict.fromkeys(ACLED_COLUMNS, "")
        row.update(
            event_id_cnty=cluster_id,
            event_date=day.isoformat() if day else "",
            year=day.year if day else "",
            time_precision=_TIME_PRECISION.get(precision or "", ""),
            disorder_type=_DISORDER.get(event_type, ""),
            event_type=event_type,
            sub_event_type=sub_event_type or "",
            actor1=actor1 or "",
            actor2=actor2 or "",
            civilian_targeting="Civilian targeting" if target_kind == "population" else "",
            iso=_iso_numeric(iso3),
            country=country_name(iso3),
            admin1=admin1 or "",
            location=location or "",
            latitude=lat if lat is not None else "",
            longitude=lon if lon is not None else "",
            geo_precision=_GEO_PRECISION.get(place_precision or "", ""),
            source="; ".join(outlets),
            notes=notes.replace("\n", " "),
            fatalities=fatalities or 0,
            timestamp=timestamp,
        )
        rows.append(row)
    return rows


def write_acled(conn: duckdb.DuckDBPyConnection, out: str | Path | TextIO) -> int:
    """Write the ACLED-layout CSV to a path or stream; returns the number of rows."""
    rows = acled_rows(conn)
    if isinstance(out, str | Path):
        with open(out, "w", encoding="utf-8", newline="") as stream:
            return _write(rows, stream)
    return _write(rows, out)


def _write(rows: list[dict[str, Any]], stream: TextIO) -> int:
    writer = csv.DictWriter(stream, fieldnames=ACLED_COLUMNS)
    writer.writeheader()
    writer.writerows(rows)
    return len(rows)
