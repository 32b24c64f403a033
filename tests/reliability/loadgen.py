"""An open-loop load generator for the API: requests at a fixed rate, whatever the answers' pace.

Request i is due at `start + i / rate`; its latency is measured from when it was due, not from when
it was sent, so a server that falls behind shows it in the figures instead of slowing the client
down (coordinated omission). Used by `benchmarks/api_load.py` and, smaller, by the suite.
"""

from __future__ import annotations

import asyncio
import itertools
import statistics
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

import httpx


@dataclass(slots=True)
class LoadReport:
    """What a run measured: latencies in seconds of the answered requests, and every failure."""

    rate: float
    seconds: float
    latencies: list[float] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    wall: float = 0.0
    #: How late the client itself sent each counted request, in seconds: a client starved of CPU
    #: shows here, and its lateness is in the latencies too (they count from when a request was due).
    late: list[float] = field(default_factory=list)

    @property
    def sent(self) -> int:
        return len(self.latencies) + len(self.failures)

    def percentile(self, p: float) -> float:
        """The p-th percentile latency (0 < p < 100), in seconds; inf if nothing was answered."""
        if len(self.latencies) < 2:
            return self.latencies[0] if self.latencies else float("inf")
        return statistics.quantiles(self.latencies, n=100, method="inclusive")[int(p) - 1]

    def summary(self) -> str:
        ms = {p: self.percentile(p) * 1000 for p in (50, 95, 99)}
        return (
            f"{self.sent} requests in {self.wall:.1f} s "
            f"({self.sent / self.wall:.0f}/s, target {self.rate:g}/s); "
            f"p50 {ms[50]:.1f} ms, p95 {ms[95]:.1f} ms, p99 {ms[99]:.1f} ms, "
            f"max {max(self.latencies, default=0) * 1000:.1f} ms; {len(self.failures)} error(s); "
            f"client sent up to {max(self.late, default=0) * 1000:.1f} ms late"
        )


def mixed_reads(base: str) -> list[str]:
    """The reads the page makes, with ids taken from the server's own first page of events."""
    events = httpx.get(f"{base}/events", params={"limit": 5}, timeout=30).json()["items"]
    articles = httpx.get(f"{base}/articles", params={"limit": 5}, timeout=30).json()["items"]
    paths = [
        "/events?limit=50",
        "/events?type=ASSAULT&limit=50",
        "/events?status=occurred&since=2024-01-01&limit=50",
        "/events?limit=50&offset=50",
        "/articles?limit=20",
        "/actors?limit=50",
        "/relations?limit=50",
        "/timeline?limit=50",
        "/timeline/counts?bucket=month",
        "/network",
        "/watch",
        "/map/events",
        "/facets",
    ]
    paths += [f"/events/{e['event_id']}" for e in events[:2]]
    paths += [f"/articles/{a['content_hash']}" for a in articles[:2]]
    return paths


async def _run(
    base: str, paths: Sequence[str], rate: float, seconds: float, warmup: float, connections: int
) -> LoadReport:
    report = LoadReport(rate=rate, seconds=seconds)
    limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=10) as client:
        cycle = itertools.cycle(paths)

        async def one(due: float, path: str, counted: bool) -> None:
            delay = due - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            sent = time.perf_counter()
            failure = ""
            try:
                response = await client.get(path)
                if response.status_code != 200:
                    failure = f"{path}: HTTP {response.status_code}"
            except httpx.HTTPError as error:
                failure = f"{path}: {type(error).__name__}"
            answered = time.perf_counter()
            if not counted:
                return
            report.late.append(sent - due)
            if failure:
                report.failures.append(failure)
            else:
                report.latencies.append(answered - due)

        start = time.perf_counter()
        tasks = []
        total = int((warmup + seconds) * rate)
        for i in range(total):
            due = start + i / rate
            tasks.append(asyncio.create_task(one(due, next(cycle), i >= warmup * rate)))
        await asyncio.gather(*tasks)
        report.wall = time.perf_counter() - start - warmup
    return report


def run_load(
    base: str,
    *,
    rate: float,
    seconds: float,
    warmup: float = 2.0,
    paths: Sequence[str] | None = None,
    connections: int = 16,
) -> LoadReport:
    """Send GETs to `base` at `rate` per second for `warmup` + `seconds` over at most `connections`
    keep-alive connections (a request due while all are busy waits, and its wait counts); report the
    measured part."""
    return asyncio.run(_run(base, paths or mixed_reads(base), rate, seconds, warmup, connections))
