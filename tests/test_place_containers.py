"""A place the writing puts inside another, read against the container: hand-built sentences and
gazetteers of invented towns, so the rule is tested and not the model. Issue #4."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from flashpoint.knowledge.places import Gazetteer
from flashpoint.pipeline import _inside
from tests.knowledge.gazetteer_entries import city


def _sentence() -> Doc:
    """'Clashes near Ravel, Dorn state.'"""
    nlp = spacy.blank("en")
    doc = nlp("Clashes near Ravel, Dorn state.")
    for token, label in zip(doc, ["", "", "GPE", "", "GPE", "", ""], strict=True):
        if label:
            doc.ents = [*doc.ents, doc.char_span(token.idx, token.idx + len(token), label=label)]
    return doc


@pytest.mark.parametrize(("dorn_people", "where"), [(3_000, "AAA"), (500_000, "BBB")])
def test_a_container_named_as_a_state_but_read_as_a_small_town_abroad_is_not_trusted(
    dorn_people: int, where: str
) -> None:
    gazetteer = Gazetteer()
    gazetteer.add(city("Ravel", "AAA", 3_000, 1), ["Ravel"])
    gazetteer.add(city("Dorn", "BBB", dorn_people, 2), ["Dorn"])
    doc = _sentence()
    ravel, dorn = doc.ents
    inner, container = gazetteer.resolve("Ravel"), gazetteer.resolve("Dorn")
    assert inner is not None and container is not None
    place = _inside(gazetteer, ravel, inner, dorn, container, (), False)
    assert place.country == where


def test_a_namesake_gives_way_when_two_names_around_it_agree() -> None:
    gazetteer = Gazetteer()
    gazetteer.add(city("Ravel", "AAA", 900_000, 1), ["Ravel"])
    gazetteer.add(city("Dorn", "BBB", 3_000, 2), ["Dorn"])
    doc = _sentence()
    ravel, dorn = doc.ents
    inner, container = gazetteer.resolve("Ravel"), gazetteer.resolve("Dorn")
    assert inner is not None and container is not None
    assert _inside(gazetteer, ravel, inner, dorn, container, (), True).country == "BBB"
    assert _inside(gazetteer, ravel, inner, dorn, container, (), False).country == "AAA"
