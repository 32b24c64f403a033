"""Actors of one article: descriptions, pronouns, acronyms and the names ACLED would give them."""

from __future__ import annotations

import pytest
from spacy.language import Language

from flashpoint.pipeline import extract

pytestmark = pytest.mark.slow


def test_actors_protesting_people_carry_acled_s_protester_name(nlp: Language) -> None:
    result = extract(
        "Teachers protested outside the education ministry in Libreville on Monday.", "2024-05-08", nlp=nlp
    )
    teachers = next(a for a in result.actors if a.id == "teachers")
    assert "Protesters (Gabon)" in teachers.aliases


def test_actors_acronym_defined_in_the_text_links_later_uses(nlp: Language) -> None:
    text = (
        "The Northern Valley Defence Front (NVDF) said it shelled an army post. "
        "Residents said NVDF fighters later withdrew from the hills."
    )
    result = extract(text, "2024-05-08", nlp=nlp)
    front = next(a for a in result.actors if "NVDF" in [m.text for m in a.mentions])
    assert any(m.text.startswith("Northern Valley Defence Front") for m in front.mentions)


def test_actors_the_group_refers_to_the_last_group_that_was_a_subject(nlp: Language) -> None:
    text = "Al-Shabaab fighters attacked a base near Kismayo on Friday. The group said it had seized weapons."
    result = extract(text, "2024-05-08", nlp=nlp)
    shabaab = next(a for a in result.actors if a.id == "al-shabaab")
    assert "The group" in [m.text for m in shabaab.mentions]


def test_actors_capital_as_metonym_before_police_is_that_country_s_police(nlp: Language) -> None:
    result = extract("Nairobi police arrested two men at the airport on Tuesday.", "2024-05-08", nlp=nlp)
    assert any(a.id == "KEN-police" for a in result.actors)


def test_actors_bare_authorities_are_the_article_s_government(nlp: Language) -> None:
    text = "Nepal's capital stayed tense on Sunday. Authorities ordered a daytime curfew for a third day."
    result = extract(text, "2006-04-23", nlp=nlp)
    curfew = next(e for e in result.events if e.type == "COERCE")
    assert curfew.source == "NPL-government"


def test_a_bare_army_refers_back_to_the_army_last_named(nlp: Language) -> None:
    text = (
        "Rwanda accused Kinshasa of shelling its border towns. Rwanda said Rwandan villages were hit. "
        "The Congolese army denied it. The army said it was fighting M23 rebels near Goma."
    )
    result = extract(text, "2024-02-01", nlp=nlp)
    army_mentions = {m.text: a.id for a in result.actors for m in a.mentions if "army" in m.text}
    assert army_mentions["army"] == "COD-military", army_mentions


def test_a_name_keeps_its_abu(nlp: Language) -> None:
    result = extract(
        "An air strike killed senior commander Abu Khalid al-Masri near Idlib.", "2024-02-01", nlp=nlp
    )
    assert any(a.kind == "person" and a.name == "Abu Khalid al-Masri" for a in result.actors), [
        a.name for a in result.actors
    ]


def test_a_capital_named_as_the_place_is_not_its_government(nlp: Language) -> None:
    placed = extract("A car bomb exploded near a market in Baghdad on Monday.", "2024-02-01", nlp=nlp)
    assert "IRQ-government" not in {a.id for a in placed.actors}
    speaking = extract("Baghdad condemned the bombing on Monday.", "2024-02-01", nlp=nlp)
    assert "IRQ-government" in {a.id for a in speaking.actors}


def test_a_country_adjective_on_a_generic_noun_makes_that_countrys_people(nlp: Language) -> None:
    result = extract("Four Sudanese civilians were killed when shells hit a market.", "2024-02-01", nlp=nlp)
    civilians = next(a for a in result.actors if a.kind == "population")
    assert (civilians.id, civilians.country, civilians.acled_name) == (
        "civilians-SDN",
        "SDN",
        "Civilians (Sudan)",
    )
    assert "SDN" not in {a.id for a in result.actors}


def test_people_marked_unidentified_are_an_unidentified_armed_group(nlp: Language) -> None:
    result = extract("Two unidentified men opened fire on a bus near Quetta.", "2024-02-01", nlp=nlp)
    attack = next(e for e in result.events if e.type == "ASSAULT")
    assert attack.source == "unidentified-armed-group"


def test_actors_police_left_without_a_country_take_acled_s_name_where_they_acted(nlp: Language) -> None:
    text = "Police arrested a lorry driver on a motorway near Joinville, Santa Catarina, late on Tuesday."
    result = extract(text, None, nlp=nlp)
    police = next(a for a in result.actors if a.id == "police")
    assert "Police Forces of Brazil" in police.aliases


def test_actors_saudi_led_coalition_is_named_as_acled_codes_its_strikes(nlp: Language) -> None:
    result = extract("Saudi-led coalition airstrikes hit Saada on Monday.", "2020-05-08", nlp=nlp)
    coalition = next(a for a in result.actors if a.id == "saudi-led-coalition")
    assert coalition.acled_name is not None and coalition.acled_name.startswith(
        "Military Forces of Saudi Arabia"
    )


def test_actors_a_party_that_marches_carries_acled_s_protester_name(nlp: Language) -> None:
    text = "Veritas Party members demonstrated outside parliament in Lusaka on Monday."
    result = extract(text, "2024-05-08", nlp=nlp)
    source = next(a for a in result.actors if a.id == result.events[0].source)
    assert source.kind == "organization"
    assert "Protesters (Zambia)" in source.aliases


def test_actors_a_party_that_only_speaks_takes_no_protester_name(nlp: Language) -> None:
    result = extract("The Veritas Party said the vote in Lusaka was rigged.", "2024-05-08", nlp=nlp)
    assert not any("Protesters" in alias for a in result.actors for alias in a.aliases)


def test_actors_the_king_is_the_person_last_named_king(nlp: Language) -> None:
    text = (
        "King Harald's rule was challenged on Monday. "
        "An alliance of five opposition parties turned down an offer from the king."
    )
    result = extract(text, "2024-05-08", nlp=nlp)
    rejection = next(e for e in result.events if e.type == "REJECT")
    king = next(a for a in result.actors if a.id == rejection.target)
    assert king.kind == "person" and "the king" in [m.text for m in king.mentions]


def test_actors_a_title_no_one_bore_links_to_no_one(nlp: Language) -> None:
    result = extract("The opposition turned down an offer from the king.", "2024-05-08", nlp=nlp)
    assert not any("the king" in [m.text for m in a.mentions] for a in result.actors)


def test_actors_a_party_that_fights_takes_no_unidentified_armed_group_name(nlp: Language) -> None:
    text = "Veritas Party members demonstrated in Lusaka on Monday. The Veritas Party attacked a police post."
    result = extract(text, "2024-05-08", nlp=nlp)
    party = next(a for a in result.actors if a.id == "org:veritas-party")
    assert not any("Unidentified Armed Group" in alias for alias in party.aliases)


def test_actors_the_group_s_forces_are_the_group(nlp: Language) -> None:
    result = extract(
        "Al Shabaab said on Monday it had attacked an army base near Afgoye. A spokesman said the group's "
        "forces had overrun the base before dawn.",
        "2024-05-08",
        nlp=nlp,
    )
    shabaab = next(a for a in result.actors if a.id == "al-shabaab")
    assert "forces" in [m.text for m in shabaab.mentions], [
        (a.id, [m.text for m in a.mentions]) for a in result.actors
    ]
    assert all(e.source == "al-shabaab" for e in result.events if e.type == "ASSAULT")
