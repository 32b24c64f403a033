"""Relations that follow from what the article names, beyond the patterns a sentence states.

Three sources, each with the sentence that grounds it as evidence:
- the knowledge base: a relation it records (Iran sponsors Kataib Hezbollah) between two actors one
  clause of the article tells of together, valid at publication, grounded in that clause's sentence
  (a name in a clause of its own is told of something else: "the US pressed for a crackdown on
  groups that attack NATO forces" says nothing of the US in NATO); a
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

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from flashpoint.extraction.clauses import clause_head
from flashpoint.extraction.mentions import Mention
from flashpoint.knowledge.actors import KnowledgeBase
from flashpoint.knowledge.lexicon import load_lexicon
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
    starts = list(by_start)
    sentences = _sentences_of(mentions, starts)
    by_actor: dict[str, list[Mention]] = {}
    for mention in mentions:
        by_actor.setdefault(mention.actor_id, []).append(mention)
    found: list[Relation] = []
    for actor_id in sentences:
        for relation in kb.relations_of(actor_id):
            if relation.subject != actor_id or relation.object not in sentences:
                continue
            if relation.predicate == Predicate.OPPOSES:
                continue
            if not _valid(relation.valid_from, relation.valid_to, published):
                continue
            if relation.predicate == Predicate.LEADER_OF and _is_person(kb, relation.subject):
                found.append(
                    _grounded(
                        by_start, sentences, relation.subject, relation.predicate, relation.object, "kb"
                    )
                )
                continue
            told = _told_together(doc, starts, by_actor[relation.subject], by_actor[relation.object])
            if told is None:
                continue  # the article never tells of the two together: nothing here grounds it
            found.append(
                _relation(by_start[told], relation.subject, relation.predicate, relation.object, "kb")
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


def _told_together(
    doc: Doc, sentence_starts: Sequence[int], subjects: Sequence[Mention], objects: Sequence[Mention]
) -> int | None:
    """The start token of the first sentence with a clause that tells of a mention of each side
    (`subjects`, `objects`: the two actors' mentions; `sentence_starts`: the Doc's, in order), or None."""

    def start_of(mention: Mention) -> int:
        return sentence_starts[bisect_right(sentence_starts, mention.token_start) - 1]

    pairs = sorted(
        ((s, o) for s in subjects for o in objects if start_of(s) == start_of(o)),
        key=lambda pair: min(pair[0].token_start, pair[1].token_start),
    )
    for subject, obj in pairs:
        first, second = _phrase_root(doc, subject), _phrase_root(doc, obj)
        # each side's clause, looking through a clause that describes the other side
        reporting = load_lexicon().reporting_verbs
        if (
            clause_head(first, _described(second, obj), reporting).i
            == clause_head(second, _described(first, subject), reporting).i
        ):
            return start_of(subject)
    return None


def _phrase_root(doc: Doc, mention: Mention) -> Token:
    """The word of the mention that the rest of the sentence attaches it by."""
    inside = range(mention.token_start, mention.token_end)
    return doc[next((i for i in inside if doc[i].head.i not in inside or doc[i].head.i == i), inside[-1])]


#: Links by which a name stands in front of a noun for a thing of its own ("a Turkish drone").
_MODIFIER_DEPS = frozenset({"compound", "amod", "poss", "nmod"})


def _described(root: Token, mention: Mention) -> frozenset[int]:
    """The words a clause may describe and still tell of `mention` (`root`: its phrase root): its
    own, and the noun it names the owner of ("a Turkish drone [operated by the GNA]")."""
    words = set(range(mention.token_start, mention.token_end))
    if root.dep_ in _MODIFIER_DEPS:
        words.add(root.head.i)
    return frozenset(words)


def _grounded(
    by_start: Mapping[int, SpacySpan],
    sentences: dict[str, list[int]],
    subject: str,
    predicate: str,
    obj: str,
    basis: str,
) -> Relation:
    shared = [s for s in sentences[subject] if s in sentences[obj]]
    return _relation(by_start[(shared or sentences[subject])[0]], subject, predicate, obj, basis)


def _relation(sent: SpacySpan, subject: str, predicate: str, obj: str, basis: str) -> Relation:
    text = sent.text.rstrip()
    return Relation(
        subject=subject,
        predicate=predicate,
        object=obj,
        evidence=Span(start=sent.start_char, end=sent.start_char + len(text), text=text),
        basis=basis,
    )
