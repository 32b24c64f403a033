"""Clustering's blocking (type, status group, day, country; candidates fetched in SQL) keeps every pair
the rules would keep: the clusters equal those of a brute-force pass that scores each report against
every cluster, whether the reports come in one batch or in many."""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

import pytest

from flashpoint.records import ArticleResult, Place
from flashpoint.store import clusters
from flashpoint.store.duckdb_store import Store
from flashpoint.store.similarity import MERGE_THRESHOLD, Report
from tests.store.analysis_helpers import KESSEM, ORLEN, report

_NOWHERE = Place(name="the border area", country=None, lat=None, lon=None, precision="region")
_TEXTS = [
    "Valdorian guns shelled {p} on {d}, killing several people, officials said.",
    "Artillery fire hit {p} on {d}; the army denied it was responsible.",
    "Red Hand fighters ambushed a convoy near {p}, residents said on {d}.",
]


def _results(n: int, seed: int) -> list[ArticleResult]:
    rng = random.Random(seed)
    results = []
    start = date(2024, 5, 1)
    for i in range(n):
        place = rng.choice([KESSEM, ORLEN, _NOWHERE, None])
        day = start + timedelta(days=rng.randint(0, 12))
        published = day + timedelta(days=rng.randint(0, 2))
        text = rng.choice(_TEXTS).format(p=place.name if place else "the area", d=day.isoformat())
        results.append(
            report(
                f"r{i:03d}",
                text,
                published=published,
                day=rng.choice([day, None]),
                place=place,
                type_=rng.choice(["ASSAULT", "ASSAULT", "PROTEST"]),
                status=rng.choice(["occurred", "occurred", "threatened"]),
                source=rng.choice(["VLD-military", "VLD", "gunmen", None]),
                target=rng.choice(["red-hand", "civilians", None]),
                mode=rng.choice(["artillery", None]),
                outlet=rng.choice(["Wire A", "Wire B"]),
            )
        )
    return results


def _members(store: Store) -> list[tuple[str, str]]:
    rows = store.query("SELECT event_id, cluster_id FROM event_cluster_members ORDER BY event_id")[1]
    return [(str(e), str(c)) for e, c in rows]


def _brute_force(store: Store) -> list[tuple[str, str]]:
    """Each report, in the store's order, against every cluster so far: no blocking at all."""
    conn = store.connection
    rows = conn.execute(
        f"SELECT {clusters._REPORT_COLUMNS} FROM events e JOIN articles a USING (content_hash) "
        "ORDER BY a.published NULLS LAST, a.content_hash, e.seq"
    ).fetchall()
    vague = clusters._vague_actors(conn)
    found: dict[str, list[Report]] = {}
    assigned = []
    for row in rows:
        new = clusters._report(row)
        best: tuple[float, str] | None = None
        for cluster_id in sorted(found):
            top = clusters._cluster_score(new, found[cluster_id], vague)
            if top is not None and top >= MERGE_THRESHOLD and (best is None or top > best[0]):
                best = (top, cluster_id)
        cluster_id = best[1] if best else new.event_id
        found.setdefault(cluster_id, []).append(new)
        assigned.append((new.event_id, cluster_id))
    return sorted(assigned)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_blocking_finds_the_clusters_brute_force_finds(seed: int, tmp_path: Path) -> None:
    results = sorted(_results(60, seed), key=lambda r: (r.article.published, r.article.content_hash))
    with Store.open(tmp_path / "one.duckdb") as one:
        one.add_results(results)
        expected = _brute_force(one)
        assert _members(one) == expected
    # Merges happen, or the comparison says little.
    assert len({c for _, c in expected}) < len(expected)
    # In publication order, batch by batch: stored candidates come from the SQL join.
    with Store.open(tmp_path / "many.duckdb") as many:
        for i in range(0, len(results), 7):
            many.add_results(results[i : i + 7])
        assert _members(many) == expected


def test_a_report_without_a_country_joins_a_stored_cluster_with_one(tmp_path: Path) -> None:
    day = date(2024, 5, 25)
    text = "Valdorian guns shelled Kessem on Saturday, killing four, the mayor said."
    with Store.open(tmp_path / "s.duckdb") as store:
        store.add_results([report("a", text, published=day, day=day)])
        store.add_results(
            [report("b", text.replace("Kessem", "the town"), published=day, day=day, place=None)]
        )
        rows = _members(store)
    assert len({cluster for _, cluster in rows}) == 1, rows


def test_reports_in_two_countries_never_share_a_cluster(tmp_path: Path) -> None:
    day = date(2024, 5, 25)
    text = "Valdorian guns shelled the town on Saturday, killing four, the mayor said."
    elsewhere = Place(name="Kessem", country="VLD", lat=49.99, lon=36.23, precision="city")
    with Store.open(tmp_path / "s.duckdb") as store:
        store.add_results([report("a", text, published=day, day=day)])
        store.add_results([report("b", text, published=day, day=day, place=elsewhere)])
        rows = _members(store)
    assert len({cluster for _, cluster in rows}) == 2, rows


def test_an_older_store_is_clustered_a_slice_at_a_time_as_in_one_call(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from flashpoint.store import derived

    results = sorted(_results(40, 4), key=lambda r: (r.article.published, r.article.content_hash))
    path = tmp_path / "old.duckdb"
    with Store.open(path) as store:
        store.add_results(results)
        expected = _members(store)
        store.connection.execute("DROP TABLE event_clusters; DROP TABLE event_cluster_members")
    monkeypatch.setattr(derived, "_BACKFILL_ARTICLES", 3)
    with Store.open(path) as store:
        assert _members(store) == expected
