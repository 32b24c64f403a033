"""The store at 100k and 1M events: building it, ingesting into it, and timeline/network/watch on it.

    python benchmarks/store_at_scale.py [--events 100000,1000000] [--ingest 2000] [--batch 500]
                                        [--cluster-batch 25000]

For each size a fresh store is filled in SQL with synthetic events (as analysis_at_scale.py fills it:
four events an article, a few actors in most events, dates over five years, 60 countries), then
clustered and linked the way `Store.add_results` does after a batch, `--cluster-batch` articles at
a time in publication order (timed: `cluster`). Then `--ingest` more synthetic articles, drawn the
same way and spread over the same five years, go through `Store.add_results` in batches of
`--batch` (articles, events, actors, mentions, clustering and watch links in one transaction per
batch): the ingest rate into a store of that size. Last, each query runs three times after one
warm-up and the best time is printed. A line is printed as each step ends, so a stopped run still
says what it measured.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from pathlib import Path

from analysis_at_scale import _FILL
from machine import command, describe, load, peak_rss_mb

from flashpoint.records import Actor, Article, ArticleResult, DateRef, Event, Place, Span
from flashpoint.store import clusters, watch
from flashpoint.store.duckdb_store import Store
from flashpoint.store.network import build_network
from flashpoint.store.timeline import timeline

_PER_ARTICLE = 4
_DAY0 = date(2020, 1, 1)


def _ints(text: str) -> list[int]:
    return [int(part) for part in text.split(",") if part]


def _actor_id(rank: int) -> str:
    return f"S{rank:02d}-military" if rank < 40 else f"group-{rank}"


def _actor(rank: int) -> Actor:
    kind = "military" if rank < 40 else "armed_group"
    return Actor(id=_actor_id(rank), name=f"Actor {rank}", kind=kind, acled_name=f"ACLED actor {rank}")


def synthetic_results(count: int, first: int, seed: int = 11) -> list[ArticleResult]:
    """`count` articles numbered from `first`, drawn as the SQL fill draws its events."""
    rng = random.Random(seed)
    results = []
    for a in range(first, first + count):
        published = _DAY0 + timedelta(days=a % 1800)
        events, actors = [], {}
        for k in range(_PER_ARTICLE):
            r, r2 = rng.random(), rng.random()
            type_ = "ASSAULT" if r < 0.5 else "THREATEN" if r < 0.65 else "PROTEST" if r < 0.8 else "COERCE"
            status = "threatened" if r2 < 0.2 else "planned" if r2 < 0.25 else "occurred"
            src, tgt = int(rng.random() ** 3 * 400) % 400, int(rng.random() ** 3 * 400) % 400
            day = published - timedelta(days=k % 3)
            text = f"Synthetic report {a} {k} of a clash near town {(a * 7 + k) % 900}"
            whole = Span(start=0, end=len(text), text=text)
            events.append(
                Event(
                    id=f"e{k}",
                    type=type_,
                    mode=None,
                    status=status,
                    evidence=whole,
                    trigger=whole,
                    source=_actor_id(src),
                    target=_actor_id(tgt),
                    date=DateRef(start=day, end=day, precision="day", text=""),
                    location=Place(
                        name=f"Town {(a * 7 + k) % 900}",
                        country=f"C{(a + k) % 60:02d}",
                        lat=((a * 13 + k) % 900) / 10.0 - 45,
                        lon=((a * 17 + k) % 1800) / 10.0 - 90,
                        precision="city",
                    ),
                    fatalities=(a + k) % 7,
                )
            )
            actors[src], actors[tgt] = _actor(src), _actor(tgt)
        body = "\n".join(e.evidence.text for e in events)
        article = Article(
            id=f"a{a}", text=body, title=f"Article {a}", outlet=f"Outlet {a % 25}", published=published
        )
        results.append(ArticleResult(article=article, actors=tuple(actors.values()), events=tuple(events)))
    return results


class _Clock:
    """Wall seconds and this process's CPU seconds (all threads: DuckDB's too) since it was made.

    On a shared machine the wall clock stretches with other work; CPU seconds do not (much).
    """

    def __init__(self) -> None:
        self.wall, self.cpu = time.perf_counter(), time.process_time()

    def seconds(self) -> tuple[float, float]:
        return time.perf_counter() - self.wall, time.process_time() - self.cpu

    def __str__(self) -> str:
        wall, cpu = self.seconds()
        return f"{wall:8.1f} s (cpu {cpu:7.1f} s)"


def _best(run: Callable[[], object], repeat: int = 3) -> float:
    run()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def _count(store: Store, table: str) -> int:
    row = store.connection.execute(f"SELECT count(*) FROM {table}").fetchone()
    return int(row[0]) if row else 0


def run(path: Path, events: int, args: argparse.Namespace) -> None:
    articles = events // _PER_ARTICLE
    print(f"\n== {events:,} events ({articles:,} articles), {load()}", flush=True)
    with Store.open(path) as store:
        conn = store.connection
        clock = _Clock()
        conn.execute(_FILL.replace("$articles", str(articles)).replace("$per", str(_PER_ARTICLE)))
        print(f"fill (SQL):                            {clock}", flush=True)

        clock = _Clock()
        pending = clusters.unclustered_articles(conn)
        for i in range(0, len(pending), args.cluster_batch):
            conn.begin()
            clusters.assign_clusters(conn, pending[i : i + args.cluster_batch])
            conn.commit()
        wall, _ = clock.seconds()
        print(
            f"cluster, {args.cluster_batch} articles a call: {clock} {events / wall:8,.0f} events/s; "
            f"{_count(store, 'event_clusters'):,} clusters",
            flush=True,
        )
        clock = _Clock()
        conn.begin()
        watch.link_fulfilments(conn, None)
        conn.commit()
        print(
            f"link the watch, all pairs:             {clock}; {_count(store, 'fulfilments'):,} links",
            flush=True,
        )

        fresh = synthetic_results(args.ingest, first=articles)
        n_events = sum(len(r.events) for r in fresh)
        clock = _Clock()
        for i in range(0, len(fresh), args.batch):
            store.add_results(fresh[i : i + args.batch])
        wall, cpu = clock.seconds()
        print(
            f"ingest {args.ingest} articles, add_results x{args.batch}: {clock} "
            f"{args.ingest / wall:6.1f} articles/s {n_events / wall:7.1f} events/s "
            f"({args.ingest / cpu:.1f} articles per cpu s)",
            flush=True,
        )

        queries: dict[str, Callable[[], object]] = {
            "timeline, all rows": lambda: timeline(conn),
            "timeline --actor S01 --since 2022-01-01": lambda: timeline(
                conn, actor="S01", since=date(2022, 1, 1)
            ),
            "timeline --country C07 --type ASSAULT": lambda: timeline(conn, country="C07", type_="ASSAULT"),
            "timeline --since 2024-12-01": lambda: timeline(conn, since=date(2024, 12, 1)),
            "network (whole graph)": lambda: build_network(conn),
            "network --since 2024-01-01": lambda: build_network(conn, since=date(2024, 1, 1)),
            "watch (open threats)": lambda: watch.watch_list(conn, as_of=date(2025, 1, 1)),
        }
        for name, query in queries.items():
            print(f"{name:42s} {_best(query) * 1000:9.1f} ms", flush=True)
        sizes = (len(timeline(conn)), build_network(conn).number_of_edges(), len(watch.watch_list(conn)))
        print(f"timeline rows {sizes[0]:,}, network edges {sizes[1]:,}, open threats {sizes[2]:,}")
    print(
        f"store file {path.stat().st_size / 1e6:,.0f} MB; peak RSS so far {peak_rss_mb():,.0f} MB", flush=True
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=_ints, default=[100_000, 1_000_000])
    parser.add_argument("--ingest", type=int, default=2000, help="articles stored through add_results")
    parser.add_argument("--batch", type=int, default=500, help="articles per add_results call")
    parser.add_argument("--cluster-batch", type=int, default=25_000, help="articles per clustering call")
    parser.add_argument("--keep", type=Path, default=None, help="write the stores here and keep them")
    args = parser.parse_args(argv)
    print(f"machine: {describe()}")
    print(f"command: {command()}", flush=True)
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        for events in args.events:
            path = folder / f"store-{events}.duckdb"
            path.unlink(missing_ok=True)
            run(path, events, args)
    print(f"\nafter the run: {load()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
