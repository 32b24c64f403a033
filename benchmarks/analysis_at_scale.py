"""Timeline, network and watch on a large store: how long each takes.

    python benchmarks/analysis_at_scale.py [--events 100000] [--db /tmp/scale.duckdb]

Synthetic events are generated in SQL straight into a fresh store (articles, actors, events,
relations), then clustered and linked once (timed too, as `backfill`: the same incremental code a
store written before clusters goes through), and each query runs three times after one warm-up; the
best time is printed. About one event in five is a threat or plan, one in two an attack; a few
actors take part in most events (actor ranks drawn from a cubed uniform), as in real coverage.
"""

from __future__ import annotations

import argparse
import platform
import resource
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from flashpoint.store import clusters, derived, watch
from flashpoint.store.duckdb_store import Store
from flashpoint.store.network import build_network
from flashpoint.store.timeline import timeline

_FILL = """
INSERT INTO actors
SELECT CASE WHEN i < 40 THEN 'S' || lpad(i::VARCHAR, 2, '0') || '-military' ELSE 'group-' || i END,
       'Actor ' || i, CASE WHEN i < 40 THEN 'military' ELSE 'armed_group' END, NULL, TRUE, [], NULL, NULL,
       'ACLED actor ' || i
FROM range(400) t(i);

INSERT INTO articles
SELECT 'h' || i, 'a' || i, 'Article ' || i, NULL, 'Outlet ' || (i % 25), DATE '2020-01-01' + (i % 1800)::INT,
       'en', 'synthetic', 'text', TIMESTAMP '2025-01-01'
FROM range($articles) t(i);

INSERT INTO events
SELECT 'h' || a || ':e' || k, 'h' || a, 'a' || a, 'e' || k, k,
       CASE WHEN r < 0.5 THEN 'ASSAULT' WHEN r < 0.65 THEN 'THREATEN'
            WHEN r < 0.8 THEN 'PROTEST' ELSE 'COERCE' END,
       NULL, NULL, NULL,
       CASE WHEN r2 < 0.2 THEN 'threatened' WHEN r2 < 0.25 THEN 'planned' ELSE 'occurred' END,
       CASE WHEN src < 40 THEN 'S' || lpad(src::VARCHAR, 2, '0') || '-military' ELSE 'group-' || src END,
       CASE WHEN tgt < 40 THEN 'S' || lpad(tgt::VARCHAR, 2, '0') || '-military' ELSE 'group-' || tgt END,
       DATE '2020-01-01' + (a % 1800)::INT - (k % 3)::INT, DATE '2020-01-01' + (a % 1800)::INT - (k % 3)::INT,
       'day', NULL, 'Town ' || (a * 7 + k) % 900, 'C' || lpad(((a + k) % 60)::VARCHAR, 2, '0'), NULL,
       ((a * 13 + k) % 900) / 10.0 - 45, ((a * 17 + k) % 1800) / 10.0 - 90, 'city', NULL, (a + k) % 7, [],
       0, 1, 0, 40, 'Synthetic report ' || a || ' ' || k || ' of a clash near town ' || (a * 7 + k) % 900, 0.5
FROM (SELECT a, k, random() AS r, random() AS r2, (pow(random(), 3) * 400)::INT % 400 AS src,
             (pow(random(), 3) * 400)::INT % 400 AS tgt
      FROM range($articles) t(a), range($per) u(k));

INSERT INTO relations
SELECT 'h' || i, 'a' || i, 'group-' || (40 + i % 360), 'allied_with', 'group-' || (40 + (i * 7) % 360),
       0, 10, 'allied', DATE '2020-01-01' + (i % 1800)::INT
FROM range($articles // 10) t(i);
"""


def _best(run: Callable[[], object], repeat: int = 3) -> float:
    run()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--db", type=Path, default=None, help="store to create (default: a temporary file)")
    args = parser.parse_args()
    per = 4
    with tempfile.TemporaryDirectory() as scratch:
        path = args.db or Path(scratch) / "scale.duckdb"
        with Store.open(path) as store:
            conn = store.connection
            start = time.perf_counter()
            conn.execute(_FILL.replace("$articles", str(args.events // per)).replace("$per", str(per)))
            fill = time.perf_counter() - start
            start = time.perf_counter()
            conn.begin()
            clusters.assign_clusters(conn, clusters.unclustered_articles(conn))
            watch.link_fulfilments(conn, None)
            conn.commit()
            backfill = time.perf_counter() - start
            assert derived.has_tables(conn)
            n_events = conn.execute("SELECT count(*) FROM events").fetchone()
            n_clusters = conn.execute("SELECT count(*) FROM event_clusters").fetchone()
            n_links = conn.execute("SELECT count(*) FROM fulfilments").fetchone()
            timings = {
                "timeline, all (rows)": _best(lambda: timeline(conn)),
                "timeline --actor S01 --since 2022-01-01": _best(
                    lambda: timeline(conn, actor="S01", since=date(2022, 1, 1))
                ),
                "timeline --country C07 --type ASSAULT": _best(
                    lambda: timeline(conn, country="C07", type_="ASSAULT")
                ),
                "network (graph built)": _best(lambda: build_network(conn)),
                "network --since 2024-01-01": _best(lambda: build_network(conn, since=date(2024, 1, 1))),
                "watch (open threats)": _best(lambda: watch.watch_list(conn, as_of=date(2025, 1, 1))),
            }
            sizes = (
                len(timeline(conn)),
                build_network(conn).number_of_edges(),
                len(watch.watch_list(conn)),
            )
    print(
        f"events: {n_events[0] if n_events else 0}, clusters: {n_clusters[0] if n_clusters else 0}, "
        f"fulfilments: {n_links[0] if n_links else 0}"
    )
    print(f"generate: {fill:.2f} s   cluster + link once (backfill): {backfill:.2f} s")
    for name, seconds in timings.items():
        print(f"{name:45s} {seconds * 1000:8.1f} ms")
    print(f"timeline rows {sizes[0]}, network edges {sizes[1]}, open threats {sizes[2]}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"peak RSS {peak:.0f} MB; machine: {platform.machine()} {platform.system()} "
        f"Python {platform.python_version()}, {platform.processor() or 'cpu'}"
    )


if __name__ == "__main__":
    main()
