"""`flashpoint follow`, `flashpoint feeds` and `flashpoint ingest URL` through typer's runner, against the
local site of tests/feedsite.py (issue #10). Only the `slow` test runs the real pipeline."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from feedsite import LocalSite, Page, article_html, publish, story
from spacy.language import Language
from typer.testing import CliRunner

from flashpoint.serve.cli import app
from flashpoint.store.duckdb_store import Store


@pytest.fixture
def site() -> Iterator[LocalSite]:
    with LocalSite() as local:
        yield local


def invoke(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, list(args))


def test_feeds_cli_add_list_remove(tmp_path: Path) -> None:
    db = str(tmp_path / "news.duckdb")
    assert invoke("feeds", "add", "https://news.invalid/world.xml", "--db", db).exit_code == 0
    again = invoke("feeds", "add", "https://news.invalid/world.xml", "--db", db)
    assert again.stderr.strip() == "already followed: https://news.invalid/world.xml"
    listed = invoke("feeds", "list", "--db", db)
    assert (
        listed.exit_code == 0 and "https://news.invalid/world.xml" in listed.stdout and "new" in listed.stdout
    )
    assert invoke("feeds", "remove", "https://news.invalid/world.xml", "--db", db).exit_code == 0
    missing = invoke("feeds", "remove", "https://news.invalid/world.xml", "--db", db)
    assert missing.exit_code == 1
    assert missing.stderr.strip() == "error https://news.invalid/world.xml: not in the feeds file"
    assert invoke("feeds", "add", "news.invalid/feed", "--db", db).exit_code == 2


def test_follow_cli_failed_feed_is_one_line_and_exit_1(site: LocalSite, tmp_path: Path) -> None:
    site.routes["/world.xml"] = Page(b"<html><body>moved</body></html>")
    db = str(tmp_path / "news.duckdb")
    result = invoke("follow", site.url("/world.xml"), "--once", "--delay", "0", "--db", db)
    assert result.exit_code == 1
    first = result.stderr.splitlines()[0]
    reason = "not a feed: the server sent an HTML page (text/html)"
    assert first == f"error [1/1] {site.url('/world.xml')}: failed: {reason}"
    with Store.open(db, read_only=True) as store:
        assert store.query("SELECT status FROM feeds")[1] == [("failed",)]


def test_follow_cli_needs_feeds_and_a_valid_interval(tmp_path: Path) -> None:
    db = str(tmp_path / "news.duckdb")
    result = invoke("follow", "--once", "--db", db)
    assert result.exit_code == 2
    assert "no feeds to follow" in result.stderr
    assert invoke("follow", "https://news.invalid/x.xml", "--every", "soon", "--db", db).exit_code == 2


@pytest.mark.slow
def test_follow_cli_real_pipeline_once_then_nothing_new(
    nlp: Language, site: LocalSite, tmp_path: Path
) -> None:
    publish(site, "/world.xml", range(2))
    db = str(tmp_path / "news.duckdb")
    first = invoke("follow", site.url("/world.xml"), "--once", "--delay", "0", "--db", db)
    assert first.exit_code == 0, first.stderr
    assert "2 new" in first.stderr
    second = invoke("follow", "--once", "--delay", "0", "--db", db)
    assert second.exit_code == 0 and "0 new" in second.stderr and "2 already read" in second.stderr
    with Store.open(db, read_only=True) as store:
        assert store.query("SELECT count(*) FROM articles")[1] == [(2,)]
        assert store.query("SELECT count(*) > 0 FROM events")[1] == [(True,)]
    title, text = story(5)
    site.routes["/single.html"] = Page(article_html(title, text))
    ingested = invoke("ingest", site.url("/single.html"), "--db", db)
    assert ingested.exit_code == 0, ingested.stderr
    assert "stored 1 new article(s)" in ingested.stderr
    repeated = invoke("ingest", site.url("/single.html"), site.url("/missing.html"), "--db", db)
    assert repeated.exit_code == 1
    assert f"error {site.url('/missing.html')}: HTTP 404 Not Found" in repeated.stderr
    assert "stored 0 new article(s), skipped 1 already stored" in repeated.stderr
