"""Shared fixtures: the spaCy pipeline is loaded once per test run, since loading is the slow part."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator

import pytest
from spacy.language import Language


@pytest.fixture(scope="session", autouse=True)
def _no_user_knowledge_base() -> Iterator[None]:
    """The suite reads the packaged knowledge base only, never files a developer installed with
    `flashpoint actors import-kb`: an empty user KB directory for the whole run (subprocesses inherit
    it). Tests of the user KB point FLASHPOINT_KB_DIR at their own directory."""
    before = os.environ.get("FLASHPOINT_KB_DIR")
    with tempfile.TemporaryDirectory(prefix="flashpoint-test-kb-") as empty:
        os.environ["FLASHPOINT_KB_DIR"] = empty
        try:
            yield
        finally:
            if before is None:
                os.environ.pop("FLASHPOINT_KB_DIR", None)
            else:
                os.environ["FLASHPOINT_KB_DIR"] = before


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The full Flashpoint pipeline (model plus knowledge-base entity ruler)."""
    from flashpoint.nlp.pipeline import shared_nlp

    return shared_nlp()
