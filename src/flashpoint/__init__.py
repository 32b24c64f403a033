"""Flashpoint: reads news about conflict and politics and returns sourced events, actors and relations."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from flashpoint.records import ArticleResult

__version__ = "0.1.0"


def extract(text: str, published: date | str | None = None, **options: Any) -> ArticleResult:
    """Read one article; `published` (a date or YYYY-MM-DD) anchors relative dates. `.to_json()` gives
    the flashpoint/1 contract. Options: `id`, `title`, `nlp` (a pipeline from `flashpoint.nlp.pipeline`)."""
    from flashpoint.pipeline import extract as extract_article  # spaCy loads only when asked for

    return extract_article(text, published, **options)


__all__ = ["__version__", "extract"]
