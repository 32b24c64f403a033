"""The shared cases in `tests/cases/*.yaml`: whole-article extraction judged as an analyst would.

Each case gives a text, its publication date and what a careful reader expects. An `expect` entry is
met when ANY produced event satisfies all its fields; a `forbid` entry fails the case when any event
satisfies all of its fields; `relations` lists triples that must be present. Fields:

- `type`, `status`: a value or a list of accepted values;
- `source`, `target`: an actor id or a list of accepted ids; an actor outside the knowledge base may
  be named by its name instead (its generated id is not part of the contract);
- `attributed_to`: the exact chain (`[]` for the article's own voice); `attributed_contains`: strings
  that must each appear, case ignored, inside some link of the chain;
- `date_start`: a day, or `[earliest, latest]`; `date_precision`; `country` (ISO3 of the location);
  `place` (a string inside the location's name); `fatalities`, `count` (an int, or null for none).

A case the pipeline cannot yet meet carries `xfail: "<reason>"` and runs as a strict xfail, so that
it must be un-xfailed once extraction improves. Offsets are checked for every case, xfail or not.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from spacy.language import Language

from flashpoint.pipeline import extract
from flashpoint.records import ArticleResult, Event, Relation

pytestmark = pytest.mark.slow

CASES_DIR = Path(__file__).parent / "cases"
_CASE_KEYS = {"id", "note", "published", "text", "expect", "forbid", "relations", "xfail"}
_EVENT_KEYS = {
    "type",
    "status",
    "source",
    "target",
    "attributed_to",
    "attributed_contains",
    "date_start",
    "date_precision",
    "country",
    "place",
    "fatalities",
    "count",
}
_RELATION_KEYS = {"subject", "predicate", "object"}
_SYMMETRIC = {"allied_with", "opposes"}


def _load_cases() -> list[dict[str, Any]]:
    cases: list[dict[str, Any]] = []
    for path in sorted(CASES_DIR.glob("*.yaml")):
        loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert isinstance(loaded, list), f"{path.name}: expected a list of cases"
        for case in loaded:
            _check_case(path.name, case)
            cases.append(case)
    ids = [c["id"] for c in cases]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    assert not duplicates, f"duplicate case ids: {duplicates}"
    return cases


def _check_case(file: str, case: dict[str, Any]) -> None:
    """Typos in a case file would silently weaken a case, so unknown keys are errors."""
    where = f"{file}:{case.get('id', '?')}"
    unknown = set(case) - _CASE_KEYS
    assert not unknown, f"{where}: unknown keys {sorted(unknown)}"
    for key in ("id", "note", "published", "text"):
        assert key in case, f"{where}: missing '{key}'"
    assert case.get("expect") or case.get("relations"), f"{where}: expects neither events nor relations"
    for spec in [*case.get("expect", []), *case.get("forbid", [])]:
        unknown = set(spec) - _EVENT_KEYS
        assert not unknown, f"{where}: unknown event fields {sorted(unknown)}"
    for spec in case.get("relations", []):
        assert set(spec) == _RELATION_KEYS, f"{where}: a relation needs exactly {sorted(_RELATION_KEYS)}"


CASES = _load_cases()
_RESULTS: dict[str, ArticleResult] = {}


def _result(case: dict[str, Any], nlp: Language) -> ArticleResult:
    """Each case is extracted once per run, shared by the expectation and offset tests."""
    if case["id"] not in _RESULTS:
        published = case["published"]
        if isinstance(published, date):
            published = published.isoformat()
        _RESULTS[case["id"]] = extract(case["text"], published=published, nlp=nlp)
    return _RESULTS[case["id"]]


def _accepted(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _day(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def _actor_is(result: ArticleResult, actor_id: str | None, accepted: Any) -> bool:
    if actor_id is None:
        return None in _accepted(accepted)
    names = {actor_id.casefold()}
    for actor in result.actors:
        if actor.id == actor_id:
            names |= {actor.name.casefold(), *(m.text.casefold() for m in actor.mentions)}
    return any(a is not None and str(a).casefold() in names for a in _accepted(accepted))


def _mismatches(event: Event, spec: dict[str, Any], result: ArticleResult) -> list[str]:
    """The fields of `spec` that `event` does not satisfy (empty: the event matches)."""
    wrong: list[str] = []
    if "type" in spec and event.type not in _accepted(spec["type"]):
        wrong.append("type")
    if "status" in spec and event.status not in _accepted(spec["status"]):
        wrong.append("status")
    for role in ("source", "target"):
        if role in spec and not _actor_is(result, getattr(event, role), spec[role]):
            wrong.append(role)
    if "attributed_to" in spec and list(event.attributed_to) != list(spec["attributed_to"]):
        wrong.append("attributed_to")
    if "attributed_contains" in spec:
        chain = [link.casefold() for link in event.attributed_to]
        wanted = [str(s).casefold() for s in _accepted(spec["attributed_contains"])]
        if not all(any(w in link for link in chain) for w in wanted):
            wrong.append("attributed_contains")
    if "date_start" in spec:
        bounds = _accepted(spec["date_start"])
        earliest, latest = _day(bounds[0]), _day(bounds[-1])
        if event.date is None or not earliest <= event.date.start <= latest:
            wrong.append("date_start")
    if "date_precision" in spec and (event.date is None or event.date.precision != spec["date_precision"]):
        wrong.append("date_precision")
    if "country" in spec and (event.location is None or event.location.country != spec["country"]):
        wrong.append("country")
    place = event.location.name.casefold() if event.location else ""
    if "place" in spec and spec["place"].casefold() not in place:
        wrong.append("place")
    for number in ("fatalities", "count"):
        if number in spec and getattr(event, number) != spec[number]:
            wrong.append(number)
    return wrong


def _relates(result: ArticleResult, relation: Relation, spec: dict[str, Any]) -> bool:
    """The relation joins the case's subject and object (either way round for symmetric predicates)."""
    forward = _actor_is(result, relation.subject, spec["subject"]) and _actor_is(
        result, relation.object, spec["object"]
    )
    if forward or spec["predicate"] not in _SYMMETRIC:
        return forward
    return _actor_is(result, relation.subject, spec["object"]) and _actor_is(
        result, relation.object, spec["subject"]
    )


def _describe(result: ArticleResult) -> str:
    lines = []
    for e in result.events:
        when = f"{e.date.start}/{e.date.precision}" if e.date else None
        where = f"{e.location.name}/{e.location.country}" if e.location else None
        lines.append(
            f"  {e.type}/{e.status} {e.source} -> {e.target} trigger={e.trigger.text!r} "
            f"attributed_to={list(e.attributed_to)} date={when} place={where} "
            f"fatalities={e.fatalities} count={e.count}"
        )
    for r in result.relations:
        lines.append(f"  relation {r.subject} {r.predicate} {r.object}")
    return "\n".join(lines) or "  (nothing)"


def _params() -> list[Any]:
    params = []
    for case in CASES:
        marks = [pytest.mark.xfail(reason=case["xfail"], strict=True)] if case.get("xfail") else []
        params.append(pytest.param(case, id=case["id"], marks=marks))
    return params


@pytest.mark.parametrize("case", _params())
def test_case(case: dict[str, Any], nlp: Language) -> None:
    result = _result(case, nlp)
    produced = f"\ntext: {case['text']}\nproduced:\n{_describe(result)}"
    failures: list[str] = []
    for spec in case.get("expect", []):
        misses = [_mismatches(e, spec, result) for e in result.events]
        if not any(not m for m in misses):
            nearest = min(misses, key=len) if misses else sorted(spec)
            failures.append(f"no event matches {spec} (nearest event differs in {nearest})")
    for spec in case.get("forbid", []):
        hits = [e for e in result.events if not _mismatches(e, spec, result)]
        if hits:
            shown = [(e.type, e.status, e.source, e.target) for e in hits]
            failures.append(f"forbidden {spec} produced: {shown}")
    for spec in case.get("relations", []):
        wanted = spec["predicate"]
        if not any(r.predicate == wanted and _relates(result, r, spec) for r in result.relations):
            failures.append(f"missing relation {spec['subject']} {wanted} {spec['object']}")
    assert not failures, "\n".join(failures) + produced


@pytest.mark.parametrize("case", [pytest.param(c, id=c["id"]) for c in CASES])
def test_case_offsets(case: dict[str, Any], nlp: Language) -> None:
    result = _result(case, nlp)
    text = case["text"]
    for e in result.events:
        for name, span in (("evidence", e.evidence), ("trigger", e.trigger)):
            assert text[span.start : span.end] == span.text, f"{e.type} {name} offsets {span} do not hold"
    for actor in result.actors:
        for m in actor.mentions:
            where = f"{m.start}:{m.end}"
            assert text[m.start : m.end] == m.text, f"mention of {actor.id} at {where} is not {m.text!r}"
    for r in result.relations:
        span = r.evidence
        assert text[span.start : span.end] == span.text, (
            f"relation {r.subject} {r.predicate} evidence offsets"
        )
