"""Reading text over HTTP: `POST /extract` returns flashpoint/1; `POST /articles` (articles.py) stores.

The pipeline is the one every other door uses (`flashpoint.pipeline.read_doc`). The spaCy model is
loaded on the first request that needs it, not at start, so a server that only reads the store
starts in a second; one lock keeps two requests from parsing at once on the shared pipeline.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, FastAPI, HTTPException, Request
from pydantic import BaseModel, Field

from flashpoint.config import MAX_ARTICLE_CHARS
from flashpoint.records import Article, ArticleResult

#: Reads one article; the app's default parses it with the shared pipeline, tests pass a fake.
Reader = Callable[[Article], ArticleResult]

router = APIRouter(tags=["reading"])
_parse_lock = threading.Lock()


class ArticleIn(BaseModel):
    """An article sent to be read: its text and what is known about it."""

    text: Annotated[str, Field(description="The article text; offsets in the answer point into it.")]
    published: Annotated[date | None, Field(description="Anchors relative dates ('on Monday').")] = None
    title: Annotated[str | None, Field(max_length=1000)] = None
    id: Annotated[str | None, Field(max_length=200, description="The article's id (default: 'api').")] = None
    url: Annotated[str | None, Field(max_length=2000)] = None
    outlet: Annotated[str | None, Field(max_length=200)] = None


def pipeline_reader(article: Article) -> ArticleResult:
    """Parse with the process's shared spaCy pipeline and read the article as the CLI does."""
    from flashpoint.nlp.pipeline import shared_nlp
    from flashpoint.pipeline import read_doc

    with _parse_lock:
        return read_doc(shared_nlp()(article.text), article)


def read(app: FastAPI, body: ArticleIn) -> ArticleResult:
    """The body as an Article, checked (not empty, not too long), read by the app's reader."""
    if not body.text.strip():
        raise HTTPException(400, "text is empty")
    if len(body.text) > MAX_ARTICLE_CHARS:
        raise HTTPException(413, f"text is {len(body.text):,} characters; the limit is {MAX_ARTICLE_CHARS:,}")
    article = Article(
        id=body.id or "api",
        text=body.text,
        title=body.title,
        url=body.url,
        outlet=body.outlet,
        published=body.published,
        origin="api",
    )
    reader: Reader = app.state.reader
    return reader(article)


@router.post("/extract")
def extract(body: ArticleIn, request: Request) -> dict[str, Any]:
    """Read a text and return its actors, events and relations as flashpoint/1; nothing is stored."""
    return read(request.app, body).to_json()
