"""`flashpoint serve` through typer's runner (issue #7); uvicorn itself is replaced by a recorder."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import uvicorn
from typer.testing import CliRunner

from flashpoint.serve.cli import app
from flashpoint.store.duckdb_store import Store
from tests.serve.api_store import make_store


@pytest.fixture()
def served(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """What `uvicorn.run` was called with, instead of serving."""
    calls: dict[str, Any] = {}

    def record(application: Any, **options: Any) -> None:
        calls["app"] = application
        calls["writable"] = not application.state.store._read_only
        calls.update(options)

    monkeypatch.setattr(uvicorn, "run", record)
    return calls


def test_serve_cli_opens_the_store_read_only_without_a_token(
    tmp_path: Path, served: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("FLASHPOINT_TOKEN", raising=False)
    db = make_store(tmp_path / "s.duckdb")
    result = CliRunner().invoke(app, ["serve", "--db", str(db), "--port", "8123"])
    assert result.exit_code == 0, result.output
    assert (served["host"], served["port"], served["writable"]) == ("127.0.0.1", 8123, False)
    assert served["app"].state.token is None
    assert "read-only" in result.stderr


def test_serve_cli_enables_ingest_with_a_token(
    tmp_path: Path, served: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FLASHPOINT_TOKEN", "t0ken")
    db = make_store(tmp_path / "s.duckdb")
    result = CliRunner().invoke(app, ["serve", "--db", str(db), "--host", "0.0.0.0"])
    assert result.exit_code == 0, result.output
    assert (served["host"], served["port"], served["writable"]) == ("0.0.0.0", 8000, True)
    assert served["app"].state.token == "t0ken"


def test_serve_cli_missing_store_is_one_line(tmp_path: Path, served: dict[str, Any]) -> None:
    result = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 1
    assert "none.duckdb: no such store (make one with flashpoint ingest)" in " ".join(result.stderr.split())
    assert not served


def test_serve_cli_refuses_a_file_that_is_not_a_store(tmp_path: Path, served: dict[str, Any]) -> None:
    db = tmp_path / "other.duckdb"
    import duckdb

    with duckdb.connect(str(db)) as conn:
        conn.execute("CREATE TABLE t (x INT)")
    result = CliRunner().invoke(app, ["serve", "--db", str(db)])
    assert result.exit_code == 1
    assert "not a Flashpoint store" in result.stderr
    assert not served


def test_serve_cli_bad_port_is_a_usage_error(tmp_path: Path, served: dict[str, Any]) -> None:
    with Store.open(tmp_path / "s.duckdb"):
        pass
    result = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "s.duckdb"), "--port", "70000"])
    assert result.exit_code == 2
