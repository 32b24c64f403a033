"""A killed ingest or batch, run again, leaves exactly what an uninterrupted run leaves (issue #9).

Each trial starts the real `flashpoint ingest` (or `batch`) in a subprocess, with the light extraction
of `light_cli.py`, kills it with SIGKILL at a random moment, checks what the killed run left, sometimes
kills the rerun too, then runs it to the end and compares the whole store (every table, every row,
clock columns aside) or the whole Parquet output with the uninterrupted run's.

The number of trials is `$FLASHPOINT_CRASH_TRIALS` (default 3 each, so CI stays quick); the issue's full
check is `FLASHPOINT_CRASH_TRIALS=25 python -m pytest tests/reliability/test_crash.py`. The trials'
random moments come from `$FLASHPOINT_CRASH_SEED` (default: a new seed, printed on failure).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import time
from pathlib import Path
from typing import Any

import duckdb
import pytest

from tests.reliability.helpers import ROOT, light_command, light_env, run_light, store_contents, write_corpus

TRIALS = int(os.environ.get("FLASHPOINT_CRASH_TRIALS", "3"))
SEED = int(os.environ.get("FLASHPOINT_CRASH_SEED", str(random.randrange(1 << 30))))
ARTICLES = 80
#: The ingest stores 32 articles per transaction (serve/cli.py INGEST_BATCH).
BATCH = 32
#: Seconds of light extraction per article: spreads a run over its batches so kills land inside it.
DELAY = 0.01


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("crash") / "corpus.jsonl", ARTICLES)


@pytest.fixture(scope="module")
def uninterrupted(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], float]:
    """The store one uninterrupted ingest writes, and how long that run took (to place the kills)."""
    db = tmp_path_factory.mktemp("reference") / "news.duckdb"
    started = time.monotonic()
    done = run_light("ingest", str(corpus), "--db", str(db), delay=DELAY)
    seconds = time.monotonic() - started
    assert done.returncode == 1, done.stderr  # the broken line
    assert f"stored {ARTICLES} new article(s)" in done.stderr
    return store_contents(db), seconds


def _kill_after(args: list[str], seconds: float) -> bool:
    """Start the light `flashpoint ARGS`, SIGKILL it after `seconds`; whether it was still running."""
    process = subprocess.Popen(
        light_command(*args),
        cwd=ROOT,
        env=light_env(DELAY),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        process.wait(timeout=seconds)
        return False
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGKILL)
        process.wait()
        return True


def _stored_articles(db: Path) -> int:
    """How many articles a killed ingest left; it must open cleanly (no store yet counts as none)."""
    if not db.exists():
        return 0
    with duckdb.connect(str(db), read_only=True) as conn:
        tables = {r[0] for r in conn.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
        if "articles" not in tables:
            return 0
        articles = conn.execute("SELECT count(*) FROM articles").fetchone()
        events = conn.execute("SELECT count(*) FROM events").fetchone()
        orphans = conn.execute(
            "SELECT count(*) FROM events WHERE content_hash NOT IN (SELECT content_hash FROM articles)"
        ).fetchone()
    assert articles is not None and events is not None and orphans is not None
    # Every generated article has two events: a half-stored article would break the ratio.
    assert events[0] == 2 * articles[0]
    assert orphans[0] == 0
    return int(articles[0])


@pytest.mark.slow
def test_crash_killed_ingest_rerun_stores_exactly_what_an_uninterrupted_run_stores(
    corpus: Path, uninterrupted: tuple[dict[str, Any], float], tmp_path: Path
) -> None:
    expected, seconds = uninterrupted
    rng = random.Random(SEED)
    seen = []
    for trial in range(TRIALS):
        db = tmp_path / f"trial-{trial}.duckdb"
        args = ["ingest", str(corpus), "--db", str(db), "--quiet"]
        kills = 2 if rng.random() < 0.3 else 1
        for _ in range(kills):
            _kill_after(args, rng.uniform(0.0, seconds))
            stored = _stored_articles(db)
            # A batch is one transaction: a kill leaves whole batches or nothing.
            assert stored % BATCH == 0 or stored == ARTICLES, f"seed {SEED}, trial {trial}: {stored} stored"
            seen.append(stored)
        rerun = run_light(*args)
        assert rerun.returncode == 1, f"seed {SEED}, trial {trial}: {rerun.stderr}"
        assert store_contents(db) == expected, f"seed {SEED}, trial {trial}"
    print(f"seed {SEED}: articles stored when killed: {seen}")


def _batch_contents(out: Path) -> dict[str, Any]:
    """The rows of a batch output as DuckDB reads the whole tree, its chunk markers and its errors."""
    rows: dict[str, Any] = {}
    for kind in ("articles", "events"):
        rows[kind] = sorted(
            duckdb.execute(
                f"SELECT * FROM read_parquet('{out}/{kind}/*/*.parquet', hive_partitioning = true)"
            ).fetchall(),
            key=repr,
        )
    rows["chunks"] = sorted(path.name for path in (out / "_chunks").iterdir())
    rows["errors"] = sorted((out / "errors.log").read_text(encoding="utf-8").splitlines())
    rows["temporary"] = sorted(str(p) for p in out.rglob("*.tmp-*"))
    return rows


@pytest.fixture(scope="module")
def uninterrupted_batch(
    corpus: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[dict[str, Any], float]:
    """The output one uninterrupted batch writes, and how long that run took."""
    out = tmp_path_factory.mktemp("reference-batch") / "out"
    started = time.monotonic()
    done = run_light(*_batch_args(corpus, out), delay=DELAY)
    seconds = time.monotonic() - started
    assert done.returncode == 1, done.stderr  # the broken line
    contents = _batch_contents(out)
    assert len(contents["articles"]) == ARTICLES
    assert contents["temporary"] == []
    return contents, seconds


def _batch_args(corpus: Path, out: Path) -> list[str]:
    return ["batch", str(corpus), "--out", str(out), "--workers", "1", "--chunk-size", "16", "--quiet"]


@pytest.mark.slow
def test_crash_killed_batch_rerun_writes_exactly_what_an_uninterrupted_run_writes(
    corpus: Path, uninterrupted_batch: tuple[dict[str, Any], float], tmp_path: Path
) -> None:
    expected, seconds = uninterrupted_batch
    rng = random.Random(SEED + 1)
    for trial in range(TRIALS):
        out = tmp_path / f"trial-{trial}"
        _kill_after(_batch_args(corpus, out), rng.uniform(0.0, seconds))
        rerun = run_light(*_batch_args(corpus, out))
        assert rerun.returncode == 1, f"seed {SEED}, trial {trial}: {rerun.stderr}"
        assert _batch_contents(out) == expected, f"seed {SEED}, trial {trial}"
