"""What the store derives across articles, kept current after every stored batch (issue #6).

`Store.open` calls `ensure` on a writable store: it adds the `event_clusters`,
`event_cluster_members` and `fulfilments` tables and the `actors.acled_name` column where they are
missing, and brings a store written before them up to date (the same incremental code, run over what
is not yet clustered or linked). `Store.add_results` calls `after_add` inside its transaction, so a
batch and everything derived from it are stored together or not at all.
"""

from __future__ import annotations

from collections.abc import Sequence

import duckdb

from flashpoint.records import ArticleResult
from flashpoint.store import clusters, watch

#: Articles clustered per call when an older store is brought up to date.
_BACKFILL_ARTICLES = 25_000


def ensure(conn: duckdb.DuckDBPyConnection) -> None:
    """Create the derived tables and columns if absent, and derive what an older store lacks."""
    conn.begin()
    try:
        clusters.ensure_tables(conn)
        watch.ensure_table(conn)
        conn.execute("ALTER TABLE actors ADD COLUMN IF NOT EXISTS acled_name VARCHAR")
        pending = clusters.unclustered_articles(conn)
        if pending:
            # In publication order, a slice at a time: the same clusters as one call (each call sees
            # the stored ones), with a slice's reports in memory rather than the whole store's.
            for i in range(0, len(pending), _BACKFILL_ARTICLES):
                clusters.assign_clusters(conn, pending[i : i + _BACKFILL_ARTICLES])
            watch.link_fulfilments(conn, None)
        conn.commit()
    except BaseException:
        conn.rollback()
        raise


def after_add(conn: duckdb.DuckDBPyConnection, results: Sequence[ArticleResult]) -> None:
    """Derive from a just-stored batch: actors' ACLED names, event clusters, fulfilled threats."""
    if not results:
        return
    names = {(a.id, a.acled_name) for r in results for a in r.actors if a.acled_name}
    if names:
        conn.executemany(
            "UPDATE actors SET acled_name = ? WHERE actor_id = ? AND acled_name IS NULL",
            [(name, actor_id) for actor_id, name in sorted(names)],
        )
    hashes = [r.article.content_hash for r in results]
    clusters.assign_clusters(conn, hashes)
    watch.link_fulfilments(conn, hashes)


def has_tables(conn: duckdb.DuckDBPyConnection) -> bool:
    """Whether the derived tables exist (a store written before them and opened read-only lacks them)."""
    row = conn.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'main' "
        "AND table_name IN ('event_clusters', 'event_cluster_members', 'fulfilments')"
    ).fetchone()
    return bool(row and row[0] == 3)
