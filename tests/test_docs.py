"""Every command is documented: it has help text, and the README shows how it is run.

The command list is read from the typer app, so a new command is checked without editing this file.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from flashpoint.serve.cli import app

README = Path(__file__).resolve().parents[1] / "README.md"
COMMANDS = typer.main.get_group(app).commands


def _words(text: str) -> str:
    """Text with whitespace runs (rich's line wrapping) and box-drawing borders collapsed to spaces."""
    return " ".join(re.sub(r"[│╭╮╰╯─]", " ", text).split())


def test_docs_app_has_the_documented_commands() -> None:
    assert {"extract", "ingest", "query", "export", "demo"} <= set(COMMANDS)


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_docs_command_has_help(name: str) -> None:
    description = COMMANDS[name].help or ""
    assert description.strip(), f"`flashpoint {name}` has no docstring or help text"
    result = CliRunner().invoke(app, [name, "--help"])
    assert result.exit_code == 0, result.output
    assert _words(description.splitlines()[0]) in _words(result.stdout)


def test_docs_top_level_help_lists_every_command() -> None:
    result = CliRunner().invoke(app, ["--help"])
    assert result.exit_code == 0, result.output
    # A command's row opens with its name (after rich's "│" border), then two or more spaces.
    listed = set(re.findall(r"^[│ ]\s*([a-z][a-z-]*)\s{2,}", result.stdout, flags=re.MULTILINE))
    assert set(COMMANDS) <= listed


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_docs_readme_shows_command(name: str) -> None:
    if not README.exists():
        pytest.skip("README.md is not written yet; once it exists it must show every command")
    text = README.read_text(encoding="utf-8")
    assert re.search(rf"\bflashpoint\s+{re.escape(name)}\b", text), (
        f"README.md never shows `flashpoint {name}`"
    )
