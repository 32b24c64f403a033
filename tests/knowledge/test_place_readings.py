"""The gazetteer's readings for names found where the model saw no place: strong names only, and a
town looked up inside a given country. Invented towns and countries. Issue #4."""

from __future__ import annotations

from flashpoint.knowledge.places import Gazetteer, load_gazetteer
from tests.knowledge.gazetteer_entries import city


def _gazetteer() -> Gazetteer:
    gazetteer = Gazetteer()
    gazetteer.add(city("Vellmar", "AAA", 40_000, 1), ["Vellmar"], weak_names=["Korrin"])
    gazetteer.add(city("Tessa", "AAA", 3_000, 2), ["Tessa"])
    gazetteer.add(city("Tessa", "BBB", 90_000, 3), ["Tessa"])
    return gazetteer


def test_a_weak_alternate_is_not_read_when_only_strong_names_count() -> None:
    gazetteer = _gazetteer()
    resolved = gazetteer.resolve("Korrin")
    assert resolved is not None and resolved.name == "Vellmar"
    assert gazetteer.resolve("Korrin", strong_only=True) is None
    assert gazetteer.confidence("Korrin", strong_only=True) == 0.0


def test_a_town_is_looked_up_inside_a_country() -> None:
    gazetteer = _gazetteer()
    assert gazetteer.resolve("Tessa").country == "BBB"  # type: ignore[union-attr]
    inside = gazetteer.resolve_within("Tessa village", "AAA")
    assert inside is not None and inside.geonameid == 2
    assert gazetteer.resolve_within("Tessa", "CCC") is None
    assert gazetteer.resolve_within("Korrin", "AAA", strong_only=True) is None


def test_a_small_town_is_filed_under_its_other_spellings_too() -> None:
    """GeoNames' alternate spellings of a village of a few thousand people are read as its names."""
    gazetteer = load_gazetteer()
    for spelling, country in (("Ain Ibil", "LBN"), ("Taodeni", "MLI")):
        place = gazetteer.resolve(spelling)
        assert place is not None and place.country == country and place.precision == "city"


def test_a_bay_is_read_as_the_town_it_is_named_after() -> None:
    place = _gazetteer().resolve("Vellmar Bay")
    assert place is not None and place.name == "Vellmar"


def test_congo_alone_is_either_state_and_the_article_decides() -> None:
    gazetteer = load_gazetteer()
    alone, brazzaville = gazetteer.resolve("Congo"), gazetteer.resolve("Congo", ["COG"])
    assert alone is not None and alone.country == "COD"
    assert brazzaville is not None and brazzaville.country == "COG"
