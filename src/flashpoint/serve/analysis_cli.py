"""The commands that read across articles: `timeline`, `network`, `watch`, and `export --format acled`.

Thin wrappers: each opens the store read-only, calls one function of `flashpoint.store.timeline`,
`network`, `watch` or `acled`, and prints. Registered in `serve/cli.py`.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Sequence
from datetime import date
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from flashpoint.config import database_path
from flashpoint.errors import FlashpointError, StoreError
from flashpoint.store.duckdb_store import Store

_err = Console(stderr=True)

DbOpt = Annotated[
    str | None, typer.Option("--db", help="DuckDB store (default ./flashpoint.duckdb or $FLASHPOINT_DB).")
]
SinceOpt = Annotated[str | None, typer.Option("--since", help="Only from this date on (YYYY-MM-DD).")]


def _fail(message: str) -> typer.Exit:
    _err.print(f"[red]error[/red] {escape(message)}", highlight=False, soft_wrap=True)
    return typer.Exit(1)


def _day(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(
            f"{value!r} is not a date (expected YYYY-MM-DD)", param_hint=option
        ) from None


def _open(db: str | None) -> Store:
    """The store, read-only, with the tables derived across articles."""
    from flashpoint.store.derived import has_tables

    store = Store.open(database_path(db), read_only=True)
    if not has_tables(store.connection):
        store.close()
        raise StoreError(
            store.where,
            "store predates event clusters; open it once for writing (flashpoint ingest) to add them",
        )
    return store


def _emit(fmt: str, columns: Sequence[str], rows: Sequence[Sequence[object]], title: str) -> None:
    if fmt == "csv":
        writer = csv.writer(sys.stdout)
        writer.writerow(columns)
        writer.writerows(["" if v is None else v for v in row] for row in rows)
        return
    table = Table(*columns, title=title)
    for row in rows:
        table.add_row(*("" if v is None else escape(str(v)) for v in row))
    Console(width=max(Console().width, 140)).print(table)


def timeline_cli(
    actor: Annotated[
        str | None, typer.Option("--actor", help="Actor id, name or alias (USA finds USA-military).")
    ] = None,
    country: Annotated[str | None, typer.Option("--country", help="ISO 3166-1 alpha-3 of the place.")] = None,
    since: SinceOpt = None,
    until: Annotated[str | None, typer.Option("--until", help="Only up to this date (YYYY-MM-DD).")] = None,
    type_: Annotated[str | None, typer.Option("--type", help="PLOVER type, e.g. ASSAULT.")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, csv or json.")] = "table",
    limit: Annotated[int | None, typer.Option("--limit", help="At most this many rows.")] = None,
    db: DbOpt = None,
) -> None:
    """One row per happening, in date order, each date to the precision the text gave it."""
    from flashpoint.store.timeline import timeline

    if fmt not in {"table", "csv", "json"}:
        raise typer.BadParameter("must be table, csv or json", param_hint="--format")
    first, last = _day(since, "--since"), _day(until, "--until")
    try:
        with _open(db) as store:
            rows = timeline(
                store.connection,
                actor=actor,
                country=country,
                since=first,
                until=last,
                type_=type_,
                limit=limit,
            )
    except FlashpointError as error:
        raise _fail(str(error)) from None
    if fmt == "json":
        for row in rows:
            typer.echo(json.dumps(row.to_json(), ensure_ascii=False))
        return
    columns = (
        "date",
        "precision",
        "type",
        "status",
        "source",
        "target",
        "place",
        "country",
        "dead",
        "reports",
    )
    _emit(
        fmt,
        columns,
        [
            (
                r.when,
                r.date_precision,
                r.type,
                r.status,
                r.source_name or r.source_id,
                r.target_name or r.target_id,
                r.location_name,
                r.country,
                r.fatalities,
                r.n_reports,
            )
            for r in rows
        ],
        "Timeline",
    )


def network_cli(
    since: SinceOpt = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="graphml, gexf or json.")] = "graphml",
    output: Annotated[str, typer.Option("--output", "-o", help="Output file (- for stdout).")] = "-",
    db: DbOpt = None,
) -> None:
    """Write the actor network (event dyads and relations as weighted, dated edges) for Gephi."""
    from flashpoint.store.network import NETWORK_FORMATS, build_network, write_network

    if fmt not in NETWORK_FORMATS:
        raise typer.BadParameter("must be graphml, gexf or json", param_hint="--format")
    first = _day(since, "--since")
    try:
        with _open(db) as store:
            graph = build_network(store.connection, since=first)
        write_network(graph, fmt, sys.stdout if output == "-" else output)
    except FlashpointError as error:
        raise _fail(str(error)) from None
    except OSError as error:
        raise _fail(f"{output}: cannot write ({(error.strerror or str(error)).lower()})") from None
    _err.print(f"wrote {graph.number_of_nodes()} actor(s), {graph.number_of_edges()} edge(s)")


def watch_cli(
    fulfilled: Annotated[
        bool, typer.Option("--fulfilled", help="List the threats carried out instead.")
    ] = False,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="Count ages up to this date (default today).")
    ] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, csv or json.")] = "table",
    db: DbOpt = None,
) -> None:
    """Threats, vows, plans and predictions that no later stored event has fulfilled, with their age."""
    from flashpoint.store.watch import fulfilled as fulfilled_links
    from flashpoint.store.watch import watch_list

    if fmt not in {"table", "csv", "json"}:
        raise typer.BadParameter("must be table, csv or json", param_hint="--format")
    day = _day(as_of, "--as-of")
    try:
        with _open(db) as store:
            if fulfilled:
                links = fulfilled_links(store.connection)
                columns: tuple[str, ...] = (
                    "threat",
                    "threat_type",
                    "threat_evidence",
                    "event",
                    "event_type",
                    "event_evidence",
                    "days_after",
                )
                rows: list[tuple[object, ...]] = [tuple(link) for link in links]
            else:
                open_ = watch_list(store.connection, as_of=day)
                columns = ("said_on", "age_days", "type", "status", "source", "target", "reports", "evidence")
                rows = [
                    (
                        w.said_on,
                        w.age_days,
                        w.type,
                        w.status,
                        w.source_name or w.source_id,
                        w.target_name or w.target_id,
                        w.n_reports,
                        w.evidence_text.replace("\n", " "),
                    )
                    for w in open_
                ]
    except FlashpointError as error:
        raise _fail(str(error)) from None
    if fmt == "json":
        for row in rows:
            typer.echo(json.dumps(dict(zip(columns, row, strict=True)), default=str, ensure_ascii=False))
        return
    _emit(fmt, columns, rows, "Fulfilled threats" if fulfilled else "Open threats and plans")


def export_acled(output: str, db: str | None) -> int:
    """Write the ACLED-layout CSV of the store at `db` to `output` (- for stdout); the rows written."""
    from flashpoint.store.acled import write_acled

    with _open(db) as store:
        try:
            return write_acled(store.connection, sys.stdout if output == "-" else output)
        except OSError as error:
            raise StoreError(output, (error.strerror or str(error)).lower()) from error
