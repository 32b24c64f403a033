"""Extraction throughput next to bare `nlp.pipe` of the same spaCy pipeline on the same texts.

    python benchmarks/throughput.py [--articles 200] [--batch-size 16]

It generates a corpus of conflict-news articles from sentence templates (so the figures do not
depend on any one data set), parses it once with `nlp.pipe` alone and once through the whole
Flashpoint extraction, and prints articles/s, words/s, the ratio, and the peak resident memory.
The pipeline is built and warmed up before timing, so model loading is not measured.
"""

from __future__ import annotations

import argparse
import platform
import random
import resource
import time
from collections.abc import Sequence

from flashpoint.nlp.pipeline import build_nlp
from flashpoint.pipeline import extract_articles, load_knowledge
from flashpoint.records import Article

_ACTORS = [
    "Israeli forces",
    "the Houthis",
    "Russian troops",
    "the Rapid Support Forces",
    "al-Shabaab fighters",
    "Nigerian soldiers",
    "unidentified gunmen",
    "the M23 rebels",
    "Pakistani police",
    "Hezbollah",
]
_TARGETS = [
    "a village near El Fasher",
    "a market in Kharkiv",
    "a military base outside Mogadishu",
    "a police station in Peshawar",
    "a cargo ship in the Red Sea",
    "positions in the Golan Heights",
    "an army convoy in Borno",
    "a camp in North Kivu",
    "a checkpoint near Jenin",
    "a port in Odesa",
]
_TEMPLATES = [
    "On {day}, {actor} attacked {target}, killing {n} people, officials said.",
    "{actor} vowed to retaliate after the strike on {target}.",
    "According to local residents, {actor} shelled {target} for several hours on {day}.",
    "{actor} denied any involvement in the attack on {target}.",
    "Analysts expect {actor} to launch a new offensive against {target} in the coming weeks.",
    "At least {n} civilians were killed when a drone hit {target} last week.",
    "Hundreds of protesters marched in the capital on {day} to demand an end to the fighting.",
    "The {actor2}-backed militia has carried out dozens of attacks since {month} {n}.",
]
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_MONTHS = ["January", "February", "March", "April", "May", "June"]


def make_corpus(count: int, seed: int = 7) -> list[Article]:
    """`count` articles of 8-14 sentences each, built from the templates with a fixed seed."""
    rng = random.Random(seed)
    articles = []
    for i in range(count):
        sentences = [
            rng.choice(_TEMPLATES).format(
                day=rng.choice(_DAYS),
                actor=rng.choice(_ACTORS),
                target=rng.choice(_TARGETS),
                n=rng.randint(2, 30),
                actor2=rng.choice(["Iran", "Russia", "Rwanda"]),
                month=rng.choice(_MONTHS),
            )
            for _ in range(rng.randint(8, 14))
        ]
        text = "\n\n".join(" ".join(sentences[j : j + 3]) for j in range(0, len(sentences), 3))
        articles.append(Article(id=f"bench-{i}", text=text[0].upper() + text[1:], published=_published(rng)))
    return articles


def _published(rng: random.Random):  # type: ignore[no-untyped-def]
    from datetime import date, timedelta

    return date(2024, 1, 1) + timedelta(days=rng.randint(0, 365))


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--batch-size", type=int, default=16)
    args = parser.parse_args(argv)

    corpus = make_corpus(args.articles)
    words = sum(len(a.text.split()) for a in corpus)
    nlp = build_nlp()
    load_knowledge()
    list(extract_articles(corpus[:5], nlp))  # warm-up: first-call costs are not throughput

    start = time.perf_counter()
    for _ in nlp.pipe((a.text for a in corpus), batch_size=args.batch_size):
        pass
    bare = time.perf_counter() - start

    start = time.perf_counter()
    events = sum(len(r.events) for r in extract_articles(corpus, nlp, batch_size=args.batch_size))
    full = time.perf_counter() - start

    print(f"machine: {platform.machine()} {platform.processor() or ''} python {platform.python_version()}")
    print(f"corpus: {len(corpus)} articles, {words} words (generated, seed 7)")
    print(f"bare nlp.pipe:      {len(corpus) / bare:7.1f} articles/s {words / bare:9.0f} words/s")
    print(
        f"flashpoint extract: {len(corpus) / full:7.1f} articles/s {words / full:9.0f} words/s"
        f" ({events} events)"
    )
    print(f"ratio extract/bare: {bare / full:.2f}")
    print(f"peak RSS: {_peak_rss_mb():.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
