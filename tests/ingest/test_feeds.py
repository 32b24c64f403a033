"""Following feeds against a local site (tests/feedsite.py): new, repeated and updated items, failures
of every kind, politeness. Extraction is a fake that makes one event per article, so no test here
loads spaCy; the real pipeline runs in tests/serve/test_feeds_cli.py (issue #10)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

import pytest
from feedsite import LocalSite, Page, article_html, atom, publish, rss, stamp, story

from flashpoint.errors import FeedUnavailable, InputError
from flashpoint.ingest import feeds
from flashpoint.ingest.feeds import (
    USER_AGENT,
    FeedReport,
    Fetcher,
    Follower,
    page_article,
    parse_feed,
    parse_interval,
)
from flashpoint.records import Article, ArticleResult, Event, Span
from flashpoint.store.duckdb_store import Store


def fake_extract(articles: Sequence[Article]) -> list[ArticleResult]:
    """One event per article, read from its first sentence: enough to see events replaced."""
    results = []
    for article in articles:
        end = article.text.index(".") + 1
        evidence = Span(start=0, end=end, text=article.text[:end])
        event = Event(
            id="e1", type="ASSAULT", mode=None, status="occurred", evidence=evidence, trigger=evidence
        )
        results.append(ArticleResult(article=article, events=(event,)))
    return results


@pytest.fixture
def site() -> Iterator[LocalSite]:
    with LocalSite() as local:
        yield local


@pytest.fixture
def store() -> Iterator[Store]:
    with Store.open(":memory:") as memory:
        yield memory


def make_follower(store: Store, **fetcher_options: Any) -> tuple[Follower, list[str], list[float]]:
    """A follower with no delays (sleeps are recorded, not slept) and a log kept in a list."""
    log: list[str] = []
    sleeps: list[float] = []
    options: dict[str, Any] = {"delay": 0.0, "timeout": 2.0, "sleep": sleeps.append, **fetcher_options}
    return Follower(store, fake_extract, Fetcher(**options), log=log.append), log, sleeps


def rows(store: Store, sql: str) -> list[tuple[object, ...]]:
    return store.query(sql)[1]


def test_feeds_new_items_are_stored_with_page_metadata(site: LocalSite, store: Store) -> None:
    publish(site, "/world.xml", range(3))
    follower, log, _ = make_follower(store)
    report = follower.poll(site.url("/world.xml"))
    assert report == FeedReport(url=site.url("/world.xml"), status="ok", entries=3, new=3)
    assert log == []
    stored = rows(
        store, "SELECT article_id, title, outlet, published, origin FROM articles ORDER BY article_id"
    )
    first = stored[0]
    assert first[0] == site.url("/news/0.html") == first[4]
    assert first[1] == "Clashes reported near Kessem (report 0)"
    assert str(first[3]) == "2024-03-13"
    assert first[2] == "Test Wire"
    assert rows(store, "SELECT DISTINCT author FROM pages") == [("Mara Ellison",)]
    assert rows(store, "SELECT count(*) FROM events") == [(3,)]
    assert {r.headers["user-agent"] for r in site.requests} == {USER_AGENT}


def test_feeds_repeated_items_are_never_fetched_again(site: LocalSite, store: Store) -> None:
    publish(site, "/world.xml", range(4))
    follower, _, _ = make_follower(store)
    follower.poll(site.url("/world.xml"))
    publish(site, "/world.xml", range(6))  # two more stories; the first four are unchanged
    report = follower.poll(site.url("/world.xml"))
    assert (report.new, report.seen) == (2, 4)
    assert all(site.fetched(f"/news/{n}.html") == 1 for n in range(6))
    assert rows(store, "SELECT count(*) FROM articles") == [(6,)]
    assert rows(store, "SELECT stored, entries, status FROM feeds") == [(6, 6, "ok")]


def test_feeds_updated_item_replaces_its_events_and_keeps_the_old_version(
    site: LocalSite, store: Store
) -> None:
    publish(site, "/world.xml", range(2))
    follower, _, _ = make_follower(store)
    follower.poll(site.url("/world.xml"))
    title, text = story(1, update="Update: officials later said the road to Ostrel had been reopened.")
    site.routes["/news/1.html"] = Page(article_html(title, "Later reports differ. " + text))
    feed = rss(site.base, [("/news/0.html", story(0)[0], stamp()), ("/news/1.html", title, stamp(hour=15))])
    site.routes["/world.xml"] = Page(feed, content_type="application/rss+xml")
    report = follower.poll(site.url("/world.xml"))
    assert (report.new, report.updated, report.seen) == (0, 1, 1)
    assert site.fetched("/news/0.html") == 1
    url = site.url("/news/1.html")
    assert rows(store, f"SELECT count(*) FROM articles WHERE article_id = '{url}'") == [(1,)]
    evidence = rows(store, f"SELECT evidence_text FROM events WHERE article_id = '{url}'")
    assert [text.splitlines()[-1] for (text,) in evidence] == ["Later reports differ."]
    assert rows(store, "SELECT count(*) FROM superseded_articles") == [(1,)]
    assert rows(store, "SELECT count(*) FROM superseded_events") == [(1,)]
    versions = rows(
        store, f"SELECT superseded_at IS NULL FROM article_versions WHERE url = '{url}' ORDER BY fetched_at"
    )
    assert versions == [(False,), (True,)]


def test_feeds_changed_stamp_with_the_same_page_is_unchanged(site: LocalSite, store: Store) -> None:
    publish(site, "/world.xml", range(1))
    follower, _, _ = make_follower(store)
    follower.poll(site.url("/world.xml"))
    feed = rss(site.base, [("/news/0.html", story(0)[0], stamp(hour=18))])
    site.routes["/world.xml"] = Page(feed, content_type="application/rss+xml")
    report = follower.poll(site.url("/world.xml"))
    assert (report.new, report.updated, report.unchanged) == (0, 0, 1)
    assert site.fetched("/news/0.html") == 2
    assert rows(store, "SELECT count(*) FROM articles") == [(1,)]


def test_feeds_conditional_get_on_feed_and_page(site: LocalSite, store: Store) -> None:
    publish(site, "/world.xml", range(1))
    site.routes["/world.xml"].etag = '"feed-v1"'
    site.routes["/news/0.html"].etag = '"page-v1"'
    follower, _, _ = make_follower(store)
    follower.poll(site.url("/world.xml"))
    assert follower.poll(site.url("/world.xml")).status == "not modified"
    feed_requests = [r for r in site.requests if r.path == "/world.xml"]
    assert feed_requests[-1].headers.get("if-none-match") == '"feed-v1"'
    assert follower.ingest_page(site.url("/news/0.html")).status == "unchanged"
    assert [r for r in site.requests if r.path == "/news/0.html"][-1].headers["if-none-match"] == '"page-v1"'


@pytest.mark.parametrize(
    ("page", "reason"),
    [
        (Page(b"gone", status=404, content_type="text/plain"), "HTTP 404 Not Found"),
        (
            Page(b"broken", status=500, content_type="text/plain"),
            "HTTP 500 Internal Server Error (tried 3 times)",
        ),
        (
            Page(b"<!DOCTYPE html><html><body><p>Our new site</p></body></html>"),
            "not a feed: the server sent an HTML page (text/html)",
        ),
        (
            Page(b'<?xml version="1.0"?><rss version="2.0"><channel><item>', content_type="application/xml"),
            "not a feed: malformed XML",
        ),
    ],
    ids=["404", "500", "html", "malformed"],
)
def test_feeds_failed_feed_has_a_one_line_reason(
    site: LocalSite, store: Store, page: Page, reason: str
) -> None:
    site.routes["/world.xml"] = page
    follower, _, sleeps = make_follower(store)
    report = follower.poll(site.url("/world.xml"))
    assert report.status == "failed"
    assert report.reason is not None and report.reason.startswith(reason)
    assert "\n" not in report.line()
    assert rows(store, "SELECT status, reason FROM feeds") == [("failed", report.reason)]
    if page.status == 500:
        assert sleeps == [1.0, 2.0]  # backoff between the three attempts


def test_feeds_slow_and_down_feeds_fail_and_the_others_go_on(site: LocalSite, store: Store) -> None:
    publish(site, "/world.xml", range(2))
    site.routes["/slow.xml"] = Page(rss(site.base, []), delay=1.0, content_type="application/rss+xml")
    follower, _, _ = make_follower(store, timeout=0.2, retries=0)
    reports: list[FeedReport] = []
    urls = [site.url("/slow.xml"), "http://127.0.0.1:9/down.xml", site.url("/world.xml")]
    feeds.follow(
        follower,
        lambda: urls,
        every=None,
        on_report=lambda i, n, report: reports.append(report),
        on_round=lambda *args: None,
    )
    assert [r.status for r in reports] == ["failed", "failed", "ok"]
    assert reports[0].reason == "timed out after 0.2s"
    assert reports[1].reason is not None and reports[1].reason.startswith("cannot connect (")
    assert reports[2].new == 2


def test_feeds_gzip_redirects_and_atom_relative_links(site: LocalSite, store: Store) -> None:
    title, text = story(7)
    site.routes["/a/7.html"] = Page(b"", status=301, headers={"Location": "/b/7.html"})
    site.routes["/b/7.html"] = Page(article_html(title, text), gzip=True)
    site.routes["/atom.xml"] = Page(
        atom(site.base, [("a/7.html", title, "2024-03-13T09:00:00Z")]),
        content_type="application/atom+xml",
        gzip=True,
    )
    site.routes["/old-feed"] = Page(b"", status=302, headers={"Location": "/atom.xml"})
    follower, log, _ = make_follower(store)
    report = follower.poll(site.url("/old-feed"))
    assert (report.status, report.new) == ("ok", 1), log
    assert rows(store, "SELECT article_id, title FROM articles") == [(site.url("/a/7.html"), title)]


@pytest.mark.parametrize(
    ("page", "reason"),
    [
        (Page(b"%PDF-1.7 ...", content_type="application/pdf"), "not an HTML page (application/pdf)"),
        (
            Page(
                article_html(
                    "Ceasefire talks stall",
                    "Negotiators met again on Monday.\nSubscribe to continue reading this story.",
                    extra='<script type="application/ld+json">{"isAccessibleForFree": false}</script>',
                )
            ),
            "paywall: the page marks itself not free to read",
        ),
        (
            Page(
                article_html("Talks stall", "Negotiators met again.\nSubscribe now to read the full story.")
            ),
            "paywall: only",
        ),
        (
            Page(
                b"<html><body><h1>World news</h1><ul>"
                + b"".join(b'<li><a href="/news/%d.html">Story %d</a></li>' % (n, n) for n in range(40))
                + b"</ul></body></html>"
            ),
            "an index page, not an article (40 links",
        ),
        (Page(b"<html><body><div></div></body></html>"), "no article text found in the HTML"),
    ],
    ids=["pdf", "paywall-flag", "paywall-prompt", "index", "empty"],
)
def test_feeds_page_that_is_no_article_is_refused_once(
    site: LocalSite, store: Store, page: Page, reason: str
) -> None:
    site.routes["/news/1.html"] = page
    site.routes["/world.xml"] = Page(rss(site.base, [("/news/1.html", "Item", stamp())]))
    follower, log, _ = make_follower(store)
    report = follower.poll(site.url("/world.xml"))
    assert (report.status, report.failed, report.new) == ("ok", 1, 0)
    assert len(log) == 1 and log[0].startswith(f"{site.url('/news/1.html')}: {reason}")
    assert rows(store, "SELECT status FROM pages") == [("refused",)]
    follower.poll(site.url("/world.xml"))
    assert site.fetched("/news/1.html") == 1


def test_feeds_failed_page_is_retried_on_the_next_polls_then_left(site: LocalSite, store: Store) -> None:
    publish(site, "/world.xml", range(2))
    site.routes["/world.xml"].etag = '"feed-v1"'
    good = site.routes["/news/1.html"]
    site.routes["/news/1.html"] = Page(b"busy", status=503, content_type="text/plain")
    follower, log, _ = make_follower(store, retries=0)
    first = follower.poll(site.url("/world.xml"))
    assert (first.new, first.failed) == (1, 1)
    assert log == [f"{site.url('/news/1.html')}: HTTP 503 Service Unavailable"]
    # The feed's ETag was held back, so the feed is read in full and the page tried again.
    assert rows(store, "SELECT etag FROM feeds") == [(None,)]
    site.routes["/news/1.html"] = good
    second = follower.poll(site.url("/world.xml"))
    assert (second.status, second.new, second.seen) == ("ok", 1, 1)
    site.routes["/news/0.html"] = Page(b"gone", status=404, content_type="text/plain")
    site.routes["/news/1.html"] = Page(b"gone", status=404, content_type="text/plain")
    assert follower.poll(site.url("/world.xml")).status == "not modified"


def test_feeds_page_failing_every_time_is_tried_three_polls(site: LocalSite, store: Store) -> None:
    site.routes["/world.xml"] = Page(rss(site.base, [("/news/9.html", "Item", stamp())]))
    follower, _, _ = make_follower(store, retries=0)
    for _ in range(5):
        follower.poll(site.url("/world.xml"))
    assert site.fetched("/news/9.html") == feeds.MAX_PAGE_ATTEMPTS


def test_feeds_robots_txt_is_respected(site: LocalSite, store: Store) -> None:
    site.routes["/robots.txt"] = Page(b"User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    publish(site, "/world.xml", [1])
    publish(site, "/private/feed.xml", [2], prefix="/private")
    site.routes["/mixed.xml"] = Page(rss(site.base, [("/private/2.html", "Private", stamp())]))
    follower, log, _ = make_follower(store)
    assert follower.poll(site.url("/private/feed.xml")).reason == "disallowed by robots.txt"
    assert follower.poll(site.url("/world.xml")).new == 1
    assert follower.poll(site.url("/mixed.xml")).failed == 1
    assert log == [f"{site.url('/private/2.html')}: disallowed by robots.txt"]
    assert site.fetched("/robots.txt") == 1
    assert site.fetched("/private/feed.xml") == site.fetched("/private/2.html") == 0


def test_feeds_same_story_in_two_feeds_is_fetched_once(site: LocalSite, store: Store) -> None:
    publish(site, "/world.xml", range(3))
    publish(site, "/africa.xml", range(2, 5))
    follower, _, _ = make_follower(store)
    follower.poll(site.url("/world.xml"))
    report = follower.poll(site.url("/africa.xml"))
    assert (report.new, report.seen) == (2, 1)
    assert site.fetched("/news/2.html") == 1


def test_feeds_interrupt_keeps_what_was_fetched(site: LocalSite, store: Store) -> None:
    publish(site, "/world.xml", range(5))
    follower, _, _ = make_follower(store)
    get = follower.fetcher.get
    calls = 0

    def interrupted_get(url: str, **options: Any) -> feeds.Fetched:
        nonlocal calls
        calls += 1
        if calls == 4:  # the feed, two pages, then Ctrl-C
            raise KeyboardInterrupt
        return get(url, **options)

    follower.fetcher.get = interrupted_get  # type: ignore[method-assign]
    with pytest.raises(KeyboardInterrupt):
        follower.poll(site.url("/world.xml"))
    assert rows(store, "SELECT count(*) FROM articles") == [(2,)]
    follower.fetcher.get = get  # type: ignore[method-assign]
    report = follower.poll(site.url("/world.xml"))
    assert (report.new, report.seen) == (3, 2)


def test_feeds_delay_between_requests_to_one_host() -> None:
    sleeps: list[float] = []
    now = [100.0]
    with LocalSite() as site:
        site.routes["/robots.txt"] = Page(b"User-agent: *\nCrawl-delay: 3\n", content_type="text/plain")
        fetcher = Fetcher(delay=1.0, sleep=sleeps.append, clock=lambda: now[0])
        with pytest.raises(FeedUnavailable, match="HTTP 404"):
            fetcher.get(site.url("/missing"))
        now[0] += 0.5
        with pytest.raises(FeedUnavailable):
            fetcher.get(site.url("/missing"))
    # robots.txt is read first; then Crawl-delay (3 s) beats our 1 s, less the 0.5 s gone since.
    assert sleeps == [3.0, 2.5]


def test_feeds_too_large_page_is_refused() -> None:
    with LocalSite() as site:
        site.routes["/big.html"] = Page(b"x" * 5000)
        with Fetcher(delay=0.0, max_bytes=1000) as fetcher, pytest.raises(FeedUnavailable) as error:
            fetcher.get(site.url("/big.html"))
    assert error.value.reason == "too large (5,000 bytes; limit 1,000)"


def test_feeds_parse_feed_reads_rss_and_atom() -> None:
    base = "http://news.invalid"
    entries = parse_feed(rss(base, [("/x.html", "X", stamp(12))]), url=base + "/rss")
    assert [(e.url, e.title, str(e.published)) for e in entries] == [(base + "/x.html", "X", "2024-03-12")]
    entries = parse_feed(atom(base, [("y.html#top", "Y", "2024-03-11T10:00:00Z")]), url=base + "/atom")
    assert [(e.url, str(e.published)) for e in entries] == [(base + "/y.html", "2024-03-11")]


def test_feeds_page_article_prefers_page_metadata_to_the_feed() -> None:
    title, text = story(3)
    html = article_html(title, text, published="2024-02-29", author="Jon Ketter", site="Valley Post")
    article, author = page_article(html, url="http://news.invalid/3", published=None, title="Feed title")
    assert (article.title, article.outlet, str(article.published), author) == (
        title,
        "Valley Post",
        "2024-02-29",
        "Jon Ketter",
    )
    assert article.text.splitlines()[1].startswith("Fighters from the Northern Front")
    with pytest.raises(InputError, match="not English"):
        page_article(
            article_html(
                "Titre",
                "Les combattants ont attaqué les positions de l'armée près de la ville "
                "mardi, et les autorités locales ont déclaré que plusieurs personnes sont mortes "
                "dans les échanges de tirs, selon les habitants de la région.",
            ),
            url="http://news.invalid/fr",
        )


@pytest.mark.parametrize(
    ("text", "seconds"), [("90s", 90), ("15m", 900), ("1h", 3600), ("1h30m", 5400), (" 2m ", 120)]
)
def test_feeds_parse_interval(text: str, seconds: float) -> None:
    assert parse_interval(text) == seconds


@pytest.mark.parametrize("text", ["", "15", "0m", "fifteen minutes", "-5m"])
def test_feeds_parse_interval_refuses(text: str) -> None:
    with pytest.raises(ValueError):
        parse_interval(text)
