"""The batch output directory: parts by month, atomic writes, markers, and refusing a mismatched resume."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from flashpoint.batch import parts
from flashpoint.errors import ConfigError
from flashpoint.records import Article, ArticleResult, Event, Span


def _result(id: str, published: date | None, events: int = 1) -> ArticleResult:
    text = f"Troops shelled a village, report {id}."
    span = Span(start=7, end=14, text="shelled")
    return ArticleResult(
        article=Article(id=id, text=text, published=published),
        events=tuple(
            Event(id=f"e{i + 1}", type="ASSAULT", mode=None, status="occurred", evidence=span, trigger=span)
            for i in range(events)
        ),
    )


def test_parts_split_a_chunk_by_publication_month() -> None:
    results = [
        _result("a", date(2024, 3, 30)),
        _result("b", date(2024, 4, 1), events=2),
        _result("c", date(2024, 3, 2), events=0),
        _result("d", None),
    ]
    found = {(p.kind, p.month): p.table.num_rows for p in parts.to_parts(results)}
    assert found == {
        ("articles", "2024-03"): 2,
        ("events", "2024-03"): 1,
        ("articles", "2024-04"): 1,
        ("events", "2024-04"): 2,
        ("articles", "unknown"): 1,
        ("events", "unknown"): 1,
    }


def test_parts_article_rows_keep_the_flashpoint_json_and_event_rows_are_flat() -> None:
    result = _result("a", date(2024, 3, 30), events=2)
    tables = {p.kind: p.table.to_pylist() for p in parts.to_parts([result])}
    (article,) = tables["articles"]
    assert json.loads(article["result_json"]) == result.to_json()
    assert article["text"] == result.article.text
    assert article["n_events"] == 2
    key = result.article.content_hash
    assert [(e["event_id"], e["type"], e["trigger_text"]) for e in tables["events"]] == [
        (f"{key[:16]}:e1", "ASSAULT", "shelled"),
        (f"{key[:16]}:e2", "ASSAULT", "shelled"),
    ]


def test_parts_write_chunk_puts_the_marker_last_and_lists_the_files(tmp_path: Path) -> None:
    parts.prepare(tmp_path, 8)
    chunk = parts.to_parts([_result("a", date(2024, 3, 30)), _result("b", None)])
    parts.write_chunk(tmp_path, "c0ffee", chunk, {"articles": 2, "events": 2, "errors": []})
    marker = parts.read_marker(tmp_path, "c0ffee")
    assert marker is not None
    assert sorted(marker["files"]) == [
        "articles/month=2024-03/part-c0ffee.parquet",
        "articles/month=unknown/part-c0ffee.parquet",
        "events/month=2024-03/part-c0ffee.parquet",
        "events/month=unknown/part-c0ffee.parquet",
    ]
    assert pq.read_table(tmp_path / marker["files"][0]).num_rows == 1
    assert not list(tmp_path.rglob("*.tmp-*"))


def test_parts_write_atomic_leaves_nothing_when_the_writer_fails(tmp_path: Path) -> None:
    def broken(path: Path) -> None:
        path.write_text("half a file")
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        parts.write_atomic(tmp_path / "part-x.parquet", broken)
    assert list(tmp_path.iterdir()) == []


def test_parts_prepare_removes_temporary_files_left_by_a_crash(tmp_path: Path) -> None:
    parts.prepare(tmp_path, 8)
    stale = tmp_path / "events" / "month=2024-03" / "part-x.parquet.tmp-0123"
    stale.parent.mkdir(parents=True)
    stale.write_text("half a file")
    parts.prepare(tmp_path, 8)
    assert not stale.exists()


def test_parts_prepare_refuses_to_resume_with_another_chunk_size(tmp_path: Path) -> None:
    parts.prepare(tmp_path, 8)
    with pytest.raises(ConfigError) as error:
        parts.prepare(tmp_path, 16)
    assert str(error.value) == (
        f"{tmp_path}: was written with --chunk-size 8; resume with the same size or write to a new directory"
    )


def test_parts_prepare_refuses_a_directory_that_is_not_a_batch_output(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(ConfigError) as error:
        parts.prepare(tmp_path, 8)
    assert (
        str(error.value) == f"{tmp_path}: exists and is not a Flashpoint batch output; choose a new directory"
    )


def test_parts_check_output_names_the_missing_manifest(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as error:
        parts.check_output(tmp_path)
    assert str(error.value) == f"{tmp_path}: not a Flashpoint batch output (no _batch.json)"
