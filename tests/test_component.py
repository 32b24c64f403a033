"""The spaCy component: users who run their own pipeline get the same result on the Doc."""

from __future__ import annotations

import pytest
import spacy

from flashpoint.config import SPACY_PIPELINE

pytestmark = pytest.mark.slow


def test_component_puts_the_article_result_on_the_doc() -> None:
    nlp = spacy.load(SPACY_PIPELINE)
    nlp.add_pipe("flashpoint", config={"published": "2024-05-08"})
    doc = nlp("Gunmen attacked a police station in Peshawar on Monday, killing two officers.")
    result = doc._.flashpoint
    attack = next(e for e in result.events if e.type == "ASSAULT")
    assert (attack.fatalities, attack.date.start.isoformat()) == (2, "2024-05-06")
    assert result.to_json()["schema"] == "flashpoint/1"
