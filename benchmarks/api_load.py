"""A bounded local load test of `flashpoint serve`: mixed reads at a fixed rate, p95 and errors.

    .venv/bin/python benchmarks/api_load.py [--rate 200] [--seconds 10] [--warmup 3] [--articles 300]
                                            [--db STORE] [--connections 16] [--p95-ms 200]
                                            [--workers 1] [--cache 512]

Writes a store of ARTICLES generated articles (two events, three actors and a relation each; no
spaCy), or uses `--db`, starts `flashpoint serve` on uvicorn on a free port of 127.0.0.1 (loopback
only) in a subprocess, and sends the page's reads (events pages and filters, articles, actors,
relations, timeline, counts, network, watch, map, facets, one event, one article) round-robin at
RATE per second, open loop: each request's latency counts from when it was due, so a server that falls
behind cannot hide it. WARMUP seconds at the same rate come first and are not counted. Prints the
figures with the machine and its load; exits 1 if p95 is over P95_MS or any request failed.
`--workers` and `--cache` are passed to `flashpoint serve` (`--cache 0` measures every read going
to the store; the default keeps repeated answers until the store changes, as the server does).
After the run it prints the server's CPU seconds (its processes' user + system time, from /proc),
so the cost per request can be read even when the machine is too busy to give the server a core,
and the client's own CPU seconds (this process), since client and server share the machine.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "reliability"))

from loadgen import run_load  # type: ignore[import-not-found]
from machine import command, describe, load  # type: ignore[import-not-found]

from flashpoint.records import Actor, Article, ArticleResult, DateRef, Event, Relation, Span
from flashpoint.serve.ready import wait_until_serving
from flashpoint.store.duckdb_store import Store

_ACTORS = (
    ("the Northern Army", "northern-army", "military"),
    ("the Lake Front", "lake-front", "armed_group"),
    ("the River Militia", "river-militia", "armed_group"),
)


def _result(i: int) -> ArticleResult:
    """A generated article with its reading: two attacks, three actors, an alliance."""
    day = date(2024, 1, 1) + timedelta(days=i % 300)
    text = (
        f"On day {i}, the Northern Army shelled positions of the Lake Front near town {i % 40}. "
        f"Residents said the River Militia, allied with the Lake Front, raided a checkpoint."
    )
    actors = []
    for name, actor_id, kind in _ACTORS:
        at = text.index(name)
        mention = Span(start=at, end=at + len(name), text=name)
        actors.append(Actor(id=actor_id, name=name[4:], kind=kind, mentions=(mention,)))
    events = []
    for n, verb in enumerate(("shelled", "raided")):
        at = text.index(verb)
        start = text.rfind(".", 0, at) + 1
        end = text.index(".", at) + 1
        events.append(
            Event(
                id=f"e{n + 1}",
                type="ASSAULT",
                mode=None,
                status="occurred",
                source="northern-army" if n == 0 else "river-militia",
                target="lake-front",
                date=DateRef(start=day, end=day, precision="day", text=f"day {i}"),
                evidence=Span(start=start, end=end, text=text[start:end]),
                trigger=Span(start=at, end=at + len(verb), text=verb),
            )
        )
    at = text.index("allied with")
    relation = Relation(
        subject="river-militia",
        predicate="allied_with",
        object="lake-front",
        evidence=Span(start=at, end=at + 11, text="allied with"),
    )
    article = Article(id=f"load-{i}", text=text, published=day, origin="benchmark")
    return ArticleResult(article=article, actors=tuple(actors), events=tuple(events), relations=(relation,))


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of process `pid` and its children still running (the workers), from
    /proc; 0 where there is no /proc."""
    total = 0.0
    tick = os.sysconf("SC_CLK_TCK")
    pids = [pid]
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        children = []
    pids += [int(c) for c in children]
    for one in pids:
        try:
            fields = Path(f"/proc/{one}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / tick
    return total


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rate", type=float, default=200.0, help="requests per second")
    parser.add_argument("--seconds", type=float, default=10.0, help="measured seconds")
    parser.add_argument("--warmup", type=float, default=3.0, help="seconds sent first and not counted")
    parser.add_argument("--articles", type=int, default=300, help="articles in the generated store")
    parser.add_argument("--db", help="serve this store instead of a generated one")
    parser.add_argument("--connections", type=int, default=16, help="keep-alive connections the client opens")
    parser.add_argument("--p95-ms", type=float, default=200.0, help="the p95 bound, in milliseconds")
    parser.add_argument("--workers", type=int, default=1, help="flashpoint serve --workers")
    parser.add_argument("--cache", type=int, default=None, help="flashpoint serve --cache (default: its own)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as scratch:
        db = Path(args.db) if args.db else Path(scratch) / "load.duckdb"
        if not args.db:
            with Store.open(db) as store:
                store.add_results([_result(i) for i in range(args.articles)])
        port = _free_port()
        env = {k: v for k, v in os.environ.items() if k != "FLASHPOINT_TOKEN"}
        flashpoint = str(Path(sys.executable).parent / "flashpoint")
        options = ["--workers", str(args.workers)]
        if args.cache is not None:
            options += ["--cache", str(args.cache)]
        server = subprocess.Popen(
            [flashpoint, "serve", "--db", str(db), "--host", "127.0.0.1", "--port", str(port), *options],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            if not wait_until_serving(base, server):
                sys.exit("flashpoint serve did not start")
            cpu_before, client_before = _cpu_seconds(server.pid), time.process_time()
            report = run_load(
                base, rate=args.rate, seconds=args.seconds, warmup=args.warmup, connections=args.connections
            )
            cpu = _cpu_seconds(server.pid) - cpu_before
            client_cpu = time.process_time() - client_before
        finally:
            server.terminate()
            server.wait(timeout=30)
    print(f"machine: {describe()}; {load()}")
    print(f"command: {command()}")
    served = args.db or f"{args.articles} generated articles"
    cache = "default cache" if args.cache is None else f"--cache {args.cache}"
    print(f"store: {served}; server: flashpoint serve --workers {args.workers} ({cache}) on 127.0.0.1")
    print(report.summary())
    sent = (args.warmup + args.seconds) * args.rate
    print(
        f"server CPU: {cpu:.2f} s for {sent:.0f} requests, {cpu / sent * 1000:.2f} ms a request; "
        f"client CPU: {client_cpu:.2f} s"
    )
    for failure in sorted(set(report.failures))[:10]:
        print(f"  failed: {failure}")
    passed = not report.failures and report.percentile(95) * 1000 <= args.p95_ms
    print(f"{'PASS' if passed else 'FAIL'}: p95 bound {args.p95_ms:g} ms, no errors")
    sys.exit(0 if passed else 1)


if __name__ == "__main__":
    main()
