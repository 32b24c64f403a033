"""Flashpoint's own spaCy components."""

from __future__ import annotations

import pytest
from spacy.language import Language

pytestmark = pytest.mark.slow


def _entities(nlp: Language, text: str) -> list[tuple[str, str]]:
    return [(e.text, e.label_) for e in nlp(text).ents]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Britain's envoy David Lammy met the delegation in Cairo on Monday.", "David Lammy"),
        ("Ahmad Khalil Darwish, who heads the council, was detained overnight.", "Ahmad Khalil Darwish"),
        ("According to police officer Ismail Warsame, two soldiers were wounded.", "Ismail Warsame"),
    ],
)
def test_names_not_places_a_first_name_that_is_also_a_town_stays_part_of_the_name(
    nlp: Language, text: str, name: str
) -> None:
    assert (name, "PERSON") in _entities(nlp, text)


def test_names_not_places_a_town_before_a_place_word_stays_a_place(nlp: Language) -> None:
    labels = dict(_entities(nlp, "Shells hit Kherson Oblast and Baghdad airport on Sunday."))
    assert labels.get("Baghdad") == "GPE"


def test_names_not_places_a_town_before_a_company_word_stays_a_place(nlp: Language) -> None:
    labels = dict(_entities(nlp, "Staff of the Sfax Chemical Company held a sit-in on Monday."))
    assert labels.get("Sfax") == "GPE"


@pytest.mark.parametrize(
    ("text", "lede"),
    [
        ("KHARTOUM, Sudan, May 4 (Reuters) - Drones hit the airport on Sunday.", "Drones"),
        ("Headline here\n\nBEIRUT (AP) — Israeli jets struck two villages.", "Israeli"),
        ("ADEN, Jan. 9 - Gunmen shot dead a judge.", "Gunmen"),
    ],
)
def test_paragraph_breaks_a_dateline_is_a_sentence_of_its_own(nlp: Language, text: str, lede: str) -> None:
    assert lede in [sentence[0].text for sentence in nlp(text).sents]


@pytest.mark.parametrize(
    "text",
    [
        "On 2 May 2021, Saudi-led coalition jets struck a market.",
        "UN Secretary-General Antonio Guterres called for a ceasefire.",
        "Israel Strikes Back - Analysts Weigh the Options",
    ],
)
def test_paragraph_breaks_a_hyphen_or_a_headline_dash_is_no_dateline(nlp: Language, text: str) -> None:
    assert len(list(nlp(text).sents)) == 1
