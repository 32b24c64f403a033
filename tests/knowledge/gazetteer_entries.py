"""Invented towns for hand-built gazetteers in the place tests."""

from __future__ import annotations

from flashpoint.knowledge.places import GazetteerEntry


def city(name: str, country: str, population: int, geonameid: int) -> GazetteerEntry:
    """A town of that name, country and size at a fixed point (the tests read names, not distances)."""
    return GazetteerEntry(
        name=name,
        country=country,
        lat=1.0,
        lon=2.0,
        population=population,
        precision="city",
        admin1=None,
        geonameid=geonameid,
        kind="city",
    )
