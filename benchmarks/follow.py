"""Follow many local feeds three times over and check that every article is stored exactly once.

    .venv/bin/python benchmarks/follow.py --feeds 50 --items 20 --polls 3

Serves FEEDS RSS feeds of ITEMS article pages each from a local HTTP server on 127.0.0.1 (the pages of
tests/feedsite.py), and polls them POLLS times into a fresh DuckDB store. Between polls a few stories are
updated (new text, new feed stamp), so later polls exercise the skip, re-fetch and replace paths too.
Extraction is a light fake (one event per article) unless --pipeline is given: the figure measures
fetching, judging pages with trafilatura and storing, not spaCy (see benchmarks/throughput.py for that).
Prints articles per second, requests made, and whether any article was stored twice.
"""

from __future__ import annotations

import argparse
import platform
import resource
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from feedsite import LocalSite, Page, article_html, rss, stamp, story

from flashpoint.ingest.feeds import Fetcher, Follower, follow
from flashpoint.records import Article, ArticleResult, Event, Span
from flashpoint.store.duckdb_store import Store


def light_extract(articles: Sequence[Article]) -> list[ArticleResult]:
    """One event per article, from its first sentence: stands in for the spaCy pipeline."""
    results = []
    for article in articles:
        end = article.text.find(".") + 1 or len(article.text)
        span = Span(start=0, end=end, text=article.text[:end])
        event = Event(id="e1", type="ASSAULT", mode=None, status="occurred", evidence=span, trigger=span)
        results.append(ArticleResult(article=article, events=(event,)))
    return results


def publish_all(site: LocalSite, feeds: int, items: int, updated: set[int], poll: int) -> None:
    """FEEDS feeds of ITEMS stories each; stories in `updated` carry an update written for this poll."""
    for f in range(feeds):
        entries = []
        for i in range(items):
            n = f * items + i
            extra = f"Update {poll}: officials gave new figures later in the day." if n in updated else ""
            title, text = story(n, update=extra)
            path = f"/f{f}/{n}.html"
            site.routes[path] = Page(article_html(title, text))
            entries.append((path, title, stamp(hour=9 + (poll if n in updated else 0))))
        site.routes[f"/f{f}.xml"] = Page(rss(site.base, entries), content_type="application/rss+xml")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--feeds", type=int, default=50)
    parser.add_argument("--items", type=int, default=20)
    parser.add_argument("--polls", type=int, default=3)
    parser.add_argument("--updates", type=int, default=10, help="stories updated before each later poll")
    parser.add_argument("--pipeline", action="store_true", help="extract with the real spaCy pipeline")
    args = parser.parse_args()

    extract = light_extract
    if args.pipeline:
        from flashpoint.nlp.pipeline import shared_nlp
        from flashpoint.pipeline import extract_articles

        nlp = shared_nlp()

        def extract(articles: Sequence[Article]) -> list[ArticleResult]:
            return list(extract_articles(articles, nlp))

    total = args.feeds * args.items
    with LocalSite() as site, tempfile.TemporaryDirectory() as scratch:
        store = Store.open(Path(scratch) / "follow.duckdb")
        fetcher = Fetcher(delay=0.0)
        follower = Follower(store, extract, fetcher)
        urls = [site.url(f"/f{f}.xml") for f in range(args.feeds)]
        expected_versions = total
        started = time.perf_counter()
        fetch_seconds = 0.0
        for poll in range(1, args.polls + 1):
            updated = (
                set(range(0, total, max(total // args.updates, 1))) if poll > 1 and args.updates else set()
            )
            expected_versions += len(updated)
            publish_all(site, args.feeds, args.items, updated, poll)
            round_start = time.perf_counter()
            reports = follow(
                follower, lambda: urls, every=None, on_report=lambda *a: None, on_round=lambda *a: None
            )
            seconds = time.perf_counter() - round_start
            fetch_seconds += seconds
            new = sum(r.new for r in reports)
            changed = sum(r.updated for r in reports)
            failed = sum(r.failed for r in reports) + sum(r.status == "failed" for r in reports)
            print(
                f"poll {poll}: {new} new, {changed} updated, {sum(r.seen for r in reports)} skipped "
                f"unfetched, {failed} failed, {seconds:.2f}s"
            )
        elapsed = time.perf_counter() - started
        current = store.query("SELECT count(*), count(DISTINCT article_id) FROM articles")[1][0]
        versions = store.query("SELECT count(*) FROM article_versions")[1][0][0]
        events = store.query("SELECT count(*) FROM events")[1][0][0]
        page_requests = sum(1 for r in site.requests if r.path.endswith(".html"))
        store.close()
        fetcher.close()
    stored = follower.totals["articles"]
    duplicates = current[0] - current[1]
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"extraction: {'spaCy pipeline' if args.pipeline else 'light fake (one event per article; no spaCy)'}"
    )
    print(
        f"{args.feeds} feeds x {args.items} items, {args.polls} polls: {stored} article versions stored "
        f"in {elapsed:.2f}s = {stored / elapsed:.1f} articles/s"
    )
    print(
        f"page requests {page_requests} for {expected_versions} versions; current articles {current[0]} "
        f"(distinct ids {current[1]}); versions recorded {versions}; events {events}"
    )
    ok = duplicates == 0 and current[0] == total and versions == expected_versions == stored
    print(
        f"no duplicates: {'yes' if ok else 'NO'}; peak memory {peak_mb:.0f} MB; "
        f"{platform.processor() or platform.machine()}, Python {platform.python_version()}"
    )
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
