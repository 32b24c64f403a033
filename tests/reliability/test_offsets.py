"""Every span Flashpoint reports is the text at its offsets, for any text (issue #9).

Hypothesis builds texts from English conflict sentences of our own, joined and interleaved with
random Unicode: emoji (with skin tones, joiners and flags), combining accents, CRLF, tabs, no-break
spaces, Arabic, Cyrillic and Chinese words. For each text, every actor mention, event trigger and
evidence, and relation evidence must equal `text[start:end]`, in the result and in the store, where
DuckDB's `substring` counts characters as Python does.

`$FLASHPOINT_HYPOTHESIS_EXAMPLES` sets the examples per property (default 60: spaCy takes ~30 ms
an article, so each property costs a few seconds).
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, example, find, given, settings
from hypothesis import strategies as st
from spacy.language import Language

from flashpoint.pipeline import extract
from flashpoint.records import ArticleResult, Span
from flashpoint.store.duckdb_store import Store

EXAMPLES = int(os.environ.get("FLASHPOINT_HYPOTHESIS_EXAMPLES", "60"))
SENTENCES = (
    "Houthi forces fired two missiles at a cargo ship in the Red Sea on Monday, the navy said.",
    "Israeli aircraft struck a building in southern Beirut overnight, killing four people.",
    "The Iran-backed group vowed to keep attacking ships linked to Israel.",
    "Russian troops shelled Kharkiv on Friday; three civilians were wounded, the governor said.",
    "Protesters gathered outside parliament in Nairobi to demand cheaper fuel.",
    "Al-Shabaab fighters ambushed an army convoy near Mogadishu, according to local officials.",
    "Hezbollah denied firing the rockets that hit Majdal Shams last week.",
    "The defence ministers of Chad and Niger met in Niamey on Tuesday to plan joint patrols.",
    "Ukraine said it had shot down 12 of the 15 drones launched overnight.",
    "Police in Quetta arrested two suspects after the bombing of a market on Sunday.",
    "The United States imposed new sanctions on the Houthis on 17 January 2024.",
    "Sudan's army and the Rapid Support Forces clashed again in El Fasher.",
)
NOISE = (
    "\r\n",
    "\t",
    "\n\n",
    "\u00a0",
    "e\u0301",
    "\u0915\u094d\u0937",
    "👍🏽",
    "👩‍👩‍👧",
    "🇺🇦",
    "🔥",
    "\u200d",
    "\ufeff",
    "مرحبا",
    "Привет",
    "你好",
    "Zoë Müller",
)
#: Emoji with a joiner and a skin tone, a flag, a combining accent, CRLF and a tab before the names.
MIXED = (
    "\U0001f469\u200d\U0001f469\u200d\U0001f467 Zoe\u0301 \U0001f1fa\U0001f1e6\r\n\t"
    "Houthi forces fired two missiles at a cargo ship in the Red Sea on Monday, the navy said.\r\n"
    "\U0001f44d\U0001f3fd Israeli aircraft struck a building in southern Beirut overnight, killing four. "
    "\u4f60\u597d"
)
_pieces = st.one_of(
    st.sampled_from(SENTENCES),
    st.sampled_from(NOISE),
    st.text(alphabet=st.characters(codec="utf-8", max_codepoint=0x1FAFF), min_size=1, max_size=12),
)
texts = st.lists(_pieces, min_size=1, max_size=8).map(" ".join)
_SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def spans(result: ArticleResult) -> list[tuple[str, Span]]:
    """Every span of a result, named by what it is."""
    found = [(f"mention of {a.id}", m) for a in result.actors for m in a.mentions]
    for event in result.events:
        found += [(f"{event.id} trigger", event.trigger), (f"{event.id} evidence", event.evidence)]
    found += [(f"relation {r.subject} {r.predicate} {r.object}", r.evidence) for r in result.relations]
    return found


@pytest.mark.slow
@_SETTINGS
@given(text=texts)
@example(text=MIXED)
def test_offsets_every_span_is_the_text_at_its_offsets(nlp: Language, text: str) -> None:
    result = extract(text, published="2024-03-13", nlp=nlp)
    for what, span in spans(result):
        assert 0 <= span.start <= span.end <= len(text), what
        assert text[span.start : span.end] == span.text, what


@pytest.mark.slow
@settings(_SETTINGS, max_examples=max(EXAMPLES // 3, 5))
@given(text=texts)
def test_offsets_stored_spans_are_the_stored_text_at_their_offsets(nlp: Language, text: str) -> None:
    result = extract(text, published="2024-03-13", nlp=nlp)
    with Store.open(":memory:") as store:
        store.add_results([result])
        _, wrong = store.query(
            """
            SELECT 'mention', m.text FROM mentions m JOIN articles a USING (content_hash)
            WHERE substring(a.text, m.start_char + 1, m.end_char - m.start_char) <> m.text
            UNION ALL
            SELECT 'evidence', e.evidence_text FROM events e JOIN articles a USING (content_hash)
            WHERE substring(a.text, e.evidence_start + 1, e.evidence_end - e.evidence_start)
                  <> e.evidence_text
            UNION ALL
            SELECT 'relation', r.evidence_text FROM relations r JOIN articles a USING (content_hash)
            WHERE substring(a.text, r.evidence_start + 1, r.evidence_end - r.evidence_start)
                  <> r.evidence_text
            """
        )
        _, counts = store.query("SELECT (SELECT count(*) FROM mentions), (SELECT count(*) FROM events)")
    assert wrong == []
    assert counts == [(sum(len(a.mentions) for a in result.actors), len(result.events))]


def test_offsets_the_strategy_mixes_sentences_and_noise() -> None:
    """The generator is not vacuous: it can give a sentence with a flag and CRLF inside one text."""
    found = find(
        texts,
        lambda t: "\r\n" in t and "🇺🇦" in t and any(s in t for s in SENTENCES),
        settings=settings(database=None, max_examples=2000),
    )
    assert found


@pytest.mark.slow
def test_offsets_hold_after_emoji_combining_marks_and_crlf(nlp: Language) -> None:
    """The hand-made case the property always runs: spans found after every kind of noise."""
    result = extract(MIXED, published="2024-03-13", nlp=nlp)
    found = spans(result)
    assert len(result.events) >= 2
    assert all(MIXED[span.start : span.end] == span.text for _, span in found)
