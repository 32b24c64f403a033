"""A small in-process cache of whole GET answers, emptied whenever the store changes.

The page asks the same few questions over and over (the first page of events, the facets, the map,
the timeline's counts), and on a quiet store the answer does not change between two asks. Profiling
`flashpoint serve` under the mixed reads of `benchmarks/api_load.py` (py-spy) put about 60% of the
server's samples inside DuckDB's queries and at most 6% in any FastAPI, Starlette or uvicorn frame
on the event loop (gzip 0.8%, JSON encoding 0.4%), so answering a repeated read from memory is what
saves the time, not a faster framework.

What is cached: the answer to a `GET` whose status is 200 and whose type is JSON, exactly as it was
sent (headers and body, gzipped or not), keyed by the path with its query string as received, by
whether the client accepts gzip, and by today's UTC date (`/watch` counts ages up to today when not
told otherwise). At most `entries` answers and `MAX_TOTAL` bytes of them, the least recently used
going first, and none over `MAX_BODY` bytes. Errors, other types (the page's files) and every other
method pass by untouched.

When it is emptied: `Answers.invalidate()` is called by `POST /articles` after it writes (whatever it
stored), and bumps a generation number; an answer computed while a write happened is not kept, since
it may have read the store before the write. Nothing else writes the store while the server has it
open: DuckDB lets no other process write a file that a process has open, and `flashpoint serve
--workers N` (several processes, each with its own cache) is only allowed when ingest is off.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from datetime import UTC, datetime

from starlette.types import ASGIApp, Message, Receive, Scope, Send

#: Answers kept by default; the page and the load test ask fewer than 40 different questions.
DEFAULT_ENTRIES = 512
#: The largest answer kept, in bytes (the country shapes are about 0.5 MB, already made once).
MAX_BODY = 1024 * 1024
#: The most bytes of answers kept in all; past it the least recently used go first.
MAX_TOTAL = 64 * 1024 * 1024

_Key = tuple[str, str, bool]
_Entry = tuple[int, list[tuple[bytes, bytes]], bytes]


class Answers:
    """The cached answers and the store's generation; shared by the middleware and the writers."""

    def __init__(self, entries: int = DEFAULT_ENTRIES, max_total: int = MAX_TOTAL) -> None:
        self.entries = entries
        self.max_total = max_total
        self.size = 0
        self.generation = 0
        self.hits = 0
        self.misses = 0
        self._answers: OrderedDict[_Key, _Entry] = OrderedDict()
        self._lock = threading.Lock()

    def invalidate(self) -> None:
        """Forget every answer: the store has changed (called from the thread that wrote it)."""
        with self._lock:
            self.generation += 1
            self._answers.clear()
            self.size = 0

    def __len__(self) -> int:
        return len(self._answers)

    def get(self, key: _Key) -> tuple[_Entry | None, int]:
        """The answer kept for `key` (or None), and the generation it belongs to."""
        with self._lock:
            found = self._answers.get(key)
            if found is not None:
                self._answers.move_to_end(key)
                self.hits += 1
            else:
                self.misses += 1
            return found, self.generation

    def put(self, key: _Key, entry: _Entry, generation: int) -> None:
        """Keep an answer made at `generation`, unless the store has changed since."""
        with self._lock:
            if generation != self.generation:
                return  # the store changed while this answer was made: it may predate the change
            old = self._answers.pop(key, None)
            if old is not None:
                self.size -= len(old[2])
            self._answers[key] = entry
            self.size += len(entry[2])
            while len(self._answers) > self.entries or self.size > self.max_total:
                _, dropped = self._answers.popitem(last=False)
                self.size -= len(dropped[2])


class ResponseCache:
    """ASGI middleware answering a GET from `answers` when it can, and keeping what it answers."""

    def __init__(self, app: ASGIApp, answers: Answers) -> None:
        self.app = app
        self.answers = answers

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.answers.entries <= 0 or scope["type"] != "http" or scope["method"] != "GET":
            await self.app(scope, receive, send)
            return
        gzip = any(
            name == b"accept-encoding" and b"gzip" in value for name, value in scope.get("headers", ())
        )
        key: _Key = (datetime.now(UTC).date().isoformat(), _target(scope), gzip)
        found, generation = self.answers.get(key)
        if found is not None:
            status, headers, body = found
            await send({"type": "http.response.start", "status": status, "headers": headers})
            await send({"type": "http.response.body", "body": body})
            return

        start: Message | None = None
        chunks: list[bytes] = []
        size = 0
        keep = True

        async def record(message: Message) -> None:
            nonlocal start, keep, size
            if message["type"] == "http.response.start":
                start = message
                headers = dict(message.get("headers", ()))
                keep = message["status"] == 200 and headers.get(b"content-type", b"").startswith(
                    b"application/json"
                )
            elif message["type"] == "http.response.body" and keep:
                chunk = message.get("body", b"")
                size += len(chunk)
                chunks.append(chunk)
                if size > MAX_BODY:
                    keep = False
                    chunks.clear()
            await send(message)

        await self.app(scope, receive, record)
        if keep and start is not None:
            entry: _Entry = (start["status"], list(start.get("headers", ())), b"".join(chunks))
            self.answers.put(key, entry, generation)


def _target(scope: Scope) -> str:
    """The request's path and query string as the client sent them."""
    raw: bytes = scope.get("raw_path") or scope["path"].encode()
    query: bytes = scope.get("query_string", b"")
    return (raw + b"?" + query if query else raw).decode("latin-1")
