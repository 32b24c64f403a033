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
