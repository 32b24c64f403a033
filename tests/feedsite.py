"""A small news site on 127.0.0.1 for the feed tests and the follow benchmark: feeds and article pages
written here, in our own words, about invented places.

`LocalSite` serves `routes` (path -> `Page`) from a thread on a free port and records every request, so
a test can change a page between polls and count what was fetched. No test touches the network.
"""

from __future__ import annotations

import gzip
import threading
import time
from dataclasses import dataclass, field
from email.utils import formatdate
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

PLACES = ("Kessem", "Varna Ridge", "Ostrel", "Taldor", "Miren Valley", "Port Halvik", "Dunmoor", "Sarath")
ACTORS = ("the Red Hand militia", "the Valdorian army", "the Coastal Guard", "the Northern Front")


@dataclass
class Page:
    """One resource: its body and how it is served. With `etag`, a matching If-None-Match gets a 304."""

    body: bytes
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    gzip: bool = False
    etag: str | None = None


@dataclass(frozen=True)
class Request:
    path: str
    headers: dict[str, str]


class LocalSite:
    """A threaded HTTP server on 127.0.0.1 with a free port; use as a context manager."""

    def __init__(self) -> None:
        self.routes: dict[str, Page] = {}
        self.requests: list[Request] = []
        self._lock = threading.Lock()
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                with site._lock:
                    site.requests.append(Request(self.path, {k.lower(): v for k, v in self.headers.items()}))
                    page = site.routes.get(self.path)
                if page is None:
                    self._send(404, b"not here", "text/plain", {})
                    return
                if page.delay:
                    time.sleep(page.delay)
                if page.etag and self.headers.get("If-None-Match") == page.etag:
                    self._send(304, b"", None, {"ETag": page.etag})
                    return
                headers = dict(page.headers)
                body = page.body
                if page.gzip:
                    body = gzip.compress(body)
                    headers["Content-Encoding"] = "gzip"
                if page.etag:
                    headers["ETag"] = page.etag
                self._send(page.status, body, page.content_type, headers)

            def _send(
                self, status: int, body: bytes, content_type: str | None, headers: dict[str, str]
            ) -> None:
                try:
                    self.send_response(status)
                    if content_type:
                        self.send_header("Content-Type", content_type)
                    for name, value in headers.items():
                        self.send_header(name, value)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (a timeout test): nothing to answer

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,), daemon=True)

    @property
    def base(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def url(self, path: str) -> str:
        return self.base + path

    def fetched(self, path: str) -> int:
        """How many times `path` was requested."""
        with self._lock:
            return sum(request.path == path for request in self.requests)

    def __enter__(self) -> LocalSite:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()


def story(n: int, *, update: str = "") -> tuple[str, str]:
    """A headline and a few paragraphs of an invented conflict report, different for every `n`."""
    place, other = PLACES[n % len(PLACES)], PLACES[(n + 3) % len(PLACES)]
    actor, rival = ACTORS[n % len(ACTORS)], ACTORS[(n + 1) % len(ACTORS)]
    title = f"Clashes reported near {place} (report {n})"
    paragraphs = [
        f"Fighters from {actor} attacked positions held by {rival} near {place} on Tuesday, "
        f"and local officials said that {n % 9 + 2} people were killed in the exchange of fire.",
        f"Residents of {place} told reporters that the shelling began before dawn and lasted for most of "
        f"the morning, while families fled towards {other} with whatever they could carry.",
        f"A spokesman for {rival} said the group would answer the attack, and aid workers in {other} "
        f"asked both sides to open a safe road for the wounded. This is report number {n}.",
    ]
    if update:
        paragraphs.append(update)
    return title, "\n".join(paragraphs)


def article_html(
    title: str,
    text: str,
    *,
    published: str = "2024-03-13",
    author: str = "Mara Ellison",
    site: str = "Test Wire",
    extra: str = "",
) -> bytes:
    """An article page with the usual metadata (title, site name, author, date) and a little navigation."""
    body = "".join(f"<p>{escape(paragraph)}</p>\n" for paragraph in text.split("\n"))
    return f"""<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>{escape(title)} | {escape(site)}</title>
<meta property="og:title" content="{escape(title)}">
<meta property="og:site_name" content="{escape(site)}">
<meta property="og:type" content="article">
<meta name="author" content="{escape(author)}">
<meta property="article:published_time" content="{published}T08:30:00Z">
{extra}
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/about">About</a></nav>
<article><h1>{escape(title)}</h1>
<p class="byline">By {escape(author)}</p>
{body}</article>
<footer>Copyright {escape(site)}</footer>
</body></html>""".encode()


def rss(base: str, items: list[tuple[str, str, str]], *, title: str = "Test Wire: World") -> bytes:
    """An RSS 2.0 feed; each item is (path, title, updated stamp)."""
    entries = "".join(
        f"<item><title>{escape(item_title)}</title><link>{base}{path}</link><guid>{base}{path}</guid>"
        f"<pubDate>{stamp}</pubDate></item>\n"
        for path, item_title, stamp in items
    )
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>{escape(title)}</title><link>{base}/</link>
<description>Invented news for tests</description>
{entries}</channel></rss>""".encode()


def atom(base: str, items: list[tuple[str, str, str]], *, title: str = "Test Wire: Atom") -> bytes:
    """An Atom feed with relative links; each item is (path, title, updated stamp in RFC 3339)."""
    entries = "".join(
        f'<entry><title>{escape(item_title)}</title><link href="{path}"/><id>tag:test,2024:{path}</id>'
        f"<updated>{stamp}</updated></entry>\n"
        for path, item_title, stamp in items
    )
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="{base}/"><title>{escape(title)}</title>
<id>tag:test,2024:feed</id><updated>2024-03-13T09:00:00Z</updated>
{entries}</feed>""".encode()


def stamp(day: int = 13, hour: int = 9) -> str:
    """An RFC 822 date in March 2024, as RSS writes it."""
    return formatdate(time.mktime((2024, 3, day, hour, 0, 0, 0, 0, 0)) - time.timezone, usegmt=True)


def publish(site: LocalSite, feed_path: str, numbers: range | list[int], *, prefix: str = "/news") -> None:
    """Put story pages `numbers` on the site and an RSS feed at `feed_path` listing them."""
    items = []
    for n in numbers:
        title, text = story(n)
        path = f"{prefix}/{n}.html"
        site.routes[path] = Page(article_html(title, text))
        items.append((path, title, stamp()))
    site.routes[feed_path] = Page(rss(site.base, items), content_type="application/rss+xml")
