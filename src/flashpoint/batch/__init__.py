"""Extraction at scale: many articles on all local cores or a Dask cluster, written as Parquet
partitioned by publication month, resumable after a crash, and loaded into DuckDB afterwards.

    run_batch(paths, out, engine)   read, chunk, extract on the engine's workers, write parts
    load_batch(out, store)          store the finished parts (idempotent by content hash)
    make_engine("local" | "dask")   the engines (see `engines`)
"""

from __future__ import annotations

from flashpoint.batch.engines import ENGINES, DaskEngine, Engine, LocalEngine, make_engine
from flashpoint.batch.runner import DEFAULT_CHUNK_SIZE, BatchReport, load_batch, run_batch

__all__ = [
    "DEFAULT_CHUNK_SIZE",
    "ENGINES",
    "BatchReport",
    "DaskEngine",
    "Engine",
    "LocalEngine",
    "load_batch",
    "make_engine",
    "run_batch",
]
