"""Flashpoint's own spaCy components, registered in this one module.

`paragraph_breaks` makes every paragraph start a sentence. News text separates paragraphs, captions
and datelines by blank lines without a final full stop ("(Tehran, April 4, 2024)"), and the parser
otherwise runs them into the next sentence, which then becomes one event's evidence.

`names_not_places` gives back to `ner` a person's first name that the gazetteer ruler took for a town
("David" in "David Cameron", "Nur" in "Nur Ahmed", "Abu" in "Abdiasis Abu Musab"): in English a place
name does not stand right in front of another proper noun that heads a noun phrase unless that noun is
a place, facility or body word ("Gaza City", "Baghdad airport", "Kabul police"), so such a place match
is dropped and `ner` reads the whole name.
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from flashpoint.knowledge.places import GENERIC_PLACE_WORDS

PARAGRAPH_BREAKS = "paragraph_breaks"
NAMES_NOT_PLACES = "names_not_places"


@Language.component(PARAGRAPH_BREAKS)
def paragraph_breaks(doc: Doc) -> Doc:
    """Mark the token after a line break as a sentence start, and the token after a paragraph's
    dateline; the parser keeps preset starts."""
    starts = [0] if len(doc) else []
    for token in doc[:-1]:
        if "\n" in token.text_with_ws or (token.is_space and "\n" in token.text):
            doc[token.i + 1].is_sent_start = True
            starts.append(token.i + 1)
    for start in starts:
        end = _dateline_end(doc, start)
        if end is not None:
            # Left in, "GOMA, Congo, Jan 23 - Rebels seized ..." parses with the city as the subject
            # of the lede and its date as the verb's: the dateline is a sentence of its own.
            for token in doc[start + 1 : end]:
                token.is_sent_start = False
            doc[end].is_sent_start = True
    return doc


#: The marks that close a dateline: "KYIV, June 3 (Reuters) -", "BEIRUT (AP) —", "SANAA: ...".
_DATELINE_CLOSERS = frozenset({"-", "—", "–", "--", ":"})
#: Lower-case words inside a place name of a dateline ("GOMA, Democratic Republic of Congo").
_DATELINE_JOINERS = frozenset({"of", "de", "al", "el", "la", "and"})
_DATELINE_LONGEST = 12


def _dateline_end(doc: Doc, start: int) -> int | None:
    """The index of the first word after the dateline that opens the paragraph at `start`, or None.

    A dateline is the place a wire report was filed from, with its country, date or agency, before a
    dash or colon: names, numbers, commas and brackets only. Its first word is in capitals, or it holds
    a comma or a bracket ("Kyiv, June 3 -"); a title-case headline ("Israel Strikes Back - Analysts")
    has neither."""
    words = 0
    for token in doc[start : start + _DATELINE_LONGEST]:
        if token.text in _DATELINE_CLOSERS:
            if token.text == "-" and not doc[token.i - 1].whitespace_:
                return None  # a hyphen: "Saudi-led", "Secretary-General"
            after = token.i + 1
            if words == 0 or after >= len(doc) or doc[after].is_space or doc[after].is_punct:
                return None
            capitals = doc[start].is_upper and len(doc[start]) > 1
            marked = capitals or any(t.text in {",", "("} for t in doc[start : token.i])
            return after if marked else None
        name = token.text.rstrip(".")  # "Jan.", "U.S."
        if name.replace(".", "").isalpha() and (name.istitle() or name.isupper()):
            words += 1
        elif not (token.like_num or token.text in {",", ".", "(", ")"} or token.lower_ in _DATELINE_JOINERS):
            return None
        if "\n" in token.text_with_ws:
            return None
    return None


#: Proper nouns that a place name does stand in front of: places, facilities, bodies and times.
_AFTER_A_PLACE = GENERIC_PLACE_WORDS | frozenset(
    [
        "oblast",
        "krai",
        "raion",
        "prefecture",
        "emirate",
        "territory",
        "territories",
        "strip",
        "bank",
        "valley",
        "plain",
        "plains",
        "mountains",
        "mountain",
        "hills",
        "desert",
        "coast",
        "river",
        "sea",
        "gulf",
        "lake",
        "island",
        "islands",
        "peninsula",
        "basin",
        "heights",
        "pass",
        "airport",
        "airbase",
        "base",
        "port",
        "harbour",
        "harbor",
        "bridge",
        "road",
        "highway",
        "street",
        "square",
        "gate",
        "crossing",
        "border",
        "dam",
        "stadium",
        "hospital",
        "university",
        "school",
        "mosque",
        "church",
        "cathedral",
        "temple",
        "shrine",
        "market",
        "mall",
        "hotel",
        "prison",
        "jail",
        "palace",
        "station",
        "refinery",
        "plant",
        "field",
        "fields",
        "front",
        "frontline",
        "sector",
        "ministry",
        "government",
        "council",
        "office",
        "agency",
        "police",
        "army",
        "forces",
        "command",
        "authority",
        "authorities",
        "administration",
        "court",
        "parliament",
        "assembly",
        "party",
        "committee",
        "times",
        "post",
        "news",
        "radio",
        "tv",
        "television",
        "agreement",
        "accord",
        "accords",
        "summit",
        "talks",
        "process",
        "declaration",
        "protocol",
        "conference",
        "company",
        "corporation",
        "group",
        "industries",
        "airlines",
        "airways",
        "railway",
        "railways",
        "club",
        "mine",
        "mines",
        "factory",
        "mill",
        "mills",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ]
)
_NAME_ROLES = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "appos", "conj", "attr", "dative"})


@Language.component(NAMES_NOT_PLACES)
def names_not_places(doc: Doc) -> Doc:
    """Drop a place match that is the first part of a person's name, so that `ner` labels the name."""
    dropped = [
        ent for ent in doc.ents if ent.label_ in {"GPE", "LOC"} and not ent.ent_id_ and _opens_a_name(ent)
    ]
    if dropped:
        doc.set_ents([], missing=dropped, default="unmodified")
    return doc


def _opens_a_name(ent: Span) -> bool:
    """The place match compounds into the capitalised proper nouns right after it, outside any
    entity, that head a noun phrase and are no place, facility or body word ("David Cameron")."""
    doc = ent.doc
    last = doc[ent.end - 1]
    if ent.end >= len(doc) or last.dep_ != "compound" or last.head.i < ent.end:
        return False
    head = doc[ent.end]
    while head.dep_ == "compound" and head.head.i > head.i:
        head = head.head
    chain = doc[ent.end : head.i + 1]
    return head.dep_ in _NAME_ROLES and all(
        t.pos_ == "PROPN" and t.is_alpha and t.is_title and not t.ent_type_ and t.lower_ not in _AFTER_A_PLACE
        for t in chain
    )


def date_patterns(month_names: frozenset[str]) -> list[dict[str, Any]]:
    """Entity-ruler patterns for explicit dates: "4 May 2020", "28 Apr. 2020", "May 4, 2020", "4 May",
    "13/02".

    The small model labels "28" a CARDINAL and "2020" alone a DATE in "On 28 Apr 2020"; a date read
    as its year alone is a date a year wide.
    """
    day = {"TEXT": {"REGEX": r"^\d{1,2}(st|nd|rd|th)?$"}}
    month = {"LOWER": {"IN": sorted(month_names)}}
    dot = {"TEXT": ".", "OP": "?"}
    comma = {"TEXT": ",", "OP": "?"}
    year = {"TEXT": {"REGEX": r"^(1[89]|20)\d\d$"}}
    # "on 13/02", "on 7/12/2004": a date in numbers, which the model calls a CARDINAL. Without a year,
    # only one whose order is plain (a number above 12 on one side): "3/4" is as likely a fraction.
    numeric = {
        "TEXT": {
            "REGEX": r"^(?:\d{1,2}/\d{1,2}/(?:\d{2}|\d{4})"
            r"|(?:1[3-9]|2\d|3[01])/(?:0?[1-9]|1[0-2])|(?:0?[1-9]|1[0-2])/(?:1[3-9]|2\d|3[01]))$"
        }
    }
    shapes = [
        [day, month, dot, comma, year],
        [month, dot, day, comma, year],
        [day, month, dot],
        [month, dot, day],
        [numeric],
    ]
    return [{"label": "DATE", "pattern": shape} for shape in shapes]
