"""The one spaCy pipeline Flashpoint runs, built once per process and passed to whoever needs it.

The small English model tags many towns and armed groups wrongly ("El Fasher" as ORG, "Al-Shabaab"
as PERSON), so an entity_ruler placed before `ner` first marks every name the knowledge base and the
gazetteer know. Its matches carry the knowledge-base id in `ent_id_`, which spares the linker a
second lookup, and `ner` keeps labelling what the ruler does not know.
"""

from __future__ import annotations

import functools

import spacy
from spacy.language import Language

from flashpoint.config import SPACY_PIPELINE
from flashpoint.knowledge.actors import load_knowledge_base
from flashpoint.knowledge.lexicon import load_lexicon
from flashpoint.knowledge.places import load_gazetteer
from flashpoint.nlp import components

#: Components Flashpoint does not use; excluding them makes parsing about a fifth faster.
_EXCLUDED: tuple[str, ...] = ("senter",)


def build_nlp(*, with_ruler: bool = True) -> Language:
    """A fresh pipeline: the pinned English model plus, by default, the knowledge-base entity rulers.

    Two rulers, because they match differently: actor names case-insensitively ("the houthis" in a
    headline), place names only as written, since many towns share their name with a common word.
    Both hold phrase patterns; a hundred thousand token patterns would make parsing a hundred times
    slower. Actors run second and win overlaps, since their matches carry knowledge-base ids.
    """
    nlp = spacy.load(SPACY_PIPELINE, exclude=list(_EXCLUDED))
    nlp.add_pipe(components.PARAGRAPH_BREAKS, before="parser")
    if with_ruler:
        rulers = (
            ("flashpoint_places", "ORTH", load_gazetteer().ruler_patterns()),
            ("flashpoint_actors", "LOWER", load_knowledge_base().ruler_patterns()),
        )
        for name, attr, patterns in rulers:
            ruler = nlp.add_pipe(
                "future_entity_ruler",
                name=name,
                before="ner",
                config={"overwrite_ents": True, "phrase_matcher_attr": attr},
            )
            with nlp.select_pipes(enable=[]):
                ruler.add_patterns(patterns)  # type: ignore[attr-defined]
        dates = nlp.add_pipe(
            "future_entity_ruler", name="flashpoint_dates", before="ner", config={"overwrite_ents": True}
        )
        dates.add_patterns(components.date_patterns(load_lexicon().month_names))  # type: ignore[attr-defined]
        nlp.add_pipe(components.NAMES_NOT_PLACES, before="ner")
    return nlp


@functools.cache
def shared_nlp() -> Language:
    """The process-wide pipeline, built on first use (never at import time)."""
    return build_nlp()
