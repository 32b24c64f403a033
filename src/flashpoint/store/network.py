"""The actor network: actors as nodes; event dyads and stated relations as weighted, dated edges.

Edges are aggregated in SQL, so a graph of 100k events is a few thousand edges: one edge per
(source, target, kind, label), where kind is `event` (label: the PLOVER type; weight: the number
of happenings, i.e. event clusters, not reports) or `relation` (label: the predicate; weight: the
number of articles stating it). Each edge carries `first` and `last` dates, and `start`/`end` so
Gephi's timeline can play the GEXF file. Nodes carry name, kind, country and ACLED name.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any, TextIO

import duckdb
import networkx as nx

NETWORK_FORMATS = ("graphml", "gexf", "json")

_EDGES = """
SELECT source_id, target_id, 'event' AS kind, type AS label, count(*) AS weight,
       min(coalesce(date_start, first_published)) AS first,
       max(coalesce(date_end, date_start, first_published)) AS last,
       sum(fatalities) AS fatalities
FROM event_clusters
WHERE source_id IS NOT NULL AND target_id IS NOT NULL AND source_id != target_id
  AND list_contains(['occurred', 'ongoing'], status)
  AND ($since IS NULL OR coalesce(date_end, first_published) >= $since)
GROUP BY ALL
UNION ALL
SELECT subject_id, object_id, 'relation', predicate, count(DISTINCT content_hash),
       min(seen_on), max(seen_on), NULL
FROM relations
WHERE subject_id != object_id AND ($since IS NULL OR seen_on >= $since)
GROUP BY ALL
"""


def build_network(conn: duckdb.DuckDBPyConnection, *, since: date | None = None) -> nx.MultiDiGraph:
    """The graph of actors tied by happenings that occurred and by relations, since `since` if given."""
    graph: nx.MultiDiGraph = nx.MultiDiGraph(name="flashpoint actors")
    edges = conn.execute(_EDGES, {"since": since}).fetchall()
    ids = sorted({e[0] for e in edges} | {e[1] for e in edges})
    actors = conn.execute(
        "SELECT actor_id, name, kind, country FROM actors WHERE list_contains(?, actor_id)", [ids]
    ).fetchall()
    known = {row[0]: row for row in actors}
    for actor_id in ids:
        _, name, kind, country = known.get(actor_id, (actor_id, actor_id, "other", None))
        graph.add_node(actor_id, **_clean({"label": name, "kind": kind, "country": country}))
    for n, (source, target, kind, label, weight, first, last, fatalities) in enumerate(edges):
        attrs = {
            "id": f"e{n}",
            "kind": kind,
            "label": label,
            "weight": int(weight),
            "first": first.isoformat() if first else None,
            "last": last.isoformat() if last else None,
            "start": first.isoformat() if first else None,
            "end": last.isoformat() if last else None,
            "fatalities": int(fatalities) if fatalities is not None else None,
        }
        graph.add_edge(source, target, key=f"{kind}:{label}", **_clean(attrs))
    return graph


def _clean(attrs: dict[str, Any]) -> dict[str, Any]:
    """GraphML and GEXF have no null: absent values are left out."""
    return {k: v for k, v in attrs.items() if v is not None}


def write_network(graph: nx.MultiDiGraph, fmt: str, out: str | Path | TextIO) -> None:
    """Write the graph as GraphML, GEXF (both open in Gephi) or node-link JSON to a path or stream."""
    if fmt == "json":
        text = json.dumps(nx.node_link_data(graph, edges="edges"), ensure_ascii=False)
        if isinstance(out, str | Path):
            Path(out).write_text(text + "\n", encoding="utf-8")
        else:
            out.write(text + "\n")
        return
    lines = nx.generate_graphml(graph) if fmt == "graphml" else nx.generate_gexf(graph)
    if isinstance(out, str | Path):
        with open(out, "w", encoding="utf-8") as stream:
            stream.writelines(line + "\n" for line in lines)
    else:
        out.writelines(line + "\n" for line in lines)
