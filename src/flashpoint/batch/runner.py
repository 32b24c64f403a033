"""The batch run: read the inputs, cut them into chunks, run the chunks on an engine, write Parquet.

The driver reads and de-duplicates the input (by content hash), cuts it into chunks of consecutive
articles, skips every chunk whose marker already exists (a resumed run), hands the rest to the engine
a few at a time and writes each chunk's parts as it comes back. `load_batch` then stores the finished
chunks in DuckDB through `Store.add_results`, which skips what is stored, so it can be run again.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pyarrow.parquet as pq

from flashpoint.batch import parts
from flashpoint.batch.decode import result_from_json
from flashpoint.batch.engines import Engine
from flashpoint.batch.worker import Chunk, ChunkOutput, process_chunk
from flashpoint.errors import InputError
from flashpoint.ingest.readers import read_articles
from flashpoint.records import Article, ArticleResult
from flashpoint.store.duckdb_store import IngestCounts, Store

DEFAULT_CHUNK_SIZE = 64
#: Articles per `Store.add_results` call (one DuckDB transaction) when loading.
LOAD_BATCH = 1000


@dataclass(slots=True)
class BatchReport:
    """What a run did: chunks written now and found done, articles, events, failures, stage seconds.

    `articles` and `events` count the whole output, resumed chunks included. `seconds` adds up each
    stage over all workers (`ingest` and `write` are the driver's), `cpu_seconds` the workers' CPU time
    for the chunks written in this run; `peak_rss_mb` is each worker's peak and `rss_mb` its resident
    memory after its latest chunk (a peak only rises, so whether memory stays flat shows in the latter).
    """

    chunks_written: int = 0
    chunks_skipped: int = 0
    articles: int = 0
    events: int = 0
    duplicates: int = 0
    errors: list[str] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)
    wall_seconds: float = 0.0
    cpu_seconds: float = 0.0
    peak_rss_mb: dict[str, float] = field(default_factory=dict)
    rss_mb: dict[str, float] = field(default_factory=dict)

    def add_seconds(self, stage: str, seconds: float) -> None:
        self.seconds[stage] = self.seconds.get(stage, 0.0) + seconds


def chunk_id(articles: Sequence[Article]) -> str:
    """A name for a chunk that depends only on the content of its articles, in order."""
    digest = hashlib.sha256()
    for article in articles:
        digest.update(article.content_hash.encode("ascii"))
    return digest.hexdigest()[:20]


def run_batch(
    paths: Sequence[str],
    out: str | Path,
    engine: Engine,
    *,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    published: date | None = None,
    on_error: Callable[[str], None] | None = None,
    on_chunk: Callable[[BatchReport], None] | None = None,
) -> BatchReport:
    """Extract every article in `paths` into `out` on `engine`; a rerun does only the chunks not done.

    Every failure (an unreadable input, an article whose extraction failed) is passed to `on_error`
    and written to `out/errors.log`; `on_chunk` is called after each chunk with the report so far.
    """
    out = Path(out)
    parts.prepare(out, chunk_size)
    report = BatchReport()
    started = time.perf_counter()
    with open(out / parts.ERRORS, "w", encoding="utf-8") as log:

        def fail(message: str) -> None:
            report.errors.append(message)
            log.write(message + "\n")
            log.flush()
            if on_error is not None:
                on_error(message)

        def todo() -> Iterator[Chunk]:
            for chunk in _chunks(paths, chunk_size, published, report, fail):
                marker = parts.read_marker(out, chunk.id)
                if marker is None:
                    yield chunk
                    continue
                report.chunks_skipped += 1
                report.articles += marker["articles"]
                report.events += marker["events"]
                for message in marker["errors"]:
                    fail(message)

        for output in engine.map_unordered(process_chunk, todo()):
            _write(out, output, report, fail)
            if on_chunk is not None:
                on_chunk(report)
    report.wall_seconds = time.perf_counter() - started
    return report


def _chunks(
    paths: Sequence[str],
    size: int,
    published: date | None,
    report: BatchReport,
    fail: Callable[[str], None],
) -> Iterator[Chunk]:
    """The input cut into chunks of `size` distinct articles; reading time is the `ingest` stage."""
    seen: set[str] = set()
    batch: list[Article] = []
    items = iter(read_articles(paths, published=published))
    while True:
        start = time.perf_counter()
        item = next(items, None)
        report.add_seconds("ingest", time.perf_counter() - start)
        if item is None:
            break
        if isinstance(item, InputError):
            fail(str(item))
            continue
        key = item.content_hash
        if key in seen:
            report.duplicates += 1
            continue
        seen.add(key)
        batch.append(item)
        if len(batch) == size:
            yield Chunk(chunk_id(batch), tuple(batch))
            batch = []
    if batch:
        yield Chunk(chunk_id(batch), tuple(batch))


def _write(out: Path, output: ChunkOutput, report: BatchReport, fail: Callable[[str], None]) -> None:
    """Write a finished chunk and add it to the report."""
    start = time.perf_counter()
    parts.write_chunk(
        out,
        output.chunk_id,
        output.parts,
        {
            "articles": output.articles,
            "events": output.events,
            "errors": list(output.errors),
            "seconds": output.seconds,
            "worker": output.worker,
        },
    )
    report.add_seconds("write", time.perf_counter() - start)
    for stage, seconds in output.seconds.items():
        report.add_seconds(stage, seconds)
    report.chunks_written += 1
    report.cpu_seconds += output.cpu_seconds
    report.articles += output.articles
    report.events += output.events
    report.peak_rss_mb[output.worker] = max(report.peak_rss_mb.get(output.worker, 0.0), output.peak_rss_mb)
    report.rss_mb[output.worker] = output.rss_mb
    for message in output.errors:
        fail(message)


def load_batch(
    out: str | Path,
    store: Store,
    *,
    on_part: Callable[[IngestCounts], None] | None = None,
    batch_size: int = LOAD_BATCH,
) -> IngestCounts:
    """Store every finished chunk of a batch output; articles already in the store are skipped.

    Results are gathered across parts and chunks and stored `batch_size` articles per `add_results`
    call (one transaction, one Arrow insert per table, one clustering pass): a part holds only the
    articles of one chunk published in one month, often a handful, and storing each part on its own
    made the store's per-batch work the cost of loading. Articles the store already holds are
    dropped by content hash before their JSON is decoded, so loading again costs one lookup per part.
    `on_part` is called with the running totals after each stored batch.
    """
    out = Path(out)
    parts.check_output(out)
    totals = IngestCounts(0, 0, 0, 0, 0)
    pending: list[ArticleResult] = []

    def flush() -> None:
        nonlocal totals
        if not pending:
            return
        totals = _plus(totals, store.add_results(pending))
        pending.clear()
        if on_part is not None:
            on_part(totals)

    for path in _article_parts(out):
        table = pq.read_table(path, columns=["content_hash", "result_json", "text", "origin"])
        stored = _stored(store, table.column("content_hash").to_pylist())
        if stored:
            totals = _plus(totals, IngestCounts(0, len(stored), 0, 0, 0))
        for row in table.to_pylist():
            if row["content_hash"] in stored:
                continue
            pending.append(
                result_from_json(json.loads(row["result_json"]), text=row["text"], origin=row["origin"])
            )
            if len(pending) >= batch_size:
                flush()
    flush()
    return totals


def _article_parts(out: Path) -> Iterator[Path]:
    """The articles parts that the completed chunks' markers list, in chunk order."""
    for marker in parts.markers(out):
        for relpath in marker["files"]:
            if relpath.startswith("articles/"):
                yield out / relpath


def _stored(store: Store, hashes: Sequence[str]) -> set[str]:
    """Which of these content hashes the store already holds (one query)."""
    if not hashes:
        return set()
    rows = store.connection.execute(
        "SELECT content_hash FROM articles WHERE content_hash IN (SELECT unnest(?::VARCHAR[]))",
        [list(hashes)],
    ).fetchall()
    return {r[0] for r in rows}


def _plus(a: IngestCounts, b: IngestCounts) -> IngestCounts:
    return IngestCounts(
        a.articles_added + b.articles_added,
        a.articles_skipped + b.articles_skipped,
        a.events + b.events,
        a.actors + b.actors,
        a.relations + b.relations,
    )
