"""`flashpoint serve`: the web API and page over a store, on uvicorn (issue #7). Registered in cli.py."""

from __future__ import annotations

import os
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from flashpoint.config import database_path
from flashpoint.errors import FlashpointError, StoreError

_err = Console(stderr=True)

DbOpt = Annotated[
    str | None, typer.Option("--db", help="DuckDB store (default ./flashpoint.duckdb or $FLASHPOINT_DB).")
]


def serve_cli(
    db: DbOpt = None,
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.", min=1, max=65535)] = 8000,
) -> None:
    """Serve the web page and JSON API (docs at /docs) over a store; ingest needs $FLASHPOINT_TOKEN."""
    import uvicorn

    from flashpoint.serve.api.app import create_app
    from flashpoint.store.derived import has_tables
    from flashpoint.store.duckdb_store import Store

    token = os.environ.get("FLASHPOINT_TOKEN") or None
    path = database_path(db)
    if not path.exists():
        _err.print(f"[red]error[/red] {escape(str(path))}: no such store (make one with flashpoint ingest)")
        raise typer.Exit(1)
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
    with store:
        ingest = "POST /articles on" if token else "read-only; set FLASHPOINT_TOKEN for POST /articles"
        _err.print(f"serving {escape(str(path))} on http://{host}:{port}/ ({ingest}); API docs at /docs")
        uvicorn.run(create_app(store, token=token), host=host, port=port, log_level="warning")
