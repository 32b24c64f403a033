"""Deduplication quality on the hand-written pair set (issue #6): the targets, not a timing."""

from __future__ import annotations

import importlib.util
from pathlib import Path

BENCHMARK = Path(__file__).resolve().parents[2] / "benchmarks" / "dedup.py"


def test_dedup_pairs_merge_precision_and_recall_meet_the_targets() -> None:
    spec = importlib.util.spec_from_file_location("dedup_benchmark", BENCHMARK)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    precision, recall, outcomes = module.measure()
    assert len(outcomes) >= 40
    assert precision >= 0.95
    assert recall >= 0.85
