"""Bad input through `extract`, `ingest` and `batch`: every bad record is named with its reason, on
stderr and in the errors file, and every good record is read and stored (issue #9).

The inputs are generated here: empty, blank, binary, truncated UTF-8, UTF-16, a 50 MB file and a 50 MB
line, a line of a million characters, HTML without a body or nested 5,000 deep, JSON Lines with broken
and wrongly-typed lines, Arabic, Russian and Chinese articles (sentences we wrote), dates in the future
and absurd numbers. One folder holds them all, so each command reads them in one run.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import duckdb
import pytest
from spacy.language import Language
from typer.testing import CliRunner, Result

from flashpoint.serve.cli import app

MB = 1 << 20
GOOD = {
    "good": "Rebel fighters shelled the outskirts of Goma overnight, killing two civilians, residents said.",
    "good-line": "Gunmen raided a border post near Quetta on Sunday and killed two guards, the police said.",
    "after-long-line": "Protesters gathered outside parliament in Nairobi on Thursday to demand cheap fuel.",
    "future": "The army said on Tuesday that it would attack the rebel camp on 3 March 2095.",
    "absurd": "Militants attacked a village near Gao on Friday and killed 10000000000 people, police said.",
}
# Our own sentences: "Rebels shelled a small town near the border on Monday; three civilians were killed."
FOREIGN = {
    "arabic": "قصف المتمردون بلدة صغيرة قرب الحدود يوم الاثنين وقتل ثلاثة مدنيين.",
    "russian": "Повстанцы обстреляли небольшой город у границы в понедельник, погибли три мирных жителя.",
    "chinese": "星期一，叛军炮击了边境附近的一个小镇，三名平民死亡。",
}
NOT_ENGLISH = "not English (looks like a different language)"


def _line(**record: Any) -> str:
    return json.dumps(record, ensure_ascii=False)


@pytest.fixture(scope="module")
def bad_inputs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """A folder of bad and good inputs, and the exact `where: reason` line each bad record must get."""
    folder = tmp_path_factory.mktemp("bad-inputs")
    files: dict[str, bytes] = {
        "empty.txt": b"",
        "blank.txt": b"  \n\t \r\n  ",
        "binary.txt": bytes(range(256)) * 8,
        "truncated.txt": "Rebels shelled the town — ".encode()[:-2],
        "utf16.txt": "Rebels shelled the town of Goma on Monday.".encode("utf-16"),
        "utf16-no-bom.txt": "Rebels shelled the town of Goma on Monday.".encode("utf-16-le"),
        "big.txt": b"Rebels shelled the town. " * (50 * MB // 25),
        "long-line.txt": (b"Rebels shelled the town again " * 40_000)[:1_000_000],
        "no-body.html": b"<html><head><title>Nothing here</title></head></html>",
        "nested.html": (
            b"<html><body>" + b"<div>" * 5000 + GOOD["good"].encode() + b"</div>" * 5000 + b"</body></html>"
        ),
        "good.txt": GOOD["good"].encode(),
    }
    lines = [
        _line(id="good-line", published="2024-03-02", text=GOOD["good-line"]),
        '{"id": "cut-short", "text": "The convoy was',
        _line(id=5, text=17),
        '["an", "array"]',
        _line(id="no-text", title="A headline and nothing else"),
        _line(id="null-text", text=None),
        _line(id="bad-date", published=20240302, text=GOOD["good-line"]),
        _line(id="bad-date-string", published="next Tuesday", text=GOOD["good-line"]),
        "",
        *(_line(id=key, text=text) for key, text in FOREIGN.items()),
        _line(id="french-tagged", language="fr", text=GOOD["good-line"]),
        _line(id="future", published="2091-06-01", text=GOOD["future"]),
        _line(id="absurd", published="2024-03-02", text=GOOD["absurd"]),
        "{not json at all}",
        # The long line is skipped without being read whole; the line after it is read as usual.
        '{"id": "huge", "text": "' + "a" * (50 * MB) + '"}',
        _line(id="after-long-line", published="2024-03-02", text=GOOD["after-long-line"]),
    ]
    files["lines.jsonl"] = ("\n".join(lines) + "\n").encode()
    for name, data in files.items():
        (folder / name).write_bytes(data)
    jsonl = folder / "lines.jsonl"
    expected = [
        f"{folder / 'big.txt'}: too large ({50 * MB:,} bytes; limit 10,000,000 bytes)",
        f"{folder / 'binary.txt'}: binary content, not text",
        f"{folder / 'blank.txt'}: empty file",
        f"{folder / 'empty.txt'}: empty file",
        f"{jsonl}:2: malformed JSON (Unterminated string starting at column 29)",
        f'{jsonl}:3: field "text" must be a string, found a number',
        f"{jsonl}:4: expected a JSON object, found an array",
        f'{jsonl}:5: missing field "text"',
        f'{jsonl}:6: field "text" must be a string, found null',
        f'{jsonl}:7: field "published" must be a string or null, found a number',
        f'{jsonl}:8: field "published" is not a date ("next Tuesday"; expected YYYY-MM-DD)',
        f"{jsonl}:10: {NOT_ENGLISH}",
        f"{jsonl}:11: {NOT_ENGLISH}",
        f"{jsonl}:12: {NOT_ENGLISH}",
        f'{jsonl}:13: not English (language "fr")',
        f"{jsonl}:16: malformed JSON (Expecting property name enclosed in double quotes at column 2)",
        f"{jsonl}:17: line too long ({50 * MB + 27:,} bytes; limit 10,000,000 bytes)",
        f"{folder / 'long-line.txt'}: too large (1,000,000 characters; limit 500,000)",
        f"{folder / 'nested.html'}: no article text found in the HTML",
        f"{folder / 'no-body.html'}: no article text found in the HTML",
        f"{folder / 'truncated.txt'}: not valid UTF-8 (byte 0xe2 at offset 24)",
        f"{folder / 'utf16-no-bom.txt'}: binary content, not text",
        f"{folder / 'utf16.txt'}: UTF-16 text; only UTF-8 is read",
    ]
    return folder, expected


def invoke(*args: str) -> Result:
    return CliRunner().invoke(app, list(args))


def error_lines(stderr: str) -> list[str]:
    """The `where: reason` of each `error ...` line on stderr, in order."""
    return [line.removeprefix("error ") for line in stderr.splitlines() if line.startswith("error ")]


@pytest.fixture(scope="module")
def extracted(
    bad_inputs: tuple[Path, list[str]], nlp: Language, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Result, Path]:
    folder, _ = bad_inputs
    errors = tmp_path_factory.mktemp("extract") / "errors.txt"
    return invoke("extract", "--quiet", "--errors", str(errors), str(folder)), errors


@pytest.mark.slow
def test_bad_input_extract_names_every_bad_record_on_stderr_and_in_the_errors_file(
    bad_inputs: tuple[Path, list[str]], extracted: tuple[Result, Path]
) -> None:
    _, expected = bad_inputs
    result, errors = extracted
    assert result.exit_code == 1
    assert error_lines(result.stderr) == expected
    assert errors.read_text(encoding="utf-8").splitlines() == expected


@pytest.mark.slow
def test_bad_input_extract_reads_every_good_record(extracted: tuple[Result, Path]) -> None:
    result, _ = extracted
    out = {o["article"]["id"]: o for o in map(json.loads, result.stdout.splitlines())}
    assert sorted(out) == sorted(GOOD)
    for key, result in out.items():
        assert all(e["evidence"]["text"] in GOOD[key] for e in result["events"])


@pytest.mark.slow
def test_bad_input_future_dates_are_kept_as_read(extracted: tuple[Result, Path]) -> None:
    result, _ = extracted
    future = next(o for o in map(json.loads, result.stdout.splitlines()) if o["article"]["id"] == "future")
    assert future["article"]["published"] == "2091-06-01"
    assert [e["date"]["start"] for e in future["events"] if e["date"]] == ["2095-03-03"]


@pytest.fixture(scope="module")
def ingested(
    bad_inputs: tuple[Path, list[str]], nlp: Language, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Result, Path, Path]:
    folder, _ = bad_inputs
    scratch = tmp_path_factory.mktemp("ingest")
    db, errors = scratch / "news.duckdb", scratch / "errors.txt"
    return invoke("ingest", "--quiet", "--errors", str(errors), "--db", str(db), str(folder)), db, errors


@pytest.mark.slow
def test_bad_input_ingest_stores_every_good_record_and_names_every_bad_one(
    bad_inputs: tuple[Path, list[str]], ingested: tuple[Result, Path, Path]
) -> None:
    _, expected = bad_inputs
    result, db, errors = ingested
    assert result.exit_code == 1
    assert error_lines(result.stderr) == expected
    assert errors.read_text(encoding="utf-8").splitlines() == expected
    with duckdb.connect(str(db), read_only=True) as conn:
        stored = conn.execute("SELECT article_id, text FROM articles ORDER BY article_id").fetchall()
    assert stored == sorted(GOOD.items())


@pytest.mark.slow
def test_bad_input_absurd_death_toll_is_stored_as_unknown_not_a_failed_batch(
    ingested: tuple[Result, Path, Path],
) -> None:
    """'killed 10000000000' overflowed the INTEGER column and lost its whole batch (issue #9)."""
    _, db, _ = ingested
    with duckdb.connect(str(db), read_only=True) as conn:
        rows = conn.execute(
            "SELECT e.type, e.fatalities, e.evidence_text FROM events e JOIN articles a USING (content_hash) "
            "WHERE a.article_id = 'absurd'"
        ).fetchall()
    assert rows
    assert {(type_, fatalities) for type_, fatalities, _ in rows} == {("ASSAULT", None)}
    assert all("10000000000" in evidence for _, _, evidence in rows)


@pytest.mark.slow
def test_bad_input_batch_finishes_names_every_bad_record_and_writes_every_good_one(
    bad_inputs: tuple[Path, list[str]], nlp: Language, tmp_path: Path
) -> None:
    folder, expected = bad_inputs
    out = tmp_path / "out"
    result = invoke("batch", "--quiet", "--workers", "1", "--out", str(out), str(folder))
    assert result.exit_code == 1
    assert error_lines(result.stderr) == expected
    assert (out / "errors.log").read_text(encoding="utf-8").splitlines() == expected
    ids = duckdb.execute(
        f"SELECT article_id FROM read_parquet('{out}/articles/*/*.parquet', hive_partitioning = true)"
    ).fetchall()
    assert sorted(i for (i,) in ids) == sorted(GOOD)


@pytest.mark.slow
def test_bad_input_one_article_whose_extraction_fails_costs_no_other(
    nlp: Language, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import flashpoint.pipeline

    real = flashpoint.pipeline.read_doc

    def fragile(doc: Any, article: Any, knowledge: Any = None) -> Any:
        if article.id == "good-line":
            raise ValueError("a fault planted by the test")
        return real(doc, article, knowledge)

    monkeypatch.setattr(flashpoint.pipeline, "read_doc", fragile)
    path = tmp_path / "two.jsonl"
    path.write_text(
        _line(id="good-line", text=GOOD["good-line"]) + "\n" + _line(id="good", text=GOOD["good"]) + "\n",
        encoding="utf-8",
    )
    db = tmp_path / "news.duckdb"
    result = invoke("ingest", "--quiet", "--db", str(db), str(path))
    assert result.exit_code == 1
    assert error_lines(result.stderr) == [
        f"{path}:1: extraction failed (ValueError: a fault planted by the test)"
    ]
    with duckdb.connect(str(db), read_only=True) as conn:
        assert conn.execute("SELECT article_id FROM articles").fetchall() == [("good",)]


@pytest.mark.slow
def test_bad_input_one_article_the_store_refuses_costs_no_other(
    nlp: Language, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from flashpoint.store import duckdb_store

    real = duckdb_store._event_row

    def refusing(article: Any, seq: int, event: Any) -> list[object]:
        if article.id == "good-line":
            raise duckdb.ConversionException("a value the column cannot hold")
        row: list[object] = real(article, seq, event)
        return row

    monkeypatch.setattr(duckdb_store, "_event_row", refusing)
    path = tmp_path / "two.jsonl"
    path.write_text(
        _line(id="good-line", text=GOOD["good-line"]) + "\n" + _line(id="good", text=GOOD["good"]) + "\n",
        encoding="utf-8",
    )
    db = tmp_path / "news.duckdb"
    result = invoke("ingest", "--quiet", "--db", str(db), str(path))
    assert result.exit_code == 1
    assert error_lines(result.stderr) == [f"{path}:1: not stored (a value the column cannot hold)"]
    with duckdb.connect(str(db), read_only=True) as conn:
        assert conn.execute("SELECT article_id FROM articles").fetchall() == [("good",)]


def _config_in_subprocess(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    code = "import flashpoint.config as c; print(c.MAX_ARTICLE_CHARS, c.MAX_FILE_BYTES, c.LOCK_WAIT_SECONDS)"
    return subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False, timeout=60
    )


def test_bad_input_limits_are_settings_with_defaults() -> None:
    result = _config_in_subprocess({"PATH": "/usr/bin:/bin"})
    assert result.stdout.split() == ["500000", "10000000", "30"]


def test_bad_input_limits_are_read_from_the_environment() -> None:
    env = {"FLASHPOINT_MAX_ARTICLE_CHARS": "20_000", "FLASHPOINT_LOCK_WAIT": "2"}
    assert _config_in_subprocess(env).stdout.split() == ["20000", "400000", "2"]


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("lots", "expected a whole number, found 'lots'"),
        ("2000000", "must be between 1 and 1,000,000, found 2,000,000"),
    ],
)
def test_bad_input_an_article_limit_spacy_cannot_parse_is_refused(value: str, reason: str) -> None:
    result = _config_in_subprocess({"FLASHPOINT_MAX_ARTICLE_CHARS": value})
    assert result.returncode == 1
    assert f"ConfigError: FLASHPOINT_MAX_ARTICLE_CHARS: {reason}" in result.stderr


def test_bad_input_utf32_is_named_not_called_binary(tmp_path: Path) -> None:
    from flashpoint.ingest.readers import read_articles

    path = tmp_path / "utf32.txt"
    path.write_bytes("Rebels shelled the town.".encode("utf-32"))
    assert [str(item) for item in read_articles([str(path)])] == [f"{path}: UTF-32 text; only UTF-8 is read"]
