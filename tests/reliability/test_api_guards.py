"""The API refuses what it must (issue #9): writes without the token, invalid parameters (422, not
500), SQL in any filter (always a parameter), paths out of the static folder, oversize bodies (413).

In-process through FastAPI's test client, except path traversal, which is sent byte for byte to a
real server: an HTTP client would tidy `..` out of the URL before it left.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from fastapi.testclient import TestClient

from flashpoint.records import Article, ArticleResult
from flashpoint.serve.api.app import create_app
from flashpoint.store.duckdb_store import Store
from tests.reliability.conftest import TOKEN
from tests.serve.api_store import results

#: Every GET endpoint with a list of filters, and a few known ids.
READS = (
    "/events",
    "/articles",
    "/actors",
    "/relations",
    "/timeline",
    "/timeline/counts",
    "/network",
    "/watch",
    "/map/events",
    "/facets",
)
INJECTIONS = (
    "' OR '1'='1",
    "'; DROP TABLE events; --",
    '" OR ""="',
    "1) OR (1=1",
    "x' UNION SELECT content_hash, text FROM articles --",
    "%",
    "_",
    "%' --",
    "\\",
    "$1",
    "?",
    "VLD' OR actor_id LIKE '%",
    "\u0000",
)


#: Filters that match whole values: no injection string is the value of any stored row.
EXACT = {"actor", "country", "type", "status", "kind", "predicate", "subject", "object", "outlet"}


def _light_reader(article: Article) -> ArticleResult:
    """Stands in for the spaCy pipeline: the first stored article's reading, on whatever text came in."""
    reading = results()[0]
    return ArticleResult(article=article, actors=reading.actors, events=reading.events)


@pytest.fixture(scope="module")
def reader(api_store: Path) -> Iterator[TestClient]:
    with Store.open(api_store, read_only=True) as store, TestClient(create_app(store)) as client:
        yield client


@pytest.fixture()
def writer(tmp_path: Path) -> Iterator[TestClient]:
    with (
        Store.open(tmp_path / "w.duckdb") as store,
        TestClient(create_app(store, token=TOKEN, reader=_light_reader)) as client,
    ):
        yield client


def _stored(client: TestClient) -> int:
    return int(client.get("/articles").json()["total"])


BODY = {"text": "Valdorian artillery shelled the town of Kessem on Saturday.", "published": "2024-05-20"}


@pytest.mark.parametrize(
    ("headers", "status"),
    [
        ({}, 401),
        ({"Authorization": TOKEN}, 401),
        ({"Authorization": f"Basic {TOKEN}"}, 401),
        ({"Authorization": "Bearer "}, 401),
        ({"Authorization": "Bearer wrong-token"}, 401),
        ({"Authorization": f"Bearer {TOKEN}x"}, 401),
        ({"Authorization": f"Bearer {TOKEN[:-1]}"}, 401),
    ],
)
def test_api_guards_a_write_without_the_token_is_refused_and_stores_nothing(
    writer: TestClient, headers: dict[str, str], status: int
) -> None:
    response = writer.post("/articles", json=BODY, headers=headers)
    assert response.status_code == status
    assert response.json()["status"] == status
    assert _stored(writer) == 0


def test_api_guards_a_write_with_the_token_is_stored(writer: TestClient) -> None:
    response = writer.post("/articles", json=BODY, headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 201
    assert _stored(writer) == 1


def test_api_guards_no_token_configured_means_no_writes(reader: TestClient) -> None:
    response = reader.post("/articles", json=BODY, headers={"Authorization": "Bearer anything"})
    assert response.status_code == 403


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH"])
@pytest.mark.parametrize("path", ["/events", "/articles", "/actors"])
def test_api_guards_reads_have_no_other_methods(reader: TestClient, method: str, path: str) -> None:
    assert reader.request(method, path).status_code == 405


PAGING = (
    "limit=0",
    "limit=-1",
    "limit=501",
    "limit=abc",
    "limit=1e3",
    "offset=-5",
    "offset=99999999999999999999",
)
FILTERS = (
    "since=yesterday",
    "until=2024-13-40",
    "bbox=1,2,3",
    "bbox=a,b,c,d",
    "bbox=0,10,1,5",
    "bbox=nan,nan,nan,nan",
    "bbox=inf,-inf,inf,inf",
    "country=" + "X" * 50,
    "q=" + "x" * 5000,
)
INVALID = [
    *(
        (path, query)
        for path in ("/events", "/articles", "/actors", "/relations", "/timeline")
        for query in PAGING
    ),
    *(
        (path, query)
        for path in ("/events", "/map/events", "/timeline", "/timeline/counts")
        for query in FILTERS
    ),
    ("/timeline/counts", "bucket=hour"),
    ("/network", "edges=0"),
]


@pytest.mark.parametrize(("path", "query"), INVALID)
def test_api_guards_invalid_parameters_are_422_with_a_json_reason(
    reader: TestClient, path: str, query: str
) -> None:
    response = reader.get(f"{path}?{query}")
    assert response.status_code == 422, response.text
    assert response.json()["status"] == 422
    assert response.json()["error"]


def _query_parameters(client: TestClient) -> list[tuple[str, str]]:
    """Every (GET path, string query parameter) the OpenAPI schema lists."""
    schema = client.get("/openapi.json").json()
    found = []
    for path, operations in schema["paths"].items():
        get = operations.get("get")
        if get is None or "{" in path:
            continue
        for parameter in get.get("parameters", []):
            kinds = parameter["schema"].get("anyOf", [parameter["schema"]])
            if parameter["in"] == "query" and any(k.get("type") == "string" for k in kinds):
                found.append((path, parameter["name"]))
    return found


def test_api_guards_every_string_filter_is_tried(reader: TestClient) -> None:
    """The injection test below covers the filters the schema lists, and it lists many."""
    filters = _query_parameters(reader)
    assert {path for path, _ in filters} >= {"/events", "/articles", "/actors", "/relations", "/map/events"}
    assert len(filters) >= 20


def test_api_guards_sql_in_any_filter_is_a_value_never_sql(reader: TestClient) -> None:
    """Each injection string in each string filter: never a 5xx, never more rows than no filter
    gives, and no row at all unless the string can match as plain text; the store is unchanged."""
    before = {path: reader.get(path).json() for path in ("/events", "/articles", "/actors", "/relations")}
    problems: list[tuple[Any, ...]] = []
    for path, name in _query_parameters(reader):
        unfiltered = reader.get(path)
        for text in INJECTIONS:
            response = reader.get(path, params={name: text})
            if response.status_code >= 500:
                problems.append((path, name, text, response.status_code, response.text))
            elif response.status_code == 200 and _total(response.json()) > _total(unfiltered.json()):
                problems.append((path, name, text, "more rows than unfiltered"))
            elif (
                response.status_code == 200
                and _total(response.json())
                and name in {"actor", "country", "type"}
            ):
                problems.append((path, name, text, f"{_total(response.json())} rows matched"))
    assert problems == []
    after = {path: reader.get(path).json() for path in before}
    assert after == before


def _total(page: Any) -> int:
    if isinstance(page, dict) and "total" in page:
        return int(page["total"])
    if isinstance(page, dict) and "nodes" in page:
        return len(page["nodes"]) + len(page.get("edges", []))
    return len(page) if isinstance(page, list) else 0


@pytest.mark.parametrize("path", ["/events/", "/articles/", "/actors/"])
@pytest.mark.parametrize("text", INJECTIONS[:6])
def test_api_guards_sql_in_a_path_id_is_a_404(reader: TestClient, path: str, text: str) -> None:
    response = reader.get(path + text.replace("/", "%2F").replace("?", "%3F"))
    assert response.status_code == 404, response.text


TRAVERSALS = (
    "/static/../app.py",
    "/static/../../config.py",
    "/static/%2e%2e/app.py",
    "/static/%2e%2e/%2e%2e/config.py",
    "/static/..%2fapp.py",
    "/static/..%2f..%2fconfig.py",
    "/static/%252e%252e/app.py",
    "/static/....//app.py",
    "/static/..\\app.py",
    "/static/..%5capp.py",
    "/static//etc/passwd",
    "/static/%2fetc%2fpasswd",
    "/static/../../../../../../etc/passwd",
    "/static/%c0%ae%c0%ae/app.py",
)


def _raw_get(base: str, target: str) -> tuple[int, bytes]:
    """Send `GET target` exactly as written (no client tidies it) and return the status and body."""
    address = urlsplit(base)
    with socket.create_connection((address.hostname, address.port), timeout=10) as conn:
        conn.sendall(f"GET {target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".encode())
        data = b""
        while chunk := conn.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    return int(head.split()[1]), body


@pytest.mark.slow
@pytest.mark.parametrize("target", TRAVERSALS)
def test_api_guards_static_files_cannot_leave_their_folder(server: str, target: str) -> None:
    status, body = _raw_get(server, target)
    assert status in {400, 404}, (status, body[:200])
    assert b"import" not in body and b"root:" not in body


@pytest.mark.slow
def test_api_guards_static_files_inside_the_folder_are_served(server: str) -> None:
    status, body = _raw_get(server, "/")
    assert status == 200
    assert b"<html" in body.lower()


def test_api_guards_oversize_bodies_are_413(writer: TestClient) -> None:
    big = b'{"text": "' + b"a" * (3 * 1024 * 1024) + b'"}'
    auth = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"}
    assert (
        writer.post("/extract", content=big, headers={"Content-Type": "application/json"}).status_code == 413
    )
    assert writer.post("/articles", content=big, headers=auth).status_code == 413

    def chunked() -> Iterator[bytes]:  # no Content-Length: the server must count as it reads
        yield b'{"text": "'
        for _ in range(48):
            yield b"a" * 65536
        yield b'"}'

    assert writer.post("/articles", content=chunked(), headers=auth).status_code == 413
    assert _stored(writer) == 0


def test_api_guards_an_article_over_the_character_limit_is_413(writer: TestClient) -> None:
    from flashpoint.config import MAX_ARTICLE_CHARS

    body = {"text": "a" * (MAX_ARTICLE_CHARS + 1)}
    response = writer.post("/articles", json=body, headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 413
    assert _stored(writer) == 0


@pytest.mark.parametrize("pattern", ["%", "_%", "VLD%", "red_hand"])
def test_api_guards_like_wildcards_in_an_actor_filter_match_no_actor(
    reader: TestClient, pattern: str
) -> None:
    """`actor=%` matched every actor with a '-' in its id: the filter's "its institutions" rule was
    a LIKE pattern built from the value (issue #9)."""
    for path in ("/events", "/relations", "/timeline"):
        assert reader.get(path, params={"actor": pattern}).json()["total"] == 0, path
    assert reader.get("/network", params={"actor": pattern}).json()["nodes"] == []


def test_api_guards_an_actor_filter_still_finds_a_state_s_institutions(reader: TestClient) -> None:
    assert reader.get("/events", params={"actor": "VLD"}).json()["total"] == 4


@pytest.mark.parametrize("pattern", ["%", "_%", "VLD%"])
def test_api_guards_like_wildcards_in_the_timeline_command_match_no_actor(
    api_store: Path, pattern: str
) -> None:
    from flashpoint.store.timeline import timeline

    with Store.open(api_store, read_only=True) as store:
        assert timeline(store.connection, actor=pattern) == []
        assert len(timeline(store.connection, actor="VLD")) == 4
