"""Flashpoint's own spaCy components, registered in this one module.

`paragraph_breaks` makes every paragraph start a sentence. News text separates paragraphs, captions
and datelines by blank lines without a final full stop ("(Tehran, April 4, 2024)"), and the parser
otherwise runs them into the next sentence, which then becomes one event's evidence.
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

PARAGRAPH_BREAKS = "paragraph_breaks"


@Language.component(PARAGRAPH_BREAKS)
def paragraph_breaks(doc: Doc) -> Doc:
    """Mark the token after a line break as a sentence start; the parser keeps preset starts."""
    for token in doc[:-1]:
        if "\n" in token.text_with_ws or (token.is_space and "\n" in token.text):
            doc[token.i + 1].is_sent_start = True
    return doc


def date_patterns(month_names: frozenset[str]) -> list[dict[str, Any]]:
    """Entity-ruler patterns for explicit dates: "4 May 2020", "28 Apr. 2020", "May 4, 2020", "4 May".

    The small model labels "28" a CARDINAL and "2020" alone a DATE in "On 28 Apr 2020"; a date read
    as its year alone is a date a year wide.
    """
    day = {"TEXT": {"REGEX": r"^\d{1,2}(st|nd|rd|th)?$"}}
    month = {"LOWER": {"IN": sorted(month_names)}}
    dot = {"TEXT": ".", "OP": "?"}
    comma = {"TEXT": ",", "OP": "?"}
    year = {"TEXT": {"REGEX": r"^(1[89]|20)\d\d$"}}
    shapes = [
        [day, month, dot, comma, year],
        [month, dot, day, comma, year],
        [day, month, dot],
        [month, dot, day],
    ]
    return [{"label": "DATE", "pattern": shape} for shape in shapes]
