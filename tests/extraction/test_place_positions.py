"""Which names of a sentence stand where English puts a place, whatever label the model gave them.

The Docs are built by hand (words, heads, dependencies, entity labels), so these test the rules of
`place_expressions`, not the model's parse. Issue #4.
"""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from flashpoint.extraction.context import Entities, contains, place_expressions, possessive_stem

_VOCAB = spacy.blank("en").vocab  # English lexical attributes (lower case, shape)


def _doc(rows: list[tuple[str, int, str, str, str]]) -> Doc:
    """A Doc from (word, head index, dependency, part of speech, entity label or "") rows."""
    words = [row[0] for row in rows]
    ents = []
    previous = ""
    for _, _, _, _, label in rows:
        ents.append("O" if not label else (f"I-{label}" if label == previous else f"B-{label}"))
        previous = label
    return Doc(
        _VOCAB,
        words=words,
        heads=[row[1] for row in rows],
        deps=[row[2] for row in rows],
        pos=[row[3] for row in rows],
        lemmas=[row[0].lower() for row in rows],
        ents=ents,
    )


def _places(doc: Doc, trigger: int) -> list[str]:
    return [span.text for span in place_expressions(doc[trigger], Entities.of(doc))]


@pytest.mark.parametrize("label", ["PERSON", "NORP", "ORG", "PRODUCT"])
def test_place_expressions_offer_a_name_after_in_whatever_its_label(label: str) -> None:
    doc = _doc(
        [
            ("Gunmen", 1, "nsubj", "NOUN", ""),
            ("abducted", 1, "ROOT", "VERB", ""),
            ("farmers", 1, "dobj", "NOUN", ""),
            ("in", 1, "prep", "ADP", ""),
            ("Dorsa", 3, "pobj", "PROPN", label),
            (".", 1, "punct", "PUNCT", ""),
        ]
    )
    assert _places(doc, 1) == ["Dorsa"]


def test_place_expressions_pass_over_a_word_in_lower_case_the_model_took_for_a_name() -> None:
    doc = _doc(
        [
            ("Gunmen", 1, "nsubj", "NOUN", ""),
            ("abducted", 1, "ROOT", "VERB", ""),
            ("farmers", 1, "dobj", "NOUN", ""),
            ("in", 1, "prep", "ADP", ""),
            ("the", 5, "det", "DET", ""),
            ("bush", 3, "pobj", "NOUN", "PERSON"),
            (".", 1, "punct", "PUNCT", ""),
        ]
    )
    assert _places(doc, 1) == []


@pytest.mark.parametrize("bearing", ["east", "outskirts"])
def test_place_expressions_offer_a_name_after_a_bearing_and_of(bearing: str) -> None:
    doc = _doc(
        [
            ("Rebels", 1, "nsubj", "NOUN", ""),
            ("ambushed", 1, "ROOT", "VERB", ""),
            ("a", 3, "det", "DET", ""),
            ("convoy", 1, "dobj", "NOUN", ""),
            (bearing, 1, "advmod", "ADV", ""),
            ("of", 4, "prep", "ADP", ""),
            ("Tikrit", 5, "pobj", "PROPN", "NORP"),
            (".", 1, "punct", "PUNCT", ""),
        ]
    )
    assert _places(doc, 1) == ["Tikrit"]


def test_place_expressions_offer_a_name_before_a_plural_place_word() -> None:
    doc = _doc(
        [
            ("Raiders", 1, "nsubj", "NOUN", ""),
            ("burned", 1, "ROOT", "VERB", ""),
            ("the", 3, "det", "DET", ""),
            ("villages", 1, "dobj", "NOUN", ""),
            ("of", 3, "prep", "ADP", ""),
            ("Dorsa", 4, "pobj", "PROPN", "PERSON"),
            (".", 1, "punct", "PUNCT", ""),
        ]
    )
    doc[3].lemma_ = "village"
    assert _places(doc, 1) == ["Dorsa"]


def _kobe(first: str, second: str, label: str) -> Doc:
    """'Gunmen killed herders in Kobe village (<first>, <second>).'"""
    return _doc(
        [
            ("Gunmen", 1, "nsubj", "NOUN", ""),
            ("killed", 1, "ROOT", "VERB", ""),
            ("herders", 1, "dobj", "NOUN", ""),
            ("in", 1, "prep", "ADP", ""),
            ("Kobe", 5, "compound", "PROPN", "GPE"),
            ("village", 3, "pobj", "NOUN", ""),
            ("(", 7, "punct", "PUNCT", ""),
            (first, 5, "appos", "PROPN", label),
            (",", 7, "punct", "PUNCT", ""),
            (second, 7, "conj", "PROPN", label),
            (")", 7, "punct", "PUNCT", ""),
            (".", 1, "punct", "PUNCT", ""),
        ]
    )


def test_place_expressions_offer_the_district_and_province_in_brackets_after_a_village() -> None:
    assert _places(_kobe("Bokoro", "Dongo", "PERSON"), 1) == ["Kobe", "Bokoro", "Dongo"]


def test_an_acronym_in_brackets_is_not_offered_as_a_place() -> None:
    assert _places(_kobe("UNHCR", "WFP", "ORG"), 1) == ["Kobe"]


def test_a_town_written_before_its_country_comes_first() -> None:
    """'In Kassala, Sudan, a protest took place.': the country is nearer the trigger, yet the town is
    the spot."""
    doc = _doc(
        [
            ("In", 7, "prep", "ADP", ""),
            ("Kassala", 0, "pobj", "PROPN", "GPE"),
            (",", 1, "punct", "PUNCT", ""),
            ("Sudan", 1, "appos", "PROPN", "GPE"),
            (",", 7, "punct", "PUNCT", ""),
            ("a", 6, "det", "DET", ""),
            ("protest", 7, "nsubj", "NOUN", ""),
            ("took", 7, "ROOT", "VERB", ""),
            ("place", 7, "dobj", "NOUN", ""),
            (".", 7, "punct", "PUNCT", ""),
        ]
    )
    assert _places(doc, 6) == ["Kassala", "Sudan"]


def test_places_in_a_list_keep_their_order() -> None:
    """'In Kassala, Gedaref and Sennar, protests took place.': a list, not a town in a province."""
    doc = _doc(
        [
            ("In", 7, "prep", "ADP", ""),
            ("Kassala", 0, "pobj", "PROPN", "GPE"),
            (",", 1, "punct", "PUNCT", ""),
            ("Gedaref", 1, "conj", "PROPN", "GPE"),
            ("and", 3, "cc", "CCONJ", ""),
            ("Sennar", 3, "conj", "PROPN", "GPE"),
            ("protests", 7, "nsubj", "NOUN", ""),
            ("took", 7, "ROOT", "VERB", ""),
            ("place", 7, "dobj", "NOUN", ""),
            (".", 7, "punct", "PUNCT", ""),
        ]
    )
    assert _places(doc, 6) == ["Gedaref", "Kassala", "Sennar"]  # nearest first: none is inside another


def test_two_place_entities_that_touch_are_one_name() -> None:
    """'Shells hit Abu Nasir town.', the model having cut the name in two."""
    doc = _doc(
        [
            ("Shells", 1, "nsubj", "NOUN", ""),
            ("hit", 1, "ROOT", "VERB", ""),
            ("Abu", 3, "compound", "PROPN", "GPE"),
            ("Nasir", 4, "compound", "PROPN", "GPE"),
            ("town", 1, "dobj", "NOUN", ""),
            (".", 1, "punct", "PUNCT", ""),
        ]
    )
    assert _places(doc, 1) == ["Abu Nasir"]


def test_an_entity_with_a_comma_inside_is_two_names() -> None:
    """'Crowds marched in Kobe village (Bokoro, Dongo).', the bracket read as one entity."""
    doc = _doc(
        [
            ("Crowds", 1, "nsubj", "NOUN", ""),
            ("marched", 1, "ROOT", "VERB", ""),
            ("in", 1, "prep", "ADP", ""),
            ("Kobe", 4, "compound", "PROPN", "GPE"),
            ("village", 2, "pobj", "NOUN", ""),
            ("(", 6, "punct", "PUNCT", ""),
            ("Bokoro", 4, "appos", "PROPN", "WORK_OF_ART"),
            (",", 6, "punct", "PUNCT", "WORK_OF_ART"),
            ("Dongo", 6, "conj", "PROPN", "WORK_OF_ART"),
            (")", 6, "punct", "PUNCT", ""),
            (".", 1, "punct", "PUNCT", ""),
        ]
    )
    assert _places(doc, 1) == ["Kobe", "Bokoro", "Dongo"]


def _mine(last: str) -> Doc:
    """'A mine exploded near Tarfa in eastern Bakool <last>.'"""
    return _doc(
        [
            ("A", 1, "det", "DET", ""),
            ("mine", 2, "nsubj", "NOUN", ""),
            ("exploded", 2, "ROOT", "VERB", ""),
            ("near", 2, "prep", "ADP", ""),
            ("Tarfa", 3, "pobj", "PROPN", "GPE"),
            ("in", 4, "prep", "ADP", ""),
            ("eastern", 7, "amod", "ADJ", ""),
            ("Bakool", 5, "pobj", "PROPN", "GPE"),
            (last, 2, "npadvmod", "NOUN", ""),
            (".", 2, "punct", "PUNCT", ""),
        ]
    )


@pytest.mark.parametrize(("last", "inside"), [("countryside", True), ("province", True), ("today", False)])
def test_a_place_in_a_part_of_a_named_region_is_inside_it(last: str, inside: bool) -> None:
    doc = _mine(last)
    assert contains(doc[7:8], doc[4:5]) is inside


def test_a_district_named_after_a_village_and_a_comma_is_offered() -> None:
    """'A mine killed a boy in Kobe village, Dorsa district.', the district's name taken for a person."""
    doc = _doc(
        [
            ("A", 1, "det", "DET", ""),
            ("mine", 2, "nsubj", "NOUN", ""),
            ("killed", 2, "ROOT", "VERB", ""),
            ("a", 4, "det", "DET", ""),
            ("boy", 2, "dobj", "NOUN", ""),
            ("in", 2, "prep", "ADP", ""),
            ("Kobe", 7, "compound", "PROPN", "GPE"),
            ("village", 5, "pobj", "NOUN", ""),
            (",", 10, "punct", "PUNCT", ""),
            ("Dorsa", 10, "compound", "PROPN", "PERSON"),
            ("district", 2, "npadvmod", "NOUN", ""),
            (".", 2, "punct", "PUNCT", ""),
        ]
    )
    assert _places(doc, 2) == ["Kobe", "Dorsa"]


def test_a_place_in_the_name_of_a_company_ranks_after_the_place_of_the_event() -> None:
    """'Workers at the Kassala Sugar Company blocked roads in Dorsa.'"""
    doc = _doc(
        [
            ("Workers", 6, "nsubj", "NOUN", ""),
            ("at", 0, "prep", "ADP", ""),
            ("the", 5, "det", "DET", ""),
            ("Kassala", 5, "compound", "PROPN", "GPE"),
            ("Sugar", 5, "compound", "PROPN", ""),
            ("Company", 1, "pobj", "PROPN", ""),
            ("blocked", 6, "ROOT", "VERB", ""),
            ("roads", 6, "dobj", "NOUN", ""),
            ("in", 6, "prep", "ADP", ""),
            ("Dorsa", 8, "pobj", "PROPN", "PERSON"),
            (".", 6, "punct", "PUNCT", ""),
        ]
    )
    places = _places(doc, 6)
    assert places.index("Dorsa") < places.index("Kassala")


@pytest.mark.parametrize("word", ["woreda", "tehsil", "upazila", "commune", "prefecture"])
def test_a_name_before_a_local_word_for_a_district_is_offered(word: str) -> None:
    doc = _doc(
        [
            ("Clashes", 1, "nsubj", "NOUN", ""),
            ("erupted", 1, "ROOT", "VERB", ""),
            ("in", 1, "prep", "ADP", ""),
            ("Dorsa", 4, "compound", "PROPN", "PERSON"),
            (word, 2, "pobj", "NOUN", ""),
            (".", 1, "punct", "PUNCT", ""),
        ]
    )
    assert _places(doc, 1) == ["Dorsa"]


def _market_of(owner: str, label: str = "", before: tuple[str, str] | None = None) -> Doc:
    """'Gunmen raided [before] OWNER main market.'"""
    rows = [("Gunmen", 1, "nsubj", "NOUN", ""), ("raided", 1, "ROOT", "VERB", "")]
    if before is not None:
        rows.append((before[0], 4 if before[1] else 5, "amod", "ADJ", ""))
        if before[1]:
            rows.append((before[1], 4, "punct", "PUNCT", ""))
    first = len(rows)
    rows += [
        (owner, first + 2, "nmod", "PROPN", label),
        ("main", first + 2, "amod", "ADJ", ""),
        ("market", 1, "dobj", "NOUN", ""),
        (".", 1, "punct", "PUNCT", ""),
    ]
    return _doc(rows)


@pytest.mark.parametrize("label", ["", "ORG", "PERSON"])
def test_a_possessive_written_without_its_apostrophe_is_offered_as_its_place(label: str) -> None:
    """'Gunmen raided Kismayos main market.': notes often drop the apostrophe. Issue #4."""
    doc = _market_of("Kismayos", label)
    assert _places(doc, 1) == ["Kismayos"]
    assert possessive_stem(doc[2:3]) == "Kismayo"


def test_a_name_after_a_prefix_is_not_a_possessive() -> None:
    """'Gunmen raided anti-Hamas main market.': a prefixed name is a name, whatever its last letter."""
    doc = _market_of("Hamas", "ORG", before=("anti", "-"))
    assert possessive_stem(doc[4:5]) is None


@pytest.mark.parametrize("word", ["Kismayo", "Goma", "Gaos"])
def test_a_name_without_a_final_s_or_too_short_is_not_a_possessive(word: str) -> None:
    doc = _market_of(word)
    assert possessive_stem(doc[2:3]) is None


def test_a_name_before_its_place_word_is_not_a_possessive() -> None:
    """'Gunmen raided Kassas district.' names a district called Kassas."""
    doc = _doc(
        [
            ("Gunmen", 1, "nsubj", "NOUN", ""),
            ("raided", 1, "ROOT", "VERB", ""),
            ("Kassas", 3, "compound", "PROPN", ""),
            ("district", 1, "dobj", "NOUN", ""),
            (".", 1, "punct", "PUNCT", ""),
        ]
    )
    assert possessive_stem(doc[2:3]) is None
