"""`flashpoint serve`: the web API and page over a store, on uvicorn (issue #7). Registered in cli.py."""

from __future__ import annotations

import os
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from flashpoint.config import database_path
from flashpoint.errors import FlashpointError, StoreError
from flashpoint.serve.api.cache import DEFAULT_ENTRIES

_err = Console(stderr=True)

DbOpt = Annotated[
    str | None, typer.Option("--db", help="DuckDB store (default ./flashpoint.duckdb or $FLASHPOINT_DB).")
]


def serve_cli(
    db: DbOpt = None,
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.", min=1, max=65535)] = 8000,
    workers: Annotated[
        int,
        typer.Option(
            "--workers",
            min=1,
            max=64,
            help="Server processes, each reading the store read-only; more than 1 needs ingest off.",
        ),
    ] = 1,
    cache: Annotated[
        int,
        typer.Option(
            "--cache", min=0, help="GET answers each process keeps until the store changes; 0: none."
        ),
    ] = DEFAULT_ENTRIES,
) -> None:
    """Serve the web page and JSON API (docs at /docs) over a store; ingest needs $FLASHPOINT_TOKEN."""
    import uvicorn

    from flashpoint.serve.api.app import CACHE_ENV, DB_ENV, create_app
    from flashpoint.store.derived import has_tables
    from flashpoint.store.duckdb_store import Store

    token = os.environ.get("FLASHPOINT_TOKEN") or None
    path = database_path(db)
    if not path.exists():
        _err.print(f"[red]error[/red] {escape(str(path))}: no such store (make one with flashpoint ingest)")
        raise typer.Exit(1)
    if workers > 1 and token:
        # Each process would hold its own writer and its own cache, which the others' writes would
        # leave stale; DuckDB allows one writing process anyway.
        _err.print("[red]error[/red] --workers above 1 serves read-only: unset FLASHPOINT_TOKEN")
        raise typer.Exit(2)
    try:
        # Writable only when ingest is enabled: a read-only server leaves the file free for other readers.
        store = Store.open(path, read_only=token is None)
        if not has_tables(store.connection):
            store.close()
            raise StoreError(
                store.where,
                "store predates event clusters; open it once for writing (flashpoint ingest) to add them",
            )
    except FlashpointError as error:
        _err.print(f"[red]error[/red] {escape(str(error))}", highlight=False, soft_wrap=True)
        raise typer.Exit(1) from None
    ingest = "POST /articles on" if token else "read-only; set FLASHPOINT_TOKEN for POST /articles"
    processes = f"{workers} processes" if workers > 1 else "1 process"
    where = f"http://{host}:{port}/ ({ingest}; {processes})"
    if workers > 1:
        # uvicorn starts the workers, each calling the factory, which opens the store read-only.
        store.close()
        os.environ[DB_ENV] = str(path.resolve())
        os.environ[CACHE_ENV] = str(cache)
        _err.print(f"serving {escape(str(path))} on {where}; API docs at /docs")
        uvicorn.run(
            "flashpoint.serve.api.app:from_environment",
            factory=True,
            workers=workers,
            http="flashpoint.serve.api.protocol:NoDelayHTTPProtocol",
            host=host,
            port=port,
            log_level="warning",
        )
        return
    with store:
        _err.print(f"serving {escape(str(path))} on {where}; API docs at /docs")
        app = create_app(store, token=token, cache_entries=cache)
        uvicorn.run(app, host=host, port=port, log_level="warning")
