"""`load_batch` stores a batch output in batches across parts and chunks: the same rows as a direct ingest.

The clean run writes six articles over three months in chunks of two, so its parts hold one or two
articles each; loading in batches of 2, 4 or 1000 gathers articles across parts and chunks. Every
table, the derived ones included, must come out as `Store.add_results` of the extracted articles
writes it, and loading again must change nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language

from flashpoint.batch import BatchReport, load_batch
from flashpoint.ingest.readers import read_articles
from flashpoint.pipeline import extract_articles
from flashpoint.records import Article, ArticleResult
from flashpoint.store.duckdb_store import IngestCounts, Store

pytestmark = pytest.mark.slow

_TABLES = {
    "articles": "SELECT * EXCLUDE (ingested_at) FROM articles ORDER BY content_hash",
    "actors": "SELECT * FROM actors ORDER BY actor_id",
    "mentions": "SELECT * FROM mentions ORDER BY ALL",
    # flashpoint/1 gives confidence to three decimals; a loaded store holds that value.
    "events": "SELECT * REPLACE (round(confidence, 3) AS confidence) FROM events ORDER BY event_id",
    "relations": "SELECT * FROM relations ORDER BY ALL",
    "event_cluster_members": "SELECT * FROM event_cluster_members ORDER BY ALL",
    "event_clusters": "SELECT * FROM event_clusters ORDER BY cluster_id",
    "fulfilments": "SELECT * EXCLUDE (linked_at) FROM fulfilments ORDER BY ALL",
}


def _tables(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    return {table: store.query(sql)[1] for table, sql in _TABLES.items()}


@pytest.fixture(scope="module")
def extracted(articles_file: Path, nlp: Language) -> list[ArticleResult]:
    articles = [a for a in read_articles([str(articles_file)]) if isinstance(a, Article)]
    return list(extract_articles(articles, nlp))


@pytest.fixture(scope="module")
def direct(extracted: list[ArticleResult], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Every table of a store written by one `add_results` of the extracted articles."""
    with Store.open(tmp_path_factory.mktemp("direct") / "direct.duckdb") as store:
        store.add_results(extracted)
        return _tables(store)


@pytest.mark.parametrize("batch_size", [2, 4, 1000])
def test_load_in_batches_stores_what_a_direct_ingest_stores(
    clean_run: tuple[Path, BatchReport], direct: dict[str, Any], tmp_path: Path, batch_size: int
) -> None:
    out, report = clean_run
    seen: list[IngestCounts] = []
    with Store.open(tmp_path / "loaded.duckdb") as store:
        counts = load_batch(out, store, batch_size=batch_size, on_part=seen.append)
        loaded = _tables(store)
    assert (counts.articles_added, counts.articles_skipped, counts.events) == (6, 0, report.events)
    assert len(seen) == -(-6 // batch_size)  # one call per stored batch, with the running totals
    assert seen[-1] == counts
    assert direct["events"], "the comparison needs events"
    for table, rows in direct.items():
        assert loaded[table] == rows, table


def test_load_again_skips_everything_and_changes_nothing(
    clean_run: tuple[Path, BatchReport], tmp_path: Path
) -> None:
    out, _ = clean_run
    with Store.open(tmp_path / "loaded.duckdb") as store:
        load_batch(out, store, batch_size=4)
        before = _tables(store)
        again = load_batch(out, store, batch_size=4)
        after = _tables(store)
    assert again == IngestCounts(0, 6, 0, 0, 0)
    assert after == before


def test_load_into_a_store_holding_some_articles_adds_only_the_rest(
    clean_run: tuple[Path, BatchReport],
    extracted: list[ArticleResult],
    direct: dict[str, Any],
    tmp_path: Path,
) -> None:
    out, _ = clean_run
    with Store.open(tmp_path / "partial.duckdb") as store:
        store.add_results(extracted[:3])
        counts = load_batch(out, store, batch_size=2)
        loaded = _tables(store)
    assert (counts.articles_added, counts.articles_skipped) == (3, 3)
    for table in ("articles", "actors", "mentions", "events", "relations"):
        assert loaded[table] == direct[table], table
    # Clusters are incremental, so they may be cut differently; every event is still in exactly one.
    members = [row[0] for row in loaded["event_cluster_members"]]
    assert sorted(members) == sorted(row[0] for row in direct["events"])
