"""Who did it, when news names the doer only by a family name, by "men" or by what they planted
(issue #5): "the Haddad and Nasser families", "two men opened fire", "a bomb planted by X"."""

from __future__ import annotations

import pytest
from spacy.language import Language

from flashpoint.pipeline import extract

pytestmark = pytest.mark.slow


def test_doers_two_families_that_fight_are_clans_named_as_acled_names_clan_militias(nlp: Language) -> None:
    text = "Fighting broke out in Zahle on Friday between the Haddad and Nasser families."
    result = extract(text, "2024-05-08", nlp=nlp)
    fight = result.events[0]
    assert (fight.source, fight.target) == ("clan:haddad", "clan:nasser")
    haddad = next(a for a in result.actors if a.id == "clan:haddad")
    assert haddad.name == "Haddad clan"
    assert "Haddad Clan Militia (Lebanon)" in haddad.aliases
    assert fight.acled is not None and fight.acled.event_type == "Battles"


def test_doers_a_family_the_knowledge_base_knows_by_its_head_is_no_clan(nlp: Language) -> None:
    result = extract("The Assad family has ruled Syria for decades.", "2024-05-08", nlp=nlp)
    assert not any(a.id.startswith("clan:") for a in result.actors)


@pytest.mark.parametrize(
    "text",
    [
        "Two men in a van opened fire on a bakery in Soyapango on Sunday.",
        "A man stabbed a guard outside the ministry in Tunis on Sunday.",
    ],
)
def test_doers_men_named_only_by_their_attack_are_an_unidentified_armed_group(
    nlp: Language, text: str
) -> None:
    result = extract(text, "2024-05-08", nlp=nlp)
    assert result.events[0].source == "unidentified-armed-group"


def test_doers_men_who_do_no_violence_are_no_armed_group(nlp: Language) -> None:
    result = extract("Two men sold bread at the market in Tunis on Sunday.", "2024-05-08", nlp=nlp)
    assert not any(a.id == "unidentified-armed-group" for a in result.actors)


def test_doers_who_planted_the_bomb_set_it_off(nlp: Language) -> None:
    text = "A roadside bomb planted by Shabaab fighters exploded beside an army truck near Afgoye."
    result = extract(text, "2024-05-08", nlp=nlp)
    assert result.events[0].source == "al-shabaab"


def test_doers_people_who_throw_a_bomb_are_for_acled_an_unidentified_armed_group(nlp: Language) -> None:
    result = extract(
        "Youths hurled a petrol bomb at the house of a councillor in Kisumu.", "2024-05-08", nlp=nlp
    )
    youths = next(a for a in result.actors if a.id == result.events[0].source)
    assert youths.kind == "population"
    assert "Unidentified Armed Group (Kenya)" in youths.aliases


@pytest.mark.parametrize(
    "text",
    [
        "Four rebels were killed during an operation carried out by Turkish troops in Tunceli.",
        "Four rebels were killed, hurt or captured during raids carried out by Turkish troops.",
    ],
)
def test_doers_who_ran_the_operation_did_the_killing_it_held(nlp: Language, text: str) -> None:
    result = extract(text, "2024-05-08", nlp=nlp)
    assert result.events[0].source == "TUR-military"


def test_doers_a_crowd_that_turns_violent_in_the_next_sentence_are_rioters(nlp: Language) -> None:
    text = "Hundreds marched on the town hall in Sucre on Friday. They threw stones at the police."
    march = extract(text, "2024-05-08", nlp=nlp).events[0]
    assert march.acled is not None and march.acled.sub_event_type == "Violent demonstration"
    assert march.source == "rioters-BOL"


def test_doers_a_crowd_that_only_demands_in_the_next_sentence_stays_peaceful(nlp: Language) -> None:
    text = "Hundreds marched on the town hall in Sucre on Friday. They demanded new elections."
    march = extract(text, "2024-05-08", nlp=nlp).events[0]
    assert march.acled is not None and march.acled.sub_event_type == "Peaceful protest"


def test_doers_armed_men_of_a_people_are_its_ethnic_militia(nlp: Language) -> None:
    result = extract(
        "One herder was shot dead near Kapedo by Pokot raiders on Tuesday.", "2024-05-08", nlp=nlp
    )
    militia = next(a for a in result.actors if a.id == result.events[0].source)
    assert militia.id == "pokot-militia"
    assert "Pokot Ethnic Militia (Kenya)" in militia.aliases


def test_doers_herders_of_a_people_are_no_militia(nlp: Language) -> None:
    result = extract("Two Fulani herders were killed in Plateau state on Sunday.", "2024-05-08", nlp=nlp)
    assert not any(a.id == "fulani-militia" for a in result.actors)


@pytest.mark.parametrize(
    "text",
    [
        "The army blamed extremist elements for the bombing of the market.",
        "A military spokesman said jihadist elements were to blame for the rocket fire.",
    ],
)
def test_doers_elements_an_armed_adjective_describes_are_militants(nlp: Language, text: str) -> None:
    result = extract(text, "2024-05-08", nlp=nlp)
    blame = next(e for e in result.events if e.type == "ACCUSE")
    assert blame.target == "militants"
