"""The batch output directory: Parquet parts partitioned by publication month, and a marker per chunk.

    OUT/_batch.json                                  format and chunk size; a resume must match them
    OUT/articles/month=2024-03/part-<chunk>.parquet  one row per article, with its flashpoint/1 JSON
    OUT/events/month=2024-03/part-<chunk>.parquet    one flat row per event
    OUT/_chunks/<chunk>.json                         written last: the chunk is complete
    OUT/errors.log                                   one `where: reason` line per input that failed

Articles without a publication date go to `month=unknown`. A chunk is named by a hash of the content
hashes of its articles, so the same input cut the same way gives the same names. Every file is written
to a temporary name in its own directory and renamed into place, and the marker comes after all of the
chunk's parts: after a crash, a chunk without a marker is done again and its parts overwrite any that
were renamed before the crash, so a rerun never duplicates a row. Readers (`load`) take only the parts
that a marker lists; DuckDB reads the whole tree with
`read_parquet('OUT/events/*/*.parquet', hive_partitioning = true)` once a run has finished.
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from flashpoint.errors import ConfigError
from flashpoint.records import ArticleResult
from flashpoint.store.duckdb_store import EVENT_PREFIX_LEN

FORMAT = "flashpoint-batch/1"
MANIFEST = "_batch.json"
MARKERS = "_chunks"
ERRORS = "errors.log"
UNKNOWN_MONTH = "unknown"
_TMP = ".tmp-"

ARTICLE_SCHEMA = pa.schema(
    [
        ("content_hash", pa.string()),
        ("article_id", pa.string()),
        ("title", pa.string()),
        ("url", pa.string()),
        ("outlet", pa.string()),
        ("published", pa.date32()),
        ("language", pa.string()),
        ("origin", pa.string()),
        ("text", pa.string()),
        ("n_actors", pa.int32()),
        ("n_events", pa.int32()),
        ("n_relations", pa.int32()),
        ("result_json", pa.string()),
    ]
)

EVENT_SCHEMA = pa.schema(
    [
        ("event_id", pa.string()),
        ("content_hash", pa.string()),
        ("article_id", pa.string()),
        ("local_id", pa.string()),
        ("seq", pa.int32()),
        ("published", pa.date32()),
        ("type", pa.string()),
        ("mode", pa.string()),
        ("acled_event_type", pa.string()),
        ("acled_sub_event_type", pa.string()),
        ("status", pa.string()),
        ("source_id", pa.string()),
        ("target_id", pa.string()),
        ("date_start", pa.date32()),
        ("date_end", pa.date32()),
        ("date_precision", pa.string()),
        ("date_text", pa.string()),
        ("location_name", pa.string()),
        ("country", pa.string()),
        ("admin1", pa.string()),
        ("lat", pa.float64()),
        ("lon", pa.float64()),
        ("location_precision", pa.string()),
        ("count", pa.int64()),
        ("fatalities", pa.int64()),
        ("attributed_to", pa.list_(pa.string())),
        ("trigger_start", pa.int32()),
        ("trigger_end", pa.int32()),
        ("trigger_text", pa.string()),
        ("evidence_start", pa.int32()),
        ("evidence_end", pa.int32()),
        ("evidence_text", pa.string()),
        ("confidence", pa.float64()),
    ]
)


@dataclass(frozen=True, slots=True)
class Part:
    """One Parquet file of a chunk: `kind` is "articles" or "events"."""

    kind: str
    month: str
    table: pa.Table

    @property
    def relpath(self) -> str:
        return f"{self.kind}/month={self.month}"


def month_of(result: ArticleResult) -> str:
    """The partition an article goes to: its publication month, YYYY-MM."""
    published = result.article.published
    return published.strftime("%Y-%m") if published else UNKNOWN_MONTH


def to_parts(results: Sequence[ArticleResult]) -> list[Part]:
    """The article and event tables of a chunk, one pair per publication month present in it."""
    by_month: dict[str, list[ArticleResult]] = {}
    for result in results:
        by_month.setdefault(month_of(result), []).append(result)
    parts = []
    for month, group in sorted(by_month.items()):
        parts.append(
            Part("articles", month, pa.Table.from_pylist([_article_row(r) for r in group], ARTICLE_SCHEMA))
        )
        events = [row for r in group for row in _event_rows(r)]
        if events:
            parts.append(Part("events", month, pa.Table.from_pylist(events, EVENT_SCHEMA)))
    return parts


def _article_row(result: ArticleResult) -> dict[str, Any]:
    article = result.article
    return {
        "content_hash": article.content_hash,
        "article_id": article.id,
        "title": article.title,
        "url": article.url,
        "outlet": article.outlet,
        "published": article.published,
        "language": article.language,
        "origin": article.origin,
        "text": article.text,
        "n_actors": len(result.actors),
        "n_events": len(result.events),
        "n_relations": len(result.relations),
        "result_json": json.dumps(result.to_json(), ensure_ascii=False),
    }


def _event_rows(result: ArticleResult) -> Iterator[dict[str, Any]]:
    article = result.article
    key = article.content_hash
    for seq, event in enumerate(result.events):
        when, where, acled = event.date, event.location, event.acled
        yield {
            "event_id": f"{key[:EVENT_PREFIX_LEN]}:{event.id}",
            "content_hash": key,
            "article_id": article.id,
            "local_id": event.id,
            "seq": seq,
            "published": article.published,
            "type": str(event.type),
            "mode": event.mode,
            "acled_event_type": acled.event_type if acled else None,
            "acled_sub_event_type": acled.sub_event_type if acled else None,
            "status": str(event.status),
            "source_id": event.source,
            "target_id": event.target,
            "date_start": when.start if when else None,
            "date_end": when.end if when else None,
            "date_precision": str(when.precision) if when else None,
            "date_text": when.text if when else None,
            "location_name": where.name if where else None,
            "country": where.country if where else None,
            "admin1": where.admin1 if where else None,
            "lat": where.lat if where else None,
            "lon": where.lon if where else None,
            "location_precision": str(where.precision) if where else None,
            "count": event.count,
            "fatalities": event.fatalities,
            "attributed_to": list(event.attributed_to),
            "trigger_start": event.trigger.start,
            "trigger_end": event.trigger.end,
            "trigger_text": event.trigger.text,
            "evidence_start": event.evidence.start,
            "evidence_end": event.evidence.end,
            "evidence_text": event.evidence.text,
            "confidence": event.confidence,
        }


def part_path(out: Path, part: Part, chunk_id: str) -> Path:
    return out / part.relpath / f"part-{chunk_id}.parquet"


def marker_path(out: Path, chunk_id: str) -> Path:
    return out / MARKERS / f"{chunk_id}.json"


def write_atomic(path: Path, write: Any) -> None:
    """Call `write(tmp_path)` and rename the result to `path`: readers see the whole file or none."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}{_TMP}{uuid.uuid4().hex}")
    try:
        write(tmp)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def write_chunk(out: Path, chunk_id: str, parts: Sequence[Part], report: dict[str, Any]) -> None:
    """Write a chunk's parts, then its marker (which lists them): the chunk is then complete."""
    files = []
    for part in parts:
        path = part_path(out, part, chunk_id)
        write_atomic(path, lambda tmp, table=part.table: pq.write_table(table, tmp))
        files.append(str(path.relative_to(out)))
    marker = {**report, "chunk": chunk_id, "files": files}
    write_atomic(
        marker_path(out, chunk_id),
        lambda tmp: tmp.write_text(json.dumps(marker, ensure_ascii=False), encoding="utf-8"),
    )


def read_marker(out: Path, chunk_id: str) -> dict[str, Any] | None:
    """The marker of a completed chunk, or None if the chunk has not been completed."""
    path = marker_path(out, chunk_id)
    if not path.exists():
        return None
    marker: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return marker


def markers(out: Path) -> list[dict[str, Any]]:
    """Every completed chunk's marker, in chunk-name order."""
    folder = out / MARKERS
    if not folder.is_dir():
        return []
    found = []
    for path in sorted(folder.glob("*.json")):
        marker: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        found.append(marker)
    return found


def prepare(out: Path, chunk_size: int) -> None:
    """Create the output directory, or check that an existing one was cut into chunks the same way.

    Chunk names depend on the chunk size, so resuming with another size would write every article a
    second time under new names: refuse it. Temporary files left by a crash are removed.
    """
    manifest = out / MANIFEST
    expected = {"format": FORMAT, "chunk_size": chunk_size}
    if manifest.exists():
        found = json.loads(manifest.read_text(encoding="utf-8"))
        if found.get("format") != FORMAT:
            raise ConfigError(str(out), f"not a Flashpoint batch output (format {found.get('format')!r})")
        if found.get("chunk_size") != chunk_size:
            raise ConfigError(
                str(out),
                f"was written with --chunk-size {found.get('chunk_size')}; resume with the same size "
                f"or write to a new directory",
            )
    else:
        if out.exists() and any(out.iterdir()):
            raise ConfigError(str(out), "exists and is not a Flashpoint batch output; choose a new directory")
        out.mkdir(parents=True, exist_ok=True)
        write_atomic(manifest, lambda tmp: tmp.write_text(json.dumps(expected), encoding="utf-8"))
    for stale in out.rglob(f"*{_TMP}*"):
        stale.unlink()


def check_output(out: Path) -> None:
    """Raise a ConfigError unless `out` is a batch output directory."""
    if not (out / MANIFEST).exists():
        raise ConfigError(str(out), f"not a Flashpoint batch output (no {MANIFEST})")
