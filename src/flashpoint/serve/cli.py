"""The `flashpoint` command: thin typed wrappers around the pipeline and the store.

Results go to stdout (JSON Lines by default), progress and errors to stderr, one line per bad input:
`path[:line]: reason`. Exit codes: 0 every input read, 1 some inputs failed (the rest were
processed), 2 usage error.
"""

from __future__ import annotations

import json
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import ExitStack
from datetime import date
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TextIO

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from flashpoint import __version__
from flashpoint.config import database_path
from flashpoint.errors import FlashpointError, InputError
from flashpoint.records import Article, ArticleResult
from flashpoint.serve.options import parse_published

if TYPE_CHECKING:
    from flashpoint.store.duckdb_store import Summary

app = typer.Typer(
    name="flashpoint",
    no_args_is_help=True,
    add_completion=False,
    help="Read conflict news and turn it into sourced events, actors and relations (flashpoint/1).",
)
_err = Console(stderr=True)

PathsArg = Annotated[
    list[str], typer.Argument(help="Files (.txt .html .jsonl .csv), directories, or - for stdin.")
]
PublishedOpt = Annotated[
    str | None, typer.Option("--published", help="Publication date YYYY-MM-DD for inputs without one.")
]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")]
DbOpt = Annotated[
    str | None, typer.Option("--db", help="DuckDB store (default ./flashpoint.duckdb or $FLASHPOINT_DB).")
]


def _print_error(message: str) -> None:
    """One `error path: reason` line on stderr; the message is escaped, since paths and SQL hold brackets."""
    _err.print(f"[red]error[/red] {escape(message)}", highlight=False, soft_wrap=True)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"flashpoint {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """Flashpoint: structured, sourced events from conflict news."""


ErrorsOpt = Annotated[
    str | None,
    typer.Option("--errors", help="Also write each failed input's `where: reason` line to this file."),
]
#: Articles stored per transaction by `ingest`; the store is opened for each batch and closed after it.
INGEST_BATCH = 32


class _Run:
    """Reads inputs, reports bad ones on stderr (and the errors file), and remembers whether any failed."""

    def __init__(self, *, quiet: bool, errors: TextIO | None = None) -> None:
        self.quiet = quiet
        self.failed = 0
        self.errors = errors

    def articles(self, paths: Sequence[str], published: date | None) -> Iterator[Article]:
        from flashpoint.ingest.readers import read_articles

        for item in read_articles(paths, published=published):
            if isinstance(item, InputError):
                self.fail(item)
            else:
                yield item

    def fail(self, error: FlashpointError) -> None:
        self.failed += 1
        _print_error(str(error))
        if self.errors is not None:
            self.errors.write(f"{error}\n")
            self.errors.flush()

    def progress(self) -> Progress:
        return Progress(
            TextColumn("[progress.description]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=_err,
            disable=self.quiet or not _err.is_terminal,
            transient=True,
        )


def _results(run: _Run, articles: list[Article], progress: Progress) -> Iterator[ArticleResult]:
    """Each article's result, in order; one whose extraction fails is reported and the rest go on."""
    from flashpoint.nlp.pipeline import shared_nlp
    from flashpoint.pipeline import load_knowledge, read_doc

    if not articles:
        return  # nothing to read: do not spend seconds loading the model
    task = progress.add_task("reading", total=len(articles))
    nlp = shared_nlp()
    knowledge = load_knowledge()
    for doc, article in nlp.pipe(((a.text, a) for a in articles), as_tuples=True, batch_size=16):
        progress.advance(task)
        try:
            result = read_doc(doc, article, knowledge)
        except Exception as error:  # the CLI edge: one article's failure must not cost the others
            where = article.origin or article.id
            run.fail(FlashpointError(where, f"extraction failed ({type(error).__name__}: {error})"))
            continue
        yield result


def _open_errors(path: str | None, stack: ExitStack) -> TextIO | None:
    """The errors file, truncated, or None; a file that cannot be written is a usage error."""
    if path is None:
        return None
    try:
        return stack.enter_context(open(path, "w", encoding="utf-8"))
    except OSError as error:
        raise typer.BadParameter(
            f"{path}: cannot write ({(error.strerror or str(error)).lower()})", param_hint="--errors"
        ) from None


def _open_output(path: str, stack: ExitStack) -> TextIO:
    if path == "-":
        return sys.stdout
    try:
        return stack.enter_context(open(path, "w", encoding="utf-8"))
    except OSError as error:
        _print_error(f"{path}: cannot write ({(error.strerror or str(error)).lower()})")
        raise typer.Exit(1) from None


@app.command("extract")
def extract_cli(
    paths: PathsArg,
    output: Annotated[str, typer.Option("--output", "-o", help="JSON Lines out (- for stdout).")] = "-",
    published: PublishedOpt = None,
    quiet: QuietOpt = False,
    errors: ErrorsOpt = None,
) -> None:
    """Read articles and write one flashpoint/1 object per article as JSON Lines."""
    with ExitStack() as stack:
        run = _Run(quiet=quiet, errors=_open_errors(errors, stack))
        _extract(run, paths, output, parse_published(published), stack)
    raise typer.Exit(1 if run.failed else 0)


def _extract(run: _Run, paths: Sequence[str], output: str, published: date | None, stack: ExitStack) -> None:
    articles = list(run.articles(paths, published))
    with run.progress() as progress:
        out = _open_output(output, stack)
        for result in _results(run, articles, progress):
            out.write(json.dumps(result.to_json(), ensure_ascii=False) + "\n")


@app.command("ingest")
def ingest_cli(
    paths: PathsArg,
    db: DbOpt = None,
    published: PublishedOpt = None,
    quiet: QuietOpt = False,
    errors: ErrorsOpt = None,
) -> None:
    """Read articles (files or http(s) URLs) and store what they say in DuckDB; stored ones are skipped."""
    with ExitStack() as stack:
        run = _Run(quiet=quiet, errors=_open_errors(errors, stack))
        urls = [path for path in paths if path.startswith(("http://", "https://"))]  # fetched by feeds_cli
        files = [p for p in paths if p not in urls]
        counts = _ingest(run, files, database_path(db), parse_published(published))
        if urls and counts is not None:
            counts = ingest_urls(urls, database_path(db), parse_published(published), run.fail, counts)
        if counts is not None:
            _err.print(
                f"stored {counts[0]} new article(s), skipped {counts[1]} already stored; {counts[2]} event(s)"
            )
    raise typer.Exit(1 if run.failed else 0)


def _ingest(run: _Run, paths: Sequence[str], db: Path, published: date | None) -> tuple[int, int, int] | None:
    """Store the new articles of `paths` in batches; None if the store could not be opened at all.

    The store is opened to find which articles are new and again for each batch it writes, never
    held while articles are parsed: DuckDB lets one process open a file for writing and no other
    process read it meanwhile, so this keeps the store readable (`query`, the API) during a long
    ingest. Each batch is one transaction, so a killed ingest loses at most the batch in flight, and
    a rerun stores exactly what is missing.
    """
    from flashpoint.store.duckdb_store import Store

    articles = list(run.articles(paths, published))
    try:
        with Store.open(db) as store:
            fresh = [a for a in articles if not store.has_article(a.content_hash)]
    except FlashpointError as error:
        run.fail(error)
        return None
    added, skipped, events = 0, len(articles) - len(fresh), 0
    with run.progress() as progress:
        batch: list[ArticleResult] = []
        results = _results(run, fresh, progress)
        while True:
            result = next(results, None)
            if result is not None:
                batch.append(result)
            if batch and (result is None or len(batch) >= INGEST_BATCH):
                try:
                    counts = _store_batch(run, db, batch)
                except FlashpointError as error:  # the store could not be opened again: stop here
                    run.fail(error)
                    break
                added, skipped, events = added + counts[0], skipped + counts[1], events + counts[2]
                batch = []
            if result is None:
                break
    return added, skipped, events


def _store_batch(run: _Run, db: Path, batch: list[ArticleResult]) -> tuple[int, int, int]:
    """Store a batch in one transaction; if that fails, each article alone, naming those that fail."""
    from flashpoint.store.duckdb_store import IngestCounts, Store

    with Store.open(db) as store:
        try:
            counts = [store.add_results(batch)]
        except FlashpointError:
            counts = []
            for result in batch:
                try:
                    counts.append(store.add_results([result]))
                except FlashpointError as error:
                    where = result.article.origin or result.article.id
                    run.fail(FlashpointError(where, f"not stored ({error.reason})"))
    totals: list[IngestCounts] = counts
    return (
        sum(c.articles_added for c in totals),
        sum(c.articles_skipped for c in totals),
        sum(c.events for c in totals),
    )


@app.command("query")
def query_cli(
    sql: Annotated[str, typer.Argument(help="One read-only SQL statement.")],
    db: DbOpt = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, csv or json.")] = "table",
) -> None:
    """Run read-only SQL on the store (tables: articles, actors, mentions, events, relations)."""
    from flashpoint.store.duckdb_store import Store

    if fmt not in {"table", "csv", "json"}:
        raise typer.BadParameter("must be table, csv or json", param_hint="--format")
    try:
        with Store.open(database_path(db), read_only=True) as store:
            columns, rows = store.query(sql)
    except FlashpointError as error:
        _print_error(str(error))
        raise typer.Exit(1) from None
    if fmt == "json":
        for row in rows:
            typer.echo(json.dumps(dict(zip(columns, row, strict=True)), default=str, ensure_ascii=False))
    elif fmt == "csv":
        import csv

        writer = csv.writer(sys.stdout)
        writer.writerow(columns)
        writer.writerows(rows)
    else:
        table = Table(*(escape(c) for c in columns))
        for row in rows:
            table.add_row(*("" if v is None else escape(str(v)) for v in row))
        Console().print(table)


@app.command("export")
def export_cli(
    fmt: Annotated[str, typer.Option("--format", "-f", help="jsonl, csv, parquet or acled.")] = "jsonl",
    output: Annotated[
        str, typer.Option("--output", "-o", help="Output file (- for stdout; not for parquet).")
    ] = "-",
    db: DbOpt = None,
) -> None:
    """Write the stored events, one flat row per event."""
    from flashpoint.store.duckdb_store import Store

    if fmt not in {"jsonl", "csv", "parquet", "acled"}:
        raise typer.BadParameter("must be jsonl, csv, parquet or acled", param_hint="--format")
    try:
        if fmt == "acled":  # one row per happening, in ACLED's columns (serve/analysis_cli.py)
            rows = export_acled(output, db)
        else:
            with Store.open(database_path(db), read_only=True) as store:
                rows = store.export_events(fmt, output)
    except FlashpointError as error:
        _print_error(str(error))
        raise typer.Exit(1) from None
    _err.print(f"wrote {rows} event(s)")


@app.command("demo")
def demo_cli(
    db: Annotated[
        str | None, typer.Option("--db", help="Store to create (default: a fresh temporary file).")
    ] = None,
    quiet: QuietOpt = False,
) -> None:
    """Ingest the built-in sample corpus into a fresh store and summarise what it says."""
    from flashpoint.store.duckdb_store import Store

    sample = resources.files("flashpoint") / "data" / "sample" / "articles.jsonl"
    with tempfile.TemporaryDirectory() as scratch, resources.as_file(sample) as sample_path:
        path = Path(db) if db else Path(scratch) / "demo.duckdb"
        if path.exists():
            _print_error(f"{path}: already exists; the demo writes a fresh store")
            raise typer.Exit(1)
        run = _Run(quiet=quiet)
        counts = _ingest(run, [str(sample_path)], path, None)
        if counts is None:
            raise typer.Exit(1)
        with Store.open(path, read_only=True) as store:
            _print_summary(store.summary(top=10), counts)
    raise typer.Exit(1 if run.failed else 0)


def _print_summary(summary: Summary, counts: tuple[int, int, int]) -> None:
    out = Console(width=max(Console().width, 120))
    out.print(f"[bold]Flashpoint demo[/bold]: {counts[0]} sample articles read, {counts[2]} events stored\n")
    by_type = Table("type", "status", "events", title="Events by type and status")
    for type_, status, n in summary.by_type_status:
        by_type.add_row(type_, status, str(n))
    out.print(by_type)
    actors = Table("actor", "name", "events", title="Most active actors")
    for actor_id, name, n in summary.top_actors:
        actors.add_row(escape(actor_id), escape(name), str(n))
    out.print(actors)
    threats = Table(title="Open threats and plans")
    for column, width in (("type", 9), ("status", 12), ("source", 22), ("target", 22), ("date", 10)):
        threats.add_column(column, no_wrap=True, min_width=min(width, 12), max_width=width)
    threats.add_column("evidence", no_wrap=True, overflow="ellipsis", max_width=44)
    for threat in summary.open_threats:
        # Names and evidence are article text, not rich markup: "[sic]" must show and "[/b]" must not crash.
        threats.add_row(
            threat.type,
            threat.status,
            escape(threat.source_name or ""),
            escape(threat.target_name or ""),
            str(threat.date_start or ""),
            escape(threat.evidence_text.replace("\n", " ")),
        )
    out.print(threats)


from flashpoint.serve.feeds_cli import feeds_app, follow_cli, ingest_urls  # noqa: E402  (issue #10)

app.add_typer(feeds_app)
app.command("follow")(follow_cli)


from flashpoint.serve.batch_cli import batch_cli, load_cli  # noqa: E402  (registered after the app exists)

app.command("batch")(batch_cli)
app.command("load")(load_cli)

from flashpoint.serve.analysis_cli import (  # noqa: E402  (issue #6)
    export_acled,
    network_cli,
    timeline_cli,
    watch_cli,
)

app.command("timeline")(timeline_cli)
app.command("network")(network_cli)
app.command("watch")(watch_cli)

from flashpoint.serve.actors_cli import actors_app  # noqa: E402  (issue #5)

app.add_typer(actors_app)

from flashpoint.serve.serve_cli import serve_cli  # noqa: E402  (issue #7)

app.command("serve")(serve_cli)
