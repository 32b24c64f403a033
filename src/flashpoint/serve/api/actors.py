"""`/actors` and `/relations`: who is in the store, and the standing ties stated between them."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query

from flashpoint.serve.api import queries
from flashpoint.serve.api.deps import Cursor, PageParams

router = APIRouter(tags=["actors"])


@router.get("/actors")
def list_actors(
    cur: Cursor,
    page: PageParams,
    q: Annotated[str | None, Query(max_length=200, description="Words in the id, name or an alias.")] = None,
    kind: Annotated[str | None, Query(max_length=40)] = None,
    country: Annotated[str | None, Query(max_length=3)] = None,
) -> dict[str, Any]:
    """Stored actors, those in most events first."""
    return queries.actors(cur, q or None, kind or None, country or None, page)


@router.get("/actors/{actor_id}")
def get_actor(actor_id: str, cur: Cursor) -> dict[str, Any]:
    """One actor, with how many events it is the source and the target of."""
    found = queries.actor(cur, actor_id)
    if found is None:
        raise HTTPException(404, f"no actor {actor_id!r}")
    return found


@router.get("/relations")
def list_relations(
    cur: Cursor,
    page: PageParams,
    actor: Annotated[str | None, Query(max_length=200, description="Actor id, name or alias.")] = None,
    predicate: Annotated[str | None, Query(max_length=20, description="sponsors, member_of, ...")] = None,
) -> dict[str, Any]:
    """Relations, one row per subject, predicate and object, most often stated first."""
    return queries.relations(cur, actor or None, predicate or None, page)
