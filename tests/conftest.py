"""Shared fixtures: the spaCy pipeline is loaded once per test run, since loading is the slow part."""

from __future__ import annotations

import pytest
from spacy.language import Language


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The full Flashpoint pipeline (model plus knowledge-base entity ruler)."""
    from flashpoint.nlp.pipeline import shared_nlp

    return shared_nlp()
