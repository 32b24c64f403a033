"""The batch run on the in-process local engine: output, resume after a crash, and loading into DuckDB."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import duckdb
import pytest
from spacy.language import Language

from flashpoint.batch import BatchReport, LocalEngine, load_batch, run_batch
from flashpoint.batch.engines import _Closing
from flashpoint.ingest.readers import read_articles
from flashpoint.pipeline import extract_articles
from flashpoint.records import Article
from flashpoint.store.duckdb_store import Store

pytestmark = pytest.mark.slow

T = TypeVar("T")
R = TypeVar("R")
Rows = Callable[[Path, str], list[tuple[Any, ...]]]


class _CrashingEngine(_Closing):
    """Runs in this process and dies after `survive` chunks, as a killed driver would."""

    workers = 1

    def __init__(self, survive: int) -> None:
        self.survive = survive

    def map_unordered(self, fn: Callable[[T], R], tasks: Iterable[T]) -> Iterator[R]:
        for done, task in enumerate(tasks):
            if done == self.survive:
                raise RuntimeError("driver killed")
            yield fn(task)


def test_batch_run_writes_every_distinct_article_once(
    clean_run: tuple[Path, BatchReport], rows: Rows
) -> None:
    out, report = clean_run
    assert (report.chunks_written, report.chunks_skipped, report.articles, report.duplicates) == (3, 0, 6, 1)
    ids = sorted(row[1] for row in rows(out, "articles"))
    assert ids == sorted(
        ["border-post", "niamey-talks", "goma-shelling", "terminal-warning", "fuel-protest", "undated-ambush"]
    )
    assert report.events == len(rows(out, "events")) > 0


def test_batch_run_partitions_by_publication_month(clean_run: tuple[Path, BatchReport]) -> None:
    out, _ = clean_run
    months = duckdb.execute(
        f"SELECT month, count(*) FROM read_parquet('{out}/articles/*/*.parquet', hive_partitioning = true) "
        "GROUP BY ALL ORDER BY month"
    ).fetchall()
    assert months == [("2024-01", 2), ("2024-02", 2), ("2024-03", 1), ("unknown", 1)]


def test_batch_run_reports_the_broken_line_and_goes_on(
    clean_run: tuple[Path, BatchReport], articles_file: Path
) -> None:
    out, report = clean_run
    message = f"{articles_file}:4: malformed JSON (Unterminated string starting at column 29)"
    assert report.errors == [message]
    assert (out / "errors.log").read_text(encoding="utf-8") == message + "\n"


def test_batch_run_times_each_stage(clean_run: tuple[Path, BatchReport]) -> None:
    _, report = clean_run
    assert set(report.seconds) == {"ingest", "parse", "extract", "encode", "write"}
    assert all(seconds >= 0 for seconds in report.seconds.values())


def test_batch_rerun_of_a_finished_output_does_nothing(
    clean_run: tuple[Path, BatchReport], articles_file: Path, tmp_path: Path, rows: Rows
) -> None:
    out, _ = clean_run
    before = rows(out, "events")
    with LocalEngine(1) as engine:
        report = run_batch([str(articles_file)], out, engine, chunk_size=2)
    assert (report.chunks_written, report.chunks_skipped, report.articles) == (0, 3, 6)
    assert rows(out, "events") == before


def test_batch_resumes_after_a_crash_without_duplicates(
    clean_run: tuple[Path, BatchReport], articles_file: Path, tmp_path: Path, rows: Rows
) -> None:
    out = tmp_path / "out"
    with pytest.raises(RuntimeError, match="driver killed"):
        run_batch([str(articles_file)], out, _CrashingEngine(survive=1), chunk_size=2)
    assert len(list((out / "_chunks").iterdir())) == 1
    with LocalEngine(1) as engine:
        report = run_batch([str(articles_file)], out, engine, chunk_size=2)
    assert (report.chunks_written, report.chunks_skipped) == (2, 1)
    assert rows(out, "articles") == rows(clean_run[0], "articles")
    assert rows(out, "events") == rows(clean_run[0], "events")


def test_batch_redoes_a_chunk_whose_parts_were_renamed_but_not_marked(
    clean_run: tuple[Path, BatchReport], articles_file: Path, tmp_path: Path, rows: Rows
) -> None:
    out = tmp_path / "out"
    with LocalEngine(1) as engine:
        run_batch([str(articles_file)], out, engine, chunk_size=2)
        next((out / "_chunks").iterdir()).unlink()  # the crash came between the last rename and the marker
        report = run_batch([str(articles_file)], out, engine, chunk_size=2)
    assert (report.chunks_written, report.chunks_skipped) == (1, 2)
    assert rows(out, "events") == rows(clean_run[0], "events")


def _table(db: Path, sql: str) -> list[tuple[Any, ...]]:
    with Store.open(db, read_only=True) as store:
        return store.query(sql)[1]


_COMPARED = {
    "articles": "SELECT * EXCLUDE (ingested_at) FROM articles ORDER BY content_hash",
    "actors": "SELECT * FROM actors ORDER BY actor_id",
    "mentions": "SELECT * FROM mentions ORDER BY ALL",
    # flashpoint/1 gives confidence to three decimals; a loaded store holds that value.
    "events": "SELECT * REPLACE (round(confidence, 3) AS confidence) FROM events ORDER BY event_id",
    "relations": "SELECT * FROM relations ORDER BY ALL",
}


def test_batch_load_stores_what_ingest_would_and_is_idempotent(
    clean_run: tuple[Path, BatchReport], articles_file: Path, nlp: Language, tmp_path: Path
) -> None:
    out, report = clean_run
    articles = [a for a in read_articles([str(articles_file)]) if isinstance(a, Article)]
    loaded, direct = tmp_path / "loaded.duckdb", tmp_path / "direct.duckdb"
    with Store.open(loaded) as store:
        first = load_batch(out, store)
        again = load_batch(out, store)
    with Store.open(direct) as store:
        store.add_results(extract_articles(articles, nlp))
    assert (first.articles_added, first.events) == (6, report.events)
    assert (again.articles_added, again.articles_skipped) == (0, 6)
    for table, sql in _COMPARED.items():
        assert _table(loaded, sql) == _table(direct, sql), table
