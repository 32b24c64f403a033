"""`flashpoint follow`, `flashpoint feeds add|list|remove`, and the URL half of `flashpoint ingest`:
thin wrappers around `flashpoint.ingest.feeds`, with the DuckDB store as the follower's ledger.

The feeds file is the store's `feeds` table, so a store carries its own list of feeds and the state of
each (status, last reason, ETag); a URL given to `follow` is added to it. Progress (one line per feed,
one per round) goes to stderr; a page that is skipped (paywall, index page, 404, ...) gets one line too.
The fetching stack (httpx, feedparser, trafilatura) and spaCy are imported only when a command runs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from flashpoint.config import database_path
from flashpoint.errors import FeedUnavailable, FlashpointError, InputError

if TYPE_CHECKING:
    from flashpoint.ingest.feeds import FeedReport
    from flashpoint.records import Article, ArticleResult
    from flashpoint.store.duckdb_store import Store

_err = Console(stderr=True)

UrlsArg = Annotated[list[str], typer.Argument(help="Feed URLs (RSS or Atom), http:// or https://.")]
DbOpt = Annotated[
    str | None, typer.Option("--db", help="DuckDB store (default ./flashpoint.duckdb or $FLASHPOINT_DB).")
]

feeds_app = typer.Typer(
    name="feeds",
    no_args_is_help=True,
    help="Keep the list of feeds `flashpoint follow` polls (the store's feeds table).",
)


def _say(message: str, *, style: str = "") -> None:
    line = escape(message)
    _err.print(f"[{style}]{line}[/{style}]" if style else line, highlight=False, soft_wrap=True)


def _error(message: str) -> None:
    _err.print(f"[red]error[/red] {escape(message)}", highlight=False, soft_wrap=True)


def _check_urls(urls: Sequence[str]) -> None:
    for url in urls:
        if not url.startswith(("http://", "https://")):
            raise typer.BadParameter(f"{url!r} is not an http:// or https:// URL", param_hint="URLS")


def _open(db: str | None, *, read_only: bool = False) -> Store:
    from flashpoint.store.duckdb_store import Store

    try:
        return Store.open(database_path(db), read_only=read_only)
    except FlashpointError as error:
        _error(str(error))
        raise typer.Exit(1) from None


def _pipeline_extract(articles: Sequence[Article]) -> list[ArticleResult]:
    """The real extraction step: the shared spaCy pipeline, loaded on the first article to read."""
    from flashpoint.nlp.pipeline import shared_nlp
    from flashpoint.pipeline import extract_articles

    return list(extract_articles(articles, shared_nlp()))


@feeds_app.command("add")
def feeds_add_cli(urls: UrlsArg, db: DbOpt = None) -> None:
    """Add feeds to the feeds file; a feed already there is left as it is."""
    _check_urls(urls)
    with _open(db) as store:
        for url in urls:
            _say(f"added {url}" if store.add_feed(url) else f"already followed: {url}")


@feeds_app.command("list")
def feeds_list_cli(db: DbOpt = None) -> None:
    """List the feeds with the outcome of their last poll."""
    with _open(db, read_only=True) as store:
        feeds = store.feeds()
    table = Table("feed", "status", "last poll", "entries", "articles", "reason")
    for feed in feeds:
        polled = feed.polled_at.strftime("%Y-%m-%d %H:%M") if feed.polled_at else ""
        table.add_row(
            escape(feed.url),
            feed.status,
            polled,
            str(feed.entries),
            str(feed.stored),
            escape(feed.reason or ""),
        )
    Console(width=200).print(table)


@feeds_app.command("remove")
def feeds_remove_cli(urls: UrlsArg, db: DbOpt = None) -> None:
    """Remove feeds from the feeds file; the articles read from them stay in the store."""
    missing = 0
    with _open(db) as store:
        for url in urls:
            if store.remove_feed(url):
                _say(f"removed {url}")
            else:
                missing += 1
                _error(f"{url}: not in the feeds file")
    raise typer.Exit(1 if missing else 0)


def follow_cli(
    urls: Annotated[
        list[str] | None,
        typer.Argument(help="Feed URLs (RSS or Atom); none: every feed in the feeds file."),
    ] = None,
    every: Annotated[str, typer.Option("--every", help="Time between polls: 90s, 15m, 1h, 1h30m.")] = "15m",
    once: Annotated[bool, typer.Option("--once", help="One polling round, then exit (for cron).")] = False,
    db: DbOpt = None,
    delay: Annotated[
        float,
        typer.Option("--delay", help="Seconds between two requests to one host (robots.txt may ask more)."),
    ] = 1.0,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress lines, only failures.")] = False,
) -> None:
    """Poll RSS/Atom feeds and store every new or updated article they link to; Ctrl-C stops cleanly."""
    from flashpoint.ingest.feeds import Fetcher, Follower, follow, parse_interval

    _check_urls(urls or [])
    try:
        interval = None if once else parse_interval(every)
    except ValueError as error:
        raise typer.BadParameter(str(error), param_hint="--every") from None
    with _open(db) as store, Fetcher(delay=delay) as fetcher:
        for url in urls or []:
            store.add_feed(url)
        given = list(urls or [])

        def feeds() -> list[str]:
            return given or [feed.url for feed in store.feeds()]

        if not feeds():
            _error("no feeds to follow: give FEED_URL or add some with `flashpoint feeds add`")
            raise typer.Exit(2)
        follower = Follower(store, _pipeline_extract, fetcher, log=lambda line: _say(f"skipped {line}"))
        try:
            reports = follow(
                follower,
                feeds,
                every=interval,
                on_report=_feed_progress(quiet),
                on_round=_round_progress(quiet, every if interval else None),
            )
        except KeyboardInterrupt:
            totals = follower.totals
            _say(f"interrupted: {totals['articles']} article(s) read and stored before it are kept")
            raise typer.Exit(130) from None
        except FlashpointError as error:
            _error(str(error))
            raise typer.Exit(1) from None
    raise typer.Exit(1 if any(report.status == "failed" for report in reports) else 0)


def _feed_progress(quiet: bool) -> Callable[[int, int, FeedReport], None]:
    def report(index: int, total: int, feed: FeedReport) -> None:
        if feed.status == "failed":
            _error(f"[{index}/{total}] {feed.line()}")
        elif not quiet:
            _say(f"[{index}/{total}] {feed.line()}")

    return report


def _round_progress(quiet: bool, every: str | None) -> Callable[[int, list[FeedReport], float], None]:
    def report(number: int, feeds: list[FeedReport], seconds: float) -> None:
        if quiet:
            return
        failed = sum(feed.status == "failed" for feed in feeds)
        new, updated = sum(feed.new for feed in feeds), sum(feed.updated for feed in feeds)
        after = f"; next poll in {every}" if every else ""
        _say(
            f"round {number}: {len(feeds)} feed(s), {failed} failed; {new} new and {updated} updated "
            f"article(s) in {seconds:.1f}s{after}",
            style="bold",
        )

    return report


def ingest_urls(
    urls: Sequence[str],
    db: Path,
    published: date | None,
    fail: Callable[[FlashpointError], None],
    counts: tuple[int, int, int] = (0, 0, 0),
) -> tuple[int, int, int] | None:
    """Fetch and store single pages for `flashpoint ingest URL`: `counts` (added, skipped, events) plus
    these pages', or None when the store cannot be opened. A page read before is fetched conditionally
    and stored again only if it changed (the new version replaces the old one's events)."""
    from flashpoint.ingest.feeds import FAILED, REFUSED, STORED, UPDATED, Fetcher, Follower
    from flashpoint.store.duckdb_store import Store

    try:
        store = Store.open(db)
    except FlashpointError as error:
        fail(error)
        return None
    added, skipped, events = counts
    with store, Fetcher() as fetcher:
        follower = Follower(store, _pipeline_extract, fetcher)
        for url in urls:
            page = follower.ingest_page(url, published=published)
            if page.status == FAILED:
                fail(FeedUnavailable(url, page.reason or "failed"))
            elif page.status == REFUSED:
                fail(InputError(url, page.reason or "refused"))
            elif page.status in {STORED, UPDATED}:
                added += 1
            else:
                skipped += 1
        return added, skipped, events + follower.totals["events"]
