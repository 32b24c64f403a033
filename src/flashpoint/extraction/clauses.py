"""The dependency links along which a word is governed by the clauses above it.

Status ("vowed to [strike]") and attribution ("officials said [the army struck]") are both read by
walking from an event's trigger up towards the sentence root; this is the one list of the links
such a walk may follow. It leaves out the links that start something new: a coordinated sentence
joined by a semicolon, a list item, a quotation set off by punctuation.
"""

from __future__ import annotations

GOVERNING_DEPS = frozenset(
    {
        "xcomp",
        "ccomp",
        "advcl",
        "conj",
        "pcomp",
        "pobj",
        "prep",
        "dobj",
        "acomp",
        "nsubj",
        "nsubjpass",
        "attr",
        "acl",
        "oprd",
        "compound",
        "amod",
        "relcl",
        "npadvmod",
        "appos",
    }
)
