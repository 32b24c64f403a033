"""Clause helpers on parses written by hand, so that a parser's mistake can be tested on purpose."""

from __future__ import annotations

from spacy.tokens import Doc
from spacy.vocab import Vocab

from flashpoint.extraction.clauses import lost_object


def _doc(rows: list[tuple[str, int, str, str, str]]) -> Doc:
    """A Doc from (word, head index, dependency, coarse tag, fine tag) rows."""
    words, heads, deps, pos, tags = zip(*rows, strict=True)
    lemmas = [_LEMMAS.get(w, w.lower()) for w in words]
    return Doc(
        Vocab(),
        words=list(words),
        heads=list(heads),
        deps=list(deps),
        pos=list(pos),
        tags=list(tags),
        lemmas=lemmas,
    )


_LEMMAS = {"killed": "kill", "returned": "return", "has": "have", "guards": "guard", "fled": "flee"}


# "when a drone strike killed senior Hamas commander Marwan Issa, quiet has returned", parsed as the
# English model sometimes does: the commander's name made the subject of the main verb.
_MISPARSED = [
    ("when", 4, "advmod", "SCONJ", "WRB"),
    ("a", 3, "det", "DET", "DT"),
    ("drone", 3, "compound", "NOUN", "NN"),
    ("strike", 4, "nsubj", "NOUN", "NN"),
    ("killed", 13, "advcl", "VERB", "VBD"),
    ("senior", 8, "amod", "ADJ", "JJ"),
    ("Hamas", 7, "compound", "PROPN", "NNP"),
    ("commander", 8, "compound", "NOUN", "NN"),
    ("Marwan", 9, "compound", "PROPN", "NNP"),
    ("Issa", 13, "nsubj", "PROPN", "NNP"),
    (",", 13, "punct", "PUNCT", ","),
    ("quiet", 13, "nsubj", "NOUN", "NN"),
    ("has", 13, "aux", "AUX", "VBZ"),
    ("returned", 13, "ROOT", "VERB", "VBN"),
]


def test_lost_object_is_the_noun_phrase_right_after_the_verb() -> None:
    doc = _doc(_MISPARSED)
    found = lost_object(doc[4])
    assert found is not None and found.text == "Issa"


def test_lost_object_needs_a_verb_without_an_object_of_its_own() -> None:
    rows = [
        ("gunmen", 1, "nsubj", "NOUN", "NNS"),
        ("killed", 1, "ROOT", "VERB", "VBD"),
        ("two", 3, "nummod", "NUM", "CD"),
        ("guards", 1, "dobj", "NOUN", "NNS"),
    ]
    assert lost_object(_doc(rows)[1]) is None
    no_noun = [
        ("gunmen", 1, "nsubj", "NOUN", "NNS"),
        ("fled", 1, "ROOT", "VERB", "VBD"),
        (".", 1, "punct", "PUNCT", "."),
    ]
    assert lost_object(_doc(no_noun)[1]) is None


def test_a_killing_whose_object_was_lost_counts_the_named_dead() -> None:
    from flashpoint.extraction.quantities import fatalities_of
    from flashpoint.knowledge.lexicon import load_lexicon

    doc = _doc(_MISPARSED)
    assert fatalities_of(doc[4], load_lexicon()) == 1
