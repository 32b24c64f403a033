"""`flashpoint timeline`, `network`, `watch` and `export --format acled` through typer's runner (issue #6)."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from flashpoint.serve.cli import app
from flashpoint.store.acled import ACLED_COLUMNS
from flashpoint.store.duckdb_store import Store
from tests.store.analysis_helpers import report

D = date(2024, 5, 25)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("analysis") / "s.duckdb"
    with Store.open(path) as store:
        store.add_results(
            [
                report(
                    "a",
                    "Valdorian guns shelled Kessem on Saturday, killing four.",
                    published=D,
                    day=D,
                    fatalities=4,
                ),
                report(
                    "b",
                    "Artillery hit Kessem, the mayor said.",
                    published=date(2024, 5, 26),
                    day=D,
                    outlet="Daily B",
                ),
                report(
                    "vow",
                    "The Red Hand vowed to avenge Kessem.",
                    published=date(2024, 5, 27),
                    type_="THREATEN",
                    mode=None,
                    status="threatened",
                    source="red-hand",
                    target="VLD",
                ),
            ]
        )
    return str(path)


def test_analysis_cli_timeline_json_gives_one_row_per_happening_with_precision(db: str) -> None:
    result = CliRunner().invoke(app, ["timeline", "--db", db, "--actor", "VLD", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["type"], r["reports"], r["date"]) for r in rows] == [
        ("ASSAULT", 2, {"start": "2024-05-25", "end": "2024-05-25", "precision": "day"}),
        ("THREATEN", 1, {"start": None, "end": None, "precision": None}),
    ]


def test_analysis_cli_timeline_filters_by_type_and_dates(db: str) -> None:
    result = CliRunner().invoke(
        app,
        [
            "timeline",
            "--db",
            db,
            "--type",
            "assault",
            "--since",
            "2024-05-01",
            "--until",
            "2024-05-31",
            "--format",
            "csv",
        ],
    )
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["date"], r["type"], r["reports"]) for r in rows] == [("2024-05-25", "ASSAULT", "2")]


def test_analysis_cli_network_graphml_has_actors_and_a_weighted_dated_edge(db: str, tmp_path: Path) -> None:
    out = tmp_path / "net.graphml"
    result = CliRunner().invoke(app, ["network", "--db", db, "--format", "graphml", "-o", str(out)])
    assert result.exit_code == 0, result.output
    import networkx as nx

    graph = nx.read_graphml(out, force_multigraph=True)
    assert set(graph.nodes) == {"VLD-military", "red-hand"}
    (edge,) = graph.get_edge_data("VLD-military", "red-hand").values()
    assert (edge["label"], edge["weight"], edge["first"]) == ("ASSAULT", 1, "2024-05-25")


def test_analysis_cli_network_gexf_is_dynamic_for_gephi(db: str) -> None:
    result = CliRunner().invoke(app, ["network", "--db", db, "--format", "gexf"])
    assert result.exit_code == 0, result.output
    graph = ET.fromstring(result.stdout).find("{http://www.gexf.net/1.2draft}graph")
    assert graph is not None and graph.get("mode") == "dynamic"


def test_analysis_cli_watch_lists_the_open_vow_with_its_age(db: str) -> None:
    result = CliRunner().invoke(app, ["watch", "--db", db, "--as-of", "2024-06-01", "--format", "json"])
    assert result.exit_code == 0, result.output
    (row,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert (row["type"], row["age_days"], row["source"], row["target"]) == (
        "THREATEN",
        5,
        "Red Hand",
        "Valdoria",
    )


def test_analysis_cli_export_acled_has_acled_columns_and_names(db: str) -> None:
    result = CliRunner().invoke(app, ["export", "--db", db, "--format", "acled"])
    assert result.exit_code == 0, result.output
    reader = csv.DictReader(io.StringIO(result.stdout))
    assert tuple(reader.fieldnames or ()) == ACLED_COLUMNS
    (row,) = list(reader)
    assert (row["event_date"], row["actor1"], row["actor2"], row["country"]) == (
        "2024-05-25",
        "Military Forces of Valdoria",
        "Red Hand Militia",
        "Ukraine",
    )
    assert (row["source"], row["fatalities"], row["time_precision"]) == ("Daily B; Wire A", "4", "1")


def test_analysis_cli_timeline_on_a_missing_store_is_one_line(tmp_path: Path) -> None:
    missing = tmp_path / "none.duckdb"
    result = CliRunner().invoke(app, ["timeline", "--db", str(missing)])
    assert result.exit_code == 1
    assert result.stderr.strip() == f"error {missing}: no such store (a read-only open does not create one)"
