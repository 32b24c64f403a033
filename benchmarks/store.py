"""Ingest rate into DuckDB: `Store.add_results` directly, and `flashpoint load` from a batch output.

    python benchmarks/store.py [--articles 500]

The corpus is generated as in throughput.py and extracted once (not timed). Then: add_results in
batches of 32 into a fresh store (what `flashpoint ingest` does after extraction); `load_batch` of the
same results written as a batch output (Parquet in chunks of 64) into another fresh store; and that
load again, where every article is already stored and skipped. CPU seconds (this process, DuckDB's
threads included) are printed next to wall seconds: on a shared machine they are the steadier figure.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from machine import command, describe, load, peak_rss_mb
from throughput import make_corpus

from flashpoint.batch import load_batch, parts
from flashpoint.nlp.pipeline import build_nlp
from flashpoint.pipeline import extract_articles
from flashpoint.store.duckdb_store import Store


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=500)
    args = parser.parse_args(argv)

    results = list(extract_articles(make_corpus(args.articles), build_nlp()))
    n = len(results)
    events = sum(len(r.events) for r in results)
    actors = sum(len(r.actors) for r in results)
    timings: list[tuple[str, float, float]] = []
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        start, cpu = time.perf_counter(), time.process_time()
        with Store.open(root / "direct.duckdb") as store:
            for i in range(0, n, 32):
                store.add_results(results[i : i + 32])
        timings.append(("add_results, batches of 32", time.perf_counter() - start, time.process_time() - cpu))

        out = root / "batch"
        parts.prepare(out, 64)
        for i in range(0, n, 64):
            parts.write_chunk(out, f"c{i:06d}", parts.to_parts(results[i : i + 64]), {"files": []})
        for label in ("load from Parquet", "load again (all skipped)"):
            start, cpu = time.perf_counter(), time.process_time()
            with Store.open(root / "loaded.duckdb") as store:
                load_batch(out, store)
            timings.append((label, time.perf_counter() - start, time.process_time() - cpu))
        size = (root / "loaded.duckdb").stat().st_size

    print(f"machine: {describe()}")
    print(f"command: {command()}")
    print(f"{load()} after the run")
    print(f"corpus:  {n} generated articles, {events} events, {actors} actor readings (seed 7)")
    for label, seconds, cpu in timings:
        print(
            f"{label:<28} {seconds:7.2f} s (cpu {cpu:6.2f} s) {n / seconds:8.1f} articles/s "
            f"{events / seconds:9.1f} events/s"
        )
    print(f"store file: {size / 1e6:.1f} MB; peak RSS: {peak_rss_mb():.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
