"""Event clusters (issue #6): reports of one happening merge, keeping every report; others stay apart."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from flashpoint.store.duckdb_store import Store
from flashpoint.store.similarity import text_similarity
from tests.store.analysis_helpers import ORLEN, report

D = date(2024, 5, 25)


def _clusters(store: Store) -> list[tuple[object, ...]]:
    return store.query(
        "SELECT cluster_id, n_reports, n_articles, outlets, attributed_to, fatalities FROM event_clusters "
        "ORDER BY cluster_id"
    )[1]


def test_clusters_two_reports_of_one_shelling_merge_and_keep_both_outlets() -> None:
    with Store.open(":memory:") as store:
        store.add_results(
            [
                report(
                    "a",
                    "Valdorian guns shelled Kessem on Saturday, killing four, the mayor said.",
                    published=D,
                    day=D,
                    attributed_to=("the mayor",),
                    fatalities=4,
                ),
                report(
                    "b",
                    "The death toll from the army's bombardment of Kessem rose to six.",
                    published=date(2024, 5, 26),
                    day=D,
                    source="VLD",
                    target=None,
                    outlet="Daily B",
                    attributed_to=("medics",),
                    fatalities=6,
                ),
            ]
        )
        rows = _clusters(store)
    assert len(rows) == 1
    _, n_reports, n_articles, outlets, attributed_to, fatalities = rows[0]
    assert (n_reports, n_articles, outlets) == (2, 2, ["Daily B", "Wire A"])
    assert attributed_to == ["medics", "the mayor"]
    assert fatalities == 6  # the latest report's toll


def test_clusters_same_day_different_town_stay_apart() -> None:
    with Store.open(":memory:") as store:
        store.add_results(
            [
                report("a", "Valdorian guns shelled Kessem on Saturday.", published=D, day=D),
                report("b", "Valdorian guns shelled Orlen on Saturday.", published=D, day=D, place=ORLEN),
            ]
        )
        assert len(_clusters(store)) == 2


@pytest.mark.parametrize(
    ("change", "why"),
    [
        ({"day": date(2024, 5, 22)}, "three days earlier"),
        ({"status": "threatened"}, "a threat, not the shelling"),
        ({"type_": "COERCE", "mode": "arrest"}, "another type"),
        ({"source": "red-hand", "target": "civilians"}, "another attacker"),
    ],
)
def test_clusters_lookalike_happenings_stay_apart(change: dict[str, object], why: str) -> None:
    kwargs: dict[str, object] = {"published": D, "day": D} | change
    with Store.open(":memory:") as store:
        store.add_results([report("a", "Valdorian guns shelled Kessem on Saturday.", published=D, day=D)])
        store.add_results([report("b", "Shells fell on Kessem, residents said.", **kwargs)])  # type: ignore[arg-type]
        assert len(_clusters(store)) == 2, why


def test_clusters_a_later_batch_joins_the_stored_cluster(tmp_path: Path) -> None:
    path = tmp_path / "s.duckdb"
    with Store.open(path) as store:
        store.add_results([report("a", "Valdorian guns shelled Kessem on Saturday.", published=D, day=D)])
    with Store.open(path) as store:
        store.add_results(
            [
                report(
                    "b",
                    "Artillery hit Kessem overnight.",
                    published=date(2024, 5, 26),
                    day=D,
                    outlet="Daily B",
                )
            ]
        )
        rows = _clusters(store)
    assert [(r[1], r[3]) for r in rows] == [(2, ["Daily B", "Wire A"])]


def test_clusters_store_written_before_clusters_is_brought_up_to_date(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    with Store.open(path) as store:
        store.add_results([report("a", "Valdorian guns shelled Kessem on Saturday.", published=D, day=D)])
        store.connection.execute("DROP TABLE event_clusters; DROP TABLE event_cluster_members")
    with Store.open(path) as store:
        assert len(_clusters(store)) == 1


def test_clusters_text_similarity_is_higher_for_a_paraphrase() -> None:
    base = "Valdorian artillery shelled the market in Kessem, killing four traders."
    assert text_similarity(
        base, "Four traders died when Valdorian shells hit Kessem's market."
    ) > text_similarity(base, "Red Hand fighters kidnapped two aid workers on the road north of Orlen.")
