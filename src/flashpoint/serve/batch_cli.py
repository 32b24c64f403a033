"""`flashpoint batch` and `flashpoint load`: thin typed wrappers around `flashpoint.batch`.

Registered on the app at the end of `serve/cli.py`; this module does not import that one, so either
can be imported first.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from flashpoint.config import database_path
from flashpoint.errors import FlashpointError
from flashpoint.serve.options import parse_published

_err = Console(stderr=True)


def _print_error(message: str) -> None:
    _err.print(f"[red]error[/red] {escape(message)}", highlight=False, soft_wrap=True)


def batch_cli(
    paths: Annotated[
        list[str], typer.Argument(help="Files (.txt .html .jsonl .csv), directories, or - for stdin.")
    ],
    out: Annotated[str, typer.Option("--out", "-o", help="Output directory (created; a rerun resumes it).")],
    engine: Annotated[str, typer.Option("--engine", help="local (this machine's cores) or dask.")] = "local",
    workers: Annotated[
        int | None,
        typer.Option("--workers", min=1, help="Worker processes (default: one per core)."),
    ] = None,
    scheduler: Annotated[
        str | None, typer.Option("--scheduler", help="Dask scheduler address, e.g. tcp://host:8786.")
    ] = None,
    chunk_size: Annotated[
        int, typer.Option("--chunk-size", min=1, help="Articles per task and per part file.")
    ] = 64,
    published: Annotated[
        str | None, typer.Option("--published", help="Publication date YYYY-MM-DD for inputs without one.")
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress lines.")] = False,
) -> None:
    """Extract articles on all cores or a Dask cluster into Parquet partitioned by month; reruns resume."""
    from flashpoint.batch import ENGINES, BatchReport, make_engine, run_batch

    if engine not in ENGINES:
        raise typer.BadParameter("must be local or dask", param_hint="--engine")
    if scheduler and engine != "dask":
        raise typer.BadParameter("a scheduler address needs --engine dask", param_hint="--scheduler")
    if scheduler and workers:
        raise typer.BadParameter("the cluster at --scheduler has its own workers", param_hint="--workers")
    day = parse_published(published)

    def progress(report: BatchReport) -> None:
        if not quiet:
            _err.print(
                f"{report.chunks_written} chunk(s) written, {report.articles} article(s)", highlight=False
            )

    try:
        with make_engine(engine, workers=workers, scheduler=scheduler) as runner:
            report = run_batch(
                paths,
                out,
                runner,
                chunk_size=chunk_size,
                published=day,
                on_error=_print_error,
                on_chunk=progress,
            )
    except FlashpointError as error:
        _print_error(str(error))
        raise typer.Exit(1) from None
    stages = ", ".join(f"{stage} {seconds:.1f}s" for stage, seconds in report.seconds.items())
    _err.print(
        f"wrote {report.chunks_written} chunk(s), {report.chunks_skipped} already done; "
        f"{report.articles} article(s), {report.events} event(s), {report.duplicates} duplicate(s) skipped, "
        f"{len(report.errors)} error(s) in {report.wall_seconds:.1f}s ({stages})",
        highlight=False,
    )
    raise typer.Exit(1 if report.errors else 0)


def load_cli(
    out: Annotated[str, typer.Argument(help="A directory written by `flashpoint batch`.")],
    db: Annotated[
        str | None, typer.Option("--db", help="DuckDB store (default ./flashpoint.duckdb or $FLASHPOINT_DB).")
    ] = None,
    batch_size: Annotated[
        int, typer.Option("--batch-size", min=1, help="Articles stored per transaction.")
    ] = 1000,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress lines.")] = False,
) -> None:
    """Store a batch output in DuckDB; articles already stored are skipped, so it can be run again."""
    from flashpoint.batch import load_batch
    from flashpoint.batch.parts import check_output
    from flashpoint.store.duckdb_store import IngestCounts, Store

    def progress(counts: IngestCounts) -> None:
        if not quiet:
            _err.print(
                f"{counts.articles_added} article(s) stored so far, {counts.articles_skipped} skipped",
                highlight=False,
            )

    try:
        check_output(Path(out))
        with Store.open(database_path(db)) as store:
            counts = load_batch(out, store, batch_size=batch_size, on_part=progress)
    except FlashpointError as error:
        _print_error(str(error))
        raise typer.Exit(1) from None
    _err.print(
        f"stored {counts.articles_added} new article(s), skipped {counts.articles_skipped} already stored; "
        f"{counts.events} event(s)",
        highlight=False,
    )
