"""Flashpoint: reads news about conflict and politics and returns sourced events, actors and relations."""

from __future__ import annotations

__version__ = "0.1.0"
