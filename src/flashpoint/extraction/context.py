"""Which date and place expressions belong to an event, nearest in the parse first.

Coders that stamp every event with the publication date, or with the first place in the article,
are wrong whenever an article recalls an earlier event. So the expressions are ranked: those inside
the trigger's own phrase ("the strike in Damascus on Monday"), then those attached to the clause the
trigger belongs to ("On Monday, gunmen attacked ..."), then the rest of the sentence, then the
paragraph before it. The caller resolves them in that order and keeps the first that resolves.

A place is whatever stands where English puts one, whatever label the small model gave it: after
"in", "near", "at" or "outside", before "village" or "district", after "east of" or "the town of",
or in a bracket of district and province after a place. The spot comes before the places the writing
puts it in ("in Kassala, Sudan"), and a place that begins an organisation's name ("the Kassala Sugar
Company") comes last.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.symbols import PROPN
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from flashpoint.extraction.clauses import in_cause_phrase
from flashpoint.extraction.words import words_of
from flashpoint.knowledge.lexicon import number_words
from flashpoint.knowledge.places import GENERIC_PLACE_WORDS

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
        if node.pos_ in {"VERB", "AUX"} or node.head.i == node.i:
            return node
        node = node.head
    return node


def _ranked(trigger: Token, spans: list[SpacySpan]) -> list[SpacySpan]:
    if len(spans) < 2:
        return list(spans)  # (most events: nothing to rank, and ranking reads the clause's words)
    # A subtree is a contiguous stretch of tokens (the English parses are projective), so "in the
    # subtree" is a range test: no Token objects are made for it.
    own = range(trigger.left_edge.i, trigger.right_edge.i + 1)
    clause = _clause_head(trigger)
    clause_tokens = range(clause.left_edge.i, clause.right_edge.i + 1)
    children = list(clause.children)
    direct = {c.i for c in children} | {g.i for c in children for g in c.children}

    def rank(span: SpacySpan) -> tuple[int, int]:
        root = span.root
        if root.i in own:
            tier = 0
        elif root.i in direct or root.head.i in direct:
            tier = 1
        elif root.i in clause_tokens:
            tier = 2
        else:
            tier = 3
        return tier, abs(root.i - trigger.i)

    return sorted(spans, key=rank)


@dataclass(frozen=True, slots=True)
class Entities:
    """A Doc's entities, sentences and text, read once: `doc.ents` builds new Span objects on every
    access, `token.sent` two on every call (some 4 µs), `span.text` makes a Token per word, and
    every event of an article asks for them, its sentence several times over (for its evidence,
    date, place and toll)."""

    all: tuple[SpacySpan, ...]
    #: Each entity's first token, in text order (entities do not overlap): `within` is asked for
    #: every event, and looks up where its stretch begins rather than reading every entity.
    starts: tuple[int, ...]
    #: Each entity's (end, label), as plain values.
    ends_and_labels: tuple[tuple[int, str], ...]
    sentences: tuple[SpacySpan, ...]
    #: For each token, the index in `sentences` of the sentence it is in.
    sentence_numbers: tuple[int, ...]
    #: For each sentence, the index of the first token of its paragraph.
    paragraph_starts: tuple[int, ...]
    #: The Doc's text (`doc.text` joins every token's text anew on each access).
    text: str
    #: Each sentence's place expressions, by the sentence's start, as `_sentence_places` reads them.
    places: dict[int, tuple[tuple[SpacySpan, ...], tuple[SpacySpan, ...]]] = field(
        default_factory=dict, repr=False, compare=False
    )

    @classmethod
    def of(cls, doc: Doc, text: str | None = None) -> Entities:
        """`text` is the Doc's text when the caller has it (the text the Doc was parsed from);
        `doc.text` joins every token's text anew."""
        sentences = tuple(doc.sents)
        if text is None or not doc or doc[-1].idx + len(doc[-1].text_with_ws) != len(text):
            text = doc.text
        paragraph_starts: list[int] = []
        for k, sent in enumerate(sentences):
            # Back from the sentence's first word to a blank line; past the sentence before, its
            # paragraph's start is the answer already found. A token's text and space lie in the
            # Doc's text between its offset and the next token's, so where the text between the two
            # sentences' starts has no blank line (most sentences), no word of it need be read.
            previous = sentences[k - 1] if k else sent
            if "\n\n" not in text[previous.start_char : sent.start_char]:
                paragraph_starts.append(paragraph_starts[-1] if k else 0)
                continue
            breaks = (i for i in range(sent.start, previous.start, -1) if _breaks_a_paragraph(doc[i - 1]))
            paragraph_starts.append(next(breaks, paragraph_starts[-1]))
        entities = tuple(doc.ents)
        return cls(
            all=entities,
            starts=tuple(e.start for e in entities),
            ends_and_labels=tuple((e.end, _label(e)) for e in entities),
            sentences=sentences,
            sentence_numbers=tuple(k for k, sent in enumerate(sentences) for _ in range(len(sent))),
            paragraph_starts=tuple(paragraph_starts),
            text=text,
        )

    def sentence_of(self, token: Token) -> SpacySpan:
        """The sentence `token` is in: `token.sent`, found once per Doc."""
        return self.sentences[self.sentence_numbers[token.i]]

    def paragraph_start(self, token: Token) -> int:
        """The index of the first token of the paragraph `token` is in."""
        return self.paragraph_starts[self.sentence_numbers[token.i]]

    def text_of(self, span: SpacySpan) -> str:
        """`span.text`, cut from the Doc's text rather than joined a token at a time."""
        return self.text[span.start_char : span.end_char]

    def within(self, start: int, end: int, labels: frozenset[str]) -> list[SpacySpan]:
        """The entities with one of `labels` inside tokens [start, end)."""
        first, after = bisect_left(self.starts, start), bisect_left(self.starts, end)
        return [
            e
            for e, (e_end, label) in zip(
                self.all[first:after], self.ends_and_labels[first:after], strict=True
            )
            if e_end <= end and label in labels
        ]


_DATE_LABELS = frozenset({"DATE"})
#: A time of day that names its day: the small model labels "Wednesday night" or "the night of 12
#: May" TIME, and a TIME alone ("at noon") says nothing of the date.
_NAMES_A_DAY = re.compile(
    r"\b(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|january|february|march|april|may|june|july|august"
    r"|september|october|november|december|yesterday|last night)\b",
    re.IGNORECASE,
)


def _label(entity: SpacySpan) -> str:
    """The entity's label, with a time of day that names its day read as a DATE."""
    label = entity.label_
    return "DATE" if label == "TIME" and _NAMES_A_DAY.search(entity.text) else label


#: Labels the small model gives towns it does not know (ORG, PERSON, NORP, even PRODUCT). In a
#: place's position ("in X", "X village", "east of X") such a name is offered as a place; the caller
#: keeps it only when the gazetteer knows it.
_NAME_LABELS = frozenset({"ORG", "PERSON", "NORP", "PRODUCT", "WORK_OF_ART", "EVENT"})
_TOWN_PREPS = frozenset({"in", "near", "at", "outside"})
#: "east of Tikrit", "the outskirts of Gao": a word of direction or nearness before "of" + place.
_BEARINGS = frozenset(
    {
        "north",
        "south",
        "east",
        "west",
        "northeast",
        "northwest",
        "southeast",
        "southwest",
        "north-east",
        "north-west",
        "south-east",
        "south-west",
        "outskirts",
        "edge",
        "vicinity",
        "centre",
        "center",
        "heart",
        "part",
    }
)
#: Nouns for money: a country word on them ("the US dollar") names a currency, neither a place nor an actor.
CURRENCY_WORDS = frozenset(
    {
        "dollar",
        "euro",
        "pound",
        "ruble",
        "rouble",
        "yuan",
        "lira",
        "rial",
        "riyal",
        "dinar",
        "shekel",
        "peso",
        "franc",
        "rupee",
        "naira",
        "shilling",
        "cedi",
        "kwacha",
        "birr",
        "hryvnia",
        "currency",
    }
)


def _unlabelled_places(sent: SpacySpan) -> tuple[list[SpacySpan], list[SpacySpan]]:
    """Proper names the model left without a label: those in a place's position ("in Lawdar city"),
    and possessives written without their apostrophe ("Kismayos port", `possessive_stem`)."""
    found: list[SpacySpan] = []
    possessives: list[SpacySpan] = []
    tags = words_of(sent.doc).pos_ids
    for i in range(sent.start, sent.end):
        if tags[i] != PROPN:
            continue  # (most words: no Token is made for them)
        token = sent.doc[i]
        if token.ent_type_ or (token.dep_ == "compound" and token.head.pos_ == "PROPN"):
            continue
        start = token.i
        while start > sent.start and _name_part(token.doc[start - 1]):
            start -= 1
        name = token.doc[start : token.i + 1]
        if _named_as_place(token) or _in_place_parenthesis(name, sent.start):
            found.append(name)
        elif possessive_stem(name) is not None:
            possessives.append(name)
    return found, possessives


def possessive_stem(name: SpacySpan) -> str | None:
    """The name a possessive stands for when it is written without its apostrophe, as quick notes
    and headlines often do ("Kismayos main market", "Nairobis central district"): a capitalised
    name ending in a lower-case "s" that qualifies the noun after it. None for any other span.

    Only the shape is read here; whether "Kismayo" is a place is the gazetteer's to say. A name
    the model took for a place ("Athens", "Lagos") is read as written first."""
    last = name[-1]
    text = last.text
    if (
        len(text) < 5
        or not text.endswith("s")
        or not text[0].isupper()
        or not text[1:].islower()
        or last.is_sent_start
        or last.nbor(-1).text == "-"  # "anti-Hamas": a word with a prefix
        or not (last.pos_ == "PROPN" or last.ent_type_)
        or last.dep_ not in {"poss", "nmod", "compound", "amod"}
        or last.head.i <= last.i
        or last.head.pos_ not in {"NOUN", "PROPN"}
        or (last.head.i == last.i + 1 and _place_word(last.head))  # "Kassas district": Kassas
    ):
        return None
    return name.text[:-1]


def contains(outer: SpacySpan, inner: SpacySpan) -> bool:
    """Whether the writing puts the place `inner` inside the place `outer`, named after it.

    These shapes say so: a parenthesis after the place ("Bara (Ansongo, Gao)", "Tuban district
    (Lahij)"); a place word and then "of", "in" or a comma ("Dhobley town in Lower Juba", "Dar
    village, Lahij"); "in" and a name that says it is a region ("Tarfa in the Bakool district",
    "Tarfa in rural western Bakool countryside": words for a part of it do not count); and a comma
    before a place that a place word follows ("Macuto, Vargas state") or that closes the phrase, as
    a town's province or country does ("in Kassala, Sudan, on Monday"). A comma before a list does
    not: "Gaza, Lebanon and Syria".
    """
    doc = inner.doc
    if outer.start < inner.end or _sentence_starts_within(doc, inner.start + 1, outer.start + 1):
        return False
    between = [t.lower_ for t in doc[inner.end : outer.start]]
    position = 0
    while position < len(between) and between[position] in GENERIC_PLACE_WORDS:
        position += 1
    after_word = position > 0
    rest = between[position:]
    if rest[:1] == ["("]:
        return ")" not in rest  # the outer place is inside the parenthesis
    if rest[:1] == ["in"]:
        rest = ["in", *(w for w in rest[1:] if w not in _PART_WORDS)]
    if len(rest) > 2:
        return False
    if after_word and rest and rest[0] in {",", "in", "of"} and rest[1:] in ([], ["the"]):
        return True
    if rest in (["in"], ["in", "the"]) and names_a_region(outer):
        return True  # "the village of Tarfa in the Bakool district"
    return rest == [","] and (_names_its_region(outer) or _ends_a_list(outer))


def _sentence_starts_within(doc: Doc, start: int, end: int) -> bool:
    """Whether a sentence starts at one of the tokens [start, end): whether the tokens `start - 1`
    and `end - 1` lie in two sentences. (`span.sent` builds two Spans per call.)"""
    return any(doc[i].is_sent_start for i in range(start, end))


#: Words that say which part of a place ("in rural eastern Bakool"); they do not separate two places.
_PART_WORDS = frozenset(
    {
        "rural",
        "northern",
        "southern",
        "eastern",
        "western",
        "central",
        "northeastern",
        "northwestern",
        "southeastern",
        "southwestern",
        "north-eastern",
        "north-western",
        "south-eastern",
        "south-western",
        "upper",
        "lower",
    }
)


def names_a_region(outer: SpacySpan) -> bool:
    """ "the Bakool District", "Kasai province": a name that says it is a region."""
    return outer[-1].lower_ in _REGION_WORDS or _names_its_region(outer)


def _names_its_region(outer: SpacySpan) -> bool:
    """ "Macuto, Vargas state": the name after the comma is followed by a word for a region."""
    doc = outer.doc
    return outer.end < len(doc) and doc[outer.end].lower_ in _REGION_WORDS


def _ends_a_list(outer: SpacySpan) -> bool:
    """Whether the place after "X, " closes the phrase, as a town's province or country does ("in
    Kassala, Sudan, on Monday"; "near Goma, North Kivu."), rather than going on with "and", "or" or
    another place, as a list of places does ("Gaza, Lebanon and Syria")."""
    doc = outer.doc
    after = doc[outer.end : outer.end + 2]
    if not after:
        return True
    if after[0].lower_ in {"and", "or", "&"}:
        return False
    if after[0].text == "," and len(after) > 1:
        following = after[1]
        return not (following.ent_type_ in _PLACE_LABELS or following.lower_ in {"and", "or"})
    return True


_REGION_WORDS = frozenset(
    {
        "province",
        "state",
        "governorate",
        "region",
        "county",
        "district",
        "oblast",
        "prefecture",
        "subdivision",
        "countryside",
    }
)


def names_a_place(ent: SpacySpan) -> bool:
    """Whether a place-like entity stands for a place here: not "the US dollar", not "UAE-backed"."""
    return not names_money(ent) and not names_a_backer(ent)


def names_a_backer(ent: SpacySpan) -> bool:
    """'UAE-backed', 'US-led', 'Iran-funded', 'Chinese-owned', 'Turkish-made': the country is a
    sponsor, an owner or a maker, not where anything happened."""
    doc = ent.doc
    return ent.end + 1 < len(doc) and doc[ent.end].text == "-" and doc[ent.end + 1].tag_ == "VBN"


def names_money(ent: SpacySpan) -> bool:
    """'the US dollar', 'the Lebanese pound': a country word that names a currency, not a place."""
    doc = ent.doc
    return ent.end < len(doc) and doc[ent.end].lemma_.lower() in CURRENCY_WORDS


def _name_part(token: Token) -> bool:
    return token.pos_ == "PROPN" and token.dep_ == "compound" and not token.ent_type_


def _named_as_place(root: Token) -> bool:
    """Whether a name stands where English puts a place: "in X", "near X city", "the town of X",
    "the villages of X", "east of X", "on the outskirts of X", or before a bracket of the places it
    lies in, whatever its role in the clause: "drones struck X (Kharkiv)"."""
    if _before_place_parenthesis(root):
        return True
    node = root
    if node.dep_ in {"compound", "amod", "nmod"} and _place_word(node.head):
        node = node.head  # "in Ar-Raqqa city", "near Tarfa village"
        if _after_a_place(node):
            return True  # "in Kobe village, Dorsa district"
    if node.dep_ != "pobj":
        return False
    prep = node.head
    if prep.lower_ in _TOWN_PREPS:
        return True
    return prep.lower_ == "of" and (_place_word(prep.head) or prep.head.lower_ in _BEARINGS)


def _after_a_place(word: Token) -> bool:
    """Whether the phrase of a place word ("Dorsa district") follows a place and a comma ("Kobe
    village, Dorsa district"): the second names where the first lies."""
    doc = word.doc
    comma = word.left_edge.i if word.left_edge.text == "," else word.left_edge.i - 1
    if comma < 1 or doc[comma].text != ",":
        return False
    before = doc[comma - 1]
    return _place_word(before) or before.ent_type_ in _PLACE_LABELS


def _place_word(token: Token) -> bool:
    """ "town", "villages", "district": a common noun for a kind of place."""
    return token.lower_ in GENERIC_PLACE_WORDS or token.lemma_.lower() in GENERIC_PLACE_WORDS


def _before_place_parenthesis(last: Token) -> bool:
    """Whether the name that ends with `last` is followed by a bracket that opens with a place's
    name: "Kafr Dan (Idlib)", "Zolochiv (Bohodukhiv, Kharkiv)". News and incident reports give the
    district and province of a small place so. A bracket of an acronym ("the Popular Front (PF)")
    or of lower-case words ("(pictured)") is not one."""
    doc = last.doc
    if last.i + 2 >= len(doc) or doc[last.i + 1].text != "(":
        return False
    first = doc[last.i + 2]
    return first.ent_type_ in _PLACE_LABELS or (first.pos_ == "PROPN" and first.text.istitle())


def _in_place_parenthesis(span: SpacySpan, first: int) -> bool:
    """Whether a name is one of the places in a parenthesis after a place: "in Kobe village (Dar Sila,
    Ouaddai)", "near Tarfa (Bakool)". News and incident reports name the district and province of a
    small place this way, after the place's name whether or not the model took it for one ("struck
    Kafr Dan (Idlib)"). An acronym in brackets ("the Popular Front (PF)") is a name, not a place.
    `first` is the first token of the name's sentence."""
    if span.text.isupper():
        return False
    doc = span.doc
    i = span.start - 1
    while i > first and (doc[i].text == "," or doc[i].pos_ == "PROPN"):
        i -= 1
    if i <= first or doc[i].text != "(":
        return False
    before = doc[i - 1]
    return _place_word(before) or before.ent_type_ in _PLACE_LABELS or before.pos_ == "PROPN"


def date_expressions(trigger: Token, entities: Entities) -> list[SpacySpan]:
    """DATE entities of the sentence, nearest in the parse first, then those of the paragraph's earlier
    sentences, the nearest sentence first.

    Of an earlier sentence, the date of its main clause comes first: the time a narrative has reached
    is carried on by its main clauses ("Friday's clashes ... followed the collapse of talks this week.
    Rwanda accused the army ..." goes on from Friday, not from the week of the talks)."""
    sent = entities.sentence_of(trigger)
    found = _ranked(
        trigger,
        [
            e
            for e in entities.within(sent.start, sent.end, _DATE_LABELS)
            if (e.root.head.i == trigger.i or not _names_another(e))  # "the 2009 agreement" is the trigger's
            and not in_cause_phrase(e.root, trigger)  # "in retaliation for an attack last week"
        ],
    )
    number = entities.sentence_numbers[trigger.i]
    paragraph = entities.paragraph_start(trigger)
    while number > 0 and entities.sentences[number - 1].start >= paragraph:
        number -= 1
        earlier = entities.sentences[number]
        dates = [
            e for e in entities.within(earlier.start, earlier.end, _DATE_LABELS) if not _names_another(e)
        ]
        found += sorted(dates, key=lambda date: (_depth(date.root), date.start))
    return found


def _depth(token: Token) -> int:
    """How many heads lie between a token and its sentence's root."""
    depth = 0
    while token.head.i != token.i and depth < 32:
        token, depth = token.head, depth + 1
    return depth


_ORDINALS = number_words().ordinals
_ORDINAL_SUFFIXES = ("st", "nd", "rd", "th")


def days_running(trigger: Token) -> int | None:
    """How many days a happening has run when its date is given: 3 for "the third day of protests",
    "a third straight day of fighting" (the protests began two days before the date named)."""
    if trigger.dep_ != "pobj" or trigger.head.lower_ != "of" or trigger.head.head.lemma_ != "day":
        return None
    for word in trigger.head.head.children:
        if word.dep_ != "amod":
            continue
        if word.lower_ in _ORDINALS:
            return _ORDINALS[word.lower_]
        if word.lower_.endswith(_ORDINAL_SUFFIXES) and word.lower_[:-2].isdigit():
            return int(word.lower_[:-2])
    return None


def reported_dates(entities: Entities) -> list[SpacySpan]:
    """The article's DATE entities in text order, without those that date another happening ("the
    2006 conflict", an earlier deed the news answers) or a future one ("talks will resume on Monday")."""
    return [
        e
        for e in entities.within(0, len(entities.sentence_numbers), _DATE_LABELS)
        if not _names_another(e)
        and not _in_future_clause(e)
        and not in_cause_phrase(
            e.root, entities.sentence_of(e.root).root
        )  # "in response to a raid on Sunday"
    ]


#: Auxiliaries that put a clause ahead of its telling. Not the lexicon's modals: "could", "may" and
#: "might" tell of the past as often ("explosions could be heard on Thursday").
_FUTURE_AUXILIARIES = frozenset({"will", "would", "shall", "'ll", "to"})


def _in_future_clause(date: SpacySpan) -> bool:
    """Whether the verb a date hangs on is a future or an intention ("will meet on Monday", "plans to
    vote on Friday")."""
    node = date.root
    for _ in range(6):
        if node.head.i == node.i:
            return False
        node = node.head
        if node.pos_ in {"VERB", "AUX"}:
            return any(child.dep_ == "aux" and child.lower_ in _FUTURE_AUXILIARIES for child in node.children)
    return False


def _names_another(date: SpacySpan) -> bool:
    """A bare year that modifies a noun ("the 2006 conflict", "the 2003 US-led invasion") dates that
    other happening, not the events around it; so does the baseline of a comparison ("the heaviest
    fighting since late August", "the deadliest attack since 2015")."""
    root = date.root
    if root.dep_ == "pobj" and root.head.lower_ == "since":
        compared = root.head.head
        return any(c.dep_ == "amod" and c.tag_ == "JJS" for c in compared.children)
    return (
        len(date) == 1
        and root.like_num
        and root.dep_ in {"nummod", "compound", "amod"}
        and root.head.pos_ == "NOUN"
    )


def place_expressions(trigger: Token, entities: Entities) -> list[SpacySpan]:
    """Place entities for the trigger: attached by a place preposition first, nearest in the parse first."""
    sent = entities.sentence_of(trigger)
    if sent.start not in entities.places:
        entities.places[sent.start] = _sentence_places(sent, entities)  # the sentence's other events ask too
    attached, rest = entities.places[sent.start]
    # Where something came from is not where it happened: "rocket fire from Lebanon rattles northern
    # Israel" happened in Israel. Origins rank last (sorted is stable).
    ranked = _ranked(trigger, list(attached)) + _sorted(_ranked(trigger, list(rest)), names_an_origin)
    # A place in what the deed answered ("in retaliation for an attack in Iraq") is that deed's first.
    ranked = _sorted(ranked, lambda place: in_cause_phrase(place.root, trigger))
    # A place in an organisation's name ("the Kassala Sugar Company") says whose, not where.
    return _inner_first(_sorted(ranked, names_an_owner))


def _sorted(spans: list[SpacySpan], key: Callable[[SpacySpan], bool]) -> list[SpacySpan]:
    """`sorted(spans, key=key)`, without asking `key` (which reads a span's root) of a lone span."""
    return sorted(spans, key=key) if len(spans) > 1 else spans


def _sentence_places(
    sent: SpacySpan, entities: Entities
) -> tuple[tuple[SpacySpan, ...], tuple[SpacySpan, ...]]:
    """A sentence's place expressions: those in a place's position, and the other place entities."""
    places = _whole_names(entities.within(sent.start, sent.end, _PLACE_LABELS))
    places = [e for e in places if names_a_place(e)]
    attached = [
        e
        for e in places
        if (e.root.dep_ == "pobj" and e.root.head.lower_ in _PLACE_PREPS)
        or e.root.dep_ in {"compound", "nmod", "appos", "conj"}
    ]
    # The small model often labels an unfamiliar town ORG, PERSON or NORP ("in Ar-Raqqa city", "near
    # Dar'a"); in a place's position it is a place when the gazetteer knows it (the caller resolves,
    # or drops, it). A name in lower case ("in the bush") is a word, not a name.
    names = [
        e
        for e in _whole_names(entities.within(sent.start, sent.end, _NAME_LABELS))
        if e.root.text[:1].isupper()
    ]
    attached += [e for e in names if _named_as_place(e.root) or _in_place_parenthesis(e, sent.start)]
    unlabelled, possessives = _unlabelled_places(sent)
    attached += unlabelled
    # A possessive ranks as a place's possessive does ("Mombasa's main hotel"): after the places in
    # a place's position, since it may name an owner rather than the spot ("Somalias al Shabaab").
    possessives += [e for e in names if e not in attached and possessive_stem(e) is not None]
    rest = [e for e in places if e not in attached] + sorted(possessives, key=lambda e: e.start)
    return tuple(attached), tuple(rest)


def with_its_modifiers(place: SpacySpan) -> SpacySpan | None:
    """The place name with the capitalised words before it that the model left out of it but parsed
    as part of it ("Greater" in "Dodowa (Greater Accra)", which it split as "Dodowa (Greater" and
    "Accra"): "Greater Accra" is a region, not the city of Accra. None when there are none."""
    doc = place.doc
    start = place.start
    while (
        start > 0
        and doc[start - 1].dep_ == "compound"
        and doc[start - 1].head.i == place.root.i
        and doc[start - 1].pos_ == "PROPN"
        and doc[start - 1].text[:1].isupper()
    ):
        start -= 1
    return SpacySpan(doc, start, place.end, label=place.label_) if start < place.start else None


def names_an_owner(place: SpacySpan) -> bool:
    """Whether a place name is the first word of a proper name that is not a place's ("the Kassala
    Sugar Company", "Byblos Bank", "the Wad Madani Resistance Committee"), rather than of "Kassala
    State" or "Kassala city": it says whose, not where. A name joined to the next by a hyphen is one
    place's name ("Mogadishu-Bondhere district", "Baalbek-Hermel")."""
    head = place.root.head
    doc = place.doc
    return (
        place.root.dep_ == "compound"
        and head.pos_ == "PROPN"
        and not head.ent_type_
        and not _place_word(head)
        and head.lower_ not in _REGION_WORDS
        and not (place.end < len(doc) and doc[place.end].text == "-")
    )


def _whole_names(spans: list[SpacySpan]) -> list[SpacySpan]:
    """Entities cut back to whole names: two that touch are one name the model split ("Abu" + "Nasir"
    -> "Abu Nasir"), and one with a comma inside is two names it joined ("Doe, Nimba")."""
    joined: list[SpacySpan] = []
    for span in spans:
        if joined and joined[-1].end == span.start and joined[-1].label_ == span.label_:
            previous = joined.pop()
            span = SpacySpan(span.doc, previous.start, span.end, label=span.label_)
        joined.append(span)
    names: list[SpacySpan] = []
    for span in joined:
        start = span.start
        for token in span:
            if token.text == ",":
                if token.i > start:
                    names.append(SpacySpan(span.doc, start, token.i, label=span.label_))
                start = token.i + 1
        if start == span.start:
            names.append(span)
        elif start < span.end:
            names.append(SpacySpan(span.doc, start, span.end, label=span.label_))
    return names


def _inner_first(spans: list[SpacySpan]) -> list[SpacySpan]:
    """`spans` with every place the writing puts inside another moved just before it: "in Kassala,
    Sudan" and "the village of Tarfa in the Bakool district" name the spot first and then where it
    lies, and the spot is the event's place."""
    if len(spans) < 2:
        return spans
    ordered: list[SpacySpan] = []
    placed: set[int] = set()

    def visit(span: SpacySpan) -> None:
        for inner in spans:
            if inner.start not in placed and inner.start != span.start and contains(span, inner):
                visit(inner)
        if span.start not in placed:
            placed.add(span.start)
            ordered.append(span)

    for span in spans:
        visit(span)
    return ordered


def names_an_origin(place: SpacySpan) -> bool:
    """ "rocket fire from Lebanon": the place something came from, not where it happened."""
    return place.root.dep_ == "pobj" and place.root.head.lower_ == "from"


def _breaks_a_paragraph(token: Token) -> bool:
    """Whether a paragraph ends after `token` (a blank line in or after it)."""
    return "\n\n" in token.text_with_ws  # (which begins with `token.text`)
