"""Folding later mentions of one happening into the first, on events built by hand."""

from __future__ import annotations

import dataclasses

from flashpoint.records import Event, Span
from flashpoint.resolve.events import merge_repeated, without_summaries


def _event(
    id_: str,
    plover: str,
    at: int,
    *,
    source: str | None = None,
    target: str | None = None,
    status: str = "occurred",
) -> Event:
    sentence = Span(start=at, end=at + 50, text="x" * 50)
    return Event(
        id=id_,
        type=plover,
        mode=None,
        status=status,
        evidence=sentence,
        trigger=Span(start=at + 5, end=at + 10, text="x" * 5),
        source=source,
        target=target,
    )


def _never(event: Event) -> bool:
    return False


def test_sideless_talks_are_not_a_later_meeting_with_sides() -> None:
    talks = _event("e1", "CONSULT", 0)
    meeting = _event("e2", "CONSULT", 100, source="un-security-council")
    assert [e.id for e in merge_repeated([talks, meeting], _never)] == ["e1", "e2"]


def test_a_sideless_blast_takes_the_sides_the_next_sentence_gives_it() -> None:
    blast = _event("e1", "ASSAULT", 0)
    killing = _event("e2", "ASSAULT", 100, target="somalia-military")
    folded: dict[str, str] = {}
    merged = merge_repeated([blast, killing], _never, folded)
    assert [e.id for e in merged] == ["e1"] and merged[0].target == "somalia-military"
    assert folded == {"e2": "e1"}


def test_an_appeal_repeated_with_both_sides_is_one_appeal() -> None:
    urged = _event("e1", "REQUEST", 0, source="cod-military", target="RWA")
    called = _event("e2", "REQUEST", 300, source="cod-military", target="RWA")
    assert [e.id for e in merge_repeated([urged, called], _never)] == ["e1"]


def test_two_attacks_by_one_side_on_another_stay_two() -> None:
    first = _event("e1", "ASSAULT", 0, source="al-shabaab", target="somalia-military")
    second = _event("e2", "ASSAULT", 300, source="al-shabaab", target="somalia-military")
    assert [e.id for e in merge_repeated([first, second], _never)] == ["e1", "e2"]


def test_a_planned_response_and_an_expected_one_are_one_future_attack() -> None:
    expected = _event("e1", "ASSAULT", 0, source="IRN", target="ISR", status="predicted")
    awaited = _event("e2", "ASSAULT", 300, source="IRN", status="planned")
    merged = merge_repeated([expected, awaited], _never)
    assert [(e.id, e.status, e.target) for e in merged] == [("e1", "predicted", "ISR")]


def test_a_planned_attack_is_not_the_one_that_happened() -> None:
    done = _event("e1", "ASSAULT", 0, source="IRN", target="ISR")
    planned = _event("e2", "ASSAULT", 300, source="IRN", status="planned")
    assert [e.id for e in merge_repeated([done, planned], _never)] == ["e1", "e2"]


def test_a_strike_on_a_state_and_on_its_forces_is_one_when_the_forces_are_the_state_s() -> None:
    killing = _event("e1", "ASSAULT", 0, target="IRN-irgc")
    airstrike = _event("e2", "ASSAULT", 300, source="ISR", target="IRN")
    merged = merge_repeated([killing, airstrike], lambda event: True, states={"IRN-irgc": "IRN"})
    assert [(e.id, e.source, e.target) for e in merged] == [("e1", "ISR", "IRN-irgc")]


def test_a_state_and_its_forces_as_doers_tell_two_deeds() -> None:
    missile = _event("e1", "ASSAULT", 0, source="RUS")
    claimed = _event("e2", "ASSAULT", 300, source="RUS-military")
    merged = merge_repeated([missile, claimed], _never, states={"RUS-military": "RUS"})
    assert [e.id for e in merged] == ["e1", "e2"]


def _toll(event: Event, dead: int) -> Event:
    return dataclasses.replace(event, fatalities=dead)


def test_a_tally_of_two_incidents_is_dropped() -> None:
    tally = _toll(_event("e1", "ASSAULT", 0, source="gunmen", target="NGA-police"), 3)
    first = _toll(_event("e2", "ASSAULT", 100, source="gunmen", target="NGA-police"), 1)
    second = _toll(_event("e3", "ASSAULT", 200, source="gunmen"), 2)
    assert [e.id for e in without_summaries([tally, first, second])] == ["e2", "e3"]


def test_a_toll_that_is_not_the_sum_is_kept() -> None:
    raid = _toll(_event("e1", "ASSAULT", 0, source="gunmen"), 4)
    first = _toll(_event("e2", "ASSAULT", 100, source="gunmen"), 1)
    second = _toll(_event("e3", "ASSAULT", 200, source="gunmen"), 2)
    assert len(without_summaries([raid, first, second])) == 3


def test_incidents_by_another_side_make_no_tally() -> None:
    raid = _toll(_event("e1", "ASSAULT", 0, source="al-shabaab"), 3)
    first = _toll(_event("e2", "ASSAULT", 100, source="SOM-military"), 1)
    second = _toll(_event("e3", "ASSAULT", 200, source="SOM-military"), 2)
    assert len(without_summaries([raid, first, second])) == 3
