"""What the routers share: a cursor per request, the page and filter parameters, the ingest token."""

from __future__ import annotations

import hmac
from collections.abc import Iterator
from datetime import date
from typing import Annotated

import duckdb
from fastapi import Depends, HTTPException, Query, Request

from flashpoint.serve.api.queries import EventFilter, Page

#: The largest page any list endpoint returns; the page itself asks for 50 or 100.
MAX_LIMIT = 500


def cursor(request: Request) -> Iterator[duckdb.DuckDBPyConnection]:
    """A cursor of the app's store for this request only: DuckDB connections must not be shared
    between threads, and FastAPI runs plain endpoints on a thread pool. Cursors are made from a
    connection of their own (`app.state.cursors`), one at a time, never from the store's connection,
    which `POST /articles` may be writing with on another thread."""
    with request.app.state.cursors_lock:
        cur = request.app.state.cursors.cursor()
    try:
        yield cur
    finally:
        cur.close()


Cursor = Annotated[duckdb.DuckDBPyConnection, Depends(cursor)]


def page(
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Rows per page.")] = 50,
    offset: Annotated[int, Query(ge=0, le=10_000_000, description="Rows to skip.")] = 0,
) -> Page:
    """The `limit` and `offset` every list endpoint takes."""
    return Page(limit=limit, offset=offset)


PageParams = Annotated[Page, Depends(page)]


def parse_bbox(value: str | None) -> tuple[float, float, float, float] | None:
    """`west,south,east,north` in degrees as four floats; a 422 for anything else."""
    if value is None or not value.strip():
        return None
    parts = value.split(",")
    try:
        west, south, east, north = (float(p) for p in parts)
    except ValueError:
        raise HTTPException(422, f"bbox {value!r}: expected west,south,east,north in degrees") from None
    if not (-180 <= west <= 180 and -180 <= east <= 180 and -90 <= south <= north <= 90):
        raise HTTPException(
            422, f"bbox {value!r}: longitudes run -180..180, latitudes -90..90, south <= north"
        )
    return west, south, east, north


def event_filter(
    type: Annotated[str | None, Query(max_length=20, description="PLOVER type, e.g. ASSAULT.")] = None,
    status: Annotated[str | None, Query(max_length=20, description="occurred, threatened, ...")] = None,
    actor: Annotated[
        str | None, Query(max_length=200, description="Actor id, name or alias, as source or target.")
    ] = None,
    country: Annotated[
        str | None, Query(max_length=3, description="ISO 3166-1 alpha-3 of the place.")
    ] = None,
    since: Annotated[date | None, Query(description="Events ending on or after this day.")] = None,
    until: Annotated[date | None, Query(description="Events starting on or before this day.")] = None,
    bbox: Annotated[
        str | None, Query(max_length=100, description="west,south,east,north in degrees.")
    ] = None,
    q: Annotated[str | None, Query(max_length=200, description="Words in the evidence sentence.")] = None,
) -> EventFilter:
    """The filters the events table, map and timeline share; empty strings count as absent."""
    return EventFilter(
        type=type or None,
        status=status or None,
        actor=actor or None,
        country=country or None,
        since=since,
        until=until,
        bbox=parse_bbox(bbox),
        q=q or None,
    )


Filters = Annotated[EventFilter, Depends(event_filter)]


def require_token(request: Request) -> None:
    """Let a write through only with `Authorization: Bearer <FLASHPOINT_TOKEN>`; the comparison takes
    the same time whatever the guess, so the token cannot be found a character at a time."""
    expected: str | None = request.app.state.token
    if not expected:
        raise HTTPException(403, "ingest is disabled: the operator has not set FLASHPOINT_TOKEN")
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not given:
        raise HTTPException(401, "missing bearer token", headers={"WWW-Authenticate": "Bearer"})
    if not hmac.compare_digest(given.strip().encode(), expected.encode()):
        raise HTTPException(401, "invalid token", headers={"WWW-Authenticate": "Bearer"})
