"""The gazetteer: names to places, the ranking between same-named places, and its data files."""

from __future__ import annotations

from pathlib import Path

import pycountry
import pytest
import yaml

from flashpoint.errors import DataFileError
from flashpoint.knowledge.places import (
    REGION_KINDS,
    Gazetteer,
    GazetteerEntry,
    load_gazetteer,
    place_key,
    read_regions,
    read_stopnames,
    spelling_key,
)
from tests.knowledge.gazetteer_entries import city

DATA = Path(__file__).parents[2] / "src" / "flashpoint" / "data" / "places"


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return load_gazetteer()


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Al-Fashir", "fashir"),
        ("El Fasher", "fasher"),
        ("Rafaḩ", "rafah"),
        ("Ma'rib", "marib"),
        ("the Gaza Strip", "gaza strip"),
        ("Łódź", "lodz"),
        ("Дамаск", ""),
    ],
)
def test_place_key_ignores_case_accents_articles_and_punctuation(text: str, key: str) -> None:
    assert place_key(text) == key


@pytest.mark.parametrize(
    ("name", "country"),
    [
        ("Damascus", "SYR"),
        ("Kharkiv", "UKR"),
        ("Kharkov", "UKR"),
        ("El Fasher", "SDN"),
        ("al-Fashir", "SDN"),
        ("Jenin", "PSE"),
        ("Mogadishu", "SOM"),
        ("Odesa", "UKR"),
        ("Odessa", "UKR"),
        ("Gaza City", "PSE"),
    ],
)
def test_resolve_city_names_and_their_spellings(gazetteer: Gazetteer, name: str, country: str) -> None:
    place = gazetteer.resolve(name)
    assert place is not None
    assert place.country == country
    assert place.precision == "city"
    assert place.geonameid is not None


def test_resolve_golan_heights_is_our_region(gazetteer: Gazetteer) -> None:
    place = gazetteer.resolve("Golan Heights")
    assert place is not None
    assert (place.name, place.precision, place.country) == ("Golan Heights", "region", "SYR")


def test_resolve_red_sea_is_a_region_of_no_country(gazetteer: Gazetteer) -> None:
    place = gazetteer.resolve("the Red Sea")
    assert place is not None
    assert (place.name, place.precision, place.country) == ("Red Sea", "region", None)


def test_resolve_gaza_alone_is_the_strip(gazetteer: Gazetteer) -> None:
    place = gazetteer.resolve("Gaza")
    assert place is not None
    assert (place.name, place.precision, place.country) == ("Gaza Strip", "region", "PSE")


def test_resolve_crossing_is_a_point(gazetteer: Gazetteer) -> None:
    place = gazetteer.resolve("Kerem Shalom")
    assert place is not None
    assert place.precision == "point"


@pytest.mark.parametrize(
    ("context", "country"), [(["PSE"], "PSE"), (["EGY"], "EGY"), (["EGY", "PSE"], "EGY")]
)
def test_resolve_rafah_follows_the_article_countries(
    gazetteer: Gazetteer, context: list[str], country: str
) -> None:
    place = gazetteer.resolve("Rafah", context)
    assert place is not None
    assert place.country == country


def test_resolve_capital_outweighs_small_namesake_in_context(gazetteer: Gazetteer) -> None:
    place = gazetteer.resolve("Damascus", ["USA", "SYR"])
    assert place is not None
    assert place.country == "SYR"


@pytest.mark.parametrize(
    ("name", "iso3"), [("Syria", "SYR"), ("Palestine", "PSE"), ("DRC", "COD"), ("UK", "GBR")]
)
def test_resolve_country_names_give_country_precision(gazetteer: Gazetteer, name: str, iso3: str) -> None:
    place = gazetteer.resolve(name)
    assert place is not None
    assert (place.country, place.precision) == (iso3, "country")


def test_country_by_iso3_sits_at_its_capital(gazetteer: Gazetteer) -> None:
    place = gazetteer.country("SYR")
    assert place is not None
    assert place.precision == "country"
    assert place.lat == pytest.approx(33.5, abs=0.1)
    assert gazetteer.country("ZZZ") is None


@pytest.mark.parametrize("name", ["Xqzzyborough", "", "Дамаск"])
def test_resolve_unknown_name_is_none(gazetteer: Gazetteer, name: str) -> None:
    assert gazetteer.resolve(name) is None


def test_resolve_stop_name_needs_a_large_town_of_that_name(gazetteer: Gazetteer) -> None:
    nice = gazetteer.resolve("Nice")
    assert nice is not None
    assert nice.country == "FRA"
    assert gazetteer.resolve("Police") is None  # a Polish town of 34,000
    assert gazetteer.resolve("Police", ["POL"]) is not None
    assert gazetteer.resolve("Hamas") is None  # a German city lists it as an alternate name


@pytest.mark.parametrize("word", ["Wadi", "Ras", "Beit", "Abu", "Ain", "Jebel"])
def test_resolve_the_first_word_of_an_arabic_place_name_alone_is_no_town_abroad(
    gazetteer: Gazetteer, word: str
) -> None:
    """A model that cuts "Wadi Salqa" in two leaves "Wadi" (valley), which GeoNames files for towns in
    India and elsewhere; alone it names none of them. Issue #4."""
    assert gazetteer.resolve(word) is None
    assert gazetteer.is_stopname(word)


def test_resolve_an_english_word_is_no_small_town_abroad(gazetteer: Gazetteer) -> None:
    """ "the Cantonment area": a military station, not the town of 26,000 in Florida."""
    assert gazetteer.resolve("Cantonment") is None
    assert gazetteer.resolve("Cantonment", ["USA"]) is not None


def test_candidates_lists_every_same_named_place(gazetteer: Gazetteer) -> None:
    countries = {e.country for e in gazetteer.candidates("rafah")}
    assert {"PSE", "EGY"} <= countries


def test_resolve_by_hand_built_gazetteer_prefers_population_then_context() -> None:
    gazetteer = Gazetteer(stopnames=["Ferry"])
    gazetteer.add(city("Lorvik", "AAA", 500_000, 1), ["Lorvik", "Lorwick"])
    gazetteer.add(city("Lorvik", "BBB", 20_000, 2), ["Lorvik"])
    gazetteer.add(city("Ferry", "BBB", 8_000, 3), ["Ferry"])
    assert gazetteer.resolve("lorwick") is not None
    assert getattr(gazetteer.resolve("Lorvik"), "country", None) == "AAA"
    assert getattr(gazetteer.resolve("Lorvik", ["BBB"]), "country", None) == "BBB"
    assert gazetteer.resolve("Ferry") is None
    assert getattr(gazetteer.resolve("Ferry", ["BBB"]), "country", None) == "BBB"


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Tal Baydah", "Tal Bayda"),  # a final "h" after a vowel
        ("Suwariyah", "Suwaria"),  # "iy" for "i", and the final "h"
        ("Kafr Loussa", "Kafr Lusa"),  # "ou" for "u", and a doubled letter
        ("Ma'arrin", "Marin"),  # the apostrophe of an ayn dropped leaves "aa"
    ],
)
def test_spelling_key_joins_two_romanisations_of_one_name(one: str, other: str) -> None:
    assert spelling_key(place_key(one)) == spelling_key(place_key(other))


def test_spelling_key_keeps_names_that_differ_otherwise() -> None:
    assert spelling_key(place_key("Sheikh Hamid")) == "sheikh hamid"  # no vowel before the final "h"
    assert spelling_key(place_key("Darat")) != spelling_key(place_key("Daret"))


def test_resolve_finds_a_town_under_another_spelling_of_its_name() -> None:
    gazetteer = Gazetteer()
    gazetteer.add(city("Tall Baydah", "AAA", 3_000, 1), ["Tall Baydah"])
    gazetteer.add(city("Marinah", "BBB", 2_000, 2), ["Marinah"])
    gazetteer.add(city("Kafr Lusa", "CCC", 2_000, 3), ["Kafr Lusa"])
    assert getattr(gazetteer.resolve("Tal Bayda"), "country", None) == "AAA"
    assert getattr(gazetteer.resolve("Kafr Loussa"), "country", None) == "CCC"
    # A name that the model did not take for a place is still read under another spelling.
    assert getattr(gazetteer.resolve("Marina", strong_only=True), "country", None) == "BBB"
    assert gazetteer.confidence("Tal Bayda") > 0
    assert getattr(gazetteer.resolve_within("Tal Bayda", "AAA"), "name", None) == "Tall Baydah"


def test_a_town_of_the_story_s_country_under_another_spelling_beats_the_name_abroad() -> None:
    gazetteer = Gazetteer()
    gazetteer.add(city("Tal Bayda", "AAA", 80_000, 1), ["Tal Bayda"])
    gazetteer.add(city("Tall Baydah", "BBB", 1_000, 2), ["Tall Baydah"])
    assert getattr(gazetteer.resolve("Tal Bayda"), "country", None) == "AAA"
    assert getattr(gazetteer.resolve("Tal Bayda", ["BBB"]), "country", None) == "BBB"
    assert getattr(gazetteer.resolve_within("Tal Bayda", "BBB"), "name", None) == "Tall Baydah"


def test_resolve_reads_no_other_spelling_of_a_short_name() -> None:
    gazetteer = Gazetteer()
    gazetteer.add(city("Sorah", "AAA", 3_000, 1), ["Sorah"])
    assert gazetteer.resolve("Sora") is None


def test_ruler_patterns_exclude_stop_names_and_keep_places(gazetteer: Gazetteer) -> None:
    patterns = gazetteer.ruler_patterns()
    by_text = {str(p["pattern"]): p["label"] for p in patterns}
    for stop in read_stopnames():
        assert stop not in by_text
    assert by_text["El Fasher"] == "GPE"
    assert by_text["Jenin"] == "GPE"
    assert by_text["Red Sea"] == "LOC"
    assert by_text["Gaza"] == "LOC"
    assert by_text["Syria"] == "GPE"
    assert by_text["KHARKIV"] == "GPE"
    assert "Of" not in by_text


def test_ruler_patterns_are_case_sensitive_phrases(gazetteer: Gazetteer) -> None:
    patterns = gazetteer.ruler_patterns()
    assert all(isinstance(p["pattern"], str) for p in patterns)
    assert all(p["label"] in {"GPE", "LOC"} for p in patterns)
    texts = {str(p["pattern"]) for p in patterns}
    assert "Kherson region" in texts and "Kherson Region" in texts
    assert "mobile" not in texts


def test_regions_file_schema() -> None:
    document = yaml.safe_load((DATA / "regions.yaml").read_text(encoding="utf-8"))
    keys: set[str] = set()
    for item in document["regions"]:
        assert item["kind"] in REGION_KINDS
        assert -90 <= item["lat"] <= 90 and -180 <= item["lon"] <= 180
        if item["kind"] == "sea":
            assert item["country"] in (None, "EGY")
        if item["country"] is not None:
            assert pycountry.countries.get(alpha_3=item["country"]) is not None
        own = {place_key(n) for n in (item["name"], *item["aliases"])}
        assert not own & keys, item["name"]
        keys |= own
    for code in document["country_aliases"]:
        assert pycountry.countries.get(alpha_3=code) is not None
    regions, _ = read_regions()
    assert len(regions) == len(document["regions"]) >= 120


def test_read_regions_rejects_a_bad_country_code(tmp_path: Path) -> None:
    bad = tmp_path / "regions.yaml"
    bad.write_text(
        "regions:\n  - {name: Nowhere Sea, aliases: [], kind: sea, country: XYZ, lat: 1, lon: 2}\n"
        "country_aliases: {}\n",
        encoding="utf-8",
    )
    with pytest.raises(DataFileError) as caught:
        read_regions(bad)
    assert (
        str(caught.value) == f"{bad}: region 1 (Nowhere Sea): country 'XYZ' is not an ISO 3166-1 alpha-3 code"
    )


def test_read_regions_rejects_a_name_used_twice(tmp_path: Path) -> None:
    bad = tmp_path / "regions.yaml"
    bad.write_text(
        "regions:\n"
        "  - {name: Lorvik Gulf, aliases: [], kind: sea, country: null, lat: 1, lon: 2}\n"
        "  - {name: Lorvik Bay, aliases: [Lorvik-Gulf], kind: sea, country: null, lat: 1, lon: 2}\n"
        "country_aliases: {}\n",
        encoding="utf-8",
    )
    with pytest.raises(DataFileError) as caught:
        read_regions(bad)
    assert str(caught.value) == f"{bad}: region 2: name 'Lorvik-Gulf' already used by 'Lorvik Gulf'"


def test_stopnames_file_has_no_duplicates() -> None:
    lines = [
        line.strip()
        for line in (DATA / "stopnames.txt").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert len({place_key(line) for line in lines}) == len(lines)


def test_resolve_a_town_of_unknown_population_in_the_articles_country(gazetteer: Gazetteer) -> None:
    # GeoNames gives some towns population 0 (unknown): in the article's country such a town still
    # beats a small same-named town abroad.
    place = gazetteer.resolve("Hays", ["YEM"])
    assert place is not None and place.country == "YEM"
    assert gazetteer.resolve("Hays").country == "USA"  # type: ignore[union-attr]


def test_resolve_a_province_no_town_is_named_after(gazetteer: Gazetteer) -> None:
    place = gazetteer.resolve("Nimba")
    assert place is not None
    assert (place.country, place.precision, place.lat) == ("LBR", "region", None)


def test_resolve_a_province_in_the_articles_country_beats_a_town_abroad(gazetteer: Gazetteer) -> None:
    place = gazetteer.resolve("Santa Catarina", ["BRA"])
    assert place is not None and (place.country, place.precision) == ("BRA", "region")


def test_resolve_a_direction_is_never_a_province(gazetteer: Gazetteer) -> None:
    assert gazetteer.resolve("Eastern") is None


def test_resolve_within_near_a_point_takes_the_nearest_namesake() -> None:
    gazetteer = Gazetteer()
    far = city("Dolna", "AAA", 40_000, 1)
    gazetteer.add(far, ["Dolna"])
    close = GazetteerEntry(**{**_fields(far), "lat": 10.0, "lon": 20.0, "population": 2_000, "geonameid": 2})
    gazetteer.add(close, ["Dolna"])
    assert getattr(gazetteer.resolve_within("Dolna", "AAA"), "geonameid", None) == 1
    assert getattr(gazetteer.resolve_within("Dolna", "AAA", near=(10.5, 20.5)), "geonameid", None) == 2


def _fields(entry: GazetteerEntry) -> dict[str, object]:
    return {name: getattr(entry, name) for name in GazetteerEntry.__slots__}
