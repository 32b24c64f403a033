"""Which date and place expressions belong to an event, nearest in the parse first.

Coders that stamp every event with the publication date, or with the first place in the article,
are wrong whenever an article recalls an earlier event. So the expressions are ranked: those inside
the trigger's own phrase ("the strike in Damascus on Monday"), then those attached to the clause the
trigger belongs to ("On Monday, gunmen attacked ..."), then the rest of the sentence, then the
paragraph before it. The caller resolves them in that order and keeps the first that resolves.
"""

from __future__ import annotations

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

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


def date_expressions(trigger: Token) -> list[SpacySpan]:
    """DATE entities of the sentence, nearest in the parse first, then the paragraph's, latest first."""
    sent = trigger.sent
    in_sentence = [e for e in sent.ents if e.label_ == "DATE"]
    earlier = [e for e in _paragraph_before(sent).ents if e.label_ == "DATE"] if sent.start else []
    return _ranked(trigger, in_sentence) + list(reversed(earlier))


def place_expressions(trigger: Token) -> list[SpacySpan]:
    """Place entities for the trigger: attached by a place preposition first, nearest in the parse first."""
    sent = trigger.sent
    places = [e for e in sent.ents if e.label_ in _PLACE_LABELS]
    attached = [
        e
        for e in places
        if (e.root.dep_ == "pobj" and e.root.head.lower_ in _PLACE_PREPS)
        or e.root.dep_ in {"compound", "nmod", "appos", "conj"}
    ]
    rest = [e for e in places if e not in attached]
    return _ranked(trigger, attached) + _ranked(trigger, rest)


def _paragraph_before(sent: SpacySpan) -> SpacySpan:
    """The text from the paragraph's start up to this sentence."""
    doc = sent.doc
    start = sent.start
    while start > 0 and "\n\n" not in doc[start - 1].text_with_ws and "\n\n" not in doc[start - 1].text:
        start -= 1
    return doc[start : sent.start]
