"""`flashpoint actors list|merge|export-kb|import-kb` through typer's runner (issue #5)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
import yaml
from spacy.language import Language
from typer.testing import CliRunner

import flashpoint
from flashpoint.knowledge.actors import reload_knowledge_base
from flashpoint.serve.cli import app
from flashpoint.store.duckdb_store import Store
from tests.store.test_store_actors import harbour_result, later_result, port_result

runner = CliRunner()


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = tmp_path / "cli.duckdb"
    with Store.open(path) as store:
        store.add_results([harbour_result(), port_result()])
    return str(path)


def test_actors_list_json_most_active_first(db: str) -> None:
    result = runner.invoke(app, ["actors", "list", "--db", db, "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["actor_id"], r["events"]) for r in rows] == [
        ("MRV", 2),
        ("grey-lanterns", 2),
        ("grey-lantern-front", 1),
    ]
    assert rows[2]["aliases"] == ["Grey Lantern Front", "Lantern Front"]


def test_actors_list_query_kind_and_limit_as_csv(db: str) -> None:
    result = runner.invoke(
        app,
        ["actors", "list", "grey", "--db", db, "--kind", "armed_group", "--limit", "1", "--format", "csv"],
    )
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["actor_id"] for r in rows] == ["grey-lanterns"]
    assert rows[0]["in_kb"] == "False"


def test_actors_list_table_names_the_actors(db: str) -> None:
    result = runner.invoke(app, ["actors", "list", "--db", db, "--country", "MRV"])
    assert result.exit_code == 0, result.output
    assert "Grey Lantern Front" in result.stdout
    assert "Marovia" in result.stdout


def test_actors_merge_then_later_ingest_lands_on_survivor(db: str) -> None:
    result = runner.invoke(app, ["actors", "merge", "grey-lantern-front", "grey-lanterns", "--db", db])
    assert result.exit_code == 0, result.output
    assert "merged grey-lanterns into grey-lantern-front" in result.stderr
    with Store.open(db) as store:
        store.add_results([later_result()])
    listed = runner.invoke(app, ["actors", "list", "lantern", "--db", db, "--format", "json"])
    rows = [json.loads(line) for line in listed.stdout.splitlines()]
    assert [(r["actor_id"], r["events"]) for r in rows] == [("grey-lantern-front", 4)]
    assert "Grey Lanterns" in rows[0]["aliases"]


def test_actors_merge_unknown_id_exits_1_with_one_line(db: str) -> None:
    result = runner.invoke(app, ["actors", "merge", "grey-lantern-front", "blue-lanterns", "--db", db])
    assert result.exit_code == 1
    assert result.stderr == f"error {db}: no actor with id 'blue-lanterns'\n"


def test_actors_merge_same_id_is_usage_error(db: str) -> None:
    result = runner.invoke(app, ["actors", "merge", "MRV", "MRV", "--db", db])
    assert result.exit_code == 2
    assert "A and B are the same actor" in result.stderr


def test_actors_export_kb_writes_yaml_of_actors_outside_the_knowledge_base(db: str, tmp_path: Path) -> None:
    out = tmp_path / "learned.yaml"
    result = runner.invoke(app, ["actors", "export-kb", "-o", str(out), "--db", db])
    assert result.exit_code == 0, result.output
    assert "2 actors not in the knowledge base" in result.stderr
    document = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert set(document["provenance"]) >= {"sources", "editor", "date"}
    assert [a["id"] for a in document["actors"]] == ["grey-lanterns", "grey-lantern-front"]
    assert all(
        set(a) == {"id", "name", "kind", "country", "acled_name", "aliases"} for a in document["actors"]
    )


HERON_ATTACK = (
    "Gunmen from the Black Heron Front attacked a police station in Gao on Tuesday, killing three "
    "officers, a local official said. The Black Heron Front later claimed the attack."
)
HERON_AMBUSH = (
    "The Black Heron Front said its fighters ambushed an army convoy near Gao on Monday. "
    "The group has been active in northern Mali since 2023."
)


def test_round_trip_export_review_import_then_extract(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, nlp: Language
) -> None:
    """An unknown group read from an article is exported, reviewed, imported, and then read as KB actor."""
    monkeypatch.setenv("FLASHPOINT_KB_DIR", str(tmp_path / "kb"))
    reload_knowledge_base()
    try:
        db = str(tmp_path / "round-trip.duckdb")
        first = tmp_path / "attack.txt"
        first.write_text(HERON_ATTACK, encoding="utf-8")
        ingested = runner.invoke(app, ["ingest", str(first), "--db", db])
        assert ingested.exit_code == 0, ingested.output
        learned = {a.id: a for a in flashpoint.extract(HERON_ATTACK, nlp=nlp).actors}
        assert learned["org:black-heron-front"].in_kb is False
        assert learned["org:black-heron-front"].country is None

        review = tmp_path / "learned.yaml"
        exported = runner.invoke(app, ["actors", "export-kb", "-o", str(review), "--db", db])
        assert exported.exit_code == 0, exported.output
        document = yaml.safe_load(review.read_text(encoding="utf-8"))
        [entry] = [a for a in document["actors"] if a["name"] == "Black Heron Front"]
        assert entry["id"] == "black-heron-front" and "Gunmen" not in entry["aliases"]
        entry.update(kind="armed_group", country="MLI", acled_name="BHF - Black Heron Front", aliases=["BHF"])
        document["provenance"]["editor"] = "a reviewer"
        review.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")

        imported = runner.invoke(app, ["actors", "import-kb", str(review), "--db", db])
        assert imported.exit_code == 0, imported.output
        assert "1 actors marked in the KB, 1 merged" in imported.stderr
        reload_knowledge_base()

        result = flashpoint.extract(HERON_AMBUSH, nlp=nlp)
        heron = next(a for a in result.actors if a.name == "Black Heron Front")
        assert (heron.id, heron.in_kb, heron.kind, heron.country) == (
            "black-heron-front",
            True,
            "armed_group",
            "MLI",
        )
        assert heron.acled_name == "BHF - Black Heron Front (Mali)"  # ACLED's style adds the country
        as_json = next(a for a in result.to_json()["actors"] if a["id"] == "black-heron-front")
        assert as_json["in_kb"] is True
        assert any(e.source == "black-heron-front" for e in result.events)

        second = tmp_path / "ambush.txt"
        second.write_text(HERON_AMBUSH, encoding="utf-8")
        assert runner.invoke(app, ["ingest", str(second), "--db", db]).exit_code == 0
        listed = runner.invoke(app, ["actors", "list", "heron", "--db", db, "--format", "json"])
        rows = [json.loads(line) for line in listed.stdout.splitlines()]
        assert [(r["actor_id"], r["in_kb"], r["country"], r["events"]) for r in rows] == [
            ("black-heron-front", True, "MLI", 2)
        ]
    finally:
        reload_knowledge_base()
