"""The engines: in this process and a pool of local processes (Dask: tests/batch/test_batch_cli.py)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from flashpoint.batch import BatchReport, LocalEngine, make_engine, run_batch
from flashpoint.errors import ConfigError

Rows = Callable[[Path, str], list[tuple[Any, ...]]]


def _square(n: int) -> int:
    return n * n


def test_engines_local_single_worker_runs_in_this_process() -> None:
    with LocalEngine(1) as engine:
        assert sorted(engine.map_unordered(_square, range(5))) == [0, 1, 4, 9, 16]


def test_engines_scheduler_needs_the_dask_engine() -> None:
    with pytest.raises(ConfigError) as error:
        make_engine("local", scheduler="tcp://127.0.0.1:8786")
    assert str(error.value) == "--scheduler: a scheduler address needs --engine dask"


def test_engines_unknown_engine_is_refused() -> None:
    with pytest.raises(ConfigError) as error:
        make_engine("spark")
    assert str(error.value) == "--engine: unknown engine 'spark'; expected local or dask"


@pytest.mark.slow
def test_engines_local_pool_of_two_matches_the_in_process_run(
    clean_run: tuple[Path, BatchReport], articles_file: Path, tmp_path: Path, rows: Rows
) -> None:
    with LocalEngine(2) as engine:
        report = run_batch([str(articles_file)], tmp_path / "out", engine, chunk_size=2)
    assert (report.chunks_written, report.articles) == (3, 6)
    assert rows(tmp_path / "out", "events") == rows(clean_run[0], "events")
    assert rows(tmp_path / "out", "articles") == rows(clean_run[0], "articles")
