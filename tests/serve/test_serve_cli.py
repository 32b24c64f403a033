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


def test_serve_cli_workers_serve_read_only_through_the_factory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from flashpoint.serve.api.app import CACHE_ENV, DB_ENV, from_environment

    calls: dict[str, Any] = {}
    monkeypatch.setattr(uvicorn, "run", lambda target, **options: calls.update(target=target, **options))
    monkeypatch.delenv("FLASHPOINT_TOKEN", raising=False)
    # Set here so that monkeypatch restores them once the command has set them for its workers.
    monkeypatch.setenv(DB_ENV, "unset")
    monkeypatch.setenv(CACHE_ENV, "unset")
    db = make_store(tmp_path / "s.duckdb")
    result = CliRunner().invoke(app, ["serve", "--db", str(db), "--workers", "3", "--cache", "7"])
    assert result.exit_code == 0, result.output
    assert calls["target"] == "flashpoint.serve.api.app:from_environment"
    assert (calls["factory"], calls["workers"]) == (True, 3)
    assert calls["http"] == "flashpoint.serve.api.protocol:NoDelayHTTPProtocol"
    assert "3 processes" in " ".join(result.stderr.split())
    # What each worker does: open the store read-only, with the cache size it was given.
    worker = from_environment()
    store = worker.state.store
    try:
        assert store._read_only and worker.state.token is None
        assert worker.state.answers.entries == 7
        Store.open(db, read_only=True).close()  # other readers are not locked out
    finally:
        store.close()


def test_serve_cli_workers_refuse_a_token(
    tmp_path: Path, served: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FLASHPOINT_TOKEN", "t0ken")
    db = make_store(tmp_path / "s.duckdb")
    result = CliRunner().invoke(app, ["serve", "--db", str(db), "--workers", "2"])
    assert result.exit_code == 2
    assert "--workers above 1 serves read-only: unset FLASHPOINT_TOKEN" in " ".join(result.stderr.split())
    assert not served


def test_serve_cli_passes_the_cache_size(
    tmp_path: Path, served: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("FLASHPOINT_TOKEN", raising=False)
    db = make_store(tmp_path / "s.duckdb")
    result = CliRunner().invoke(app, ["serve", "--db", str(db), "--cache", "0"])
    assert result.exit_code == 0, result.output
    assert served["app"].state.answers.entries == 0


def test_serve_cli_workers_protocol_sends_without_delay(monkeypatch: pytest.MonkeyPatch) -> None:
    """uvicorn binds a worker's socket with protocol number 0, so asyncio leaves Nagle's algorithm on;
    the protocol turns it off on each connection (a cached read took 45 ms instead of 0.6 without)."""
    import socket

    from flashpoint.serve.api.protocol import NoDelayHTTPProtocol

    class Transport:
        def __init__(self, sock: socket.socket) -> None:
            self.sock = sock

        def get_extra_info(self, name: str) -> Any:
            return self.sock if name == "socket" else None

    made: list[Any] = []
    uvicorn_protocol = NoDelayHTTPProtocol.__mro__[1]  # uvicorn's own, whose setup needs a server
    monkeypatch.setattr(uvicorn_protocol, "connection_made", lambda self, transport: made.append(transport))
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        assert sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) == 0
        protocol = NoDelayHTTPProtocol.__new__(NoDelayHTTPProtocol)
        protocol.connection_made(Transport(sock))
        assert sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) != 0
    assert len(made) == 1
