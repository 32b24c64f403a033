"""Option values shared by the CLI's commands, parsed in one place."""

from __future__ import annotations

from datetime import date

import typer


def parse_published(value: str | None) -> date | None:
    """`--published YYYY-MM-DD` as a date; a usage error (exit 2) for anything else."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(
            f"{value!r} is not a date (expected YYYY-MM-DD)", param_hint="--published"
        ) from None
