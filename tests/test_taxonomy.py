"""The PLOVER-to-ACLED table: the weapon decides remote violence, the target decides battles from attacks."""

from __future__ import annotations

import pytest

from flashpoint.taxonomy import ACLED_TYPES, MODES, PloverType, acled_type


@pytest.mark.parametrize(
    ("plover", "mode", "target_kind", "expected"),
    [
        (PloverType.ASSAULT, "drone", None, ("Explosions/Remote violence", "Air/drone strike")),
        (
            PloverType.ASSAULT,
            "artillery",
            "military",
            ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
        ),
        (
            PloverType.ASSAULT,
            "explosives",
            None,
            ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
        ),
        (PloverType.ASSAULT, "firearms", "military", ("Battles", "Armed clash")),
        (PloverType.ASSAULT, "firearms", "population", ("Violence against civilians", "Attack")),
        (PloverType.ASSAULT, None, None, ("Battles", "Armed clash")),
        (
            PloverType.ASSAULT,
            "abduct",
            "population",
            ("Violence against civilians", "Abduction/forced disappearance"),
        ),
        (PloverType.PROTEST, "demonstrate", None, ("Protests", "Peaceful protest")),
        (PloverType.PROTEST, "riot", None, ("Riots", "Violent demonstration")),
        (PloverType.COERCE, "arrest", None, ("Strategic developments", "Arrests")),
        (PloverType.AGREE, "ceasefire", None, ("Strategic developments", "Agreement")),
    ],
)
def test_taxonomy_acled_mapping(
    plover: PloverType, mode: str | None, target_kind: str | None, expected: tuple[str, str]
) -> None:
    found = acled_type(plover, mode, target_kind=target_kind)
    assert found is not None
    assert (found.event_type, found.sub_event_type) == expected


def test_taxonomy_talk_has_no_acled_event() -> None:
    assert acled_type(PloverType.CONSULT, "meet") is None
    assert acled_type(PloverType.ACCUSE, None) is None


def test_taxonomy_seized_ground_depends_on_who_takes_it() -> None:
    by_army = acled_type(PloverType.ASSAULT, "seize-territory", source_kind="military")
    by_rebels = acled_type(PloverType.ASSAULT, "seize-territory", source_kind="armed_group")
    assert by_army is not None and by_army.sub_event_type == "Government regains territory"
    assert by_rebels is not None and by_rebels.sub_event_type == "Non-state actor overtakes territory"


def test_taxonomy_every_mapped_sub_type_is_acled_s() -> None:
    for plover in PloverType:
        for mode in [None, *sorted(MODES.get(plover, ()))]:
            for target in (None, "population"):
                found = acled_type(plover, mode, target_kind=target)
                if found is not None:
                    assert found.sub_event_type in ACLED_TYPES[found.event_type]


def test_taxonomy_crowd_violence_is_mob_violence() -> None:
    found = acled_type(PloverType.ASSAULT, None, source_kind="population", target_kind="population")
    assert found is not None and (found.event_type, found.sub_event_type) == ("Riots", "Mob violence")


def test_taxonomy_forces_moved_are_a_change_to_group_activity() -> None:
    found = acled_type(PloverType.MOBILIZE, "military")
    assert found is not None and found.sub_event_type == "Change to group/activity"


def test_taxonomy_an_arrest_by_an_armed_group_is_an_abduction() -> None:
    by_rebels = acled_type(PloverType.COERCE, "arrest", source_kind="armed_group")
    by_police = acled_type(PloverType.COERCE, "arrest", source_kind="police")
    by_no_one_named = acled_type(PloverType.COERCE, "arrest", source_kind=None)
    assert by_rebels is not None and by_rebels.sub_event_type == "Abduction/forced disappearance"
    assert by_police is not None and by_police.sub_event_type == "Arrests"
    assert by_no_one_named is not None and by_no_one_named.sub_event_type == "Arrests"
