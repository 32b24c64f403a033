"""The lexicon files load, and every trigger names a real PLOVER type and one of its modes."""

from __future__ import annotations

from flashpoint.knowledge.lexicon import load_lexicon
from flashpoint.taxonomy import MODES, PloverType, Status


def test_lexicon_triggers_use_the_taxonomy() -> None:
    lexicon = load_lexicon()
    for plover, mode in [*lexicon.verbs.values(), *lexicon.nouns.values()]:
        assert isinstance(plover, PloverType)
        assert mode is None or mode in MODES[plover]


def test_lexicon_status_cues_cover_every_non_default_status() -> None:
    statuses = set(load_lexicon().status_cues.values())
    assert {Status.THREATENED, Status.PLANNED, Status.PREDICTED, Status.DENIED, Status.ONGOING} <= statuses


def test_lexicon_vague_numbers_follow_acled() -> None:
    numbers = load_lexicon().vague_numbers
    assert (numbers["several"], numbers["dozens"], numbers["hundreds"]) == (3, 12, 100)


def test_lexicon_phrase_openers_and_closers_cover_every_entry_of_several_words() -> None:
    lexicon = load_lexicon()
    for entry in lexicon.verbs:
        words = entry.split(" ")
        for k in range(1, len(words)):
            assert " ".join(words[:k]) in lexicon.verb_phrase_openers  # "take", "take to" of "take to street"
    for entry in lexicon.nouns:
        words = entry.split(" ")
        for k in range(1, len(words)):
            assert " ".join(words[k:]) in lexicon.noun_phrase_closers  # "strike" of "hunger strike"
    assert "take" in lexicon.verb_phrase_openers and "strike" in lexicon.noun_phrase_closers
    assert "attack" not in lexicon.verb_phrase_openers  # a verb of one word: its children are not read
