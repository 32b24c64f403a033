"""`/events`: stored events, filtered and paginated, and one event with its happening and links."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException

from flashpoint.serve.api import queries
from flashpoint.serve.api.deps import Cursor, Filters, PageParams

router = APIRouter(prefix="/events", tags=["events"])


@router.get("")
def list_events(cur: Cursor, filters: Filters, page: PageParams) -> dict[str, Any]:
    """Events matching every filter given, latest first, with the names of their actors."""
    return queries.events(cur, filters, page)


@router.get("/{event_id}")
def get_event(event_id: str, cur: Cursor) -> dict[str, Any]:
    """One event: its offsets into the article, other reports of the same happening, and the threats
    it carried out or the deeds that carried it out."""
    found = queries.event(cur, event_id)
    if found is None:
        raise HTTPException(404, f"no event {event_id!r}")
    return found
