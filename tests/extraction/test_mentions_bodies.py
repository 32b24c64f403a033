"""Actor mentions for groups of people, offices and missions that news names without a proper name
(issue #5): "militant groups", "U.S. citizens", "the Sonora state government", "U.N. inspectors"."""

from __future__ import annotations

import pytest
from spacy.language import Language

from flashpoint.pipeline import extract
from flashpoint.records import ArticleResult

pytestmark = pytest.mark.slow


def _mentions(result: ArticleResult) -> dict[str, list[str]]:
    return {a.id: [m.text for m in a.mentions] for a in result.actors}


def test_mentions_an_armed_adjective_before_groups_names_that_generic_actor(nlp: Language) -> None:
    result = extract(
        "Militant groups have shelled the border villages since the spring.", "2024-05-08", nlp=nlp
    )
    assert _mentions(result).get("militants") == ["Militant groups"]
    assert result.events[0].source == "militants"


def test_mentions_the_militant_group_still_refers_back_to_the_group_named_before(nlp: Language) -> None:
    text = "Hamas fighters raided a post near Rafah. The militant group said it lost two men."
    mentions = _mentions(extract(text, "2024-05-08", nlp=nlp))
    assert "militants" not in mentions
    assert "The militant group" in mentions["hamas"]


@pytest.mark.parametrize(
    ("text", "actor_id", "mention"),
    [
        ("The consulate urged U.S. citizens to leave Port Harcourt.", "citizens-USA", "U.S. citizens"),
        ("The navy said the tanker's crew was safe.", "crew", "crew"),
        ("Police freed three kidnapping victims in a raid on Tuesday.", "civilians", "kidnapping victims"),
        ("In the 1990s warlords carved the country up.", "warlords", "warlords"),
    ],
)
def test_mentions_groups_of_people_news_names_by_a_common_noun(
    nlp: Language, text: str, actor_id: str, mention: str
) -> None:
    assert _mentions(extract(text, "2024-05-08", nlp=nlp)).get(actor_id) == [mention]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The Sonora state government denied the figures on Monday.", "Sonora state government"),
        (
            "Anna Koval, who heads the Kherson regional military administration, said two people died.",
            "Kherson regional military administration",
        ),
    ],
)
def test_mentions_a_place_before_a_government_noun_is_that_place_s_own_government(
    nlp: Language, text: str, name: str
) -> None:
    result = extract(text, "2024-05-08", nlp=nlp)
    local = [a for a in result.actors if a.name == name]
    assert len(local) == 1 and local[0].kind == "government"


def test_mentions_a_country_before_a_government_noun_stays_that_country_s_government(nlp: Language) -> None:
    result = extract("The Kenyan government denied the figures on Monday.", "2024-05-08", nlp=nlp)
    assert "KEN-government" in _mentions(result)
    assert not any(a.id.startswith("gov:") for a in result.actors)


def test_mentions_an_unlabelled_name_that_speaks_is_a_person(nlp: Language) -> None:
    text = "Ramesh Karki, who was hurt in the crush, said police fired without warning."
    result = extract(text, "2024-05-08", nlp=nlp)
    person = next(a for a in result.actors if a.name == "Ramesh Karki")
    assert person.kind == "person"


def test_mentions_a_state_s_mission_to_a_body_is_an_actor_that_speaks(nlp: Language) -> None:
    result = extract(
        "Chile's mission to the United Nations said the report was false.", "2024-05-08", nlp=nlp
    )
    mission = next(a for a in result.actors if a.id == "CHL-mission-united-nations")
    assert mission.name == "Chile's mission to the United Nations"
    assert mission.country == "CHL"
    assert "united-nations" in _mentions(result)


def test_mentions_an_organisation_s_inspectors_are_a_body_of_their_own(nlp: Language) -> None:
    result = extract("U.N. inspectors found no trace of the missiles.", "2024-05-08", nlp=nlp)
    assert _mentions(result).get("united-nations-inspectors") == ["U.N. inspectors"]
    assert result.events[0].source == "united-nations-inspectors"


def test_mentions_the_uk_maritime_agency_by_its_acronym(nlp: Language) -> None:
    result = extract("UKMTO said a vessel reported an explosion off Aden.", "2024-05-08", nlp=nlp)
    assert _mentions(result).get("GBR-ukmto") == ["UKMTO"]


def test_mentions_supporters_of_an_unnamed_side_are_people_of_their_own(nlp: Language) -> None:
    result = extract("Supporters of the rebels marched in Bangui on Sunday.", "2024-05-08", nlp=nlp)
    assert result.events[0].source == "supporters"


def test_mentions_supporters_of_a_named_party_act_for_the_party(nlp: Language) -> None:
    text = "Supporters of the Patriotic Front clashed with police in Lusaka on Sunday."
    mentions = _mentions(extract(text, "2024-05-08", nlp=nlp))
    assert "supporters" not in mentions
    assert "Supporters" in mentions["org:patriotic-front"]


def test_mentions_fighters_that_intercept_planes_are_a_state_s_air_force(nlp: Language) -> None:
    text = "Two surveillance planes were intercepted by Chinese fighters over the strait on Tuesday."
    assert "Chinese fighters" in _mentions(extract(text, "2024-05-08", nlp=nlp))["CHN-military"]


def test_mentions_fighters_on_the_ground_stay_fighters(nlp: Language) -> None:
    text = "Chinese fighters crossed the border on foot and attacked a post."
    assert "CHN-military" not in _mentions(extract(text, "2024-05-08", nlp=nlp))


@pytest.mark.parametrize(
    ("text", "ship_id"),
    [
        ("Rebels said they had struck the vessel, the 'SEA LARK', with two missiles.", "ship:sea-lark"),
        ("Gunmen attacked the tanker Ocean Pearl off Aden on Monday.", "ship:ocean-pearl"),
        ("Rebels said their forces had struck the vessel, the 'GREYWIND', with missiles.", "ship:greywind"),
    ],
)
def test_mentions_a_ship_named_beside_a_ship_noun_is_the_target(
    nlp: Language, text: str, ship_id: str
) -> None:
    result = extract(text, "2024-05-08", nlp=nlp)
    assert result.events[0].target == ship_id
    assert next(a for a in result.actors if a.id == ship_id).kind == "other"


def test_mentions_an_alliance_named_by_its_members_is_a_coalition(nlp: Language) -> None:
    text = "An alliance of five opposition parties rejected the offer on Monday."
    result = extract(text, "2024-05-08", nlp=nlp)
    alliance = next(a for a in result.actors if a.name == "alliance of five opposition parties")
    assert alliance.kind == "coalition"
    assert result.events[0].source == alliance.id


def test_mentions_a_coalition_said_of_a_named_group_mentions_that_group(nlp: Language) -> None:
    text = "The Northern Front, a coalition of armed groups, shelled the airport on Monday."
    result = extract(text, "2024-05-08", nlp=nlp)
    front = next(a for a in result.actors if a.name == "Northern Front")
    assert "coalition of armed groups" in [m.text for m in front.mentions]


def test_mentions_a_tank_crew_is_no_civilian_crew(nlp: Language) -> None:
    result = extract("A drone struck a tank crew near Bakhmut on Monday.", "2024-05-08", nlp=nlp)
    assert "crew" not in _mentions(result)
