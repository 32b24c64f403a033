"""Relations that follow from what the article names, beyond the patterns a sentence states.

Three sources, each with the sentence that grounds it as evidence:
- the knowledge base: a relation it records (Iran sponsors Kataib Hezbollah) between two actors one
  sentence of the article names together, valid at publication, grounded in that sentence; a
  person's office (Zelensky leader_of Ukraine) needs only the person and the body named somewhere in
  the article, since a leader is named for the office he holds, grounded in the person's first
  sentence. A recorded hostility is not restated from two names in one sentence: who fights whom is
  what the events report, and a sentence naming both sides rarely says they are at war;
- institutions: a state's army or police that the article names with its state ("Pakistan's army",
  "the Congolese army", the IRGC) is part of that state; a bare "police" or "the army" that we took to
  be the article's country's is our reading, not the text's, and grounds nothing.
Who fights whom is not inferred here: the events carry it, and the actor network draws their dyads
as edges of its own, so an attack is not counted twice.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping, Sequence
from datetime import date

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from flashpoint.extraction.mentions import Mention
from flashpoint.knowledge.actors import KnowledgeBase
from flashpoint.records import Relation, Span
from flashpoint.taxonomy import STATE_FORCES, ActorKind, Predicate

#: Mentions whose actor we inferred (a bare noun localised to the article's country, a pronoun).
_READ_INTO = frozenset({"NOUN", "PRON"})


def inferred_relations(
    doc: Doc, mentions: Sequence[Mention], kb: KnowledgeBase, published: date | None
) -> list[Relation]:
    """Knowledge-base and institutional relations among the article's actors."""
    # (found once: `token.sent` builds two Spans on every call)
    by_start = {sent.start: sent for sent in doc.sents}
    sentences = _sentences_of(mentions, list(by_start))
    found: list[Relation] = []
    for actor_id in sentences:
        for relation in kb.relations_of(actor_id):
            if relation.subject != actor_id or relation.object not in sentences:
                continue
            if relation.predicate == Predicate.OPPOSES:
                continue
            if not _valid(relation.valid_from, relation.valid_to, published):
                continue
            office = relation.predicate == Predicate.LEADER_OF and _is_person(kb, relation.subject)
            if not office and not set(sentences[relation.subject]) & set(sentences[relation.object]):
                continue  # the article never names the two together: nothing here grounds it
            found.append(
                _grounded(by_start, sentences, relation.subject, relation.predicate, relation.object, "kb")
            )
    # A government is the state as analysts count it, so only the forces are recorded as its parts.
    for mention in mentions:
        if (
            mention.kind in STATE_FORCES
            and mention.label not in _READ_INTO
            and mention.country
            and mention.country in sentences
            and mention.actor_id != mention.country
        ):
            found.append(
                _grounded(
                    by_start, sentences, mention.actor_id, Predicate.PART_OF, mention.country, "institution"
                )
            )
    return found


def _is_person(kb: KnowledgeBase, actor_id: str) -> bool:
    actor = kb.get(actor_id)
    return actor is not None and actor.kind == ActorKind.PERSON


def _valid(valid_from: str | None, valid_to: str | None, published: date | None) -> bool:
    if published is None:
        return True
    day = published.isoformat()
    return (valid_from is None or valid_from[:10] <= day) and (valid_to is None or day <= valid_to[:10])


def _sentences_of(mentions: Sequence[Mention], sentence_starts: Sequence[int]) -> dict[str, list[int]]:
    """For each actor, the start tokens of the sentences that name it, in order (`sentence_starts`:
    the Doc's, in order)."""
    found: dict[str, list[int]] = {}
    for mention in mentions:
        start = sentence_starts[bisect_right(sentence_starts, mention.token_start) - 1]
        starts = found.setdefault(mention.actor_id, [])
        if start not in starts:
            starts.append(start)
    return found


def _grounded(
    by_start: Mapping[int, SpacySpan],
    sentences: dict[str, list[int]],
    subject: str,
    predicate: str,
    obj: str,
    basis: str,
) -> Relation:
    shared = [s for s in sentences[subject] if s in sentences[obj]]
    sent = by_start[(shared or sentences[subject])[0]]
    text = sent.text.rstrip()
    return Relation(
        subject=subject,
        predicate=predicate,
        object=obj,
        evidence=Span(start=sent.start_char, end=sent.start_char + len(text), text=text),
        basis=basis,
    )
