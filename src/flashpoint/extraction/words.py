"""Every word of a Doc as plain values (its lower-case form, part of speech, lemma, sentence), read
once per Doc off spaCy's arrays.

`doc[i]` makes a new Token on every call, each string attribute of a Token is a lookup in the
vocabulary (some 100 ns apiece), `token.sent` builds two Spans (some 3 µs), and `doc.to_array` walks
the whole Doc: a rule that scans an article or a sentence for a few words pays that for every word,
and many rules scan the same words. `words_of(doc)` reads them once per Doc and keeps them while
the Doc lives. A Doc is not changed while it is read; `read_doc` forgets what was kept of a Doc
before it reads it, so a Doc changed in between (retokenised, tagged anew) is read afresh.
"""

from __future__ import annotations

import functools
import weakref

from spacy.attrs import LEMMA, LOWER, ORTH, POS
from spacy.strings import StringStore, get_string_id
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

_COLON = get_string_id(":")


class Words:
    """The words of one Doc, by token index."""

    def __init__(self, doc: Doc) -> None:
        rows = doc.to_array([LOWER, POS, ORTH, LEMMA]).T.tolist()
        #: Each token's lower-case form and part of speech, as spaCy's ids (`Token.lower`, `Token.pos`).
        self.lower_ids: list[int] = rows[0]
        self.pos_ids: list[int] = rows[1]
        #: The lower-case forms the Doc has, as ids: most word lists have none of them.
        self.lower_id_set = frozenset(self.lower_ids)
        #: The tokens that are a colon, in order (few articles have any).
        self.colons: tuple[int, ...] = tuple(i for i, orth in enumerate(rows[2]) if orth == _COLON)
        self._lemma_ids: list[int] = rows[3]
        self._strings: StringStore = doc.vocab.strings
        starts: list[int] = []
        ends: list[int] = []
        for sentence in doc.sents:
            starts += [sentence.start] * len(sentence)
            ends += [sentence.end] * len(sentence)
        #: For each token, where its sentence starts and ends (`token.sent.start`, `token.sent.end`).
        self.sentence_starts: list[int] = starts
        self.sentence_ends: list[int] = ends

    @functools.cached_property
    def lowers(self) -> list[str]:
        """Each token's `lower_`."""
        return [self._strings[key] for key in self.lower_ids]

    @functools.cached_property
    def lemmas(self) -> list[str]:
        """Each token's `lemma_.lower()`."""
        return [self._strings[key].lower() for key in self._lemma_ids]


_KEPT: weakref.WeakKeyDictionary[Doc, Words] = weakref.WeakKeyDictionary()


def words_of(doc: Doc) -> Words:
    """The words of `doc`, read on first use and kept while the Doc lives."""
    words = _KEPT.get(doc)
    if words is None:
        words = _KEPT[doc] = Words(doc)
    return words


def forget(doc: Doc) -> None:
    """Drop what was kept of `doc`: its next `words_of` reads it anew."""
    _KEPT.pop(doc, None)


def sentence_of(token: Token) -> SpacySpan:
    """`token.sent`, cut from the sentence bounds read once per Doc (`token.sent` builds two Spans
    and looks for the bounds anew on every call)."""
    words = words_of(token.doc)
    return token.doc[words.sentence_starts[token.i] : words.sentence_ends[token.i]]


def sentence_start(token: Token) -> int:
    """`token.sent.start`, without building the sentence."""
    return words_of(token.doc).sentence_starts[token.i]
