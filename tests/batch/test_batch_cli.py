"""`flashpoint batch` on a Dask LocalCluster of two workers, and `flashpoint load`, through typer's runner."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from typer.testing import CliRunner

from flashpoint.batch import BatchReport
from flashpoint.serve.cli import app
from flashpoint.store.duckdb_store import Store

Rows = Callable[[Path, str], list[tuple[Any, ...]]]


def invoke(*args: str) -> Result:
    return CliRunner().invoke(app, list(args))


@pytest.fixture(scope="module")
def dask_run(articles_file: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Result]:
    out = tmp_path_factory.mktemp("dask") / "out"
    args = ("batch", str(articles_file), "--engine", "dask", "--workers", "2", "--chunk-size", "2", "-q")
    return out, invoke(*args, "--out", str(out))


@pytest.mark.slow
def test_batch_cli_dask_writes_what_the_in_process_run_writes(
    dask_run: tuple[Path, Result], clean_run: tuple[Path, BatchReport], rows: Rows
) -> None:
    out, _ = dask_run
    assert rows(out, "articles") == rows(clean_run[0], "articles")
    assert rows(out, "events") == rows(clean_run[0], "events")


@pytest.mark.slow
def test_batch_cli_reports_the_bad_line_and_exits_1(
    dask_run: tuple[Path, Result], articles_file: Path
) -> None:
    _, result = dask_run
    assert result.exit_code == 1
    assert f"error {articles_file}:4: malformed JSON (Unterminated string starting at column 29)" in " ".join(
        result.stderr.split()
    )
    assert "wrote 3 chunk(s), 0 already done; 6 article(s)" in " ".join(result.stderr.split())


@pytest.mark.slow
def test_batch_cli_rerun_resumes_and_load_is_idempotent(
    dask_run: tuple[Path, Result], articles_file: Path, tmp_path: Path
) -> None:
    out, _ = dask_run
    rerun = invoke(
        "batch", str(articles_file), "--out", str(out), "--chunk-size", "2", "--workers", "1", "-q"
    )
    assert "wrote 0 chunk(s), 3 already done; 6 article(s)" in " ".join(rerun.stderr.split())
    db = tmp_path / "news.duckdb"
    first, second = invoke("load", str(out), "--db", str(db)), invoke("load", str(out), "--db", str(db))
    assert first.exit_code == second.exit_code == 0
    assert "stored 6 new article(s), skipped 0 already stored" in first.stderr
    assert "stored 0 new article(s), skipped 6 already stored" in second.stderr
    with Store.open(db, read_only=True) as store:
        assert store.query("SELECT count(*) FROM articles")[1] == [(6,)]


def test_batch_cli_scheduler_needs_the_dask_engine(tmp_path: Path) -> None:
    result = invoke("batch", "x.jsonl", "--out", str(tmp_path / "out"), "--scheduler", "tcp://10.0.0.1:8786")
    assert result.exit_code == 2
    assert "a scheduler address needs --engine dask" in result.stderr


def test_batch_cli_refuses_another_chunk_size_on_resume(tmp_path: Path) -> None:
    (tmp_path / "in.jsonl").write_text("", encoding="utf-8")
    out = tmp_path / "out"
    invoke("batch", str(tmp_path / "in.jsonl"), "--out", str(out), "--chunk-size", "8", "-q")
    result = invoke("batch", str(tmp_path / "in.jsonl"), "--out", str(out), "--chunk-size", "4", "-q")
    assert result.exit_code == 1
    assert " ".join(result.stderr.split()) == (
        f"error {out}: was written with --chunk-size 8; resume with the same size or write to a new directory"
    )


def test_batch_cli_load_refuses_a_directory_that_is_not_a_batch_output(tmp_path: Path) -> None:
    result = invoke("load", str(tmp_path), "--db", str(tmp_path / "x.duckdb"))
    assert result.exit_code == 1
    assert (
        " ".join(result.stderr.split()) == f"error {tmp_path}: not a Flashpoint batch output (no _batch.json)"
    )
    assert not (tmp_path / "x.duckdb").exists()


@pytest.mark.slow
def test_batch_cli_load_prints_a_line_per_stored_batch(dask_run: tuple[Path, Result], tmp_path: Path) -> None:
    out, _ = dask_run
    db = str(tmp_path / "news.duckdb")
    result = invoke("load", str(out), "--db", db, "--batch-size", "4")
    assert result.exit_code == 0
    lines = [line for line in result.stderr.splitlines() if "so far" in line]
    assert lines == ["4 article(s) stored so far, 0 skipped", "6 article(s) stored so far, 0 skipped"]
    quiet = invoke("load", str(out), "--db", str(tmp_path / "quiet.duckdb"), "--batch-size", "4", "-q")
    assert "so far" not in quiet.stderr
    assert "stored 6 new article(s), skipped 0 already stored" in quiet.stderr
