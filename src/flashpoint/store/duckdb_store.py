"""The DuckDB store: one file holding every article Flashpoint read and what it found in them.

Tables a user can query (each column also carries a `COMMENT ON`, so `duckdb_columns()` explains it):

    articles   content_hash PK, article_id, title, url, outlet, published DATE, language, origin,
               text, ingested_at TIMESTAMP (UTC)
    actors     actor_id PK, name, kind, country, in_kb, aliases VARCHAR[], first_seen, last_seen
    mentions   content_hash, article_id, actor_id, start_char, end_char, text
    events     event_id PK, content_hash, article_id, local_id, seq, type, mode, acled_event_type,
               acled_sub_event_type, status, source_id, target_id, date_start, date_end,
               date_precision, date_text, location_name, country, admin1, lat, lon,
               location_precision, count, fatalities, attributed_to VARCHAR[], trigger_start,
               trigger_end, evidence_start, evidence_end, evidence_text, confidence
    relations  content_hash, article_id, subject_id, predicate, object_id, evidence_start,
               evidence_end, evidence_text, seen_on DATE

Two articles from different sources may carry the same `Article.id`, so the key of an article is its
`content_hash`; `article_id` is kept as the source gave it, and the other tables join to `articles` on
`content_hash`. An event's `event_id` is the first 16 hex digits of the content hash, a colon and the
event's id within its article (`local_id`), so it is unique across articles. Actors are shared: the same
actor id read in another article merges its aliases and widens `first_seen`/`last_seen`, which are
the earliest and latest publication dates of an article naming the actor.

Ingest is one transaction per batch, keyed by content hash: a batch is stored whole or not at all, and
an article already stored is skipped, so a rerun after a crash adds only what is missing.
"""

from __future__ import annotations

import csv
import json
import re
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, NamedTuple, Self, TextIO

import duckdb

from flashpoint.config import LOCK_WAIT_SECONDS
from flashpoint.errors import ConfigError, StoreError
from flashpoint.records import Actor, Article, ArticleResult, Event, Relation
from flashpoint.store import derived
from flashpoint.taxonomy import OPEN_STATUSES

if TYPE_CHECKING:
    from flashpoint.ingest.feeds import FeedState, PageState

SCHEMA_VERSION = "1"
#: Hex digits of the content hash that prefix an event id; 64 bits keep collisions out of reach.
EVENT_PREFIX_LEN = 16
EXPORT_FORMATS = ("jsonl", "csv", "parquet")
#: The largest count or death toll the INTEGER columns hold; a larger one is stored as NULL (unknown).
MAX_STORED_NUMBER = 2**31 - 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS flashpoint_meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL);

CREATE TABLE IF NOT EXISTS articles (
    content_hash VARCHAR PRIMARY KEY,
    article_id VARCHAR NOT NULL,
    title VARCHAR,
    url VARCHAR,
    outlet VARCHAR,
    published DATE,
    language VARCHAR NOT NULL,
    origin VARCHAR NOT NULL,
    text VARCHAR NOT NULL,
    ingested_at TIMESTAMP NOT NULL
);

CREATE TABLE IF NOT EXISTS actors (
    actor_id VARCHAR PRIMARY KEY,
    name VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,
    country VARCHAR,
    in_kb BOOLEAN NOT NULL,
    aliases VARCHAR[] NOT NULL,
    first_seen DATE,
    last_seen DATE
);

CREATE TABLE IF NOT EXISTS mentions (
    content_hash VARCHAR NOT NULL,
    article_id VARCHAR NOT NULL,
    actor_id VARCHAR NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    text VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS events (
    event_id VARCHAR PRIMARY KEY,
    content_hash VARCHAR NOT NULL,
    article_id VARCHAR NOT NULL,
    local_id VARCHAR NOT NULL,
    seq INTEGER NOT NULL,
    type VARCHAR NOT NULL,
    mode VARCHAR,
    acled_event_type VARCHAR,
    acled_sub_event_type VARCHAR,
    status VARCHAR NOT NULL,
    source_id VARCHAR,
    target_id VARCHAR,
    date_start DATE,
    date_end DATE,
    date_precision VARCHAR,
    date_text VARCHAR,
    location_name VARCHAR,
    country VARCHAR,
    admin1 VARCHAR,
    lat DOUBLE,
    lon DOUBLE,
    location_precision VARCHAR,
    count INTEGER,
    fatalities INTEGER,
    attributed_to VARCHAR[] NOT NULL,
    trigger_start INTEGER NOT NULL,
    trigger_end INTEGER NOT NULL,
    evidence_start INTEGER NOT NULL,
    evidence_end INTEGER NOT NULL,
    evidence_text VARCHAR NOT NULL,
    confidence DOUBLE NOT NULL
);

CREATE TABLE IF NOT EXISTS relations (
    content_hash VARCHAR NOT NULL,
    article_id VARCHAR NOT NULL,
    subject_id VARCHAR NOT NULL,
    predicate VARCHAR NOT NULL,
    object_id VARCHAR NOT NULL,
    evidence_start INTEGER NOT NULL,
    evidence_end INTEGER NOT NULL,
    evidence_text VARCHAR NOT NULL,
    seen_on DATE
);
"""

_COMMENTS: dict[str, tuple[str, dict[str, str]]] = {
    "articles": (
        "One row per article read, keyed by the hash of its title and text.",
        {
            "content_hash": "SHA-256 of title and text; the key other tables join on",
            "article_id": "id the source gave the article; not unique across sources",
            "published": "publication date, if known",
            "origin": "file (and line) the article was read from",
            "ingested_at": "when the article was stored, UTC",
        },
    ),
    "actors": (
        "Actors across all articles; the same id read again merges into one row.",
        {
            "actor_id": "stable id, e.g. IRN or kataib-hezbollah",
            "kind": "state, government, military, armed_group, person, ...",
            "country": "ISO 3166-1 alpha-3",
            "in_kb": "true when the actor comes from the knowledge base",
            "aliases": "every alias seen for the actor, first seen first",
            "first_seen": "earliest publication date of an article naming the actor",
            "last_seen": "latest publication date of an article naming the actor",
        },
    ),
    "mentions": (
        "Where each article names an actor, as character offsets into articles.text.",
        {
            "start_char": "offset of the first character of the mention",
            "end_char": "offset just past the mention",
        },
    ),
    "events": (
        "Events read from articles: who did what to whom, when and where, with status.",
        {
            "event_id": "first 16 hex digits of content_hash, a colon and local_id; unique across articles",
            "local_id": "the event's id within its article",
            "seq": "position of the event in its article's output",
            "type": "PLOVER type",
            "mode": "PLOVER mode",
            "status": "occurred, ongoing, planned, threatened, predicted, denied or hypothetical",
            "source_id": "actor_id of the actor that acts",
            "target_id": "actor_id of the actor acted upon",
            "country": "ISO 3166-1 alpha-3 of the location",
            "attributed_to": "who makes the claim; empty when the article asserts it itself",
            "evidence_text": "the sentence(s) the event was read from",
        },
    ),
    "relations": (
        "Standing relations between actors, each read from one evidence span.",
        {
            "predicate": "sponsors, member_of, leader_of, part_of, allied_with or opposes",
            "seen_on": "publication date of the article the relation was read from",
        },
    ),
}

#: One flat row per event, the shape `export_events` writes.
_EXPORT_COLUMNS = (
    "event_id",
    "article_id",
    "article_title",
    "outlet",
    "url",
    "published",
    "type",
    "mode",
    "acled_event_type",
    "acled_sub_event_type",
    "status",
    "source_id",
    "source_name",
    "target_id",
    "target_name",
    "date_start",
    "date_end",
    "date_precision",
    "date_text",
    "location_name",
    "country",
    "admin1",
    "lat",
    "lon",
    "location_precision",
    "count",
    "fatalities",
    "attributed_to",
    "evidence_start",
    "evidence_end",
    "evidence_text",
    "confidence",
)
_EXPORT_SQL = """
SELECT e.event_id, a.article_id, a.title AS article_title, a.outlet, a.url, a.published,
       e.type, e.mode, e.acled_event_type, e.acled_sub_event_type, e.status,
       e.source_id, src.name AS source_name, e.target_id, tgt.name AS target_name,
       e.date_start, e.date_end, e.date_precision, e.date_text,
       e.location_name, e.country, e.admin1, e.lat, e.lon, e.location_precision,
       e.count, e.fatalities, e.attributed_to,
       e.evidence_start, e.evidence_end, e.evidence_text, e.confidence
FROM events e
JOIN articles a USING (content_hash)
LEFT JOIN actors src ON src.actor_id = e.source_id
LEFT JOIN actors tgt ON tgt.actor_id = e.target_id
ORDER BY a.ingested_at, e.content_hash, e.seq
"""

_READ_ONLY_TYPES = frozenset(
    {
        duckdb.StatementType.SELECT,
        duckdb.StatementType.PRAGMA,
        duckdb.StatementType.EXPLAIN,
    }
)
_LOCK_HOLDER = re.compile(r"\(PID (\d+)\)")
_EXPLAIN_PREFIX = re.compile(r"^\s*explain\s+(analy[sz]e\s+)?", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class IngestCounts:
    """What one `add_results` call stored; events, actors and relations count the added articles only."""

    articles_added: int
    articles_skipped: int
    events: int
    actors: int
    relations: int


class TypeStatusCount(NamedTuple):
    type: str
    status: str
    n: int


class ActorCount(NamedTuple):
    actor_id: str
    name: str
    n_events: int


class OpenThreat(NamedTuple):
    event_id: str
    type: str
    status: str
    source_name: str | None
    target_name: str | None
    date_start: date | None
    evidence_text: str


@dataclass(frozen=True, slots=True)
class Summary:
    """An overview of the store: sizes, events by type and status, busiest actors, open threats."""

    articles: int
    events: int
    by_type_status: list[TypeStatusCount]
    top_actors: list[ActorCount]
    open_threats: list[OpenThreat]


def _one_line(error: BaseException) -> str:
    """DuckDB's message on one line: its `LINE 1:` context kept, the caret marker dropped."""
    lines = (line.strip() for line in str(error).splitlines())
    return " ".join(line for line in lines if line and set(line) != {"^"})


class Store:
    """A Flashpoint store in one DuckDB file; open it with `Store.open` and close it (or use `with`)."""

    def __init__(self, conn: duckdb.DuckDBPyConnection, where: str, *, read_only: bool) -> None:
        self._conn = conn
        self._where = where
        self._read_only = read_only

    @classmethod
    def open(cls, path: str | Path, *, read_only: bool = False, wait: float | None = None) -> Store:
        """Open (or create, unless read-only) the store at `path`, creating its tables if absent.

        DuckDB lets one process at a time open a file for writing, and none read it meanwhile: while
        another process holds it, this waits up to `wait` seconds (default `LOCK_WAIT_SECONDS`,
        `$FLASHPOINT_LOCK_WAIT`) and then raises a StoreError saying so.
        """
        where = str(path)
        if read_only and where != ":memory:" and not Path(path).exists():
            raise StoreError(where, "no such store (a read-only open does not create one)")
        conn = _connect(where, read_only=read_only, wait=LOCK_WAIT_SECONDS if wait is None else wait)
        store = cls(conn, where, read_only=read_only)
        try:
            store._prepare()
            if not read_only:
                store._prepare_derived()
        except BaseException:
            conn.close()
            raise
        return store

    def _prepare(self) -> None:
        """Create the schema in a fresh file, or check that an existing file is a store of this version."""
        try:
            tables = {
                row[0]
                for row in self._conn.execute(
                    "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main'"
                ).fetchall()
            }
            if "flashpoint_meta" in tables:
                row = self._conn.execute(
                    "SELECT value FROM flashpoint_meta WHERE key = 'schema_version'"
                ).fetchone()
                found = row[0] if row else None
                if found != SCHEMA_VERSION:
                    raise StoreError(self._where, f"store schema version {found}, expected {SCHEMA_VERSION}")
                return
            if self._read_only or tables & {"articles", "actors", "mentions", "events", "relations"}:
                raise StoreError(self._where, "not a Flashpoint store (no flashpoint_meta table)")
            self._conn.begin()
            self._conn.execute(_SCHEMA)
            for table, (table_comment, columns) in _COMMENTS.items():
                self._conn.execute(f"COMMENT ON TABLE {table} IS '{_sql_quote(table_comment)}'")
                for column, comment in columns.items():
                    self._conn.execute(f"COMMENT ON COLUMN {table}.{column} IS '{_sql_quote(comment)}'")
            self._conn.execute("INSERT INTO flashpoint_meta VALUES ('schema_version', ?)", [SCHEMA_VERSION])
            self._conn.commit()
        except duckdb.Error as error:
            raise StoreError(self._where, _one_line(error)) from error

    def close(self) -> None:
        """Close the connection; the store cannot be used afterwards."""
        self._conn.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """One transaction on the store's connection: committed when the block ends, rolled back on
        any error; a DuckDB error comes out as a StoreError naming the store, on one line."""
        try:
            self._conn.begin()
        except duckdb.Error as error:
            raise StoreError(self._where, _one_line(error)) from error
        try:
            yield self._conn
            self._conn.commit()
        except BaseException as error:
            self._conn.rollback()
            if isinstance(error, duckdb.Error):
                raise StoreError(self._where, _one_line(error)) from error
            raise

    def _require_writable(self) -> None:
        """Refuse a write on a store opened read-only, with one line naming it."""
        if self._read_only:
            raise StoreError(self._where, "store is open read-only")

    def has_article(self, content_hash: str) -> bool:
        """Whether an article with this content hash is stored, so its extraction can be skipped."""
        row = self._conn.execute("SELECT 1 FROM articles WHERE content_hash = ?", [content_hash]).fetchone()
        return row is not None

    def add_results(self, results: Iterable[ArticleResult]) -> IngestCounts:
        """Store a batch in one transaction: all of it or, on any error, none; stored articles are skipped."""
        self._require_writable()
        ingested_at = datetime.now(UTC).replace(tzinfo=None)
        added = skipped = events = actors = relations = 0
        fresh: list[ArticleResult] = []
        with self.transaction():
            seen: set[str] = set()
            for result in results:
                key = result.article.content_hash
                if key in seen or self.has_article(key):
                    skipped += 1
                    continue
                seen.add(key)
                fresh.append(result)
                added += 1
                events += len(result.events)
                actors += len(result.actors)
                relations += len(result.relations)
            self._insert_results(fresh, ingested_at)
            derived.after_add(self._conn, fresh)
        return IngestCounts(added, skipped, events, actors, relations)

    def _insert_result(self, result: ArticleResult, ingested_at: datetime) -> None:
        """Write one article and everything read from it, inside the caller's transaction."""
        self._insert_results([result], ingested_at)

    def _insert_results(self, results: Sequence[ArticleResult], ingested_at: datetime) -> None:
        """Write articles and everything read from them, inside the caller's transaction.

        Rows are gathered for the whole batch and written with one INSERT per table from an Arrow
        table: DuckDB runs `executemany` as one statement per row, which made storing slower than
        parsing.
        """
        if not results:
            return
        # --- Merged actors (issue #5): an id merged away by `flashpoint actors merge` is stored under
        # its survivor (store/actors.py). Nothing changes when no merge was ever made.
        from flashpoint.store.actors import translate_merged

        results = translate_merged(self._conn, results)
        # --- End of merged actors.
        articles: list[list[object]] = []
        mentions: list[list[object]] = []
        events: list[list[object]] = []
        relations: list[list[object]] = []
        actors: dict[str, tuple[Actor, date | None, date | None]] = {}
        for result in results:
            article = result.article
            key = article.content_hash
            articles.append(
                [
                    key,
                    article.id,
                    article.title,
                    article.url,
                    article.outlet,
                    article.published,
                    article.language,
                    article.origin,
                    article.text,
                    ingested_at,
                ]
            )
            for actor in result.actors:
                actors[actor.id] = _merge_reading(actors.get(actor.id), actor, article.published)
                mentions.extend([key, article.id, actor.id, m.start, m.end, m.text] for m in actor.mentions)
            events.extend(_event_row(article, seq, event) for seq, event in enumerate(result.events))
            relations.extend(_relation_row(article, relation) for relation in result.relations)
        self._insert_rows("articles", articles)
        self._insert_rows("mentions", mentions)
        self._insert_rows("events", events)
        self._insert_rows("relations", relations)
        self._upsert_actors(actors)

    def _insert_rows(self, table: str, rows: Sequence[Sequence[object]]) -> None:
        """Append rows (columns in table order, leading columns only) to a table in one statement."""
        if not rows:
            return
        import pyarrow as pa

        columns = [c[0] for c in self._conn.execute(f"SELECT * FROM {table} LIMIT 0").description][
            : len(rows[0])
        ]
        batch = pa.Table.from_arrays(
            [pa.array([row[i] for row in rows]) for i in range(len(columns))], names=columns
        )
        self._conn.register("flashpoint_batch", batch)
        try:
            names = ", ".join(columns)
            self._conn.execute(f"INSERT INTO {table} ({names}) SELECT {names} FROM flashpoint_batch")
        finally:
            self._conn.unregister("flashpoint_batch")

    def _upsert_actors(self, readings: dict[str, tuple[Actor, date | None, date | None]]) -> None:
        """Add actors, or merge them into the stored ones: aliases joined, seen dates widened.

        The stored name, kind and country stay unless the stored row lacks them (a country) or the new
        reading comes from the knowledge base and the stored one did not.
        """
        stored = {
            row[0]: row[1:]
            for row in self._conn.execute(
                "SELECT actor_id, name, kind, country, in_kb, aliases, first_seen, last_seen FROM actors "
                "WHERE actor_id IN (SELECT UNNEST(?::VARCHAR[]))",
                [list(readings)],
            ).fetchall()
        }
        inserts: list[list[object]] = []
        updates: list[list[object]] = []
        for actor_id, (actor, first, last) in readings.items():
            if actor_id not in stored:
                inserts.append(
                    [
                        actor.id,
                        actor.name,
                        actor.kind,
                        actor.country,
                        actor.in_kb,
                        list(actor.aliases),
                        first,
                        last,
                    ]
                )
                continue
            name, kind, country, in_kb, aliases, first_seen, last_seen = stored[actor_id]
            if actor.in_kb and not in_kb:
                name, kind, country = actor.name, actor.kind, actor.country or country
            merged = list(aliases) + [a for a in dict.fromkeys(actor.aliases) if a not in aliases]
            updates.append(
                [
                    name,
                    kind,
                    country or actor.country,
                    in_kb or actor.in_kb,
                    merged,
                    _earliest(first_seen, first),
                    _latest(last_seen, last),
                    actor_id,
                ]
            )
        self._insert_rows("actors", inserts)
        if updates:
            self._conn.executemany(
                "UPDATE actors SET name = ?, kind = ?, country = ?, in_kb = ?, aliases = ?, "
                "first_seen = ?, last_seen = ? WHERE actor_id = ?",
                updates,
            )

    def query(self, sql: str) -> tuple[list[str], list[tuple[object, ...]]]:
        """Run one read-only statement (SELECT, WITH, DESCRIBE, SHOW, PRAGMA, EXPLAIN): column names, rows.

        The statement type is checked before it runs, and it runs in a transaction that is rolled back
        afterwards, so even a PRAGMA or EXPLAIN ANALYZE with side effects leaves the store as it was.
        """
        try:
            statements = self._conn.extract_statements(sql)
        except duckdb.Error as error:
            raise StoreError(self._where, _one_line(error)) from error
        if len(statements) != 1:
            raise StoreError(self._where, f"expected one SQL statement, got {len(statements)}")
        refused = _refused_statement(self._conn, statements[0])
        if refused:
            raise StoreError(
                self._where,
                f"only read-only statements (SELECT, WITH, DESCRIBE, SHOW, PRAGMA, EXPLAIN) may be run, "
                f"not {refused}",
            )
        cursor = self._conn.cursor()
        try:
            cursor.begin()
            cursor.execute(sql)
            columns = [d[0] for d in cursor.description] if cursor.description else []
            rows = cursor.fetchall() if columns else []
            cursor.rollback()
        except duckdb.Error as error:
            raise StoreError(self._where, _one_line(error)) from error
        finally:
            cursor.close()
        return columns, rows

    def export_events(self, fmt: str, out: str | Path | TextIO) -> int:
        """Write one flat row per event as jsonl, csv or parquet to a path, a stream or `-` (stdout).

        In csv `attributed_to` is joined with " | "; in jsonl and parquet it stays a list. Parquet is
        written by DuckDB itself and needs a path. Returns the number of rows written.
        """
        if fmt not in EXPORT_FORMATS:
            raise ConfigError("format", f"unknown export format {fmt!r}; expected jsonl, csv or parquet")
        if fmt == "parquet":
            return self._export_parquet(out)
        rows = self._export_rows()
        if isinstance(out, str | Path) and str(out) != "-":
            try:
                with open(out, "w", encoding="utf-8", newline="") as stream:
                    return _write_rows(fmt, rows, stream)
            except OSError as error:
                raise StoreError(str(out), error.strerror or str(error)) from error
        return _write_rows(fmt, rows, sys.stdout if isinstance(out, str | Path) else out)

    def _export_rows(self) -> Iterator[tuple[Any, ...]]:
        """The export rows in batches, so a large store is not read into memory at once."""
        cursor = self._conn.cursor()
        try:
            cursor.execute(_EXPORT_SQL)
            while batch := cursor.fetchmany(1000):
                yield from batch
        except duckdb.Error as error:
            raise StoreError(self._where, _one_line(error)) from error
        finally:
            cursor.close()

    def _export_parquet(self, out: str | Path | TextIO) -> int:
        """Have DuckDB COPY the export query to a Parquet file."""
        if not isinstance(out, str | Path) or str(out) == "-":
            raise StoreError("-", "parquet is written to a file path, not to a stream or stdout")
        try:
            row = self._conn.execute(
                f"COPY ({_EXPORT_SQL}) TO '{_sql_quote(str(out))}' (FORMAT parquet)"
            ).fetchone()
        except duckdb.Error as error:
            raise StoreError(str(out), _one_line(error)) from error
        return int(row[0]) if row else 0

    def summary(self, *, top: int = 10) -> Summary:
        """Sizes, events by type and status, the `top` actors by events, the `top` latest open threats.

        An actor's events are those it is the source or target of. Open threats are events whose status
        is planned, threatened or predicted, latest event date first (undated ones last).
        """
        open_statuses = sorted(str(s) for s in OPEN_STATUSES)
        try:
            articles = self._scalar("SELECT count(*) FROM articles")
            events = self._scalar("SELECT count(*) FROM events")
            by_type_status = [
                TypeStatusCount(*r)
                for r in self._conn.execute(
                    "SELECT type, status, count(*) AS n FROM events GROUP BY ALL "
                    "ORDER BY n DESC, type, status"
                ).fetchall()
            ]
            top_actors = [
                ActorCount(*r)
                for r in self._conn.execute(
                    "SELECT a.actor_id, a.name, count(DISTINCT e.event_id) AS n FROM actors a "
                    "JOIN events e ON a.actor_id IN (e.source_id, e.target_id) "
                    "GROUP BY ALL ORDER BY n DESC, a.actor_id LIMIT ?",
                    [top],
                ).fetchall()
            ]
            open_threats = [
                OpenThreat(*r)
                for r in self._conn.execute(
                    "SELECT e.event_id, e.type, e.status, src.name, tgt.name, e.date_start, e.evidence_text "
                    "FROM events e JOIN articles a USING (content_hash) "
                    "LEFT JOIN actors src ON src.actor_id = e.source_id "
                    "LEFT JOIN actors tgt ON tgt.actor_id = e.target_id "
                    "WHERE list_contains(?, e.status) "
                    "ORDER BY e.date_start DESC NULLS LAST, a.published DESC NULLS LAST, e.event_id LIMIT ?",
                    [open_statuses, top],
                ).fetchall()
            ]
        except duckdb.Error as error:
            raise StoreError(self._where, _one_line(error)) from error
        return Summary(articles, events, by_type_status, top_actors, open_threats)

    def _scalar(self, sql: str) -> int:
        row = self._conn.execute(sql).fetchone()
        return int(row[0]) if row else 0

    # --- Across articles (issue #6): event clusters, fulfilled threats, ACLED names. ----------------
    #
    # The tables and the code live in store/derived.py, clusters.py and watch.py; the store only
    # calls them: `derived.ensure` on a writable open, `derived.after_add` inside `add_results`.

    def _prepare_derived(self) -> None:
        try:
            derived.ensure(self._conn)
        except duckdb.Error as error:
            raise StoreError(self._where, _one_line(error)) from error

    @property
    def connection(self) -> duckdb.DuckDBPyConnection:
        """The DuckDB connection, for the modules that read across articles (timeline, network, watch)."""
        return self._conn

    @property
    def where(self) -> str:
        """The path the store was opened from, for error messages."""
        return self._where

    # --- Feeds and pages (issue #10): what `flashpoint follow` remembers, and article versions. -------
    #
    # These tables are created on first use, so a store made before them keeps working:
    #
    #     feeds                 url PK, added_at, status, reason, etag, last_modified, polled_at, entries,
    #                           stored: the feeds file of `flashpoint feeds` and each feed's last poll
    #     pages                 url PK, feed, signature, status, reason, content_hash, etag,
    #                           last_modified, author, attempts, checked_at: every article URL seen
    #     article_versions      url, content_hash, author, fetched_at, superseded_at, superseded_by
    #     superseded_articles, superseded_events, superseded_mentions, superseded_relations
    #                           the rows of an article version that a newer one replaced
    #
    # When a page's content changes, its new version is stored as any article is, and the rows of the
    # old one move to the superseded_* tables in the same transaction: `events` holds current versions
    # only, and nothing read is lost.

    _feed_tables_ready: bool = False

    def _feed_tables(self) -> None:
        if self._feed_tables_ready or self._read_only:
            return
        try:
            self._conn.execute(_FEED_SCHEMA)
            for table in _SUPERSEDABLE:
                self._conn.execute(
                    f"CREATE TABLE IF NOT EXISTS superseded_{table} AS SELECT * FROM {table} LIMIT 0"
                )
        except duckdb.Error as error:
            raise StoreError(self._where, _one_line(error)) from error
        self._feed_tables_ready = True

    def _has_table(self, name: str) -> bool:
        row = self._conn.execute(
            "SELECT 1 FROM duckdb_tables() WHERE schema_name = 'main' AND table_name = ?", [name]
        ).fetchone()
        return row is not None

    def add_feed(self, url: str) -> bool:
        """Add a feed to the feeds file; False when it is already there."""
        self._require_writable()
        self._feed_tables()
        try:
            row = self._conn.execute(
                "INSERT INTO feeds (url, added_at, status, entries, stored) VALUES (?, ?, 'new', 0, 0) "
                "ON CONFLICT DO NOTHING RETURNING url",
                [url, datetime.now(UTC).replace(tzinfo=None)],
            ).fetchone()
        except duckdb.Error as error:
            raise StoreError(self._where, _one_line(error)) from error
        return row is not None

    def remove_feed(self, url: str) -> bool:
        """Remove a feed from the feeds file (its pages and articles stay); False when it was not there."""
        self._require_writable()
        self._feed_tables()
        try:
            row = self._conn.execute("DELETE FROM feeds WHERE url = ? RETURNING url", [url]).fetchone()
        except duckdb.Error as error:
            raise StoreError(self._where, _one_line(error)) from error
        return row is not None

    def feeds(self) -> list[FeedState]:
        """Every feed in the feeds file, in the order they were added."""
        if not self._feed_tables_ready and not self._has_table("feeds"):
            return []
        rows = self._conn.execute(f"SELECT {_FEED_COLUMNS} FROM feeds ORDER BY added_at, url").fetchall()
        return [_feed_state(row) for row in rows]

    def feed_state(self, url: str) -> FeedState | None:
        """What the last poll of a feed left: status, reason, ETag, Last-Modified, counts."""
        if not self._feed_tables_ready and not self._has_table("feeds"):
            return None
        row = self._conn.execute(f"SELECT {_FEED_COLUMNS} FROM feeds WHERE url = ?", [url]).fetchone()
        return _feed_state(row) if row else None

    def save_feed_state(self, state: FeedState) -> None:
        """Record a poll of a feed, adding the feed to the feeds file if it is not there."""
        self.add_feed(state.url)
        try:
            self._conn.execute(
                "UPDATE feeds SET status = ?, reason = ?, etag = ?, last_modified = ?, polled_at = ?, "
                "entries = ?, stored = ? WHERE url = ?",
                [
                    state.status,
                    state.reason,
                    state.etag,
                    state.last_modified,
                    state.polled_at,
                    state.entries,
                    state.stored,
                    state.url,
                ],
            )
        except duckdb.Error as error:
            raise StoreError(self._where, _one_line(error)) from error

    def page_state(self, url: str) -> PageState | None:
        """What is known of an article page: the entry signature it was read for, its content hash."""
        if not self._feed_tables_ready and not self._has_table("pages"):
            return None
        row = self._conn.execute(f"SELECT {_PAGE_COLUMNS} FROM pages WHERE url = ?", [url]).fetchone()
        return _page_state(row) if row else None

    def save_pages(self, pages: Sequence[tuple[PageState, ArticleResult | None]]) -> IngestCounts:
        """Store what was read from pages, with their states, in one transaction (all or nothing).

        A result whose page held another version of the article before replaces it: the old version's
        rows move to the superseded_* tables. A result whose content is already stored is skipped.
        """
        self._require_writable()
        self._feed_tables()
        now = datetime.now(UTC).replace(tzinfo=None)
        added = skipped = events = actors = relations = 0
        with self.transaction():
            for page, result in pages:
                if result is not None:
                    new = result.article.content_hash
                    if self.has_article(new):
                        skipped += 1
                    else:
                        self._insert_result(result, now)
                        added += 1
                        events += len(result.events)
                        actors += len(result.actors)
                        relations += len(result.relations)
                    self._supersede_previous(page.url, new, now)
                    self._conn.execute(
                        "INSERT INTO article_versions VALUES (?, ?, ?, ?, NULL, NULL)",
                        [page.url, new, page.author, now],
                    )
                self._conn.execute(
                    f"INSERT OR REPLACE INTO pages ({_PAGE_COLUMNS}) VALUES ({', '.join('?' * 11)})",
                    [
                        page.url,
                        page.feed,
                        page.signature,
                        page.status,
                        page.reason,
                        page.content_hash,
                        page.etag,
                        page.last_modified,
                        page.author,
                        page.attempts,
                        page.checked_at,
                    ],
                )
        return IngestCounts(added, skipped, events, actors, relations)

    def _supersede_previous(self, url: str, new: str, now: datetime) -> None:
        """Move the rows of the version `url` held before to the superseded_* tables; an article first
        read from somewhere else (its origin is another URL or a file) is left in place."""
        row = self._conn.execute("SELECT content_hash FROM pages WHERE url = ?", [url]).fetchone()
        old = row[0] if row else None
        if old is None or old == new:
            return
        origin = self._conn.execute("SELECT origin FROM articles WHERE content_hash = ?", [old]).fetchone()
        if origin is None or origin[0] != url:
            return
        for table in _SUPERSEDABLE:
            self._conn.execute(
                f"INSERT INTO superseded_{table} SELECT * FROM {table} WHERE content_hash = ?", [old]
            )
            self._conn.execute(f"DELETE FROM {table} WHERE content_hash = ?", [old])
        self._conn.execute(
            "UPDATE article_versions SET superseded_at = ?, superseded_by = ? "
            "WHERE url = ? AND content_hash = ? AND superseded_at IS NULL",
            [now, new, url, old],
        )

    # --- End of feeds and pages. ----------------------------------------------------------------------


def _connect(where: str, *, read_only: bool, wait: float) -> duckdb.DuckDBPyConnection:
    """A connection to the file, retried with growing pauses while another process holds its lock."""
    deadline = time.monotonic() + wait
    pause = 0.05
    while True:
        try:
            return duckdb.connect(where, read_only=read_only)
        except duckdb.Error as error:
            message = str(error)
            if "Could not set lock" not in message:
                raise StoreError(where, _one_line(error)) from error
            left = deadline - time.monotonic()
            if left <= 0:
                holder = _LOCK_HOLDER.search(message)
                who = f"another process (PID {holder.group(1)})" if holder else "another process"
                raise StoreError(
                    where,
                    f"in use by {who}; gave up after waiting {wait:g} s "
                    "($FLASHPOINT_LOCK_WAIT sets the wait)",
                ) from None
            time.sleep(min(pause, left))
            pause = min(pause * 2, 1.0)


def _refused_statement(conn: duckdb.DuckDBPyConnection, statement: duckdb.Statement) -> str | None:
    """The name of the statement kind when it may write, else None; EXPLAIN is judged by what it explains."""
    if statement.type == duckdb.StatementType.EXPLAIN:
        inner = conn.extract_statements(_EXPLAIN_PREFIX.sub("", statement.query, count=1))
        if len(inner) == 1 and inner[0].type != duckdb.StatementType.EXPLAIN:
            return _refused_statement(conn, inner[0])
        return "EXPLAIN"
    if statement.type in _READ_ONLY_TYPES:
        return None
    return statement.type.name


def _merge_reading(
    known: tuple[Actor, date | None, date | None] | None, actor: Actor, seen: date | None
) -> tuple[Actor, date | None, date | None]:
    """One batch's readings of an actor folded together: aliases joined, the knowledge base's
    identity preferred, the dates it was seen widened."""
    if known is None:
        return actor, seen, seen
    first_actor, first, last = known
    base = actor if actor.in_kb and not first_actor.in_kb else first_actor
    aliases = tuple(dict.fromkeys((*first_actor.aliases, *actor.aliases)))
    merged = Actor(
        id=base.id,
        name=base.name,
        kind=base.kind,
        country=base.country or actor.country,
        aliases=aliases,
        mentions=(),
        in_kb=first_actor.in_kb or actor.in_kb,
        acled_name=base.acled_name or actor.acled_name,
    )
    return merged, _earliest(first, seen), _latest(last, seen)


def _event_row(article: Article, seq: int, event: Event) -> list[object]:
    """An `events` row, columns in table order."""
    key = article.content_hash
    when, where, acled = event.date, event.location, event.acled
    return [
        f"{key[:EVENT_PREFIX_LEN]}:{event.id}",
        key,
        article.id,
        event.id,
        seq,
        event.type,
        event.mode,
        acled.event_type if acled else None,
        acled.sub_event_type if acled else None,
        event.status,
        event.source,
        event.target,
        when.start if when else None,
        when.end if when else None,
        when.precision if when else None,
        when.text if when else None,
        where.name if where else None,
        where.country if where else None,
        where.admin1 if where else None,
        where.lat if where else None,
        where.lon if where else None,
        where.precision if where else None,
        _stored_number(event.count),
        _stored_number(event.fatalities),
        list(event.attributed_to),
        event.trigger.start,
        event.trigger.end,
        event.evidence.start,
        event.evidence.end,
        event.evidence.text,
        event.confidence,
    ]


def _stored_number(value: int | None) -> int | None:
    """A count or death toll as stored: one beyond the INTEGER column ("killed 10000000000") is no
    count of anything real, and is stored as unknown rather than failing its whole batch."""
    if value is None or not -MAX_STORED_NUMBER <= value <= MAX_STORED_NUMBER:
        return None
    return value


def _relation_row(article: Article, relation: Relation) -> list[object]:
    """A `relations` row, columns in table order."""
    return [
        article.content_hash,
        article.id,
        relation.subject,
        relation.predicate,
        relation.object,
        relation.evidence.start,
        relation.evidence.end,
        relation.evidence.text,
        article.published,
    ]


def _write_rows(fmt: str, rows: Iterable[Sequence[Any]], stream: TextIO) -> int:
    """Write export rows as JSON Lines or CSV (with a header); returns how many rows were written."""
    written = 0
    if fmt == "csv":
        writer = csv.writer(stream)
        writer.writerow(_EXPORT_COLUMNS)
        for row in rows:
            writer.writerow([_csv_cell(value) for value in row])
            written += 1
        return written
    for row in rows:
        record = {name: _json_value(value) for name, value in zip(_EXPORT_COLUMNS, row, strict=True)}
        stream.write(json.dumps(record, ensure_ascii=False) + "\n")
        written += 1
    return written


def _csv_cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, list):
        return " | ".join(str(v) for v in value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def _json_value(value: object) -> object:
    return value.isoformat() if isinstance(value, date) else value


def _earliest(a: date | None, b: date | None) -> date | None:
    return min(d for d in (a, b) if d is not None) if a or b else None


def _latest(a: date | None, b: date | None) -> date | None:
    return max(d for d in (a, b) if d is not None) if a or b else None


def _sql_quote(text: str) -> str:
    """Text for a single-quoted SQL literal (COPY targets and comments take no parameters)."""
    return text.replace("'", "''")


# --- Feeds and pages (issue #10): the tables `Store._feed_tables` creates on first use. ---------------

_FEED_SCHEMA = """
CREATE TABLE IF NOT EXISTS feeds (
    url VARCHAR PRIMARY KEY,
    added_at TIMESTAMP NOT NULL,
    status VARCHAR NOT NULL,
    reason VARCHAR,
    etag VARCHAR,
    last_modified VARCHAR,
    polled_at TIMESTAMP,
    entries INTEGER NOT NULL,
    stored INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS pages (
    url VARCHAR PRIMARY KEY,
    feed VARCHAR,
    signature VARCHAR,
    status VARCHAR NOT NULL,
    reason VARCHAR,
    content_hash VARCHAR,
    etag VARCHAR,
    last_modified VARCHAR,
    author VARCHAR,
    attempts INTEGER NOT NULL,
    checked_at TIMESTAMP NOT NULL
);

CREATE TABLE IF NOT EXISTS article_versions (
    url VARCHAR NOT NULL,
    content_hash VARCHAR NOT NULL,
    author VARCHAR,
    fetched_at TIMESTAMP NOT NULL,
    superseded_at TIMESTAMP,
    superseded_by VARCHAR
);
"""
#: Tables whose rows of a replaced article version move to `superseded_<table>`; `articles` goes last.
_SUPERSEDABLE = ("events", "mentions", "relations", "articles")
_FEED_COLUMNS = "url, status, reason, etag, last_modified, polled_at, entries, stored"
_PAGE_COLUMNS = (
    "url, feed, signature, status, reason, content_hash, etag, last_modified, author, attempts, checked_at"
)


def _feed_state(row: tuple[Any, ...]) -> FeedState:
    from flashpoint.ingest.feeds import FeedState

    url, status, reason, etag, last_modified, polled_at, entries, stored = row
    return FeedState(
        url=url,
        status=status,
        reason=reason,
        etag=etag,
        last_modified=last_modified,
        polled_at=polled_at,
        entries=entries,
        stored=stored,
    )


def _page_state(row: tuple[Any, ...]) -> PageState:
    from flashpoint.ingest.feeds import PageState

    url, feed, signature, status, reason, content_hash, etag, last_modified, author, attempts, checked = row
    return PageState(
        url=url,
        feed=feed,
        signature=signature,
        status=status,
        reason=reason,
        content_hash=content_hash,
        etag=etag,
        last_modified=last_modified,
        author=author,
        attempts=attempts,
        checked_at=checked,
    )
