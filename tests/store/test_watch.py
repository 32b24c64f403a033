"""The watch (issue #6): open threats, and the later events that fulfil them."""

from __future__ import annotations

import json
from datetime import date
from importlib import resources

import pytest

from flashpoint.store.duckdb_store import Store
from flashpoint.store.watch import fulfilled, watch_list
from tests.store.analysis_helpers import report

VOW = "The Valdorian army vowed to crush the Red Hand within the month."


def _threat(**kwargs: object) -> object:
    values: dict[str, object] = {
        "published": date(2024, 3, 1),
        "type_": "THREATEN",
        "mode": None,
        "status": "threatened",
    } | kwargs
    return report("vow", VOW, **values)  # type: ignore[arg-type]


def _strike(key: str = "strike", **kwargs: object) -> object:
    values: dict[str, object] = {"published": date(2024, 3, 9), "day": date(2024, 3, 8)} | kwargs
    return report(key, "Valdorian artillery pounded Red Hand positions on Friday.", **values)  # type: ignore[arg-type]


def test_watch_threat_fulfilled_by_a_later_strike_leaves_the_list() -> None:
    with Store.open(":memory:") as store:
        store.add_results([_threat()])
        assert [w.type for w in watch_list(store.connection)] == ["THREATEN"]
        store.add_results([_strike(source="VLD")])  # the state carries out its army's vow
        links = fulfilled(store.connection)
        assert [(link.threat_type, link.event_type, link.days_after) for link in links] == [
            ("THREATEN", "ASSAULT", 7)
        ]
        assert watch_list(store.connection) == []


def test_watch_threat_stored_after_its_fulfilment_is_still_linked() -> None:
    with Store.open(":memory:") as store:
        store.add_results([_strike()])
        store.add_results([_threat()])
        assert len(fulfilled(store.connection)) == 1


@pytest.mark.parametrize(
    ("strike", "why"),
    [
        ({"target": "civilians"}, "another target"),
        ({"source": "red-hand", "target": "VLD-military"}, "the threatened side strikes"),
        ({"day": date(2024, 2, 27), "published": date(2024, 2, 28)}, "before the vow"),
        ({"day": date(2024, 9, 1), "published": date(2024, 9, 1)}, "half a year later"),
        ({"status": "denied"}, "denied, not done"),
        ({"type_": "AID", "mode": None}, "not a type that carries out a threat"),
    ],
)
def test_watch_threat_stays_open(strike: dict[str, object], why: str) -> None:
    with Store.open(":memory:") as store:
        store.add_results([_threat(), _strike(**strike)])
        assert fulfilled(store.connection) == [], why
        assert len(watch_list(store.connection, as_of=date(2024, 3, 31))) == 1
        assert watch_list(store.connection, as_of=date(2024, 3, 31))[0].age_days == 30


def test_watch_generic_actors_fulfil_nothing() -> None:
    with Store.open(":memory:") as store:
        store.add_results([_threat(source="gunmen"), _strike(source="gunmen")])
        assert fulfilled(store.connection) == []


def test_watch_planned_protest_fulfilled_by_the_protest() -> None:
    with Store.open(":memory:") as store:
        store.add_results(
            [
                report(
                    "plan",
                    "The Red Hand plans a march on the capital on Monday.",
                    published=date(2024, 4, 1),
                    type_="PROTEST",
                    mode="demonstrate",
                    status="planned",
                    source="red-hand",
                    target=None,
                ),
                report(
                    "march",
                    "Thousands of Red Hand supporters marched through the capital.",
                    published=date(2024, 4, 8),
                    day=date(2024, 4, 8),
                    type_="PROTEST",
                    mode="demonstrate",
                    source="red-hand",
                    target="VLD",
                ),
            ]
        )
        assert [(f.threat_type, f.event_type) for f in fulfilled(store.connection)] == [
            ("PROTEST", "PROTEST")
        ]


#: The sample corpus's threat chains (data/sample/README.md): threat article -> fulfilling article.
SAMPLE_CHAINS = {
    "sample-2024-01-29-tower-22-drone-attack": "sample-2024-02-03-us-strikes-iraq-syria",
    "sample-2024-04-02-damascus-consulate-strike": "sample-2024-04-14-iran-drone-missile-attack",
    "sample-2024-07-28-majdal-shams-rocket": "sample-2024-07-31-beirut-strike-shukr",
}


@pytest.mark.slow
def test_watch_sample_corpus_links_each_threat_chain_and_nothing_else(tmp_path: object) -> None:
    from flashpoint.nlp.pipeline import shared_nlp
    from flashpoint.pipeline import extract_articles
    from flashpoint.records import Article

    sample = resources.files("flashpoint") / "data" / "sample" / "articles.jsonl"
    articles = []
    for line in sample.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        articles.append(
            Article(
                id=row["id"],
                text=row["text"],
                title=row["title"],
                outlet=row["outlet"],
                published=date.fromisoformat(row["published"]),
            )
        )
    with Store.open(":memory:") as store:
        store.add_results(list(extract_articles(articles, shared_nlp())))
        links = store.query(
            "SELECT DISTINCT t.article_id, d.article_id FROM fulfilments f "
            "JOIN events t ON t.event_id = f.threat_event_id JOIN events d ON d.event_id = f.event_id"
        )[1]
    assert dict(links) == SAMPLE_CHAINS


def test_watch_untargeted_vow_is_answered_soon_or_not_at_all() -> None:
    # "The army vowed to retaliate" names no target: a strike six weeks on is not its answer,
    # a strike a week on is.
    with Store.open(":memory:") as store:
        store.add_results([_threat(target=None), _strike(day=date(2024, 4, 15), published=date(2024, 4, 15))])
        assert fulfilled(store.connection) == []
    with Store.open(":memory:") as store:
        store.add_results([_threat(target=None), _strike()])
        assert [link.days_after for link in fulfilled(store.connection)] == [7]
