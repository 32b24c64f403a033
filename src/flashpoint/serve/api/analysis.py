"""Across articles: `/timeline`, `/network`, `/watch`, and what the page's map and filters need."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request, Response

from flashpoint.serve.api import queries
from flashpoint.serve.api.deps import Cursor, Filters, PageParams
from flashpoint.serve.api.geo import country_shapes_json

router = APIRouter(tags=["analysis"])


@router.get("/timeline")
def get_timeline(cur: Cursor, filters: Filters, page: PageParams) -> dict[str, Any]:
    """Happenings (reports of one happening merged), earliest first, as `flashpoint timeline`."""
    return queries.timeline(cur, filters, page)


@router.get("/timeline/counts")
def get_timeline_counts(
    cur: Cursor,
    filters: Filters,
    bucket: Annotated[Literal["day", "week", "month", "year"], Query()] = "month",
) -> list[dict[str, Any]]:
    """Happenings per day, week, month or year: all of them, those that happened, and open threats."""
    return queries.timeline_counts(cur, filters, bucket)


@router.get("/network")
def get_network(
    cur: Cursor,
    since: Annotated[date | None, Query(description="Ties from this day on.")] = None,
    actor: Annotated[str | None, Query(max_length=200, description="Only ties of this actor.")] = None,
    edges: Annotated[int, Query(ge=1, le=1000, description="The heaviest ties to return.")] = 80,
) -> dict[str, Any]:
    """The actor network: happenings that occurred (by type) and stated relations, heaviest first."""
    return queries.network(cur, since, actor or None, edges)


@router.get("/watch")
def get_watch(
    cur: Cursor,
    page: PageParams,
    as_of: Annotated[date | None, Query(description="Count ages up to this day (default today).")] = None,
) -> dict[str, Any]:
    """Open threats, vows, plans and predictions no stored event has carried out, oldest first."""
    return queries.watch(cur, as_of or datetime.now(UTC).date(), page)


@router.get("/map/events")
def get_map_events(
    cur: Cursor,
    filters: Filters,
    places: Annotated[int, Query(ge=1, le=5000, description="The busiest places to return.")] = 1000,
) -> dict[str, Any]:
    """Filtered events counted per country and per place (rounded to a tenth of a degree)."""
    return queries.map_events(cur, filters, places)


@router.get("/map/countries", response_class=Response)
def get_map_countries(request: Request) -> Response:
    """Country outlines (Natural Earth 1:50m) as SVG paths in plate carrée: x = lon + 180, y = 90 - lat;
    `{"viewBox": "...", "countries": [{"id": "SYR", "name": "Syria", "d": "M..."}]}`."""
    plain, packed = country_shapes_json()
    headers = {"Cache-Control": "public, max-age=86400", "Vary": "Accept-Encoding"}
    if "gzip" in request.headers.get("accept-encoding", ""):
        headers["Content-Encoding"] = "gzip"
        return Response(packed, media_type="application/json", headers=headers)
    return Response(plain, media_type="application/json", headers=headers)


@router.get("/facets")
def get_facets(cur: Cursor) -> dict[str, Any]:
    """Event types, statuses and countries present, with counts: the choices of the page's filters."""
    return queries.facets(cur)
