"""Follow the news: poll RSS and Atom feeds, fetch each new article page politely, and hand the
articles on to be read and stored.

    Follower(ledger, extract, fetcher)
     +-- poll(feed_url)         one feed: conditional GET, parse, then every entry not seen before
     +-- ingest_page(url)       one page, as `flashpoint ingest URL` does
    follow(follower, feeds)     poll every feed, once or every N seconds, until interrupted
    Fetcher                     httpx with a clear User-Agent, timeouts, retries with backoff, robots.txt,
                                conditional GET (ETag, Last-Modified), a size cap and a delay per host
    parse_feed(body, ...)       feedparser; an HTML page or a broken document is a FeedUnavailable
    page_article(body, ...)     trafilatura's main text and metadata; a paywall or an index page is an
                                InputError

What is remembered between polls lives in a `Ledger`, which the DuckDB store implements: per feed its
ETag, Last-Modified and status; per page URL the signature of its feed entry (its updated and published
stamps and title), its content hash, ETag and Last-Modified. The ingest stage cannot import the store,
so the ledger is a Protocol here, and extraction is injected as a function from articles to results:
the fetching and polling logic is tested without spaCy.

Nothing is fetched twice. An entry whose URL was seen with the same signature is skipped without a
request. When the signature changes, the page is fetched again conditionally; a 304 or the same content
hash ends there, and new content is a new version of the article, whose events replace the old ones
(the store keeps the old version). A page that failed to download is tried again on the next polls, up
to `MAX_PAGE_ATTEMPTS` times; a page refused for its content (a paywall, an index page, not English) is
not, until its entry changes. The feed's own ETag is kept back while one of its pages waits for a retry,
so that the next poll reads the feed again instead of getting a 304.

Failures are values: a feed or page that cannot be used gets a one-line reason in its report and in the
ledger, and the next feed goes on. On Ctrl-C the pages already fetched are read and stored before the
interrupt goes on up.
"""

from __future__ import annotations

import gzip
import hashlib
import re
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from types import TracebackType
from typing import Protocol, Self
from urllib.parse import urldefrag, urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import feedparser
import httpx
import trafilatura
from trafilatura.settings import Document, set_date_params

from flashpoint import __version__
from flashpoint.config import MAX_ARTICLE_CHARS
from flashpoint.errors import FeedUnavailable, FlashpointError, InputError
from flashpoint.ingest.language import looks_english
from flashpoint.records import Article, ArticleResult

USER_AGENT = f"Flashpoint/{__version__} (news event reader; honours robots.txt)"
#: Seconds to wait for a connection or for the next bytes of a response.
TIMEOUT = 10.0
#: Further attempts after a timeout, a failed connection or a 429/5xx, waiting BACKOFF * 2**n seconds.
RETRIES = 2
BACKOFF = 1.0
#: Seconds between two requests to the same host (robots.txt's Crawl-delay wins when longer).
DELAY = 1.0
#: A Retry-After longer than this is not waited for: the attempt fails and the next poll tries again.
MAX_RETRY_AFTER = 60.0
#: A feed or page above this size is refused while it downloads.
MAX_BYTES = 5_000_000
#: How many polls in a row a page that failed to download is tried before it waits for its entry to change.
MAX_PAGE_ATTEMPTS = 3
#: Fetched pages are read and stored in batches of this many articles (one store transaction each).
BATCH_SIZE = 16

_RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
_FEED_ACCEPT = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
_PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"
_HTML_TYPES = ("text/html", "application/xhtml+xml")
#: Below this many words of main text a page is judged by the signs of a paywall or an index page.
_SHORT_ARTICLE_WORDS = 120
#: An index or section page: many links and little running text.
_INDEX_MIN_LINKS = 25
_PAYWALL_FLAG = re.compile(rb'"isAccessibleForFree"\s*:\s*"?false"?', re.IGNORECASE)
_PAYWALL_WORDS = re.compile(
    r"\b(subscribe|subscribers? only|subscription|sign in to (continue|read)|log in to (continue|read))\b",
    re.IGNORECASE,
)
_LINK = re.compile(rb"<a\s[^>]*href", re.IGNORECASE)

# Page outcomes, as stored in the ledger.
STORED, UPDATED, UNCHANGED, DUPLICATE, FAILED, REFUSED = (
    "stored",
    "updated",
    "unchanged",
    "duplicate",
    "failed",
    "refused",
)
# Feed outcomes.
FEED_NEW, FEED_OK, FEED_NOT_MODIFIED, FEED_FAILED = "new", "ok", "not modified", "failed"


@dataclass(frozen=True, slots=True, kw_only=True)
class FeedState:
    """What is remembered of a feed between polls; `stored` counts the articles it brought, ever."""

    url: str
    status: str = FEED_NEW
    reason: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    polled_at: datetime | None = None
    entries: int = 0
    stored: int = 0


@dataclass(frozen=True, slots=True, kw_only=True)
class PageState:
    """What is remembered of an article page: the entry signature it was fetched for and its content."""

    url: str
    status: str
    checked_at: datetime
    feed: str | None = None
    signature: str | None = None
    reason: str | None = None
    content_hash: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    author: str | None = None
    attempts: int = 0


class Ledger(Protocol):
    """Where the follower remembers feeds and pages, and stores what it read (the DuckDB store)."""

    def feed_state(self, url: str) -> FeedState | None: ...

    def save_feed_state(self, state: FeedState) -> None: ...

    def page_state(self, url: str) -> PageState | None: ...

    def has_article(self, content_hash: str) -> bool: ...

    def save_pages(self, pages: Sequence[tuple[PageState, ArticleResult | None]]) -> object:
        """Store the results and the page states in one transaction; a result replaces the events of
        the article its page held before."""
        ...


#: Reads articles into results, one per article, in order: `pipeline.extract_articles` with a pipeline.
Extract = Callable[[Sequence[Article]], Iterable[ArticleResult]]


@dataclass(frozen=True, slots=True, kw_only=True)
class Fetched:
    """A successful response: 200 with its body, or 304 (not modified) with none."""

    url: str
    status: int
    content_type: str = ""
    body: bytes = b""
    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Entry:
    """One item of a feed: the page it links to and what tells an updated item from a seen one."""

    url: str
    signature: str
    title: str | None = None
    published: date | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class FeedReport:
    """The outcome of polling one feed; `seen` entries were skipped without a request."""

    url: str
    status: str
    reason: str | None = None
    entries: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    seen: int = 0
    failed: int = 0

    def line(self) -> str:
        """The report as one line for the log."""
        if self.status == FEED_FAILED:
            return f"{self.url}: failed: {self.reason}"
        if self.status == FEED_NOT_MODIFIED:
            return f"{self.url}: not modified"
        return (
            f"{self.url}: {self.entries} entries, {self.new} new, {self.updated} updated, "
            f"{self.unchanged + self.seen} already read, {self.failed} failed"
        )


class Fetcher:
    """A polite HTTP client: one User-Agent, timeouts, retries with backoff, robots.txt, a delay per host.

    `get` returns a `Fetched` or raises `FeedUnavailable` with a one-line reason. `sleep` and `clock` are
    injected so tests neither wait nor depend on timing; `transport` lets a test replace the network.
    """

    def __init__(
        self,
        *,
        user_agent: str = USER_AGENT,
        timeout: float = TIMEOUT,
        retries: int = RETRIES,
        backoff: float = BACKOFF,
        delay: float = DELAY,
        max_bytes: int = MAX_BYTES,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.user_agent = user_agent
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.delay = delay
        self.max_bytes = max_bytes
        self.requests = 0
        self._sleep = sleep
        self._clock = clock
        self._client = httpx.Client(
            headers={"User-Agent": user_agent},
            timeout=timeout,
            follow_redirects=True,
            max_redirects=5,
            transport=transport,
        )
        self._robots: dict[str, RobotFileParser] = {}
        self._last_request: dict[str, float] = {}

    def close(self) -> None:
        """Close the connections; the fetcher cannot be used afterwards."""
        self._client.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def get(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None, accept: str = "*/*"
    ) -> Fetched:
        """GET `url` if robots.txt allows it, conditionally when an ETag or Last-Modified is given."""
        robots = self._robots_for(url)
        if not robots.can_fetch(self.user_agent, url):
            raise FeedUnavailable(url, "disallowed by robots.txt")
        headers = {"Accept": accept}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        crawl_delay = robots.crawl_delay(self.user_agent)
        delay = max(self.delay, float(crawl_delay or 0))
        reason = ""
        for attempt in range(self.retries + 1):
            wait = self.backoff * 2**attempt
            try:
                return self._request(url, headers, delay)
            except _Retryable as error:
                reason = error.reason
                if error.retry_after is not None:
                    if error.retry_after > MAX_RETRY_AFTER:
                        break
                    wait = max(wait, error.retry_after)
            if attempt < self.retries:
                self._sleep(wait)
        tries = f" (tried {attempt + 1} times)" if attempt else ""
        raise FeedUnavailable(url, f"{reason}{tries}")

    def _request(self, url: str, headers: dict[str, str], delay: float) -> Fetched:
        """One request: a `Fetched`, a `_Retryable` for a transient failure, else `FeedUnavailable`."""
        self._wait_turn(url, delay)
        try:
            with self._client.stream("GET", url, headers=headers) as response:
                status = response.status_code
                if status in _RETRY_STATUSES:
                    raise _Retryable(_status_reason(response), _retry_after(response))
                if status >= 400:
                    raise FeedUnavailable(url, _status_reason(response))
                if status == 304:
                    return Fetched(url=str(response.url), status=304)
                if status != 200:
                    raise FeedUnavailable(url, f"unexpected {_status_reason(response)}")
                body = self._read_capped(url, response)
                return Fetched(
                    url=str(response.url),
                    status=200,
                    content_type=response.headers.get("content-type", "").split(";")[0].strip().lower(),
                    body=body,
                    etag=response.headers.get("etag"),
                    last_modified=response.headers.get("last-modified"),
                )
        except httpx.TimeoutException:
            raise _Retryable(f"timed out after {self.timeout:g}s", None) from None
        except httpx.TooManyRedirects:
            raise FeedUnavailable(url, "too many redirects") from None
        except httpx.DecodingError as error:
            raise FeedUnavailable(url, f"cannot decode the response ({error})") from None
        except httpx.TransportError as error:
            raise _Retryable(f"cannot connect ({_short(error)})", None) from None

    def _read_capped(self, url: str, response: httpx.Response) -> bytes:
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            raise FeedUnavailable(url, f"too large ({int(declared):,} bytes; limit {self.max_bytes:,})")
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > self.max_bytes:
                raise FeedUnavailable(url, f"too large (over {self.max_bytes:,} bytes)")
            chunks.append(chunk)
        return b"".join(chunks)

    def _wait_turn(self, url: str, delay: float) -> None:
        """Sleep until `delay` seconds have passed since the last request to the same host."""
        host = urlsplit(url).netloc.lower()
        last = self._last_request.get(host)
        if last is not None and delay > 0:
            remaining = delay - (self._clock() - last)
            if remaining > 0:
                self._sleep(remaining)
        self._last_request[host] = self._clock()
        self.requests += 1

    def _robots_for(self, url: str) -> RobotFileParser:
        """The host's robots.txt, read once per fetcher. Per RFC 9309 a 4xx allows everything; a 5xx or
        an unreachable host is a failure of this request (not cached, so the next poll asks again)."""
        parts = urlsplit(url)
        if parts.scheme not in {"http", "https"} or not parts.netloc:
            raise FeedUnavailable(url, "not an http(s) URL")
        origin = f"{parts.scheme}://{parts.netloc}"
        robots = self._robots.get(origin)
        if robots is not None:
            return robots
        robots = RobotFileParser(f"{origin}/robots.txt")
        try:
            fetched = self._request(f"{origin}/robots.txt", {"Accept": "text/plain"}, self.delay)
        except _Retryable as error:
            raise FeedUnavailable(url, f"{error.reason} (reading robots.txt)") from None
        except FeedUnavailable as error:
            if not re.match(r"HTTP 4\d\d", error.reason):
                raise FeedUnavailable(url, f"{error.reason} (reading robots.txt)") from None
            robots.parse([])  # no rules: everything is allowed
        else:
            robots.parse(fetched.body.decode("utf-8", "replace").splitlines())
        self._robots[origin] = robots
        return robots


class _Retryable(Exception):
    """A transient failure of one request (timeout, connection, 429/5xx), worth another attempt."""

    def __init__(self, reason: str, retry_after: float | None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.retry_after = retry_after


def _status_reason(response: httpx.Response) -> str:
    return f"HTTP {response.status_code} {response.reason_phrase}".rstrip()


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("retry-after", "").strip()
    return float(value) if value.isdigit() else None


def _short(error: Exception) -> str:
    """An httpx transport error as a few words: "[Errno 111] Connection refused" -> "connection refused"."""
    text = re.sub(r"^\[Errno -?\d+\]\s*", "", str(error).strip()) or type(error).__name__
    return text[:1].lower() + text[1:]


def parse_feed(body: bytes, *, url: str, content_type: str = "") -> list[Entry]:
    """The entries of an RSS or Atom document, links made absolute; anything else is FeedUnavailable."""
    if body[:2] == b"\x1f\x8b":
        body = gzip.decompress(body)  # a .xml.gz served without Content-Encoding
    parsed = feedparser.parse(body, response_headers={"content-location": url})
    if not parsed.get("version"):
        if content_type in _HTML_TYPES or body.lstrip()[:15].lower().startswith(
            (b"<!doctype html", b"<html")
        ):
            raise FeedUnavailable(
                url, f"not a feed: the server sent an HTML page ({content_type or 'no type'})"
            )
        if parsed.get("bozo"):
            problem = str(parsed.get("bozo_exception", "")).strip() or "unreadable"
            raise FeedUnavailable(url, f"not a feed: malformed XML ({problem})")
        raise FeedUnavailable(url, f"not an RSS or Atom feed ({content_type or 'no content type'})")
    entries: list[Entry] = []
    for item in parsed.entries:
        link = item.get("link") or ""
        if not link:
            continue
        page_url = urldefrag(urljoin(url, link)).url
        # dict.get: FeedParserDict.get("updated") falls back to "published" with a DeprecationWarning.
        stamps = "\x00".join(str(dict.get(item, key) or "") for key in ("updated", "published", "title"))
        stamp = dict.get(item, "published_parsed") or dict.get(item, "updated_parsed")
        entries.append(
            Entry(
                url=page_url,
                signature=hashlib.sha256(stamps.encode("utf-8")).hexdigest()[:32],
                title=item.get("title") or None,
                published=date(*stamp[:3]) if stamp else None,
            )
        )
    if parsed.get("bozo") and not entries:
        # feedparser reads what it can of a broken feed; only one that yields nothing has failed.
        problem = str(parsed.get("bozo_exception", "")).strip() or "unreadable"
        raise FeedUnavailable(url, f"not a feed: malformed XML ({problem})")
    return entries


def page_article(
    body: bytes,
    *,
    url: str,
    content_type: str = "text/html",
    published: date | None = None,
    title: str | None = None,
) -> tuple[Article, str | None]:
    """The article on an HTML page and its author, with the page's title, site name and date; the
    feed's `published` and `title` fill in what the page lacks. Raises InputError for a page that is no
    article: not HTML, no main text, a paywall, an index page, too large, not English.

    The article's id and origin are `url` (the link as the feed gave it), so every version of a story
    keeps one id; its `url` is the page's canonical URL when it names one.
    """
    if content_type and content_type not in _HTML_TYPES:
        raise InputError(url, f"not an HTML page ({content_type})")
    document = trafilatura.bare_extraction(
        body,
        url=url,
        with_metadata=True,
        include_comments=False,
        # Dates from markup and metadata only: a guess from the body text is worse than the feed's date.
        date_extraction_params=set_date_params(extensive=False),
    )
    text = document.text if isinstance(document, Document) and document.text else ""
    words = len(text.split())
    links = len(_LINK.findall(body))
    if _PAYWALL_FLAG.search(body) and words < _SHORT_ARTICLE_WORDS:
        raise InputError(url, f"paywall: the page marks itself not free to read ({words} words readable)")
    if words < _SHORT_ARTICLE_WORDS and _PAYWALL_WORDS.search(text or body.decode("utf-8", "replace")):
        raise InputError(url, f"paywall: only {words} words readable before a subscription prompt")
    if links >= _INDEX_MIN_LINKS and words < _SHORT_ARTICLE_WORDS:
        raise InputError(url, f"an index page, not an article ({links} links, {words} words of text)")
    if not text.strip():
        raise InputError(url, "no article text found in the HTML")
    if len(text) > MAX_ARTICLE_CHARS:
        raise InputError(url, f"too large ({len(text):,} characters; limit {MAX_ARTICLE_CHARS:,})")
    if not looks_english(text):
        raise InputError(url, "not English (looks like a different language)")
    assert isinstance(document, Document)
    article = Article(
        id=url,
        text=text,
        title=document.title or title,
        url=document.url or url,
        outlet=document.sitename or document.hostname or urlsplit(url).netloc or None,
        published=_iso_date(document.date) or published,
        origin=url,
    )
    return article, document.author or None


def _iso_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


class Follower:
    """Polls feeds and pages, and stores the new articles through the injected `extract` step."""

    def __init__(
        self,
        ledger: Ledger,
        extract: Extract,
        fetcher: Fetcher,
        *,
        batch_size: int = BATCH_SIZE,
        log: Callable[[str], None] | None = None,
    ) -> None:
        self.ledger = ledger
        self.extract = extract
        self.fetcher = fetcher
        self.batch_size = batch_size
        #: Articles and events this follower has had read and stored, over all polls.
        self.totals: Counter[str] = Counter()
        self._log = log or (lambda line: None)

    def poll(self, feed_url: str) -> FeedReport:
        """Poll one feed and store every new or updated article it links to; never raises a
        FlashpointError for the feed or its pages (they become the report's status and reasons)."""
        state = self.ledger.feed_state(feed_url) or FeedState(url=feed_url)
        now = _now()
        try:
            fetched = self.fetcher.get(
                feed_url, etag=state.etag, last_modified=state.last_modified, accept=_FEED_ACCEPT
            )
            if fetched.status == 304:
                self.ledger.save_feed_state(
                    replace(state, status=FEED_NOT_MODIFIED, reason=None, polled_at=now)
                )
                return FeedReport(url=feed_url, status=FEED_NOT_MODIFIED)
            entries = parse_feed(fetched.body, url=fetched.url, content_type=fetched.content_type)
        except FeedUnavailable as error:
            self.ledger.save_feed_state(
                replace(state, status=FEED_FAILED, reason=error.reason, polled_at=now)
            )
            return FeedReport(url=feed_url, status=FEED_FAILED, reason=error.reason)
        counts: Counter[str] = Counter()
        pending: list[tuple[PageState, Article | None]] = []
        unique = list({entry.url: entry for entry in reversed(entries)}.values())[::-1]
        try:
            for entry in unique:
                visit = self._visit(entry, feed_url)
                if visit is None:
                    counts["seen"] += 1
                    continue
                pending.append(visit)
                counts[visit[0].status] += 1
                if sum(article is not None for _, article in pending) >= self.batch_size:
                    self._flush(pending)
        except KeyboardInterrupt:
            self._flush(pending)  # what was fetched is read and stored before the interrupt goes on
            raise
        self._flush(pending)
        stored = counts[STORED] + counts[UPDATED]
        # While a page waits for a retry, the feed is read again in full next time, not answered by a 304.
        retry = counts[FAILED] > 0
        self.ledger.save_feed_state(
            replace(
                state,
                status=FEED_OK,
                reason=None,
                etag=state.etag if retry else fetched.etag,
                last_modified=state.last_modified if retry else fetched.last_modified,
                polled_at=now,
                entries=len(unique),
                stored=state.stored + stored,
            )
        )
        return FeedReport(
            url=feed_url,
            status=FEED_OK,
            entries=len(unique),
            new=counts[STORED],
            updated=counts[UPDATED],
            unchanged=counts[UNCHANGED] + counts[DUPLICATE],
            seen=counts["seen"],
            failed=counts[FAILED] + counts[REFUSED],
        )

    def ingest_page(self, url: str, *, published: date | None = None) -> PageState:
        """Fetch one page (conditionally, if it was read before) and store its article if new or changed."""
        known = self.ledger.page_state(url)
        visit = self._fetch_page(
            url,
            feed=known.feed if known else None,
            signature=known.signature if known else None,
            known=known,
            published=published,
            title=None,
        )
        self._flush([visit])
        return visit[0]

    def _visit(self, entry: Entry, feed: str) -> tuple[PageState, Article | None] | None:
        """Fetch an entry's page unless it was read for the same signature (or gave up on it)."""
        known = self.ledger.page_state(entry.url)
        read = known is not None and known.signature == entry.signature
        if read and known is not None and (known.status != FAILED or known.attempts >= MAX_PAGE_ATTEMPTS):
            return None
        return self._fetch_page(
            entry.url,
            feed=feed,
            signature=entry.signature,
            known=known,
            published=entry.published,
            title=entry.title,
        )

    def _fetch_page(
        self,
        url: str,
        *,
        feed: str | None,
        signature: str | None,
        known: PageState | None,
        published: date | None,
        title: str | None,
    ) -> tuple[PageState, Article | None]:
        """Fetch and judge one page: its new state, and its article when there is something to read."""
        base = PageState(
            url=url,
            status=UNCHANGED,
            checked_at=_now(),
            feed=feed,
            signature=signature,
            content_hash=known.content_hash if known else None,
            etag=known.etag if known else None,
            last_modified=known.last_modified if known else None,
            author=known.author if known else None,
        )
        try:
            fetched = self.fetcher.get(
                url,
                etag=base.etag if base.content_hash else None,
                last_modified=base.last_modified if base.content_hash else None,
                accept=_PAGE_ACCEPT,
            )
            if fetched.status == 304:
                return base, None
            article, author = page_article(
                fetched.body, url=url, content_type=fetched.content_type, published=published, title=title
            )
        except FeedUnavailable as error:
            again = known is not None and known.status == FAILED and known.signature == signature
            attempts = (known.attempts if known is not None and again else 0) + 1
            self._log(str(error))
            return replace(base, status=FAILED, reason=error.reason, attempts=attempts), None
        except InputError as error:
            self._log(str(error))
            return replace(base, status=REFUSED, reason=error.reason), None
        state = replace(
            base,
            content_hash=article.content_hash,
            etag=fetched.etag,
            last_modified=fetched.last_modified,
            author=author,
        )
        if article.content_hash == base.content_hash:
            return state, None
        if self.ledger.has_article(article.content_hash):
            return replace(state, status=DUPLICATE), None
        return replace(state, status=UPDATED if base.content_hash else STORED), article

    def _flush(self, pending: list[tuple[PageState, Article | None]]) -> None:
        """Read the fetched articles and store them with their page states; empties `pending`."""
        if not pending:
            return
        articles = [article for _, article in pending if article is not None]
        results = list(self.extract(articles)) if articles else []
        if len(results) != len(articles):
            raise ValueError(f"extract returned {len(results)} results for {len(articles)} articles")
        found = iter(results)
        pairs = [(page, next(found) if article is not None else None) for page, article in pending]
        self.ledger.save_pages(pairs)
        self.totals["articles"] += len(results)
        self.totals["events"] += sum(len(result.events) for result in results)
        pending.clear()


def follow(
    follower: Follower,
    feeds: Callable[[], Sequence[str]],
    *,
    every: float | None,
    on_report: Callable[[int, int, FeedReport], None],
    on_round: Callable[[int, list[FeedReport], float], None],
    sleep: Callable[[float], None] = time.sleep,
    rounds: int | None = None,
) -> list[FeedReport]:
    """Poll every feed `feeds()` names (read again each round), then wait `every` seconds and repeat;
    `every=None` polls once. Returns the last round's reports; Ctrl-C ends it between any two pages."""
    done = 0
    reports: list[FeedReport] = []
    while True:
        started = time.monotonic()
        urls = list(feeds())
        reports = []
        for index, url in enumerate(urls, start=1):
            try:
                report = follower.poll(url)
            except FlashpointError as error:  # the store itself failed: no feed can go on
                report = FeedReport(url=url, status=FEED_FAILED, reason=str(error))
                on_report(index, len(urls), report)
                raise
            reports.append(report)
            on_report(index, len(urls), report)
        done += 1
        elapsed = time.monotonic() - started
        on_round(done, reports, elapsed)
        if every is None or (rounds is not None and done >= rounds):
            return reports
        sleep(max(every - elapsed, 0.0))


def parse_interval(value: str) -> float:
    """Seconds in an interval such as "90s", "15m", "1h" or "1h30m"; ValueError for anything else."""
    match = re.fullmatch(r"\s*(?:(\d+)h)?\s*(?:(\d+)m)?\s*(?:(\d+)s)?\s*", value.lower())
    if not match or not any(match.groups()):
        raise ValueError(f"{value!r} is not an interval (expected e.g. 90s, 15m, 1h or 1h30m)")
    hours, minutes, seconds = (int(part or 0) for part in match.groups())
    total = hours * 3600 + minutes * 60 + seconds
    if total <= 0:
        raise ValueError(f"{value!r} is not a positive interval")
    return float(total)


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)
