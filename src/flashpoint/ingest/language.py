"""A cheap check that a text is English, so the English pipeline is not run on French or Arabic.

English prose is held together by a small set of function words ("the", "of", "and", "to", "in"):
in news text they make up roughly a quarter to a half of all words, while in other languages, even
those written in the Latin alphabet, they are a few percent at most (measured on our own parallel
sentences: English 0.27-0.34, French, German, Spanish, Italian, Dutch 0.00-0.05). So we count the share
of the first `_SAMPLE_WORDS` words that are on our list and refuse below `MIN_FUNCTION_SHARE`. Texts
shorter than `MIN_WORDS` words are too short to judge and pass. The list is data:
`flashpoint/data/lexicon/english_function_words.txt`.

Short texts are judged by their script instead: English is written in Latin letters, so a text whose
letters are mostly Arabic, Cyrillic, Chinese or any other script is not English, however short
(a three-word Chinese sentence has no spaces and would otherwise count as one word).
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from itertools import islice

#: Below this many words a text is too short to judge and is taken as English.
MIN_WORDS = 20
#: The least share of function words an English text shows. Running prose scores 0.25-0.35 and other
#: languages 0.00-0.05 in our tests; headline-style English ("Base came under missile attack") can
#: dip to 0.12, so the bar sits between.
MIN_FUNCTION_SHARE = 0.07
#: Only the opening words are counted: enough to judge, and cheap on a 500,000-character article.
_SAMPLE_WORDS = 2000
#: The least share of letters in the Latin script (Basic Latin to Latin Extended) an English text shows.
MIN_LATIN_SHARE = 0.5
#: A word is a run of letters in any script, so Cyrillic or Arabic words count as (non-English) words.
_WORD = re.compile(r"[^\W\d_]+")


@cache
def english_function_words() -> frozenset[str]:
    """The lower-case English function words shipped in the lexicon file (comment lines skipped)."""
    path = resources.files("flashpoint") / "data" / "lexicon" / "english_function_words.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(
        line.strip().lower() for line in lines if line.strip() and not line.lstrip().startswith("#")
    )


def looks_english(text: str) -> bool:
    """True unless most letters are not Latin, or the text has at least `MIN_WORDS` words and too few
    English function words."""
    words = [match.group().lower() for match in islice(_WORD.finditer(text), _SAMPLE_WORDS)]
    letters = [ch for word in words for ch in word]
    if letters and sum(map(_is_latin, letters)) < MIN_LATIN_SHARE * len(letters):
        return False
    if len(words) < MIN_WORDS:
        return True
    function_words = english_function_words()
    share = sum(word in function_words for word in words) / len(words)
    return share >= MIN_FUNCTION_SHARE


def _is_latin(letter: str) -> bool:
    """Whether a letter is in the Latin blocks (ASCII through Latin Extended-B, and Extended Additional)."""
    code = ord(letter)
    return code < 0x250 or 0x1E00 <= code < 0x1F00
