"""The cache of GET answers (serve/api/cache.py): a repeated read is answered from memory, a write
empties it, and only whole JSON answers with status 200 are kept."""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from flashpoint.records import Article, ArticleResult
from flashpoint.serve.api.app import create_app
from flashpoint.serve.api.cache import Answers
from flashpoint.store.duckdb_store import Store
from tests.serve.api_store import SHELLING, results

TOKEN = "cache-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


def _reader(article: Article) -> ArticleResult:
    reading = results()[0]
    return ArticleResult(article=article, actors=reading.actors, events=reading.events)


@pytest.fixture()
def writer(tmp_path: Path) -> Iterator[TestClient]:
    with (
        Store.open(tmp_path / "c.duckdb") as store,
        TestClient(create_app(store, token=TOKEN, reader=_reader)) as client,
    ):
        yield client


def _answers(client: TestClient) -> Answers:
    answers: Answers = client.app.state.answers  # type: ignore[attr-defined]
    return answers


def test_cache_answers_a_repeated_read_from_memory(writer: TestClient) -> None:
    answers = _answers(writer)
    first = writer.get("/facets")
    hits = answers.hits
    again = writer.get("/facets")
    assert answers.hits == hits + 1
    assert again.status_code == 200 and again.json() == first.json()
    assert again.headers["content-type"] == first.headers["content-type"]
    # Another query string is another question.
    writer.get("/facets?x=1")
    assert answers.hits == hits + 1


def test_cache_is_emptied_by_a_write(writer: TestClient) -> None:
    assert writer.get("/events").json()["total"] == 0
    assert writer.get("/facets").json()["events"] == 0
    assert len(_answers(writer)) == 2
    body = {"text": SHELLING, "title": "Shelling", "published": date(2024, 5, 20).isoformat()}
    stored = writer.post("/articles", json=body, headers=AUTH)
    assert stored.status_code == 201, stored.text
    assert len(_answers(writer)) == 0
    assert writer.get("/events").json()["total"] == 2
    assert writer.get("/facets").json()["events"] == 2
    # An article already stored writes nothing new, and still leaves no stale answer behind.
    assert writer.post("/articles", json=body, headers=AUTH).json()["stored"] is False
    assert writer.get("/events").json()["total"] == 2


def test_cache_keeps_only_whole_json_answers_with_status_200(writer: TestClient) -> None:
    answers = _answers(writer)
    assert writer.get("/events/nope").status_code == 404
    assert writer.get("/events?limit=0").status_code == 422
    assert writer.get("/").status_code == 200  # the page: HTML, served from its file each time
    assert len(answers) == 0
    writer.get("/map/countries")  # half a megabyte, made once in geo.py; kept as sent
    assert len(answers) == 1


def test_cache_keeps_gzipped_and_plain_answers_apart(writer: TestClient) -> None:
    packed = writer.get("/map/countries", headers={"Accept-Encoding": "gzip"})
    plain = writer.get("/map/countries", headers={"Accept-Encoding": "identity"})
    again = writer.get("/map/countries", headers={"Accept-Encoding": "gzip"})
    assert packed.json() == plain.json() == again.json()
    assert again.headers["content-encoding"] == "gzip"
    assert "content-encoding" not in plain.headers
    assert len(_answers(writer)) == 2


def test_cache_drops_an_answer_made_while_the_store_changed() -> None:
    answers = Answers(4)
    _, generation = answers.get(("2024-01-01", "/events", False))
    answers.invalidate()  # a write finished while the answer was being made
    answers.put(("2024-01-01", "/events", False), (200, [], b"{}"), generation)
    assert len(answers) == 0
    _, generation = answers.get(("2024-01-01", "/events", False))
    answers.put(("2024-01-01", "/events", False), (200, [], b"{}"), generation)
    assert len(answers) == 1


def test_cache_forgets_the_least_recently_used_first() -> None:
    answers = Answers(2)
    for path in ("/a", "/b"):
        answers.put(("d", path, False), (200, [], path.encode()), 0)
    answers.get(("d", "/a", False))
    answers.put(("d", "/c", False), (200, [], b"/c"), 0)
    assert answers.get(("d", "/b", False))[0] is None
    assert answers.get(("d", "/a", False))[0] is not None


def test_cache_keeps_at_most_its_bytes() -> None:
    answers = Answers(10, max_total=10)
    answers.put(("d", "/a", False), (200, [], b"123456"), 0)
    answers.put(("d", "/a", False), (200, [], b"1234"), 0)  # the same question again replaces it
    assert (len(answers), answers.size) == (1, 4)
    answers.put(("d", "/b", False), (200, [], b"1234567"), 0)
    assert answers.get(("d", "/a", False))[0] is None
    assert (len(answers), answers.size) == (1, 7)
    answers.invalidate()
    assert (len(answers), answers.size) == (0, 0)


def test_cache_off_keeps_nothing(tmp_path: Path) -> None:
    with Store.open(tmp_path / "o.duckdb") as store, TestClient(create_app(store, cache_entries=0)) as client:
        assert client.get("/facets").status_code == 200
        assert client.get("/facets").status_code == 200
        assert len(client.app.state.answers) == 0  # type: ignore[attr-defined]


def test_cache_answer_is_the_bytes_sent(writer: TestClient) -> None:
    """A kept gzipped answer is replayed byte for byte, with its own Content-Length."""
    writer.get("/map/countries", headers={"Accept-Encoding": "gzip"})
    ((_, _, _), (status, headers, body)) = next(iter(_answers(writer)._answers.items()))
    assert status == 200
    named = dict(headers)
    assert int(named[b"content-length"]) == len(body)
    assert gzip.decompress(body).startswith(b'{"viewBox"')
