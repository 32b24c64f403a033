"""Two processes on one store: a second writer queues or gets a clear error, never a corrupt store, and
a reader reads between an ingest's batches (issue #9).

DuckDB lets one process open a file for writing, or several for reading, at a time. `ingest` holds
the store only while it writes a batch, and every open waits for a held store up to
`$FLASHPOINT_LOCK_WAIT` seconds before it gives up with one line naming the holder.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import duckdb
import httpx
import pytest

from flashpoint.store.duckdb_store import Store
from tests.reliability.helpers import ROOT, light_command, light_env, run_light, store_contents, story


def _corpus(path: Path, numbers: range) -> Path:
    path.write_text("\n".join(json.dumps(story(i)) for i in numbers) + "\n", encoding="utf-8")
    return path


def _start(*args: str, delay: float) -> subprocess.Popen[str]:
    return subprocess.Popen(
        light_command(*args),
        cwd=ROOT,
        env=light_env(delay),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.slow
def test_concurrency_two_ingests_on_one_store_both_finish_and_store_everything_once(tmp_path: Path) -> None:
    first = _corpus(tmp_path / "first.jsonl", range(0, 64))
    second = _corpus(tmp_path / "second.jsonl", range(32, 96))  # half of it is the first's second half
    db = tmp_path / "news.duckdb"
    Store.open(db).close()
    runs = [_start("ingest", str(path), "--db", str(db), "--quiet", delay=0.01) for path in (first, second)]
    outcomes = [run.communicate(timeout=120) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outcomes
    with duckdb.connect(str(db), read_only=True) as conn:
        ids = [row[0] for row in conn.execute("SELECT article_id FROM articles").fetchall()]
        events = conn.execute("SELECT count(*), count(DISTINCT event_id) FROM events").fetchone()
    assert sorted(ids) == sorted(f"story-{i}" for i in range(96))
    assert events == (192, 192)


@pytest.mark.slow
def test_concurrency_ingest_into_a_held_store_is_one_error_line_and_exit_1(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "news.jsonl", range(4))
    db = tmp_path / "news.duckdb"
    Store.open(db).close()
    with duckdb.connect(str(db)):  # this process holds the store, as a long write would
        env = {**light_env(), "FLASHPOINT_LOCK_WAIT": "1"}
        held = subprocess.run(
            light_command("ingest", str(corpus), "--db", str(db)),
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    assert held.returncode == 1
    assert held.stderr.splitlines() == [
        f"error {db}: in use by another process (PID {os.getpid()}); gave up after waiting 1 s "
        "($FLASHPOINT_LOCK_WAIT sets the wait)"
    ]
    again = run_light("ingest", str(corpus), "--db", str(db), "--quiet")
    assert again.returncode == 0, again.stderr
    assert len(store_contents(db)["articles"]) == 4


@pytest.mark.slow
def test_concurrency_a_reader_reads_whole_batches_while_an_ingest_writes(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "news.jsonl", range(160))
    db = tmp_path / "news.duckdb"
    Store.open(db).close()
    ingest = _start("ingest", str(corpus), "--db", str(db), "--quiet", delay=0.02)
    seen: list[int] = []
    reads_during_ingest = 0
    while ingest.poll() is None:
        with Store.open(db, read_only=True, wait=60) as store:
            _, rows = store.query("SELECT count(*) FROM articles")
        running = ingest.poll() is None
        count = rows[0][0]
        assert isinstance(count, int)
        seen.append(count)
        reads_during_ingest += running
    _, stderr = ingest.communicate(timeout=120)
    assert ingest.returncode == 0, stderr
    assert reads_during_ingest > 0
    # Each read saw whole batches of 32, never fewer articles than the read before it.
    assert all(n % 32 == 0 for n in seen), seen
    assert seen == sorted(seen)
    assert len(store_contents(db)["articles"]) == 160


@pytest.mark.slow
def test_concurrency_ingest_while_serve_holds_the_store_is_one_error_line_and_the_server_goes_on(
    server: str, api_store: Path, tmp_path: Path
) -> None:
    """`flashpoint serve` keeps its store open, so an ingest meanwhile must fail cleanly, not corrupt it."""
    corpus = _corpus(tmp_path / "news.jsonl", range(2))
    before = httpx.get(f"{server}/articles", timeout=10).json()["total"]
    env = {**light_env(), "FLASHPOINT_LOCK_WAIT": "1"}
    blocked = subprocess.run(
        light_command("ingest", str(corpus), "--db", str(api_store)),
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert blocked.returncode == 1
    [line] = blocked.stderr.splitlines()
    assert line.startswith(f"error {api_store}: in use by another process (PID ")
    assert line.endswith("; gave up after waiting 1 s ($FLASHPOINT_LOCK_WAIT sets the wait)")
    assert httpx.get(f"{server}/articles", timeout=10).json()["total"] == before
