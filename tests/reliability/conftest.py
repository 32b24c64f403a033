"""Fixtures for the API's reliability tests: a small store, the app over it, and a real server."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from flashpoint.serve.ready import wait_until_serving
from flashpoint.store.duckdb_store import Store
from tests.reliability.helpers import ROOT
from tests.serve.api_store import results

TOKEN = "reliability-token"
#: The installed `flashpoint` command of this interpreter's environment.
FLASHPOINT = str(Path(sys.executable).parent / "flashpoint")


@pytest.fixture(scope="session")
def api_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store holding the three articles of tests/serve/api_store.py."""
    path = tmp_path_factory.mktemp("api-store") / "api.duckdb"
    with Store.open(path) as store:
        store.add_results(results())
    return path


def free_port() -> int:
    """A port on the loopback interface that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="session")
def server(api_store: Path) -> Iterator[str]:
    """`flashpoint serve` on uvicorn, on a free loopback port, over a read-only store; its base URL."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "FLASHPOINT_TOKEN"}
    process = subprocess.Popen(
        [FLASHPOINT, "serve", "--db", str(api_store), "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        if not wait_until_serving(base, process):
            raise RuntimeError(f"flashpoint serve did not start: {process.stderr and process.stderr.read()}")
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)
