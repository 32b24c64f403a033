"""Whether two event reports tell of the same happening: hard rules first, then a score.

A report is one stored event with what its article adds (outlet, publication date). Two reports can
be one happening only if nothing in them contradicts it: the same PLOVER type; the same kind of
status (happened, open, denied, hypothetical); actors that agree, where "agree" allows one report to
leave an actor out, to name a generic noun ("gunmen"), or to name a state where the other names its
army (`RUS` and `RUS-military`); dates whose intervals meet once each is widened by what its precision
allows; places in the same country and, when both are towns, within 40 km. Reports that pass are
scored: matching actors, the same place name, the same day, the same mode, and the lexical
similarity of their evidence sentences (character 4-gram cosine, see `text_similarity`) add up; a
different town close by, a different mode and a neighbouring day take away. A score of
`MERGE_THRESHOLD` or more merges. The weights were set by reading the pair set in
`benchmarks/dedup_pairs.yaml`; `benchmarks/dedup.py` measures them.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from flashpoint.taxonomy import HAPPENED, OPEN_STATUSES, PloverType

MERGE_THRESHOLD = 0.37
#: Weight of the text cosine in the score; structure carries the rest.
TEXT_WEIGHT = 0.5
#: Two towns (point or city precision) further apart than this are different places.
TOWN_KM = 40.0
#: A region and a town, or two regions, further apart than this are different places.
REGION_KM = 400.0
#: Days two reports' dates may lie apart, per date precision: "overnight" lands on either day.
_SLACK = {"day": 1, "week": 1, "month": 0, "year": 0}
#: An undated report that happened is taken to have happened in the days before publication...
UNDATED_BEFORE = 3
#: ...and an undated plan, threat or prediction to be about the weeks after it.
UNDATED_AFTER = 30
#: Types whose two sides can be told either way round ("X clashed with Y", "Y fought off X").
_SYMMETRIC = frozenset({PloverType.ASSAULT, PloverType.AGREE, PloverType.CONSULT, PloverType.COOPERATE})
_COMMON_MODES = frozenset(
    {"firearms", "aerial", "drone", "missile", "artillery", "explosives", "demonstrate", "arrest", "military"}
)
_STATE_ID = re.compile(r"^([A-Z]{3})(?:-|$)")
_TOWN = frozenset({"point", "city"})
_STOP_WORDS = """
a an the of in on at to for from by with and or but as is are was were be been has have had it its
their his her they he she this that these those said says say told according after before over
into near about than more least some who which when where while
"""
_STOP = frozenset(_STOP_WORDS.split())


@dataclass(frozen=True, slots=True, kw_only=True)
class Report:
    """One stored event as deduplication sees it."""

    event_id: str
    type: str
    mode: str | None
    status: str
    source: str | None
    target: str | None
    date_start: date | None
    date_end: date | None
    date_precision: str | None
    place: str | None
    country: str | None
    lat: float | None
    lon: float | None
    place_precision: str | None
    published: date | None
    fatalities: int | None
    text: str

    def slack(self) -> int:
        """Days by which this report's date may be off: "overnight" lands on either day."""
        return _SLACK.get(self.date_precision or "", 1) if self.date_start else 0

    def interval(self) -> tuple[date, date] | None:
        """When the happening may have been, as the report gives it (undated: guessed from publication)."""
        if self.date_start is not None:
            return self.date_start, self.date_end or self.date_start
        if self.published is None:
            return None
        if status_group(self.status) == "open":
            return self.published, self.published + timedelta(days=UNDATED_AFTER)
        return self.published - timedelta(days=UNDATED_BEFORE), self.published


@functools.cache
def generic_actors() -> frozenset[str]:
    """Ids of the knowledge base's generic actors ("gunmen", "civilians"): they name nobody in particular."""
    from flashpoint.knowledge.actors import GENERIC_FILE, load_knowledge_base

    kb = load_knowledge_base()
    return frozenset(a.id for a in kb.actors.values() if a.provenance == GENERIC_FILE)


def status_group(status: str) -> str:
    """happened, open, denied or hypothetical: reports of one happening share this."""
    if status in HAPPENED:
        return "happened"
    if status in OPEN_STATUSES:
        return "open"
    return status


@functools.lru_cache(maxsize=65536)
def actor_family(actor_id: str) -> str:
    """The state an institution id belongs to (`USA-military` -> `USA`); other ids stand for themselves."""
    found = _STATE_ID.match(actor_id)
    return found.group(1) if found else actor_id


def _actor_agreement(a: str | None, b: str | None, vague: frozenset[str]) -> float | None:
    """0.15 same actor, 0.1 same state, 0 when either is unknown or generic, None when they differ."""
    if a is None or b is None or a in vague or b in vague:
        return 0.0
    if a == b:
        return 0.15
    if actor_family(a) == actor_family(b):
        return 0.1
    return None


def _dyad_score(a: Report, b: Report, vague: frozenset[str]) -> float | None:
    source = _actor_agreement(a.source, b.source, vague)
    target = _actor_agreement(a.target, b.target, vague)
    if source is not None and target is not None:
        # Both sides named and agreeing (ACLED's dyad): the strongest sign of one happening.
        return source + target + (0.1 if source and target else 0.0)
    if a.type in _SYMMETRIC:
        # Swapped sides count only when both actors are named and agree: a generic side would let
        # any two attacks on one town pass as one battle told backwards.
        swapped_source = _actor_agreement(a.source, b.target, vague)
        swapped_target = _actor_agreement(a.target, b.source, vague)
        if swapped_source and swapped_target:
            return swapped_source + swapped_target - 0.05
    return None


def _km(a: Report, b: Report) -> float | None:
    """Great-circle distance between the two places, when both have coordinates."""
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return None
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def _place_score(a: Report, b: Report) -> float | None:
    if a.country and b.country and a.country != b.country:
        return None
    same_name = bool(a.place and b.place and _norm(a.place) == _norm(b.place))
    km = _km(a, b)
    both_towns = a.place_precision in _TOWN and b.place_precision in _TOWN
    if km is not None and not same_name and km > (TOWN_KM if both_towns else REGION_KM):
        return None
    if same_name:
        return 0.15
    if both_towns and a.place and b.place:
        return -0.25  # two named towns, close but not the same: usually two happenings
    return 0.0


def _date_score(a: Report, b: Report) -> float | None:
    ia, ib = a.interval(), b.interval()
    if ia is None or ib is None:
        return 0.0
    gap = max((ia[0] - ib[1]).days, (ib[0] - ia[1]).days)
    if gap > max(a.slack(), b.slack()):
        return None
    if a.date_precision == "day" and b.date_precision == "day" and a.date_start and b.date_start:
        return 0.1 if a.date_start == b.date_start else -0.1
    return 0.0


def _fatalities_score(a: Report, b: Report) -> float:
    """Tolls rise between reports, so only a wide gap counts against: 5 dead against 1 is two events."""
    if not a.fatalities or not b.fatalities:
        return 0.0
    low, high = sorted((a.fatalities, b.fatalities))
    return -0.15 if high > 2 * low and high - low >= 3 else 0.0


def _mode_score(a: Report, b: Report) -> float:
    """A shared rare mode (an abduction, a suicide bombing) says more than a shared common one."""
    if a.mode is None or b.mode is None:
        return 0.0
    if a.mode != b.mode:
        return -0.15
    return 0.05 if a.mode in _COMMON_MODES else 0.1


def pair_score(a: Report, b: Report, vague: frozenset[str] = frozenset()) -> float | None:
    """How alike two reports are, or None when something in them rules out one happening.

    `vague` holds the ids of generic actors (not in the knowledge base), which agree with anyone.
    """
    if a.type != b.type or status_group(a.status) != status_group(b.status):
        return None
    # The cheap rules first, and out at the first that fails: most candidate pairs fail one.
    dates = _date_score(a, b)
    if dates is None:
        return None
    place = _place_score(a, b)
    if place is None:
        return None
    dyad = _dyad_score(a, b, vague)
    if dyad is None:
        return None
    structure = sum((dyad, place, dates)) + _mode_score(a, b) + _fatalities_score(a, b)
    return structure + TEXT_WEIGHT * text_similarity(a.text, b.text)


@functools.lru_cache(maxsize=65536)
def _norm(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", name.lower()).strip()


@functools.lru_cache(maxsize=65536)
def shingles(text: str) -> Counter[str]:
    """Character 4-grams of the content words (stop words dropped, digits folded to 0); do not mutate."""
    words = [w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in _STOP]
    grams: Counter[str] = Counter()
    for word in words:
        padded = f" {re.sub(r'[0-9]', '0', word)} "
        if len(padded) <= 4:
            grams[padded] += 1
            continue
        grams.update(padded[i : i + 4] for i in range(len(padded) - 3))
    return grams


def text_similarity(a: str, b: str) -> float:
    """Cosine of the two texts' 4-gram counts (log-scaled), 0 to 1.

    No corpus statistics, so a report can be scored the moment it arrives: the stop list and the
    log scaling do the work IDF would do for the frequent words.
    """
    ga, gb = shingles(a), shingles(b)
    if not ga or not gb:
        return 0.0
    wa = {g: 1.0 + math.log(n) for g, n in ga.items()}
    wb = {g: 1.0 + math.log(n) for g, n in gb.items()}
    dot = sum(w * wb[g] for g, w in wa.items() if g in wb)
    norm = math.sqrt(sum(w * w for w in wa.values())) * math.sqrt(sum(w * w for w in wb.values()))
    return dot / norm if norm else 0.0
