"""The `flashpoint` command through typer's runner: exit codes, stdout/stderr split, one-line errors.

Click 8.2+ keeps stderr apart from stdout in `CliRunner` (the `mix_stderr` argument is gone):
`result.stdout` holds the results, `result.stderr` the progress and error lines. Tests that run
extraction are marked `slow`; they share two module-scoped runs (one extract, one ingest) of the same
three short articles.
"""

from __future__ import annotations

import csv
import io
import json
from importlib import resources
from pathlib import Path
from typing import Any

import duckdb
import pytest
from click.testing import Result
from spacy.language import Language
from typer.testing import CliRunner

from flashpoint import __version__
from flashpoint.serve import cli
from flashpoint.serve.cli import app
from flashpoint.store.duckdb_store import ActorCount, OpenThreat, Store, Summary, TypeStatusCount

ARTICLES = [
    {
        "id": "quetta-station",
        "title": "Police station attacked in Quetta",
        "outlet": "Test Wire",
        "published": "2024-03-13",
        "text": (
            "Militants attacked a police station in Quetta on Tuesday, killing three officers. "
            "Provincial officials said the attackers fled on motorbikes after an hour-long exchange of fire."
        ),
    },
    {
        "id": "cairo-meeting",
        "title": "Foreign ministers meet in Cairo",
        "outlet": "Test Wire",
        "published": "2024-05-02",
        "text": (
            "The foreign ministers of Egypt and Jordan met in Cairo on Wednesday to discuss a truce plan. "
            "Both governments asked for more food and medicine to reach civilians."
        ),
    },
    {
        "id": "reactor-warning",
        "title": "Tehran issues a warning",
        "outlet": "Test Wire",
        "published": "2024-06-21",
        "text": (
            "Iran said on Thursday that it would hit back hard if Israel bombed its nuclear sites. "
            "The remarks followed a week of sharp words between the two governments."
        ),
    },
]
TEXTS = {article["id"]: article["text"] for article in ARTICLES}
# A JSON string left open: the reader must report this physical line and go on to the next one.
BROKEN_LINE = '{"id": "cut-short", "text": "The convoy was'


def invoke(*args: str, env: dict[str, str] | None = None) -> Result:
    """Run the CLI in-process; typer's runner keeps stderr apart from stdout."""
    return CliRunner().invoke(app, list(args), env=env)


def json_lines(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines()]


def count(db: Path, table: str) -> int:
    result = invoke("query", f"SELECT count(*) AS n FROM {table}", "--db", str(db), "--format", "csv")
    assert result.exit_code == 0, result.stderr
    return int(result.stdout.splitlines()[1])


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with the three good articles as JSON Lines, and the same with a broken line 2."""
    folder = tmp_path_factory.mktemp("inputs")
    lines = [json.dumps(article) for article in ARTICLES]
    (folder / "good.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "bad.jsonl").write_text("\n".join([lines[0], BROKEN_LINE, lines[2]]) + "\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def extracted(inputs: Path, nlp: Language) -> Result:
    """One `extract` run over the three good articles (the session `nlp` fixture loads the model once)."""
    return invoke("extract", "--quiet", str(inputs / "good.jsonl"))


@pytest.fixture(scope="module")
def ingested(inputs: Path, nlp: Language, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Result]:
    """The store written by one `ingest` of the good articles, told where to write only by $FLASHPOINT_DB.

    It runs in an empty working directory, so a store written to the default path would be noticed.
    """
    workdir = tmp_path_factory.mktemp("ingest-cwd")
    db = tmp_path_factory.mktemp("store") / "events.duckdb"
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(workdir)
        result = invoke("ingest", "--quiet", str(inputs / "good.jsonl"), env={"FLASHPOINT_DB": str(db)})
        assert not any(workdir.iterdir())
    return db, result


@pytest.fixture
def empty_store(tmp_path: Path) -> Path:
    """A store with the schema and no rows, for the commands that need no extraction."""
    db = tmp_path / "empty.duckdb"
    Store.open(db).close()
    return db


# --- extract ---------------------------------------------------------------------------------------


@pytest.mark.slow
def test_cli_extract_writes_one_flashpoint_object_per_article(extracted: Result) -> None:
    assert extracted.exit_code == 0, extracted.stderr
    results = json_lines(extracted.stdout)
    assert [r["schema"] for r in results] == ["flashpoint/1"] * 3
    assert [r["article"]["id"] for r in results] == [a["id"] for a in ARTICLES]
    assert [r["article"]["published"] for r in results] == [a["published"] for a in ARTICLES]


@pytest.mark.slow
def test_cli_extract_offsets_point_into_the_article_text(extracted: Result) -> None:
    spans = []
    for result in json_lines(extracted.stdout):
        text = TEXTS[result["article"]["id"]]
        spans += [(text, event["evidence"]) for event in result["events"]]
        spans += [(text, mention) for actor in result["actors"] for mention in actor["mentions"]]
    assert spans, "the articles name actors and events, so some spans must come out"
    for text, span in spans:
        assert text[span["start"] : span["end"]] == span["text"]


@pytest.mark.slow
def test_cli_extract_reads_an_attack_on_a_police_station_as_assault(extracted: Result) -> None:
    by_id = {r["article"]["id"]: r for r in json_lines(extracted.stdout)}
    assert "ASSAULT" in {event["type"] for event in by_id["quetta-station"]["events"]}


@pytest.mark.slow
def test_cli_extract_output_option_writes_the_file(inputs: Path, extracted: Result, tmp_path: Path) -> None:
    out = tmp_path / "events.jsonl"
    result = invoke("extract", "--quiet", "-o", str(out), str(inputs / "good.jsonl"))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert json_lines(out.read_text(encoding="utf-8")) == json_lines(extracted.stdout)


@pytest.mark.slow
def test_cli_extract_malformed_line_is_reported_and_the_rest_is_read(inputs: Path, nlp: Language) -> None:
    path = inputs / "bad.jsonl"
    result = invoke("extract", "--quiet", str(path))
    assert result.exit_code == 1
    assert [r["article"]["id"] for r in json_lines(result.stdout)] == ["quetta-station", "reactor-warning"]
    assert result.stderr.splitlines() == [
        f"error {path}:2: malformed JSON (Unterminated string starting at column 29)"
    ]


def test_cli_extract_empty_text_file_is_one_error_line(tmp_path: Path) -> None:
    path = tmp_path / "blank.txt"
    path.write_text("  \n\n", encoding="utf-8")
    result = invoke("extract", str(path))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == f"error {path}: empty file\n"


def test_cli_extract_missing_path_is_one_error_line(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.jsonl"
    result = invoke("extract", str(path))
    assert result.exit_code == 1
    assert result.stderr == f"error {path}: no such file\n"


def test_cli_extract_without_readable_articles_does_not_load_the_model(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Loading the model takes seconds; an input that is all errors should be reported at once.
    loads: list[str] = []
    monkeypatch.setattr("flashpoint.nlp.pipeline.shared_nlp", lambda: loads.append("loaded"))
    path = tmp_path / "nowhere.txt"
    result = invoke("extract", str(path))
    assert result.stderr == f"error {path}: no such file\n"
    assert loads == []


def test_cli_extract_error_keeps_brackets_in_the_path(tmp_path: Path) -> None:
    # Regression: the message was read as rich markup, so "[old]" vanished and "[/x]" crashed the CLI.
    for name in ("draft[old].jsonl", "draft[/x].jsonl"):
        path = tmp_path / name
        result = invoke("extract", str(path))
        assert result.exit_code == 1
        assert result.stderr == f"error {path}: no such file\n"


@pytest.mark.parametrize("value", ["notadate", "2024-13-01", "12/03/2024"])
def test_cli_extract_published_must_be_an_iso_date(value: str, tmp_path: Path) -> None:
    path = tmp_path / "one.txt"
    path.write_text("Rebels shelled the airport on Sunday.", encoding="utf-8")
    result = invoke("extract", "--published", value, str(path))
    assert result.exit_code == 2
    assert "--published" in result.stderr
    assert result.stdout == ""


def test_cli_extract_unwritable_output_is_one_error_line(tmp_path: Path) -> None:
    # Regression: an output path in a missing directory ended in a FileNotFoundError traceback.
    source = tmp_path / "one.txt"
    source.write_text("Rebels shelled the airport on Sunday.", encoding="utf-8")
    out = tmp_path / "missing" / "out.jsonl"
    result = invoke("extract", "-o", str(out), str(source))
    assert result.exit_code == 1
    assert result.stderr == f"error {out}: cannot write (no such file or directory)\n"


# --- ingest ----------------------------------------------------------------------------------------


@pytest.mark.slow
def test_cli_ingest_honours_flashpoint_db(ingested: tuple[Path, Result]) -> None:
    db, result = ingested
    assert result.exit_code == 0, result.stderr
    assert count(db, "articles") == 3
    assert count(db, "events") > 0


@pytest.mark.slow
def test_cli_ingest_twice_stores_no_new_articles(inputs: Path, ingested: tuple[Path, Result]) -> None:
    db, _ = ingested
    events = count(db, "events")
    again = invoke("ingest", "--quiet", "--db", str(db), str(inputs / "good.jsonl"))
    assert again.exit_code == 0, again.stderr
    assert "stored 0 new article(s), skipped 3 already stored" in again.stderr
    assert count(db, "articles") == 3
    assert count(db, "events") == events


# --- query -----------------------------------------------------------------------------------------


def test_cli_query_json_gives_one_object_per_row(empty_store: Path) -> None:
    sql = "SELECT * FROM (VALUES (1, 'Aden'), (2, 'Mosul'), (3, NULL)) AS t(n, city) ORDER BY n"
    result = invoke("query", sql, "--db", str(empty_store), "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json_lines(result.stdout) == [
        {"n": 1, "city": "Aden"},
        {"n": 2, "city": "Mosul"},
        {"n": 3, "city": None},
    ]


@pytest.mark.slow
def test_cli_query_reads_the_store_named_by_flashpoint_db(ingested: tuple[Path, Result]) -> None:
    db, _ = ingested
    result = invoke(
        "query",
        "SELECT article_id FROM articles ORDER BY article_id",
        "--format",
        "json",
        env={"FLASHPOINT_DB": str(db)},
    )
    assert result.exit_code == 0, result.stderr
    assert [row["article_id"] for row in json_lines(result.stdout)] == sorted(TEXTS)


def test_cli_query_refuses_a_write(empty_store: Path) -> None:
    result = invoke("query", "DELETE FROM articles", "--db", str(empty_store))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        f"error {empty_store}: only read-only statements (SELECT, WITH, DESCRIBE, SHOW, PRAGMA, EXPLAIN) "
        "may be run, not DELETE\n"
    )


def test_cli_query_unknown_format_is_a_usage_error(empty_store: Path) -> None:
    result = invoke("query", "SELECT 1", "--db", str(empty_store), "--format", "xml")
    assert result.exit_code == 2
    assert "--format" in result.stderr


def test_cli_query_missing_store_is_one_error_line(tmp_path: Path) -> None:
    db = tmp_path / "absent.duckdb"
    result = invoke("query", "SELECT 1", "--db", str(db))
    assert result.exit_code == 1
    assert result.stderr == f"error {db}: no such store (a read-only open does not create one)\n"
    assert not db.exists()


def test_cli_query_table_shows_brackets_in_values(empty_store: Path) -> None:
    # Regression: table cells were read as rich markup, so "[/b]" in a value crashed the CLI.
    result = invoke("query", "SELECT 'he [sic] said [/b]' AS quote", "--db", str(empty_store))
    assert result.exit_code == 0, result.stderr
    assert "he [sic] said [/b]" in result.stdout


# --- export ----------------------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_cli_export_writes_every_stored_event(
    fmt: str, ingested: tuple[Path, Result], tmp_path: Path
) -> None:
    db, _ = ingested
    events = count(db, "events")
    assert events > 0
    out = tmp_path / f"events.{fmt}"
    result = invoke("export", "--format", fmt, "-o", str(out), "--db", str(db))
    assert result.exit_code == 0, result.stderr
    assert result.stderr == f"wrote {events} event(s)\n"
    if fmt == "jsonl":
        rows = json_lines(out.read_text(encoding="utf-8"))
    elif fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    else:
        rows = duckdb.sql(f"SELECT * FROM read_parquet('{out}')").fetchall()
    assert len(rows) == events


@pytest.mark.slow
def test_cli_export_jsonl_goes_to_stdout_by_default(ingested: tuple[Path, Result]) -> None:
    db, _ = ingested
    result = invoke("export", "--db", str(db))
    assert result.exit_code == 0, result.stderr
    rows = json_lines(result.stdout)
    assert len(rows) == count(db, "events")
    assert {row["article_id"] for row in rows} <= set(TEXTS)


def test_cli_export_parquet_needs_a_file(empty_store: Path) -> None:
    result = invoke("export", "--format", "parquet", "--db", str(empty_store))
    assert result.exit_code == 1
    assert result.stderr == "error -: parquet is written to a file path, not to a stream or stdout\n"


def test_cli_export_unknown_format_is_a_usage_error(empty_store: Path) -> None:
    result = invoke("export", "--format", "xlsx", "--db", str(empty_store))
    assert result.exit_code == 2


# --- demo and --version ----------------------------------------------------------------------------


@pytest.mark.slow
def test_cli_demo_summarises_the_packaged_sample(nlp: Language) -> None:
    sample = resources.files("flashpoint") / "data" / "sample" / "articles.jsonl"
    articles = sum(1 for line in sample.read_text(encoding="utf-8").splitlines() if line.strip())
    result = invoke("demo", "--quiet")
    assert result.exit_code == 0, result.stderr
    assert f"{articles} sample articles read" in result.stdout
    for title in ("Events by type and status", "Most active actors", "Open threats and plans"):
        assert title in result.stdout


def test_cli_demo_refuses_an_existing_store(empty_store: Path) -> None:
    result = invoke("demo", "--db", str(empty_store))
    assert result.exit_code == 1
    assert result.stderr == f"error {empty_store}: already exists; the demo writes a fresh store\n"


def test_cli_demo_summary_prints_brackets_in_names_and_evidence(capsys: pytest.CaptureFixture[str]) -> None:
    # Regression: names and evidence went into the tables as rich markup; "[/b]" crashed the demo.
    summary = Summary(
        articles=1,
        events=1,
        by_type_status=[TypeStatusCount("THREATEN", "threatened", 1)],
        top_actors=[ActorCount("dawn-front", "Dawn [North] Front", 1)],
        open_threats=[
            OpenThreat(
                "e1", "THREATEN", "threatened", "Dawn [North] Front", None, None, "They [/b] vowed revenge."
            )
        ],
    )
    cli._print_summary(summary, (1, 0, 1))
    out = capsys.readouterr().out
    assert "Dawn [North] Front" in out
    assert "They [/b] vowed revenge." in out


def test_cli_version_prints_the_package_version() -> None:
    result = invoke("--version")
    assert result.exit_code == 0
    assert result.stdout == f"flashpoint {__version__}\n"
