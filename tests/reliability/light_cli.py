"""The real `flashpoint` command with a light stand-in for the spaCy pipeline.

    python -m tests.reliability.light_cli ingest corpus.jsonl --db x.duckdb

Everything but extraction is the real thing: the readers, the CLI's batching and error handling, the
store and its clustering. Extraction is replaced by `light_read_doc`, a few string searches that still
fill every table (actors with mentions, events with dates and fatalities, relations), so the crash and
concurrency tests can run the command dozens of times without loading spaCy (about 10 s each).
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
import time
import types
from collections.abc import Iterable, Iterator
from typing import Any

from flashpoint.records import Actor, Article, ArticleResult, DateRef, Event, Relation, Span

#: The actors the light extraction knows, by the name articles use for them.
ACTORS = {
    "the Northern Army": ("northern-army", "military"),
    "the Lake Front": ("lake-front", "armed_group"),
    "the River Militia": ("river-militia", "armed_group"),
}
_ATTACK = re.compile(r"\b(attacked|shelled|raided)\b")
_KILLED = re.compile(r"\bkilling (\d+)\b")
_SENTENCE = re.compile(r"[^.]+\.?")


class _LightNlp:
    """Stands in for `Language`: `pipe` hands back each text unparsed, with its context."""

    def pipe(self, stream: Iterable[tuple[str, Any]], **_: Any) -> Iterator[tuple[str, Any]]:
        yield from stream

    def memory_zone(self) -> contextlib.AbstractContextManager[None]:
        """The batch worker reads each chunk in a memory zone; a stand-in has no strings to drop."""
        return contextlib.nullcontext()


def light_read_doc(doc: str, article: Article, knowledge: object = None) -> ArticleResult:
    """Actors named in `ACTORS`, one event per sentence with an attack verb, an alliance relation.

    `$FLASHPOINT_LIGHT_DELAY` seconds are spent on each article, so that a run lasts long enough for
    a test to interrupt it between and during its batches.
    """
    time.sleep(float(os.environ.get("FLASHPOINT_LIGHT_DELAY", "0")))
    text = article.text
    actors = []
    for name, (actor_id, kind) in ACTORS.items():
        spans = tuple(
            Span(start=m.start(), end=m.end(), text=m.group()) for m in re.finditer(re.escape(name), text)
        )
        if spans:
            actors.append(Actor(id=actor_id, name=name.removeprefix("the "), kind=kind, mentions=spans))
    ids = [a.id for a in actors]
    events: list[Event] = []
    for sentence in _SENTENCE.finditer(text):
        verb = _ATTACK.search(sentence.group())
        if verb is None:
            continue
        killed = _KILLED.search(sentence.group())
        day = article.published
        events.append(
            Event(
                id=f"e{len(events) + 1}",
                type="ASSAULT",
                mode=None,
                status="occurred",
                source=ids[0] if ids else None,
                target=ids[1] if len(ids) > 1 else None,
                date=DateRef(start=day, end=day, precision="day", text="today") if day else None,
                fatalities=int(killed.group(1)) if killed else None,
                evidence=Span(start=sentence.start(), end=sentence.end(), text=sentence.group()),
                trigger=Span(
                    start=sentence.start() + verb.start(),
                    end=sentence.start() + verb.end(),
                    text=verb.group(),
                ),
            )
        )
    relations: list[Relation] = []
    if len(ids) > 1 and "allied with" in text:
        at = text.index("allied with")
        evidence = Span(start=at, end=at + len("allied with"), text="allied with")
        relations.append(Relation(subject=ids[0], predicate="allied_with", object=ids[1], evidence=evidence))
    return ArticleResult(
        article=article, actors=tuple(actors), events=tuple(events), relations=tuple(relations)
    )


def main(argv: list[str]) -> None:
    """Run `flashpoint ARGV...` with the light extraction in place of the spaCy pipeline.

    The two modules that import spaCy are replaced before anything imports them, which also spares
    each run the second or two that importing spaCy takes.
    """
    pipeline = types.ModuleType("flashpoint.pipeline")
    pipeline.Knowledge = object  # type: ignore[attr-defined]
    pipeline.load_knowledge = lambda: None  # type: ignore[attr-defined]
    pipeline.read_doc = light_read_doc  # type: ignore[attr-defined]
    nlp = types.ModuleType("flashpoint.nlp.pipeline")
    nlp.shared_nlp = _LightNlp  # type: ignore[attr-defined]
    sys.modules.update({"flashpoint.pipeline": pipeline, "flashpoint.nlp.pipeline": nlp})
    from flashpoint.serve.cli import app

    app(argv, prog_name="flashpoint")


if __name__ == "__main__":
    main(sys.argv[1:])
