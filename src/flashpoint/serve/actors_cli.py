"""`flashpoint actors list|merge|export-kb|import-kb|kb-files`: thin wrappers around
`flashpoint.store.actors` and `flashpoint.knowledge.user_kb` (issue #5).

The listing is a subcommand (`flashpoint actors list [QUERY]`), not the group itself: click lets a
group's optional argument swallow the subcommand's name, so `flashpoint actors merge A B` would be
read as a search for "merge". Registered in `serve/cli.py`.
"""

from __future__ import annotations

import csv
import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from flashpoint.config import database_path
from flashpoint.errors import FlashpointError
from flashpoint.store.actors import StoredActor, export_kb, list_actors, merge_actors
from flashpoint.store.duckdb_store import Store

_err = Console(stderr=True)

DbOpt = Annotated[
    str | None, typer.Option("--db", help="DuckDB store (default ./flashpoint.duckdb or $FLASHPOINT_DB).")
]

actors_app = typer.Typer(
    name="actors",
    no_args_is_help=True,
    help=(
        "The actors in the store: list and search them, merge duplicates, export new ones for the KB "
        "and import reviewed KB files."
    ),
)

_COLUMNS = (
    "actor_id",
    "name",
    "kind",
    "country",
    "in_kb",
    "events",
    "first_seen",
    "last_seen",
    "acled_name",
    "aliases",
)


class ListFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


def _fail(message: str) -> typer.Exit:
    _err.print(f"[red]error[/red] {escape(message)}", highlight=False, soft_wrap=True)
    return typer.Exit(1)


def _open(db: str | None, *, read_only: bool) -> Store:
    try:
        return Store.open(database_path(db), read_only=read_only)
    except FlashpointError as error:
        raise _fail(str(error)) from None


def _record(actor: StoredActor) -> dict[str, object]:
    row = actor._asdict()
    return {column: row[column] for column in _COLUMNS}


@actors_app.command("list")
def actors_list_cli(
    query: Annotated[
        str | None, typer.Argument(help="Search id, name and aliases (case-insensitive substring).")
    ] = None,
    db: DbOpt = None,
    kind: Annotated[
        str | None, typer.Option("--kind", help="Only this kind (state, armed_group, ...).")
    ] = None,
    country: Annotated[str | None, typer.Option("--country", help="Only this country (ISO alpha-3).")] = None,
    fmt: Annotated[ListFormat, typer.Option("--format", help="Output format.")] = ListFormat.table,
    limit: Annotated[int | None, typer.Option("--limit", min=1, help="At most this many actors.")] = None,
) -> None:
    """List stored actors, most active first (events they are the source or target of)."""
    with _open(db, read_only=True) as store:
        try:
            actors = list_actors(store, query, kind=kind, country=country, limit=limit)
        except FlashpointError as error:
            raise _fail(str(error)) from None
    if fmt is ListFormat.json:
        for actor in actors:
            sys.stdout.write(json.dumps(_record(actor), default=str, ensure_ascii=False) + "\n")
    elif fmt is ListFormat.csv:
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(_COLUMNS)
        for actor in actors:
            row = _record(actor)
            row["aliases"] = "; ".join(actor.aliases)
            writer.writerow(["" if row[c] is None else row[c] for c in _COLUMNS])
    else:
        table = Table("id", "name", "kind", "country", "kb", "events", "first seen", "last seen", "aliases")
        for actor in actors:
            table.add_row(
                escape(actor.actor_id),
                escape(actor.name),
                actor.kind,
                actor.country or "",
                "yes" if actor.in_kb else "no",
                str(actor.events),
                str(actor.first_seen or ""),
                str(actor.last_seen or ""),
                escape(", ".join(actor.aliases)),
            )
        Console(width=200).print(table)


@actors_app.command("merge")
def actors_merge_cli(
    into_id: Annotated[str, typer.Argument(metavar="A", help="The actor id that stays.")],
    merged_id: Annotated[str, typer.Argument(metavar="B", help="The actor id merged into A and removed.")],
    db: DbOpt = None,
) -> None:
    """Merge actor B into actor A: every event, mention and relation of B becomes A's, B's names become
    A's aliases, and articles read later that name B are stored under A."""
    if into_id == merged_id:
        raise typer.BadParameter("A and B are the same actor", param_hint="B")
    with _open(db, read_only=False) as store:
        try:
            report = merge_actors(store, into_id, merged_id)
        except FlashpointError as error:
            raise _fail(str(error)) from None
    counts = ", ".join(f"{n} {table}" for table, n in report.rewritten.items() if n) or "no rows"
    _err.print(
        escape(
            f"merged {merged_id} into {into_id}: rewrote {counts}; new aliases: {len(report.aliases_added)}"
        ),
        highlight=False,
        soft_wrap=True,
    )


@actors_app.command("export-kb")
def actors_export_kb_cli(
    out: Annotated[str, typer.Option("--output", "-o", help="YAML file to write, or - for stdout.")] = "-",
    db: DbOpt = None,
) -> None:
    """Write the actors learned from articles that the knowledge base lacks, as YAML for review."""
    from flashpoint.knowledge.actors import load_knowledge_base

    try:
        kb = load_knowledge_base()
    except FlashpointError as error:
        raise _fail(str(error)) from None
    known = kb.actors.keys()

    def known_name(alias: str) -> bool:
        return kb.lookup(alias) is not None

    with _open(db, read_only=True) as store:
        try:
            if out == "-":
                written = export_kb(store, sys.stdout, known_ids=known, known_name=known_name)
            else:
                with Path(out).open("w", encoding="utf-8") as stream:
                    written = export_kb(store, stream, known_ids=known, known_name=known_name)
        except FlashpointError as error:
            raise _fail(str(error)) from None
        except OSError as error:
            raise _fail(f"{out}: {error.strerror or error}") from None
    _err.print(escape(f"{written} actors not in the knowledge base"), highlight=False, soft_wrap=True)


@actors_app.command("import-kb")
def actors_import_kb_cli(
    file: Annotated[Path, typer.Argument(help="A reviewed YAML file shaped like data/actors/nonstate.yaml.")],
    db: Annotated[
        str | None,
        typer.Option("--db", help="Also mark the store's actors the file now covers as KB actors."),
    ] = None,
) -> None:
    """Check a reviewed KB file against the knowledge base and install it in the user KB directory
    ($FLASHPOINT_KB_DIR), so every later extraction knows its actors. A file of the same name is
    replaced. With --db, stored actors with an entry's id are marked in the KB, and learned actors
    whose name is one of an entry's aliases are merged into it, in one transaction."""
    from flashpoint.knowledge.user_kb import installing, stage_kb_file
    from flashpoint.store.actors import adopt_kb_actors

    if db is not None and not database_path(db).exists():
        raise _fail(f"{db}: no such store")
    try:
        staged = stage_kb_file(file)
    except FlashpointError as error:
        raise _fail(str(error)) from None
    note = ""
    try:
        with installing(staged):
            if db is not None:
                with _open(db, read_only=False) as store:
                    report = adopt_kb_actors(store, staged.kb, staged.ids)
                note = f"; {db}: {len(report.marked)} actors marked in the KB, {len(report.merged)} merged"
    except FlashpointError as error:
        raise _fail(str(error)) from None
    except OSError as error:
        raise _fail(f"{staged.target}: {error.strerror or error}") from None
    verb = "replaced" if staged.replaces else "installed"
    _err.print(
        escape(f"{verb} {staged.target} ({len(staged.ids)} actors, {staged.relations} relations){note}"),
        highlight=False,
        soft_wrap=True,
    )


@actors_app.command("kb-files")
def actors_kb_files_cli(
    remove: Annotated[
        str | None, typer.Option("--remove", metavar="NAME", help="Uninstall this user KB file.")
    ] = None,
    fmt: Annotated[ListFormat, typer.Option("--format", help="Output format.")] = ListFormat.table,
) -> None:
    """List the KB files installed with import-kb (in $FLASHPOINT_KB_DIR), or remove one."""
    from flashpoint.config import user_kb_dir
    from flashpoint.knowledge.user_kb import list_kb_files, remove_kb_file

    if remove is not None:
        try:
            removed = remove_kb_file(remove)
        except FlashpointError as error:
            raise _fail(str(error)) from None
        except OSError as error:
            raise _fail(f"{remove}: {error.strerror or error}") from None
        _err.print(escape(f"removed {removed}"), highlight=False, soft_wrap=True)
        return
    files = list_kb_files()
    columns = ("name", "actors", "relations", "editor", "date", "path")
    rows = [(f.name, f.actors, f.relations, f.editor, f.date, str(f.path)) for f in files]
    if fmt is ListFormat.json:
        for row in rows:
            sys.stdout.write(json.dumps(dict(zip(columns, row, strict=True)), ensure_ascii=False) + "\n")
    elif fmt is ListFormat.csv:
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows(rows)
    else:
        table = Table(*columns[:-1])
        for row in rows:
            table.add_row(*(escape(str(v)) for v in row[:-1]))
        Console(width=200).print(table)
        _err.print(escape(f"{len(files)} user KB files in {user_kb_dir()}"), highlight=False, soft_wrap=True)
