"""Numbers: how many died in an event, and how many events a count names ("over 150 attacks").

We follow ACLED's conventions because analysts know them: the lowest credible figure ("at least 12"
is 12, "between 10 and 15" is 10); vague words map to fixed numbers ("several" 3, "dozens" 12,
"hundreds" 100, listed in the lexicon); victims listed together add up ("two civilians and a
soldier" is 3); a single victim named with "a" or by a singular noun is 1. The wounded are not
fatalities, and a count of attacks is a count, never a death toll.
"""

from __future__ import annotations

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from flashpoint.extraction.clauses import lost_object
from flashpoint.extraction.words import words_of
from flashpoint.knowledge.lexicon import Lexicon, number_words

_NUMBERS = number_words()
_UNITS = _NUMBERS.cardinals
_SCALES = _NUMBERS.scales
_NOT_VICTIMS = frozenset({"people", "toll"})


def number_value(token: Token, lexicon: Lexicon) -> int | None:
    """The integer a number token (with its compound parts) stands for, or None."""
    text = token.lower_.replace(",", "")
    if text.isdigit():
        value = int(text)
        for child in token.children:
            if child.dep_ == "compound" and child.lower_ in _SCALES:
                value *= _SCALES[child.lower_]
        return value
    if text in lexicon.vague_numbers:
        return lexicon.vague_numbers[text]
    words = [t.lower_ for t in token.subtree if t.dep_ in {"compound", "nummod", "quantmod"} or t is token]
    return _words_to_int([w for w in words if w in _UNITS or w in _SCALES or w == "-"] or [text])


def _words_to_int(words: list[str]) -> int | None:
    total, current, seen = 0, 0, False
    for word in words:
        if word in _UNITS:
            current += _UNITS[word]
            seen = True
        elif word in _SCALES:
            current = max(current, 1) * _SCALES[word]
            if _SCALES[word] >= 1000:
                total, current = total + current, 0
            seen = True
    return total + current if seen else None


def _quantity_of(noun: Token, lexicon: Lexicon) -> int | None:
    """How many a noun phrase counts: '12 people', 'seven', 'a soldier', 'dozens of civilians'."""
    if noun.like_num or noun.lower_ in lexicon.vague_numbers:
        return number_value(noun, lexicon)
    for child in noun.children:
        if child.dep_ == "nummod" or (child.dep_ == "amod" and child.lower_ in lexicon.vague_numbers):
            return number_value(child, lexicon)
    head = noun.head
    if (
        noun.dep_ == "pobj"
        and head.lower_ == "of"
        and (head.head.like_num or head.head.lower_ in lexicon.vague_numbers)
    ):
        return number_value(head.head, lexicon)  # "dozens of civilians"
    if noun.tag_ in {"NN", "NNP"} and noun.lower_ not in _NOT_VICTIMS:
        return 1  # "a soldier", "the commander"
    if noun.lower_ in {"him", "her"}:
        return 1  # "leaving him dead"
    return None


def _victims(noun: Token, lexicon: Lexicon) -> int | None:
    """The count of a victim phrase, adding conjoined victims: 'two civilians and a soldier' -> 3."""
    first = _quantity_of(noun, lexicon)
    if first is None:
        return None
    total = first
    for conj in noun.conjuncts:
        if conj.i > noun.i:
            value = _quantity_of(conj, lexicon)
            if value is not None:
                total += value
    return total


def fatalities_of(trigger: Token, lexicon: Lexicon) -> int | None:
    """Deaths the trigger's own clause reports, or None where the text gives no figure."""
    lemma = trigger.lemma_.lower()
    if lemma in lexicon.death_verbs:
        return _death_verb_victims(trigger, lexicon)
    return None


def _death_verb_victims(verb: Token, lexicon: Lexicon) -> int | None:
    lemma = verb.lemma_.lower()
    passive = any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children)
    if lemma in {"die", "perish"}:
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        return _victims(subject, lexicon) if subject is not None else None
    if passive:
        subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        if subject is None and verb.dep_ == "xcomp":
            # "Eleven people were reported to have been killed": the dead are the reporting verb's subject
            subject = next((c for c in verb.head.children if c.dep_ in {"nsubjpass", "nsubj"}), None)
        if subject is None and verb.dep_ == "acl":
            subject = verb.head  # "resulting in one person being killed"
        return _victims(subject, lexicon) if subject is not None else None
    bare = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if (
        verb.tag_ in {"VBN", "VBD"}
        and bare is not None
        and bare.like_num
        and not any(c.dep_ in {"dobj", "obj"} for c in verb.children)
    ):
        return number_value(bare, lexicon)  # a headline's "2 killed in bomb blast": the number are the dead
    if (
        verb.tag_ == "VBN"
        and verb.dep_ in {"xcomp", "oprd"}
        and not any(c.dep_ == "dobj" for c in verb.children)
    ):
        # "460 patients were reported killed", "leaving him killed": the dead are the subject of the
        # reporting verb, or the object of "leave"
        subject = next((c for c in verb.head.children if c.dep_ == "nsubjpass"), None) or next(
            (
                c
                for c in verb.head.children
                if c.dep_ in {"dobj", "obj"} and verb.head.lemma_.lower() == "leave"
            ),
            None,
        )
        if subject is not None:
            return _victims(subject, lexicon)
    if verb.dep_ in {"acl", "amod"} and verb.tag_ == "VBN":
        found = _victims(verb.head, lexicon)  # "seven members killed in a strike"
        if found is None:
            # "the coffins of seven members killed in a strike": the parse hangs "killed" on the coffins
            of = next((c for c in verb.head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            owner = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
            found = _victims(owner, lexicon) if owner is not None else None
        return found
    obj = next((c for c in verb.children if c.dep_ in {"dobj", "obj"}), None) or lost_object(verb)
    return _victims(obj, lexicon) if obj is not None else None


def sentence_fatalities(sent: SpacySpan, lexicon: Lexicon) -> list[tuple[int, int]]:
    """(token index, deaths) for every death report in a sentence: verbs, 'N dead', 'death toll of N'."""
    found: list[tuple[int, int]] = []
    words = words_of(sent.doc)
    for i in range(sent.start, sent.end):
        # (each word's forms are read once per Doc; a word that none of the tests below can be true of
        # is passed over without making its Token)
        lemma = words.lemmas[i]
        word = words.lowers[i]
        if not (
            lemma in lexicon.death_verbs or lemma in _FIGURE_VERBS or lemma == "toll" or word in _DEATH_WORDS
        ):
            continue
        token = sent.doc[i]
        value: int | None = None
        if lemma in lexicon.death_verbs and token.pos_ in {"VERB", "ADJ"}:
            value = _death_verb_victims(token, lexicon)
        elif word == "dead" and token.dep_ in {"amod", "acomp", "oprd", "ccomp", "xcomp", "advmod"}:
            holder = _left_dead(token) or (token.head if token.dep_ == "amod" else _dead_one(token.head))
            value = _victims(holder, lexicon) if holder is not None else None
        elif word in _COUNTED_DEAD_WORDS and _counted_dead(token):  # "12 dead", "confirmed 4 fatalities"
            value = next((number_value(c, lexicon) for c in token.children if c.dep_ == "nummod"), None)
        elif word == "death" and token.pos_ == "NOUN":
            # "resulted in the death of a farmer": whose death it was
            dead = next(
                (
                    g
                    for c in token.children
                    if c.dep_ == "prep" and c.lower_ == "of"
                    for g in c.children
                    if g.dep_ == "pobj"
                ),
                None,
            )
            value = _victims(dead, lexicon) if dead is not None else None
        elif lemma == "toll":
            value = _toll(token, lexicon)
        elif lemma in _FIGURE_VERBS and token.pos_ == "VERB":
            value = _put_at(token, lexicon)
        if value is not None and value > 0:
            found.append((token.i, value))
    return found


#: The words `_counted_dead` can be true of.
_COUNTED_DEAD_WORDS = frozenset({"dead", "deaths", "fatalities"})
#: The words (lower-case) of the death reports `sentence_fatalities` reads besides the lexicon's verbs.
_DEATH_WORDS = _COUNTED_DEAD_WORDS | {"death"}


def _counted_dead(token: Token) -> bool:
    """'dead' standing as a noun, or 'deaths' and 'fatalities': a number on it counts the dead."""
    if token.lower_ == "dead":
        return token.dep_ in {"nsubj", "ROOT", "dobj", "pobj", "appos", "conj"}
    return token.lower_ in {"deaths", "fatalities"} and token.pos_ == "NOUN"


def _left_dead(dead: Token) -> Token | None:
    """'a strike that left three troops dead hit a base': the parser may hang "dead" on a later verb;
    right after the object of "leave" it still describes that object."""
    before = dead.doc[dead.i - 1] if dead.i > 0 else None
    if before is not None and before.dep_ in {"dobj", "obj"} and before.head.lemma_.lower() == "leave":
        return before
    return None


def _dead_one(verb: Token) -> Token | None:
    """Who 'dead' describes: the object of "shot dead a trader", else the subject of "were left dead"."""
    children = list(verb.children)
    return next((c for c in children if c.dep_ in {"dobj", "obj"}), None) or next(
        (c for c in children if c.dep_ in {"nsubj", "nsubjpass"}), None
    )


#: Verbs and nouns of giving a figure: "put the number at 15", "estimated the toll at 40".
_FIGURE_VERBS = frozenset({"put", "place", "estimate"})
_FIGURES = frozenset({"number", "toll", "figure", "tally", "count"})


def figure_given(verb: Token) -> Token | None:
    """The figure a source gives with its own number ("put the number of soldiers killed at 15",
    "officials placed the toll at 40"): the verb's object when it is a figure noun, else None."""
    if verb.lemma_.lower() not in _FIGURE_VERBS:
        return None
    figure = next((c for c in verb.children if c.dep_ in {"dobj", "obj"}), None)
    return figure if figure is not None and figure.lemma_.lower() in _FIGURES else None


def _put_at(verb: Token, lexicon: Lexicon) -> int | None:
    """'put the number of soldiers killed at 15', 'placed the death toll at nine'."""
    figure = figure_given(verb)
    if figure is None:
        return None
    if not any(
        t.lemma_.lower() in lexicon.death_verbs or t.lower_ in lexicon.death_nouns for t in figure.subtree
    ):
        return None  # "put the number of displaced at 2,000" is not a death toll
    # The parser hangs "at 15" on the verb or, as often, inside the figure's phrase.
    for child in (*verb.children, *figure.subtree):
        if child.dep_ == "prep" and child.lower_ == "at":
            amount = next((c for c in child.children if c.dep_ == "pobj"), None)
            if amount is not None and (amount.like_num or amount.lower_ in lexicon.vague_numbers):
                return number_value(amount, lexicon)
    return None


def _toll(token: Token, lexicon: Lexicon) -> int | None:
    """'the death toll rose to 15', 'a death toll of 9'."""
    for descendant in token.head.subtree if token.dep_ in {"nsubj"} else token.subtree:
        if descendant.like_num and descendant.i > token.i:
            return number_value(descendant, lexicon)
    return None


def count_of(trigger: Token, lexicon: Lexicon) -> int | None:
    """How many events an event noun counts: 'over 150 attacks' -> 150, 'dozens of strikes' -> 12."""
    if trigger.pos_ not in {"NOUN", "PROPN"} or trigger.tag_ not in {"NNS", "NNPS"}:
        return None
    for child in trigger.children:
        if child.dep_ == "nummod" or (child.dep_ == "amod" and child.lower_ in lexicon.vague_numbers):
            return number_value(child, lexicon)
    head = trigger.head
    if (
        trigger.dep_ == "pobj"
        and head.lower_ == "of"
        and (head.head.like_num or head.head.lower_ in lexicon.vague_numbers)
    ):
        return number_value(head.head, lexicon)
    return None
