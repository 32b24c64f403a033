"""The page's queries against the web API on a large store: p50 and p95 of each, and of all together.

    python benchmarks/api.py [--events 100000] [--db /tmp/api.duckdb] [--repeat 20]

The store is generated as `analysis_at_scale.py` generates it (synthetic articles, actors, events and
relations in SQL, then clustered and linked once); with `--db` an existing file is reused, so a second
run skips the minutes of clustering. The app then runs in this process over the store opened
read-only, as `flashpoint serve` opens it, and FastAPI's test client sends each request the page
sends (first pages, filtered pages, a deep page, the map, the timeline, the network, the watch, one
event and its article): one warm-up, then `--repeat` timed runs, each timed from request to parsed
JSON, in wall-clock and in CPU time, with the server's cache of answers off (`cache_entries=0`), so
each run is a query. The target is a wall-clock p95 under 100 ms.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from analysis_at_scale import _FILL  # type: ignore[import-not-found]
from fastapi.testclient import TestClient
from machine import command, describe, load  # type: ignore[import-not-found]

from flashpoint.serve.api.app import create_app
from flashpoint.store import clusters, watch
from flashpoint.store.duckdb_store import Store

#: The requests the page makes, by what the analyst does.
QUERIES = {
    "facets (filter choices)": "/facets",
    "events, first page": "/events?limit=50",
    "events, page 100": "/events?limit=50&offset=5000",
    "events ?type": "/events?type=ASSAULT&limit=50",
    "events ?status&country": "/events?status=threatened&country=C07&limit=50",
    "events ?actor&since": "/events?actor=S01&since=2022-01-01&limit=50",
    "events ?since&until": "/events?since=2023-03-01&until=2023-03-31&limit=50",
    "events ?bbox": "/events?bbox=0,0,20,20&limit=50",
    "events ?q (text)": "/events?q=town 12&limit=50",
    "map, all events": "/map/events?places=1500",
    "map ?type": "/map/events?type=ASSAULT&places=1500",
    "map, country shapes": "/map/countries",
    "timeline counts, by month": "/timeline/counts?bucket=month",
    "timeline, first page": "/timeline?limit=50",
    "timeline ?actor": "/timeline?actor=S01&limit=50",
    "network, 80 ties": "/network?edges=80",
    "watch, first page": "/watch?limit=50",
    "actors, first page": "/actors?limit=50",
    "relations, first page": "/relations?limit=50",
}


def generate(path: Path, events: int) -> None:
    """A fresh store of `events` synthetic events, clustered and linked."""
    per = 4
    with Store.open(path) as store:
        conn = store.connection
        start = time.perf_counter()
        conn.execute(_FILL.replace("$articles", str(events // per)).replace("$per", str(per)))
        conn.begin()
        clusters.assign_clusters(conn, clusters.unclustered_articles(conn))
        watch.link_fulfilments(conn, None)
        conn.commit()
        print(f"generated and clustered {events} events in {time.perf_counter() - start:.0f} s")


def percentile(samples: list[float], q: float) -> float:
    """The q-th percentile (0..100), nearest rank."""
    ordered = sorted(samples)
    rank = max(0, min(len(ordered) - 1, round(q / 100 * len(ordered) + 0.5) - 1))
    return ordered[rank]


def time_queries(
    client: TestClient, queries: dict[str, str], repeat: int
) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    """Wall-clock and CPU milliseconds of each request, `repeat` times after one warm-up; a non-200
    answer stops the run. CPU time (this process, all its threads) barely moves with other work on
    the machine, so it shows what a request costs when wall-clock figures are inflated by waiting."""
    wall: dict[str, list[float]] = {}
    cpu: dict[str, list[float]] = {}
    for name, url in queries.items():
        client.get(url)
        wall[name], cpu[name] = [], []
        for _ in range(repeat):
            start, start_cpu = time.perf_counter(), time.process_time()
            response = client.get(url)
            response.json()
            wall[name].append((time.perf_counter() - start) * 1000)
            cpu[name].append((time.process_time() - start_cpu) * 1000)
            if response.status_code != 200:
                raise SystemExit(f"{url}: {response.status_code} {response.text}")
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--db", type=Path, default=None, help="store to create, or reuse if it exists")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--threads", type=int, default=None, help="DuckDB threads (default: DuckDB's own)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        path = args.db or Path(scratch) / "api.duckdb"
        if not path.exists():
            generate(path, args.events)
        # The cache of answers is off: every run goes to the store, so these are the queries' times
        # (a repeated request to `flashpoint serve` is answered from its cache; api_load.py measures that).
        with (
            Store.open(path, read_only=True) as store,
            TestClient(create_app(store, cache_entries=0)) as client,
        ):
            if args.threads:
                store.connection.execute(f"SET threads = {int(args.threads)}")
            queries = dict(QUERIES)
            first = client.get("/events?limit=1").json()["items"][0]
            queries["one event"] = f"/events/{first['event_id']}"
            queries["its article, with spans"] = f"/articles/{first['content_hash']}"
            size = client.get("/facets").json()
            timings, cpu = time_queries(client, queries, args.repeat)
    threads = f"{args.threads} DuckDB thread(s)" if args.threads else "DuckDB's default threads"
    print(f"store: {size['events']:,} events, {size['articles']:,} articles; {args.repeat} runs per query")
    print(f"threads: {threads}")
    print(f"{'query':34s} {'p50 ms':>8s} {'p95 ms':>8s} {'cpu p50':>8s} {'cpu p95':>8s}")
    for name, samples in timings.items():
        print(
            f"{name:34s} {statistics.median(samples):8.1f} {percentile(samples, 95):8.1f} "
            f"{statistics.median(cpu[name]):8.1f} {percentile(cpu[name], 95):8.1f}"
        )
    every = [s for samples in timings.values() for s in samples]
    every_cpu = [s for samples in cpu.values() for s in samples]
    print(
        f"{'all queries':34s} {statistics.median(every):8.1f} {percentile(every, 95):8.1f} "
        f"{statistics.median(every_cpu):8.1f} {percentile(every_cpu, 95):8.1f}"
    )
    print(f"command: {command()}\nmachine: {describe()}\nload: {load()}")


if __name__ == "__main__":
    main()
