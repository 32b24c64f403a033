"""Fatalities follow ACLED's conventions; counts of attacks are counts, not deaths."""

from __future__ import annotations

import pytest
from spacy.language import Language

from flashpoint.extraction.quantities import count_of, sentence_fatalities
from flashpoint.knowledge.lexicon import load_lexicon

pytestmark = pytest.mark.slow


def _deaths(nlp: Language, sentence: str) -> list[int]:
    doc = nlp(sentence)
    return [n for _, n in sentence_fatalities(next(iter(doc.sents)), load_lexicon())]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Gunmen killed seven traders on the highway.", [7]),
        ("At least 12 people were killed in the blast.", [12]),
        ("The raid killed two civilians and a soldier.", [3]),
        ("A soldier was killed when his patrol hit a mine.", [1]),
        ("Dozens of villagers were killed in the attack.", [12]),
        ("Fourteen miners died after the collapse of the tunnel.", [14]),
    ],
)
def test_quantities_fatalities_take_the_lowest_credible_figure(
    nlp: Language, sentence: str, expected: list[int]
) -> None:
    assert _deaths(nlp, sentence) == expected


def test_quantities_wounded_are_not_fatalities(nlp: Language) -> None:
    assert _deaths(nlp, "Nine protesters were wounded by rubber bullets.") == []


@pytest.mark.parametrize(
    ("sentence", "trigger", "expected"),
    [
        ("The militias carried out over 150 attacks on the bases.", "attacks", 150),
        ("The group has claimed dozens of attacks this year.", "attacks", 12),
        ("The attack on the depot was the first this year.", "attack", None),
    ],
)
def test_quantities_count_of_event_nouns(
    nlp: Language, sentence: str, trigger: str, expected: int | None
) -> None:
    doc = nlp(sentence)
    token = next(t for t in doc if t.text == trigger)
    assert count_of(token, load_lexicon()) == expected


def test_quantities_put_the_number_killed_at(nlp: Language) -> None:
    assert _deaths(nlp, "A local official put the number of villagers killed by the gunmen at 23.") == [23]


def test_quantities_a_figure_that_is_not_a_death_toll_is_ignored(nlp: Language) -> None:
    assert _deaths(nlp, "Officials put the number of people displaced by the fighting at 4,000.") == []


@pytest.mark.parametrize(
    ("sentence", "deaths"),
    [
        ("3 killed and more than 20 injured in market blast.", 3),  # a headline's bare number
        ("Nine people were reported to have been killed in the fighting.", 9),
        ("Gunmen fired on a bus on Monday, resulting in one passenger being killed.", 1),
        ("Gunmen stormed the house of a judge overnight, leaving him killed.", 1),
        ("A land dispute between two villages turned violent and resulted in the death of a herder.", 1),
        ("The rebels confirmed 6 fatalities among their fighters after the ambush.", 6),
    ],
)
def test_deaths_told_in_other_ways(nlp: Language, sentence: str, deaths: int) -> None:
    assert deaths in _deaths(nlp, sentence)


def test_deaths_of_people_whose_coffins_or_bodies_are_named(nlp: Language) -> None:
    sentence = "Crowds followed the coffins of nine police officers killed in an ambush on Sunday."
    assert 9 in _deaths(nlp, sentence)
