"""Where the time goes: seconds per article in each stage of the path, in one process.

    python benchmarks/stages.py [--articles 300] [--batch-size 16]

Stages: ingest (reading a JSON Lines file into Articles), parse (`nlp.pipe`), extract and resolve
(`read_doc`: the time inside functions that `flashpoint.pipeline` imports from `flashpoint.resolve`
counts as resolve, the rest as extract), store (DuckDB `Store.add_results` in batches of 32, as
`flashpoint ingest` does) and, for comparison, parquet (the batch engine's encoding and writing).
The corpus is generated as in throughput.py; the pipeline is loaded and warmed up before timing.
"""

from __future__ import annotations

import argparse
import functools
import json
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from machine import command, describe, load, peak_rss_mb
from throughput import make_corpus

import flashpoint.pipeline as fp
from flashpoint.batch import parts
from flashpoint.ingest.readers import read_articles
from flashpoint.nlp.pipeline import build_nlp
from flashpoint.records import Article
from flashpoint.store.duckdb_store import Store

_resolve_seconds = 0.0


def _timed_resolve(fn: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        global _resolve_seconds
        start = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            _resolve_seconds += time.perf_counter() - start

    return wrapper


def _instrument_resolve() -> list[str]:
    """Wrap every resolve function the pipeline calls; returns their names."""
    names = []
    for name, value in list(vars(fp).items()):
        if callable(value) and getattr(value, "__module__", "").startswith("flashpoint.resolve."):
            setattr(fp, name, _timed_resolve(value))
            names.append(name)
    return sorted(names)


def _write_jsonl(articles: Sequence[Article], path: Path) -> None:
    with open(path, "w", encoding="utf-8") as out:
        for a in articles:
            published = a.published.isoformat() if a.published else None
            out.write(json.dumps({"id": a.id, "text": a.text, "published": published}) + "\n")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--batch-size", type=int, default=16)
    args = parser.parse_args(argv)

    corpus = make_corpus(args.articles)
    words = sum(len(a.text.split()) for a in corpus)
    nlp = build_nlp()
    knowledge = fp.load_knowledge()
    resolved = _instrument_resolve()
    for doc, article in nlp.pipe(((a.text, a) for a in corpus[:5]), as_tuples=True):
        fp.read_doc(doc, article, knowledge)  # warm-up: first-call costs are not throughput
    global _resolve_seconds
    _resolve_seconds = 0.0
    seconds: dict[str, float] = {}

    with tempfile.TemporaryDirectory() as scratch:
        source = Path(scratch) / "corpus.jsonl"
        _write_jsonl(corpus, source)
        start = time.perf_counter()
        articles = [a for a in read_articles([str(source)]) if isinstance(a, Article)]
        seconds["ingest"] = time.perf_counter() - start

        start = time.perf_counter()
        docs = list(nlp.pipe(((a.text, a) for a in articles), as_tuples=True, batch_size=args.batch_size))
        seconds["parse"] = time.perf_counter() - start

        start = time.perf_counter()
        results = [fp.read_doc(doc, article, knowledge) for doc, article in docs]
        read = time.perf_counter() - start
        seconds["extract"] = read - _resolve_seconds
        seconds["resolve"] = _resolve_seconds
        del docs

        start = time.perf_counter()
        with Store.open(Path(scratch) / "bench.duckdb") as store:
            for i in range(0, len(results), 32):
                store.add_results(results[i : i + 32])
        seconds["store"] = time.perf_counter() - start

        start = time.perf_counter()
        parts.prepare(Path(scratch) / "batch", 64)
        for i in range(0, len(results), 64):
            parts.write_chunk(Path(scratch) / "batch", f"c{i}", parts.to_parts(results[i : i + 64]), {})
        parquet = time.perf_counter() - start

    n = len(articles)
    total = sum(seconds.values())
    events = sum(len(r.events) for r in results)
    print(f"machine: {describe()}")
    print(f"command: {command()}")
    print(f"{load()} after the run")
    print(f"corpus:  {n} generated articles, {words} words, {events} events (seed 7)")
    print(f"resolve: time inside {', '.join(resolved)}")
    print(f"{'stage':<9} {'seconds':>8} {'ms/article':>11} {'share':>6}")
    for stage, s in seconds.items():
        print(f"{stage:<9} {s:8.2f} {1000 * s / n:11.2f} {100 * s / total:5.1f}%")
    print(f"{'total':<9} {total:8.2f} {1000 * total / n:11.2f}  -> {n / total:.1f} articles/s in one process")
    print(f"parquet   {parquet:8.2f} {1000 * parquet / n:11.2f}  (batch output instead of store)")
    print(f"peak RSS: {peak_rss_mb():.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
