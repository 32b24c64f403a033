"""The web API through FastAPI's test client (issue #7): reads, filters, pages, errors, ingest."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from flashpoint.records import Article, ArticleResult
from flashpoint.serve.api.app import create_app
from flashpoint.serve.api.geo import country_shapes
from flashpoint.serve.api.queries import locate
from flashpoint.store.duckdb_store import Store
from tests.serve.api_store import SHELLING, results

TOKEN = "s3cret-token"


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    path = tmp_path_factory.mktemp("api") / "api.duckdb"
    with Store.open(path) as store:
        store.add_results(results())
    with Store.open(path, read_only=True) as store, TestClient(create_app(store)) as test_client:
        yield test_client


def _fake_reader(article: Article) -> ArticleResult:
    """Stands in for the spaCy pipeline: the shelling article's reading, on whatever text came in."""
    reading = results()[0]
    return ArticleResult(article=article, actors=reading.actors, events=reading.events)


@pytest.fixture()
def writer(tmp_path: Path) -> Iterator[TestClient]:
    with (
        Store.open(tmp_path / "w.duckdb") as store,
        TestClient(create_app(store, token=TOKEN, reader=_fake_reader, max_body=4096)) as test_client,
    ):
        yield test_client


def _get(client: TestClient, url: str, status: int = 200) -> Any:
    response = client.get(url)
    assert response.status_code == status, response.text
    return response.json()


def test_api_events_lists_every_event_latest_first(client: TestClient) -> None:
    page = _get(client, "/events")
    assert page["total"] == 5 and page["limit"] == 50 and page["offset"] == 0
    assert [e["type"] for e in page["items"]] == ["SANCTION", "PROTEST", "ASSAULT", "THREATEN", "ASSAULT"]
    first = page["items"][-1]
    assert first["source_name"] == "Valdorian army" and first["target_name"] == "Civilians"
    assert first["attributed_to"] == ["the regional governor"]
    assert first["when"] == "2024-05-18"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("type=assault", 2),
        ("status=planned", 1),
        ("country=syr", 2),
        ("actor=Red Hand", 3),
        ("actor=VLD", 4),  # the state's id finds its army too
        ("since=2024-05-21", 3),
        ("until=2024-05-20", 2),  # an undated vow counts from its publication day
        ("bbox=35,33,36,34", 1),
        ("bbox=170,-10,-170,10", 0),  # a box across the antimeridian
        ("q=MARCHED", 1),
        ("type=ASSAULT&country=LBN", 1),
        ("type=&status=", 5),  # empty filters are no filters
    ],
)
def test_api_events_filters(client: TestClient, query: str, expected: int) -> None:
    assert _get(client, f"/events?{query}")["total"] == expected


def test_api_events_are_paginated(client: TestClient) -> None:
    first = _get(client, "/events?limit=2")
    second = _get(client, "/events?limit=2&offset=2")
    assert first["total"] == second["total"] == 5
    assert len(first["items"]) == len(second["items"]) == 2
    assert {e["event_id"] for e in first["items"]}.isdisjoint(e["event_id"] for e in second["items"])


def test_api_event_detail_has_offsets_and_watch_links(client: TestClient) -> None:
    vow = next(e for e in _get(client, "/events?type=THREATEN")["items"])
    detail = _get(client, f"/events/{vow['event_id']}")
    text = SHELLING
    assert text[detail["trigger_start"] : detail["trigger_end"]] == "vowed"
    assert text[detail["evidence_start"] : detail["evidence_end"]] == detail["evidence_text"]
    assert [link["type"] for link in detail["fulfilled_by"]] == ["ASSAULT"]


def test_api_article_spans_point_into_its_text(client: TestClient) -> None:
    key = next(a for a in _get(client, "/articles")["items"] if a["article_id"] == "shelling")["content_hash"]
    article = _get(client, f"/articles/{key}")
    text = article["text"]
    assert all(text[m["start"] : m["end"]] == m["text"] for m in article["mentions"])
    shelling = article["events"][0]
    assert text[shelling["trigger_start"] : shelling["trigger_end"]] == "shelled"
    date_span, place_span = shelling["date_span"], shelling["place_span"]
    assert text[date_span["start"] : date_span["end"]] == "On Saturday"
    assert text[place_span["start"] : place_span["end"]] == "Kessem"
    assert article["events"][1]["date_span"] is None


def test_api_locate_prefers_the_evidence() -> None:
    text = "Kessem is far. Guns hit Kessem."
    assert locate(text, "Kessem", 15, len(text)) == {
        "start": 24,
        "end": 30,
        "text": "Kessem",
        "located": "text",
    }
    assert (locate(text, "Kessem", 15, 20) or {})["start"] == 0
    assert locate(text, "Orlen", 0, len(text)) is None


def test_api_actors_and_relations(client: TestClient) -> None:
    actors = _get(client, "/actors")
    assert actors["items"][0]["actor_id"] == "VLD-military" and actors["items"][0]["n_events"] == 3
    assert _get(client, "/actors?q=hand")["total"] == 1
    assert _get(client, "/actors/red-hand")["n_as_source"] == 2
    relations = _get(client, "/relations?actor=red-hand")["items"]
    assert [(r["subject_id"], r["predicate"], r["object_id"]) for r in relations] == [
        ("NRL", "sponsors", "red-hand")
    ]


def test_api_timeline_network_watch(client: TestClient) -> None:
    timeline = _get(client, "/timeline")
    assert timeline["total"] == 5 and timeline["items"][0]["when"] == "2024-05-18"
    counts = _get(client, "/timeline/counts?bucket=month")
    assert counts == [{"period": "2024-05-01", "happened": 3, "open": 2, "total": 5}]
    network = _get(client, "/network")
    kinds = sorted((e["kind"], e["label"]) for e in network["edges"])
    assert kinds == [
        ("event", "ASSAULT"),
        ("event", "ASSAULT"),
        ("event", "THREATEN"),
        ("relation", "sponsors"),
    ]
    watch = _get(client, "/watch?as_of=2024-06-01")
    assert [(w["type"], w["age_days"]) for w in watch["items"]] == [("SANCTION", 9)]


def test_api_map_and_facets(client: TestClient) -> None:
    spots = _get(client, "/map/events?type=ASSAULT")
    assert spots["countries"] == [{"country": "LBN", "n": 1}, {"country": "SYR", "n": 1}]
    assert len(spots["places"]) == 2
    facets = _get(client, "/facets")
    assert facets["events"] == 5 and facets["articles"] == 3
    assert {"value": "planned", "n": 1} in facets["statuses"]


def test_api_country_shapes_are_iso3_paths(client: TestClient) -> None:
    shapes = country_shapes()
    assert _get(client, "/map/countries") == shapes  # served gzipped, once
    ids = {c["id"] for c in shapes["countries"]}
    assert {"SYR", "LBN", "UKR", "YEM", "SDN", "USA", "RUS", "XKX"} <= ids
    assert "ATA" not in ids
    russia = next(c for c in shapes["countries"] if c["id"] == "RUS")
    assert russia["d"].startswith("M") and russia["d"].endswith("Z")


@pytest.mark.parametrize(
    ("url", "status", "message"),
    [
        ("/events/nope", 404, "no event 'nope'"),
        ("/articles/nope", 404, "no article 'nope'"),
        ("/actors/nope", 404, "no actor 'nope'"),
        ("/nowhere", 404, "no such path: /nowhere"),
        ("/events?limit=501", 422, "query.limit: Input should be less than or equal to 500"),
        ("/events?since=yesterday", 422, "query.since: Input should be a valid date"),
        ("/events?bbox=1,2,3", 422, "bbox '1,2,3': expected west,south,east,north in degrees"),
        (
            "/timeline/counts?bucket=hour",
            422,
            "query.bucket: Input should be 'day', 'week', 'month' or 'year'",
        ),
        ("/static/../api/app.py", 404, "no such path: /api/app.py"),
    ],
)
def test_api_errors_are_one_line_of_json(client: TestClient, url: str, status: int, message: str) -> None:
    response = client.get(url)
    assert response.status_code == status
    assert response.json()["status"] == status
    assert response.json()["error"].startswith(message)


def test_api_static_files_stay_in_their_folder(client: TestClient) -> None:
    assert client.get("/static/app.js").status_code == 200
    assert client.get("/static/%2e%2e/api/app.py").status_code == 404
    assert client.get("/static/..%2fapi%2fapp.py").status_code == 404


def test_api_page_and_docs_are_served_without_a_cdn(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200 and "/static/app.js" in page.text
    docs = client.get("/docs")
    assert docs.status_code == 200 and "cdn" not in docs.text.lower()
    assert client.get("/docs-assets/swagger-ui-bundle.js").status_code == 200
    paths = client.get("/openapi.json").json()["paths"]
    assert {
        "/events",
        "/articles",
        "/actors",
        "/relations",
        "/timeline",
        "/network",
        "/watch",
        "/extract",
    } <= set(paths)


def test_api_unexpected_errors_hide_the_traceback(tmp_path: Path) -> None:
    def broken(article: Article) -> ArticleResult:
        raise RuntimeError("secret internals")

    with Store.open(tmp_path / "b.duckdb") as store:
        test_client = TestClient(create_app(store, reader=broken), raise_server_exceptions=False)
        response = test_client.post("/extract", json={"text": "Something happened."})
    assert response.status_code == 500
    assert response.json() == {
        "error": "internal error (RuntimeError); the server log has the details",
        "status": 500,
    }


def test_api_extract_returns_flashpoint_1(writer: TestClient) -> None:
    response = writer.post("/extract", json={"text": SHELLING, "published": "2024-05-20"})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["schema"] == "flashpoint/1"
    assert body["article"]["published"] == "2024-05-20"
    assert [e["type"] for e in body["events"]] == ["ASSAULT", "THREATEN"]
    assert _get(writer, "/events")["total"] == 0  # nothing stored


@pytest.mark.parametrize(
    ("headers", "status", "message"),
    [
        ({}, 401, "missing bearer token"),
        ({"Authorization": "Bearer wrong"}, 401, "invalid token"),
        ({"Authorization": f"Basic {TOKEN}"}, 401, "missing bearer token"),
    ],
)
def test_api_ingest_needs_the_token(
    writer: TestClient, headers: dict[str, str], status: int, message: str
) -> None:
    response = writer.post("/articles", json={"text": SHELLING}, headers=headers)
    assert (response.status_code, response.json()["error"]) == (status, message)


def test_api_ingest_is_off_without_a_token(client: TestClient) -> None:
    response = client.post("/articles", json={"text": SHELLING}, headers={"Authorization": "Bearer x"})
    assert response.status_code == 403
    assert response.json()["error"] == "ingest is disabled: the operator has not set FLASHPOINT_TOKEN"


def test_api_ingest_stores_once(writer: TestClient) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    body = {
        "text": SHELLING,
        "title": "Shelling",
        "published": date(2024, 5, 20).isoformat(),
        "outlet": "Wire A",
    }
    first = writer.post("/articles", json=body, headers=auth)
    assert first.status_code == 201, first.text
    assert first.json()["stored"] is True and len(first.json()["events"]) == 2
    again = writer.post("/articles", json=body, headers=auth)
    assert again.json()["stored"] is False
    assert _get(writer, "/events")["total"] == 2
    assert _get(writer, f"/events/{first.json()['events'][0]}")["outlet"] == "Wire A"


@pytest.mark.parametrize(
    ("body", "status", "message"),
    [
        ({"text": "   "}, 400, "text is empty"),
        ({"title": "no text"}, 422, "body.text: Field required"),
        ({"text": "x", "published": "someday"}, 422, "body.published: Input should be a valid date"),
    ],
)
def test_api_extract_rejects_bad_bodies(
    writer: TestClient, body: dict[str, Any], status: int, message: str
) -> None:
    response = writer.post("/extract", json=body)
    assert response.status_code == status
    assert response.json()["error"].startswith(message)


def test_api_bodies_over_the_limit_are_413(writer: TestClient) -> None:
    response = writer.post("/extract", json={"text": "word " * 2000})
    assert response.status_code == 413
    assert response.json() == {"error": "request body over the limit of 4,096 bytes", "status": 413}

    def chunks() -> Iterator[bytes]:
        yield b'{"text": "'
        for _ in range(10):
            yield b"x" * 1000
        yield b'"}'

    streamed = writer.post("/extract", content=chunks(), headers={"Content-Type": "application/json"})
    assert streamed.status_code == 413


def test_api_malformed_json_is_a_clear_422(writer: TestClient) -> None:
    response = writer.post("/extract", content=b"{not json", headers={"Content-Type": "application/json"})
    assert response.status_code == 422
    assert response.json()["error"].startswith("body.1: JSON decode error")


@pytest.mark.slow
def test_api_extract_runs_the_real_pipeline(tmp_path: Path, nlp: Any) -> None:
    with Store.open(tmp_path / "p.duckdb") as store, TestClient(create_app(store)) as test_client:
        response = test_client.post(
            "/extract",
            json={
                "text": "Rebels shelled the town of Kessem on Monday, killing two people.",
                "published": "2024-05-22",
            },
        )
    assert response.status_code == 200, response.text
    events = response.json()["events"]
    assert events and events[0]["type"] == "ASSAULT"


def test_api_reads_go_on_while_articles_are_stored(writer: TestClient) -> None:
    from concurrent.futures import ThreadPoolExecutor

    auth = {"Authorization": f"Bearer {TOKEN}"}

    def post(n: int) -> int:
        body = {"text": f"{SHELLING} Report {n}.", "title": f"Report {n}"}
        return writer.post("/articles", json=body, headers=auth).status_code

    def read(n: int) -> int:
        return writer.get("/events" if n % 2 else "/timeline").status_code

    with ThreadPoolExecutor(max_workers=6) as pool:
        writes = pool.map(post, range(6))
        reads = pool.map(read, range(30))
        assert set(writes) == {201} and set(reads) == {200}
    assert _get(writer, "/events")["total"] == 12
