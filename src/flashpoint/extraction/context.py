"""Which date and place expressions belong to an event, nearest in the parse first.

Coders that stamp every event with the publication date, or with the first place in the article,
are wrong whenever an article recalls an earlier event. So the expressions are ranked: those inside
the trigger's own phrase ("the strike in Damascus on Monday"), then those attached to the clause the
trigger belongs to ("On Monday, gunmen attacked ..."), then the rest of the sentence, then the
paragraph before it. The caller resolves them in that order and keeps the first that resolves.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_PLACE_PREPS = frozenset(
    {
        "in",
        "at",
        "near",
        "outside",
        "across",
        "into",
        "inside",
        "around",
        "on",
        "from",
        "off",
        "over",
        "along",
        "through",
        "throughout",
        "toward",
        "towards",
        "of",
    }
)


def _clause_head(trigger: Token) -> Token:
    """The verb whose clause the trigger is in (the trigger itself if it is a verb)."""
    node = trigger
    for _ in range(6):
        if node.pos_ in {"VERB", "AUX"} or node.head is node:
            return node
        node = node.head
    return node


def _ranked(trigger: Token, spans: list[SpacySpan]) -> list[SpacySpan]:
    own = {t.i for t in trigger.subtree}
    clause = _clause_head(trigger)
    clause_tokens = {t.i for t in clause.subtree}
    direct = {c.i for c in clause.children} | {g.i for c in clause.children for g in c.children}

    def rank(span: SpacySpan) -> tuple[int, int]:
        if span.root.i in own:
            tier = 0
        elif span.root.i in direct or span.root.head.i in direct:
            tier = 1
        elif span.root.i in clause_tokens:
            tier = 2
        else:
            tier = 3
        return tier, abs(span.root.i - trigger.i)

    return sorted(spans, key=rank)


@dataclass(frozen=True, slots=True)
class Entities:
    """A Doc's entities, read once: `doc.ents` builds new Span objects on every access, and every
    event of an article asks for them."""

    all: tuple[SpacySpan, ...]

    @classmethod
    def of(cls, doc: Doc) -> Entities:
        return cls(all=tuple(doc.ents))

    def within(self, start: int, end: int, labels: frozenset[str]) -> list[SpacySpan]:
        """The entities with one of `labels` inside tokens [start, end)."""
        return [e for e in self.all if start <= e.start and e.end <= end and e.label_ in labels]


_DATE_LABELS = frozenset({"DATE"})


def date_expressions(trigger: Token, entities: Entities) -> list[SpacySpan]:
    """DATE entities of the sentence, nearest in the parse first, then the paragraph's, latest first."""
    sent = trigger.sent
    in_sentence = entities.within(sent.start, sent.end, _DATE_LABELS)
    earlier = entities.within(_paragraph_start(sent), sent.start, _DATE_LABELS) if sent.start else []
    return _ranked(trigger, in_sentence) + list(reversed(earlier))


def place_expressions(trigger: Token, entities: Entities) -> list[SpacySpan]:
    """Place entities for the trigger: attached by a place preposition first, nearest in the parse first."""
    sent = trigger.sent
    places = entities.within(sent.start, sent.end, _PLACE_LABELS)
    attached = [
        e
        for e in places
        if (e.root.dep_ == "pobj" and e.root.head.lower_ in _PLACE_PREPS)
        or e.root.dep_ in {"compound", "nmod", "appos", "conj"}
    ]
    rest = [e for e in places if e not in attached]
    return _ranked(trigger, attached) + _ranked(trigger, rest)


def _paragraph_start(sent: SpacySpan) -> int:
    """The index of the first token of the sentence's paragraph."""
    doc = sent.doc
    start = sent.start
    while start > 0 and "\n\n" not in doc[start - 1].text_with_ws and "\n\n" not in doc[start - 1].text:
        start -= 1
    return start
