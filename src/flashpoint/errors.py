"""Every error Flashpoint raises on purpose, each printed as one line: `where: reason`.

    FlashpointError
     +-- InputError          an input file or article cannot be read (empty, binary, not UTF-8,
     |                       too large, not English, malformed JSON/CSV/HTML)
     +-- FeedUnavailable     a feed or page could not be fetched
     +-- DataFileError       a data file shipped with the package is malformed
     +-- StoreError          the DuckDB store cannot be opened, read or written
     +-- ConfigError         a setting (option, environment variable) is invalid

The CLI prints `str(error)` to stderr and exits 1 (2 for usage errors); the batch records it and goes on.
"""

from __future__ import annotations


class FlashpointError(Exception):
    """Base of every error Flashpoint raises on purpose; `where` names the file, line or article."""

    def __init__(self, where: str, reason: str) -> None:
        super().__init__(f"{where}: {reason}")
        self.where = where
        self.reason = reason


class InputError(FlashpointError):
    """An input file or article cannot be read as an article."""


class FeedUnavailable(FlashpointError):
    """A feed or page could not be fetched."""


class DataFileError(FlashpointError):
    """A data file shipped with the package is malformed or references something unknown."""


class StoreError(FlashpointError):
    """The store cannot be opened, read or written."""


class ConfigError(FlashpointError):
    """A setting is invalid."""
