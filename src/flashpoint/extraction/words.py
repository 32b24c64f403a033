"""Every word of a Doc as plain values (its lower-case form, part of speech, lemma, sentence), read
once per Doc off spaCy's arrays.

`doc[i]` makes a new Token on every call, each string attribute of a Token is a lookup in the
vocabulary (some 100 ns apiece), `token.sent` builds two Spans (some 3 µs), and `doc.to_array` walks
the whole Doc: a rule that scans an article or a sentence for a few words pays that for every word,
and many rules scan the same words. `words_of(doc)` reads them once and keeps them for the Doc being
read (one Doc at a time: an article is read through before the next). A Doc is not changed while it
is read; `read_doc` forgets what was kept of a Doc before it reads it, so a Doc changed in between
(retokenised, tagged anew) is read afresh.
"""

from __future__ import annotations

import functools
import weakref

from spacy.attrs import LEMMA, LOWER, POS
from spacy.strings import get_string_id
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

#: The lower-case form of a colon, which only a colon has.
_COLON = get_string_id(":")


class Words:
    """The words of one Doc, by token index."""

    def __init__(self, doc: Doc) -> None:
        self._doc = weakref.ref(doc)  # (for the lemmas, read only where a rule asks for them)
        lower_ids, pos_ids = doc.to_array([LOWER, POS]).T.tolist()
        #: Each token's lower-case form and part of speech, as spaCy's ids (`Token.lower`, `Token.pos`).
        self.lower_ids: list[int] = lower_ids
        self.pos_ids: list[int] = pos_ids
        #: The lower-case forms the Doc has, as ids: most word lists have none of them.
        self.lower_id_set = frozenset(lower_ids)
        #: The tokens that are a colon, in order (few articles have any).
        self.colons: tuple[int, ...] = tuple(i for i, key in enumerate(lower_ids) if key == _COLON)
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
        strings = self._read().vocab.strings
        return [strings[key] for key in self.lower_ids]

    @functools.cached_property
    def lemmas(self) -> list[str]:
        """Each token's `lemma_.lower()`."""
        doc = self._read()
        strings = doc.vocab.strings
        return [strings[key].lower() for key in doc.to_array(LEMMA).tolist()]

    def _read(self) -> Doc:
        doc = self._doc()
        if doc is None:
            raise ReferenceError("the Doc these words were read from is gone")
        return doc


#: The Doc last read, weakly (so that it is not kept alive for this), and its words.
_last: tuple[weakref.ref[Doc], Words] | None = None


def words_of(doc: Doc) -> Words:
    """The words of `doc`, read on first use and kept until another Doc is read."""
    global _last
    last = _last
    if last is not None and last[0]() is doc:
        return last[1]
    words = Words(doc)
    _last = (weakref.ref(doc), words)
    return words


def forget(doc: Doc) -> None:
    """Drop what was kept of `doc`: its next `words_of` reads it anew."""
    global _last
    last = _last
    if last is not None and last[0]() is doc:
        _last = None


def sentence_of(token: Token) -> SpacySpan:
    """`token.sent`, cut from the sentence bounds read once per Doc (`token.sent` builds two Spans
    and looks for the bounds anew on every call)."""
    words = words_of(token.doc)
    return token.doc[words.sentence_starts[token.i] : words.sentence_ends[token.i]]


def sentence_start(token: Token) -> int:
    """`token.sent.start`, without building the sentence."""
    return words_of(token.doc).sentence_starts[token.i]
