"""Where chunks run: on this machine's cores (`local`) or on a Dask cluster (`dask`).

    Engine                 map_unordered(fn, tasks) -> results as they finish; close()
     +-- LocalEngine       one worker: in this process; more: a pool of spawned processes
     +-- DaskEngine        a Dask `Client`, to a scheduler address or to a LocalCluster it starts

Both keep a few tasks in flight per worker and no more, so the reader ahead of them streams the input
and the driver's memory does not grow with the corpus. Each worker process loads the pipeline and the
knowledge base once, when it starts (a pool initializer, a Dask worker plugin), and keeps them.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from types import TracebackType
from typing import Any, Protocol, Self, TypeVar

import distributed
from distributed import WorkerPlugin

from flashpoint.batch.worker import warm
from flashpoint.errors import ConfigError

#: distributed has no type hints: its calls go through `Any`.
_dask: Any = distributed

T = TypeVar("T")
R = TypeVar("R")

ENGINES = ("local", "dask")
#: Tasks in flight per worker: one running, one queued, so a worker never waits on the driver.
_IN_FLIGHT_PER_WORKER = 2


class Engine(Protocol):
    """Runs a function over tasks on some workers, yielding results in the order they finish."""

    workers: int

    def map_unordered(self, fn: Callable[[T], R], tasks: Iterable[T]) -> Iterator[R]: ...

    def close(self) -> None: ...

    def __enter__(self) -> Self: ...

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None: ...


class _Closing:
    def close(self) -> None:
        """Release the workers."""

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


class LocalEngine(_Closing):
    """This machine's cores: one worker runs in this process, more run in a process pool."""

    def __init__(self, workers: int | None = None) -> None:
        self.workers = workers or os.cpu_count() or 1
        self._pool: ProcessPoolExecutor | None = None
        if self.workers > 1:
            # spawn, not fork: a worker starts clean instead of inheriting the driver's threads and state.
            self._pool = ProcessPoolExecutor(
                max_workers=self.workers, mp_context=multiprocessing.get_context("spawn"), initializer=warm
            )

    def map_unordered(self, fn: Callable[[T], R], tasks: Iterable[T]) -> Iterator[R]:
        if self._pool is None:
            for task in tasks:
                yield fn(task)
            return
        pending = iter(tasks)
        running: set[Future[R]] = {
            self._pool.submit(fn, t) for t in itertools.islice(pending, self.workers * _IN_FLIGHT_PER_WORKER)
        }
        while running:
            done, running = wait(running, return_when=FIRST_COMPLETED)
            for future in done:
                for task in itertools.islice(pending, 1):
                    running.add(self._pool.submit(fn, task))
                yield future.result()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None


class DaskEngine(_Closing):
    """A Dask cluster: the one at `scheduler` (tcp://host:8786), else a LocalCluster of `workers`.

    The workers of a remote cluster need Flashpoint installed in the same version; the chunks travel
    to them with the task and the tables come back, so they need no shared file system.
    """

    def __init__(self, workers: int | None = None, scheduler: str | None = None) -> None:
        self._cluster: Any = None
        self._client: Any
        if scheduler:
            self._client = _dask.Client(scheduler)
        else:
            self._cluster = _dask.LocalCluster(
                n_workers=workers or os.cpu_count() or 1,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
                # No dashboard; the scheduler's health endpoint on any free port, not on 8787, which
                # another cluster on the machine may hold.
                scheduler_kwargs={"dashboard": False, "dashboard_address": ":0"},
            )
            self._client = _dask.Client(self._cluster)
        self._client.register_plugin(_Preload(), name="flashpoint-preload")
        self.workers = max(len(self._client.scheduler_info()["workers"]), 1)

    def map_unordered(self, fn: Callable[[T], R], tasks: Iterable[T]) -> Iterator[R]:
        pending = iter(tasks)
        running = _dask.as_completed(
            [
                self._client.submit(fn, t, pure=False)
                for t in itertools.islice(pending, self.workers * _IN_FLIGHT_PER_WORKER)
            ]
        )
        for future in running:
            for task in itertools.islice(pending, 1):
                running.add(self._client.submit(fn, task, pure=False))
            result: R = future.result()
            future.release()
            yield result

    def peak_rss_mb(self) -> dict[str, float]:
        """Each worker's peak resident memory so far, by worker address."""
        found: dict[str, float] = self._client.run(_peak_rss_mb)
        return found

    def close(self) -> None:
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None


def _peak_rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class _Preload(WorkerPlugin):
    """Loads the pipeline and knowledge base when a worker joins, before its first task."""

    def setup(self, worker: Any) -> None:
        warm()


def make_engine(name: str, *, workers: int | None = None, scheduler: str | None = None) -> Engine:
    """The engine called `name`; a scheduler address is only for `dask`."""
    if name == "local":
        if scheduler:
            raise ConfigError("--scheduler", "a scheduler address needs --engine dask")
        return LocalEngine(workers)
    if name == "dask":
        return DaskEngine(workers, scheduler)
    raise ConfigError("--engine", f"unknown engine {name!r}; expected local or dask")
