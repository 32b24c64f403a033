"""Flashpoint's own spaCy components, registered in this one module.

`paragraph_breaks` makes every paragraph start a sentence. News text separates paragraphs, captions
and datelines by blank lines without a final full stop ("(Tehran, April 4, 2024)"), and the parser
otherwise runs them into the next sentence, which then becomes one event's evidence.
"""

from __future__ import annotations

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
