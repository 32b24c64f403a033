"""Shared inputs for the batch tests: a handful of short articles of our own, over three months."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import pytest
from spacy.language import Language

from flashpoint.batch import BatchReport, LocalEngine, run_batch
from flashpoint.records import Article

Rows = Callable[[Path, str], list[tuple[Any, ...]]]

ARTICLES = [
    {
        "id": "border-post",
        "published": "2024-01-14",
        "text": "Gunmen raided a border post near Quetta on Sunday and killed two guards, local police said.",
    },
    {
        "id": "niamey-talks",
        "published": "2024-01-17",
        "text": "The defence ministers of Chad and Niger met in Niamey on Tuesday to plan joint patrols.",
    },
    {
        "id": "goma-shelling",
        "published": "2024-02-03",
        "text": "Rebel fighters shelled the outskirts of Goma overnight, according to residents.",
    },
    {
        "id": "terminal-warning",
        "published": "2024-02-23",
        "text": "Iran warned on Friday that it would strike back if its oil terminals were attacked.",
    },
    {
        "id": "fuel-protest",
        "published": "2024-03-07",
        "text": "Protesters gathered outside parliament in Nairobi on Thursday to demand cheaper fuel.",
    },
    {
        "id": "undated-ambush",
        "text": "Soldiers were ambushed on a road north of Maiduguri, and four of them died, the army said.",
    },
]
# A JSON string left open: the batch reports the line and goes on.
BROKEN_LINE = '{"id": "cut-short", "text": "The patrol was'


@pytest.fixture(scope="session")
def articles_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The articles as JSON Lines, with one of them repeated and a broken line 4."""
    folder = tmp_path_factory.mktemp("batch-inputs")
    lines = [json.dumps(a) for a in ARTICLES]
    path = folder / "news.jsonl"
    path.write_text("\n".join([*lines[:3], BROKEN_LINE, *lines[3:], lines[0]]) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def articles() -> list[Article]:
    """The distinct articles of `articles_file`, in order, as the reader gives them."""
    return [
        Article(
            id=a["id"],
            text=a["text"],
            published=date.fromisoformat(a["published"]) if "published" in a else None,
        )
        for a in ARTICLES
    ]


def _rows(out: Path, kind: str) -> list[tuple[Any, ...]]:
    return sorted(
        duckdb.execute(
            f"SELECT * FROM read_parquet('{out}/{kind}/*/*.parquet', hive_partitioning = true)"
        ).fetchall(),
        key=repr,
    )


@pytest.fixture(scope="session")
def rows() -> Rows:
    """Every row under `OUT/articles` or `OUT/events`, as DuckDB reads the whole tree, sorted."""
    return _rows


@pytest.fixture(scope="session")
def clean_run(
    articles_file: Path, nlp: Language, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, BatchReport]:
    """One uninterrupted run, in this process, in chunks of two: the output the others must equal."""
    out = tmp_path_factory.mktemp("clean") / "out"
    with LocalEngine(1) as engine:
        return out, run_batch([str(articles_file)], out, engine, chunk_size=2)
