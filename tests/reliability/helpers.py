"""What the reliability tests share: the light CLI in a subprocess, a corpus, and a store's contents."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import duckdb

ROOT = Path(__file__).resolve().parents[2]
PLACES = ("Lakeside", "Hillport", "Dunmore", "Eastgate", "Redwater")


def light_command(*args: str) -> list[str]:
    """The argv that runs `flashpoint ARGS...` with the light extraction (tests/reliability/light_cli.py)."""
    return [sys.executable, "-m", "tests.reliability.light_cli", *args]


def light_env(delay: float = 0.0) -> dict[str, str]:
    """The environment for a light run: `delay` seconds per article, no colour on stderr."""
    return {**os.environ, "FLASHPOINT_LIGHT_DELAY": str(delay), "NO_COLOR": "1", "TERM": "dumb"}


def run_light(*args: str, delay: float = 0.0, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run the light `flashpoint` to completion from the repository root."""
    return subprocess.run(
        light_command(*args),
        cwd=ROOT,
        env=light_env(delay),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def story(i: int) -> dict[str, Any]:
    """The i-th generated article: two attacks (one with a death toll), three actors, an alliance."""
    place = PLACES[i % len(PLACES)]
    text = (
        f"On day {i}, the Northern Army shelled positions of the Lake Front near {place}, killing "
        f"{i % 7 + 1} fighters. Residents said the River Militia, allied with the Lake Front, raided a "
        f"checkpoint in the evening. Talks between the two sides are expected next week."
    )
    return {"id": f"story-{i}", "published": f"2024-{i % 12 + 1:02d}-{i % 27 + 1:02d}", "text": text}


def write_corpus(path: Path, n: int) -> Path:
    """N stories as JSON Lines, with story 0 repeated at the end and one broken line in the middle."""
    lines = [json.dumps(story(i)) for i in range(n)]
    lines.insert(n // 2, '{"id": "cut-short", "text": "The convoy was')
    lines.append(lines[0])
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


#: Columns that say when a row was written, not what it says: they differ between any two runs.
_CLOCK_TYPES = ("TIMESTAMP", "TIMESTAMP WITH TIME ZONE")


def store_contents(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every table of a store, rows sorted, without its clock columns: equal for equal content."""
    with duckdb.connect(str(db), read_only=True) as conn:
        tables = [
            row[0]
            for row in conn.execute(
                "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main' ORDER BY table_name"
            ).fetchall()
        ]
        contents = {}
        for table in tables:
            columns = [
                row[0]
                for row in conn.execute(
                    "SELECT column_name FROM duckdb_columns() WHERE table_name = ? AND data_type NOT IN ?",
                    [table, list(_CLOCK_TYPES)],
                ).fetchall()
            ]
            names = ", ".join(f'"{c}"' for c in columns)
            rows = conn.execute(f'SELECT {names} FROM "{table}"').fetchall()
            contents[table] = sorted(rows, key=repr)
    return contents
