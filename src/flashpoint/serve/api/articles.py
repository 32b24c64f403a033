"""`/articles`: stored articles, one article with every span read from it, and ingest (POST)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request

from flashpoint.serve.api import queries
from flashpoint.serve.api.deps import Cursor, PageParams, require_token
from flashpoint.serve.api.reading import ArticleIn, read

router = APIRouter(prefix="/articles", tags=["articles"])


@router.get("")
def list_articles(
    cur: Cursor,
    page: PageParams,
    q: Annotated[str | None, Query(max_length=200, description="Words in the title or text.")] = None,
    outlet: Annotated[str | None, Query(max_length=200)] = None,
) -> dict[str, Any]:
    """Stored articles, latest published first, with how many events each gave."""
    return queries.articles(cur, q or None, outlet or None, page)


@router.get("/{content_hash}")
def get_article(content_hash: str, cur: Cursor) -> dict[str, Any]:
    """One article's text with its actor mentions, events (trigger, evidence, date and place spans,
    attribution) and relations, all as character offsets into the text."""
    found = queries.article(cur, content_hash)
    if found is None:
        raise HTTPException(404, f"no article {content_hash!r}")
    return found


@router.post("", status_code=201, dependencies=[Depends(require_token)])
def ingest_article(body: ArticleIn, request: Request) -> dict[str, Any]:
    """Read an article and store it (needs `Authorization: Bearer $FLASHPOINT_TOKEN`); an article
    already stored is not stored twice (`stored: false`)."""
    store = request.app.state.store
    result = read(request.app, body)
    with request.app.state.write_lock:
        try:
            counts = store.add_results([result])
        finally:
            # Whatever was written (even part of a failed write), cached answers may now be stale.
            request.app.state.answers.invalidate()
    key = result.article.content_hash
    return {
        "content_hash": key,
        "stored": counts.articles_added == 1,
        "events": [f"{key[:16]}:{e.id}" for e in result.events],
        "actors": [a.id for a in result.actors],
        "relations": len(result.relations),
    }
