"""Relations a sentence states and those that follow from the knowledge base (issue #5)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from flashpoint.pipeline import extract
from flashpoint.records import ArticleResult

pytestmark = pytest.mark.slow


def _triples(result: ArticleResult) -> set[tuple[str, str, str]]:
    return {(r.subject, r.predicate, r.object) for r in result.relations}


def _person(result: ArticleResult, name: str) -> str:
    return next(a.id for a in result.actors if a.name == name)


def test_relations_fighting_between_two_groups_is_a_hostility_of_the_first_named(nlp: Language) -> None:
    text = "Fighting between the Arakan Army and the Kachin Independence Army has cut the road to the border."
    result = extract(text, "2024-05-08", nlp=nlp)
    assert ("arakan-army", "opposes", "kia") in _triples(result)


def test_relations_between_a_force_and_named_rebels_read_through_a_run_on_phrase(nlp: Language) -> None:
    text = "Weekend clashes between the army and ADF rebels were the deadliest this year, officials said."
    result = extract(text, "2024-05-08", nlp=nlp)
    assert any(s.endswith("-military") and p == "opposes" and o == "adf" for s, p, o in _triples(result))


def test_relations_a_group_at_war_with_a_government_opposes_it(nlp: Language) -> None:
    text = "Boko Haram has been at war with Nigeria's government since 2009, a diplomat in Abuja noted."
    result = extract(text, "2024-05-08", nlp=nlp)
    assert ("boko-haram", "opposes", "NGA-government") in _triples(result)


def test_relations_a_group_that_took_up_arms_against_a_state_opposes_it(nlp: Language) -> None:
    text = "The ELN, a guerrilla group that took up arms against Colombia in 1964, freed two hostages."
    result = extract(text, "2024-05-08", nlp=nlp)
    assert any(s == "eln" and p == "opposes" and o.startswith("COL") for s, p, o in _triples(result))


def test_relations_named_together_with_is_fighting_on_the_same_side(nlp: Language) -> None:
    text = "Kenyan troops, together with Somali special forces, retook the town of Kolbiyow on Friday."
    result = extract(text, "2024-05-08", nlp=nlp)
    assert ("SOM-military", "allied_with", "KEN-military") in _triples(result)


def test_relations_who_heads_a_group_makes_a_person_its_leader(nlp: Language) -> None:
    text = "Ahmad Khalil Darwish, who heads the Jenin Brigade, was detained in a raid overnight."
    result = extract(text, "2024-05-08", nlp=nlp)
    assert (_person(result, "Ahmad Khalil Darwish"), "leader_of", "jenin-brigade") in _triples(result)


def test_relations_a_foreign_minister_is_a_member_not_the_leader(nlp: Language) -> None:
    text = "Iraqi Foreign Minister Karim Daoud Salman met the envoy in Baghdad on Sunday."
    result = extract(text, "2024-05-08", nlp=nlp)
    person = _person(result, "Karim Daoud Salman")
    predicates = {p for s, p, o in _triples(result) if s == person and o.startswith("IRQ")}
    assert predicates == {"member_of"}


def test_relations_a_prime_minister_leads(nlp: Language) -> None:
    text = "Iraqi Prime Minister Karim Daoud Salman met the envoy in Baghdad on Sunday."
    result = extract(text, "2024-05-08", nlp=nlp)
    person = _person(result, "Karim Daoud Salman")
    assert (person, "leader_of", "IRQ") in _triples(result)


def test_relations_a_district_police_chief_is_a_member_of_the_police(nlp: Language) -> None:
    text = "Tariq Mehmood Awan, the district police chief, said the Pakistani police had arrested four men."
    result = extract(text, "2024-05-08", nlp=nlp)
    person = _person(result, "Tariq Mehmood Awan")
    assert (person, "member_of", "PAK-police") in _triples(result)
    assert (person, "leader_of", "PAK-police") not in _triples(result)


def test_relations_a_known_leader_named_by_title_leads_the_state_the_article_names(nlp: Language) -> None:
    text = (
        "France will send more air defence systems to Ukraine, officials said. "
        "President Emmanuel Macron announced the decision after a call on Tuesday."
    )
    result = extract(text, "2024-05-08", nlp=nlp)
    assert ("emmanuel-macron", "leader_of", "FRA") in _triples(result)


def test_relations_two_enemies_named_in_one_sentence_are_not_restated_as_hostile(nlp: Language) -> None:
    text = "The Houthis held a rally in Sanaa on Friday while Israel's cabinet met in Jerusalem."
    result = extract(text, "2024-05-08", nlp=nlp)
    assert not [r for r in result.relations if r.predicate == "opposes"]


def test_relations_allied_militias_named_after_a_force_are_its_allies(nlp: Language) -> None:
    text = "Sudanese troops and allied militias retook the town of Kadugli on Monday."
    result = extract(text, "2024-05-08", nlp=nlp)
    allies = {s for s, p, o in _triples(result) if p == "allied_with" and o == "SDN-military"}
    assert any("militia" in s for s in allies)


def test_relations_a_military_officer_serves_in_the_force_the_article_names(nlp: Language) -> None:
    text = (
        "Somali soldiers retook the village of Bariire on Tuesday. "
        "According to military officer Hassan Abdi Warsame, four soldiers were wounded."
    )
    result = extract(text, "2024-05-08", nlp=nlp)
    assert (_person(result, "Hassan Abdi Warsame"), "member_of", "SOM-military") in _triples(result)


def test_relations_a_force_named_with_its_state_is_part_of_it(nlp: Language) -> None:
    text = "Personnel from Mexico's Navy raided a ranch in Tamaulipas, Mexico, on Sunday."
    result = extract(text, "2024-05-08", nlp=nlp)
    assert ("MEX-military", "part_of", "MEX") in _triples(result)


def test_relations_bare_police_taken_as_the_article_s_country_s_grounds_no_part_of(nlp: Language) -> None:
    text = "Police fired tear gas at protesters in Lahore, Pakistan, on Friday."
    result = extract(text, "2024-05-08", nlp=nlp)
    assert any(a.id == "PAK-police" for a in result.actors)
    assert ("PAK-police", "part_of", "PAK") not in _triples(result)


def test_relations_an_umbrella_of_iran_backed_factions_is_backed_by_iran(nlp: Language) -> None:
    text = "The Islamic Resistance in Iraq, an umbrella for Iran-backed factions, claimed the drone attack."
    result = extract(text, "2024-05-08", nlp=nlp)
    assert ("IRN", "sponsors", "islamic-resistance-in-iraq") in _triples(result)


def test_relations_a_description_set_off_after_a_bracketed_name_describes_that_name(nlp: Language) -> None:
    text = (
        "The border districts had become a base for the Baloch Liberation Army (BLA), a group that "
        "took up arms against Pakistan two decades ago."
    )
    result = extract(text, "2024-05-08", nlp=nlp)
    assert any(s == "bla" and p == "opposes" and o.startswith("PAK") for s, p, o in _triples(result))


def test_relations_a_known_relation_needs_both_actors_told_of_in_one_clause(nlp: Language) -> None:
    # NATO is named in a clause about the smugglers: the sentence says nothing of Poland in NATO.
    # A clause describing the Houthis ("who ... received ... from Iran") tells of them and of Iran.
    text = (
        "Poland has demanded tougher action against smugglers who fire flares at NATO patrols near the "
        "border. "
        "The Houthis, who have long received missile parts from Iran, fired two drones at a tanker."
    )
    result = extract(text, "2024-05-08", nlp=nlp)
    assert {"POL", "nato"} <= {a.id for a in result.actors}
    assert ("POL", "member_of", "nato") not in _triples(result)
    assert ("IRN", "sponsors", "houthis") in _triples(result)
