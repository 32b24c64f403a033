"""What runs on a worker: one chunk of articles in, its Parquet tables and a report out.

The spaCy pipeline and the knowledge base are loaded once per worker process (`warm`, called by the
engine when a worker starts, and cached), never once per chunk. Each article is read on its own terms:
one that fails is reported by its origin and the rest of the chunk goes on.
"""

from __future__ import annotations

import os
import resource
import socket
import time
from collections.abc import Iterator
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc

from flashpoint.batch.parts import Part, to_parts
from flashpoint.pipeline import Knowledge, load_knowledge, read_doc
from flashpoint.records import Article, ArticleResult


@dataclass(frozen=True, slots=True)
class Chunk:
    """Consecutive articles of the input, named by the hash of their content hashes."""

    id: str
    articles: tuple[Article, ...]
    batch_size: int = 16


@dataclass(frozen=True, slots=True)
class ChunkOutput:
    """A chunk's tables, the articles that failed (`where: reason`), and what the work cost."""

    chunk_id: str
    parts: tuple[Part, ...]
    articles: int
    events: int
    errors: tuple[str, ...]
    seconds: dict[str, float] = field(default_factory=dict)
    worker: str = ""
    peak_rss_mb: float = 0.0
    rss_mb: float = 0.0
    cpu_seconds: float = 0.0


def warm() -> tuple[Language, Knowledge]:
    """This process's pipeline and knowledge base, loaded on the first call only."""
    from flashpoint.nlp.pipeline import shared_nlp

    return shared_nlp(), load_knowledge()


def process_chunk(chunk: Chunk) -> ChunkOutput:
    """Parse and read every article of the chunk; time parsing, reading and encoding apart.

    Stage times are wall clock; `cpu_seconds` is the worker process's CPU time for the chunk, which
    a machine shared with other work does not inflate.
    """
    nlp, knowledge = warm()
    cpu = time.process_time()
    timer = _Timer()
    results: list[ArticleResult] = []
    errors: list[str] = []
    # Every new word, name and number a parse meets is added to the vocabulary for good: about four
    # strings per news article, so a worker reading millions of articles would grow without end. The
    # memory zone drops the chunk's own strings when it closes; the results hold plain Python values.
    with nlp.memory_zone():
        docs = _timed(
            nlp.pipe(((a.text, a) for a in chunk.articles), as_tuples=True, batch_size=chunk.batch_size),
            timer,
        )
        for doc, article in docs:
            start = time.perf_counter()
            try:
                results.append(read_doc(doc, article, knowledge))
            except Exception as error:  # the batch edge: one article's failure must not cost the chunk
                errors.append(f"{article.origin}: extraction failed ({type(error).__name__}: {error})")
            timer.add("extract", time.perf_counter() - start)
    start = time.perf_counter()
    parts = tuple(to_parts(results))
    timer.add("encode", time.perf_counter() - start)
    return ChunkOutput(
        chunk_id=chunk.id,
        parts=parts,
        articles=len(results),
        events=sum(len(r.events) for r in results),
        errors=tuple(errors),
        seconds=timer.seconds,
        worker=f"{socket.gethostname()}:{os.getpid()}",
        rss_mb=_resident_mb(),  # before the peak, which it can then never exceed
        peak_rss_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        cpu_seconds=time.process_time() - cpu,
    )


def _resident_mb() -> float:
    """The process's resident memory now (the peak alone cannot show whether memory stays flat)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            return int(statm.read().split()[1]) * resource.getpagesize() / 2**20
    except (OSError, ValueError, IndexError):  # not Linux: the peak is all we can report
        return 0.0


class _Timer:
    def __init__(self) -> None:
        self.seconds: dict[str, float] = {"parse": 0.0, "extract": 0.0, "encode": 0.0}

    def add(self, stage: str, seconds: float) -> None:
        self.seconds[stage] = self.seconds.get(stage, 0.0) + seconds


def _timed(docs: Iterator[tuple[Doc, Article]], timer: _Timer) -> Iterator[tuple[Doc, Article]]:
    """The docs of `nlp.pipe`, with the time spent producing them (the parse) added to the timer."""
    while True:
        start = time.perf_counter()
        item = next(docs, None)
        timer.add("parse", time.perf_counter() - start)
        if item is None:
            return
        yield item
