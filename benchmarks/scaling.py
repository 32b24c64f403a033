"""Scaling of the batch engine: articles/s on 1 and 2 workers, over corpus sizes, and memory per worker.

    python benchmarks/scaling.py [--sizes 1000,10000] [--workers 1,2] [--engine dask] [--chunk-size 64]
                                 [--progress 60]

For each size a corpus is generated as in throughput.py and written as JSON Lines; for each worker
count a fresh engine is started (its start, including every worker loading the pipeline, is timed
apart) and `run_batch` writes the Parquet output. Printed per run: wall seconds, articles/s, seconds
per 1,000 articles (flat when the cost is linear), parallel efficiency (rate / (workers x rate on one
worker of the same size)), the peak resident memory of each worker (flat when it does not grow with
the corpus) and the stage seconds summed over workers. `cpu s/1k` is the workers' CPU time per 1,000
articles: on a machine shared with other work it is the figure to trust for linear cost, and the load
average printed before and after each run says how shared it was.

A long run (100k articles is most of an hour) also prints a `progress` line every `--progress`
seconds: articles so far, the rate and seconds per 1,000 articles over the last interval alone (flat
from interval to interval when the cost is linear), the workers' CPU seconds per 1,000 so far, each
worker's peak resident memory so far and the load average. A run stopped part-way still says what
it measured.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from machine import command, describe, load
from throughput import make_corpus

from flashpoint.batch import BatchReport, DaskEngine, make_engine, run_batch


def _ints(text: str) -> list[int]:
    return [int(part) for part in text.split(",") if part]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=_ints, default=[1000, 10000], help="comma-separated corpus sizes")
    parser.add_argument("--workers", type=_ints, default=[1, 2], help="comma-separated worker counts")
    parser.add_argument("--engine", choices=["local", "dask"], default="dask")
    parser.add_argument("--chunk-size", type=int, default=64)
    parser.add_argument("--progress", type=float, default=60.0, help="seconds between progress lines")
    args = parser.parse_args(argv)

    print(f"machine: {describe()}")
    print(f"command: {command()}")
    header = (
        f"{'articles':>8} {'workers':>7} {'start s':>7} {'wall s':>7} {'art/s':>6} {'s/1k':>6} "
        f"{'cpu s/1k':>8} {'effic.':>6} {'RSS/worker MB':>14}  stages (s, summed over workers)"
    )
    print(header, flush=True)
    with tempfile.TemporaryDirectory() as scratch:
        for size in args.sizes:
            source = Path(scratch) / f"corpus-{size}.jsonl"
            with open(source, "w", encoding="utf-8") as out:
                for a in make_corpus(size):
                    record = {"id": a.id, "text": a.text, "published": str(a.published)}
                    out.write(json.dumps(record) + "\n")
            one_worker_rate: float | None = None
            for workers in args.workers:
                print(f"  before: {load()}", flush=True)
                start = time.perf_counter()
                with make_engine(args.engine, workers=workers) as engine:
                    started = time.perf_counter() - start
                    out_dir = Path(scratch) / f"out-{size}-{workers}"
                    report = run_batch(
                        [str(source)],
                        out_dir,
                        engine,
                        chunk_size=args.chunk_size,
                        on_chunk=_Progress(args.progress),
                    )
                    rss = engine.peak_rss_mb() if isinstance(engine, DaskEngine) else report.peak_rss_mb
                rate = report.articles / report.wall_seconds
                if workers == 1:
                    one_worker_rate = rate
                efficiency = f"{rate / (workers * one_worker_rate):6.2f}" if one_worker_rate else f"{'-':>6}"
                print(_row(size, workers, started, report, rate, efficiency, rss), flush=True)
                print(f"  after:  {load()}", flush=True)
    return 0


class _Progress:
    """Prints, at most every `every` seconds, what the run has done so far and over the last interval."""

    def __init__(self, every: float) -> None:
        self.every = every
        self.start = self.last = time.perf_counter()
        self.last_articles = 0

    def __call__(self, report: BatchReport) -> None:
        now = time.perf_counter()
        if now - self.last < self.every:
            return
        window = report.articles - self.last_articles
        rate = window / (now - self.last)
        per_1k = f"{1000 / rate:6.1f}" if rate else f"{'-':>6}"
        cpu = 1000 * report.cpu_seconds / report.articles if report.articles else 0.0
        memory = "/".join(f"{v:.0f}" for v in sorted(report.peak_rss_mb.values())) or "-"
        now_memory = "/".join(f"{v:.0f}" for v in sorted(report.rss_mb.values())) or "-"
        print(
            f"  progress {now - self.start:7.0f}s {report.articles:8d} articles; "
            f"last {now - self.last:.0f}s: {rate:6.1f} art/s, {per_1k} s/1k; "
            f"cpu s/1k so far {cpu:6.1f}; RSS/worker MB now {now_memory}, peak {memory}; {load()}",
            flush=True,
        )
        self.last = now
        self.last_articles = report.articles


def _row(
    size: int,
    workers: int,
    started: float,
    report: BatchReport,
    rate: float,
    efficiency: str,
    rss: dict[str, float],
) -> str:
    memory = "/".join(f"{v:.0f}" for v in sorted(rss.values())) or "-"
    stages = ", ".join(f"{k} {v:.0f}" for k, v in report.seconds.items())
    cpu = 1000 * report.cpu_seconds / report.articles
    return (
        f"{size:8d} {workers:7d} {started:7.1f} {report.wall_seconds:7.1f} {rate:6.1f} "
        f"{1000 / rate:6.1f} {cpu:8.1f} {efficiency} {memory:>14}  {stages}"
    )


if __name__ == "__main__":
    raise SystemExit(main())
