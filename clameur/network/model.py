"""Networks: edges aggregated in DuckDB, graphs and metrics in igraph, Gephi exports via networkx.

Edge rules (stated on the page):
- retweet / reply / quote: author → the author of the retweeted / replied-to / quoted post, weighted
  by the number of such posts. Each network follows its reference, not the post's primary kind: a quote
  that is also a reply is in both the quote and the reply networks (a retweet is only a retweet).
- mention: author → mentioned account, for posts that are not retweets (a retweet's "RT @x" mention
  would repeat the retweet network), weighted by posts: a post that names an account twice weighs 1.
- hashtag: tag — tag, undirected, weighted by the number of posts that carry both.
- Self-loops (an account retweeting, replying to, quoting or mentioning itself) are not edges: they are
  left out of the network and of its counts, and their number is stated (``totals["self_loops"]``), as
  :func:`clameur.summary.summarize` does for the retweet figures. Posts whose target account is unknown are
  counted the same way (``totals["unresolved"]``).
- Weighted degrees are called strengths: ``in_strength`` (posts received), ``out_strength`` (posts made).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime

import igraph as ig
import numpy as np
import pandas as pd

from clameur import settings
from clameur.errors import ClameurError
from clameur.store import Store, plausible_time, query, time_window

KINDS = ("retweet", "mention", "reply", "quote", "hashtag")
METRICS = ("pagerank", "in_strength", "out_strength")  # strengths: weighted degrees
SEED = 2020


class NetworkError(ClameurError, ValueError):
    """A network view Clameur cannot build as asked; the message says what to change."""


@dataclass(frozen=True)
class NetworkQuery:
    dataset_id: int
    kind: str = "retweet"
    start: datetime | None = None  # naive UTC
    end: datetime | None = None
    tag: str | None = None  # only posts with this hashtag
    min_weight: int = 1
    k_core: int = 0
    largest_component: bool = False
    top: int = settings.NETWORK_MAX_NODES_DRAWN
    metric: str = "pagerank"

    def validate(self) -> NetworkQuery:
        if self.kind not in KINDS:
            raise NetworkError("error.network.kind", kind=self.kind, known=", ".join(KINDS))
        if self.metric not in METRICS:
            raise NetworkError("error.network.metric", metric=self.metric, known=", ".join(METRICS))
        if self.min_weight < 1 or self.top < 1 or self.k_core < 0:
            raise NetworkError("error.network.bounds")
        return self


def _filters(q: NetworkQuery) -> tuple[str, list]:
    """WHERE clause over posts `p` (fixed text) and its bound values."""
    where, params = ["p.dataset_id = ?"], [int(q.dataset_id)]
    window, window_params = time_window("p.created_at", q.start, q.end)
    if window:  # a window reads times: a post dated 1970 is in none
        where += [plausible_time("p.created_at"), *window]
        params += window_params
    if q.tag:
        where.append(
            "EXISTS (SELECT 1 FROM post_hashtags h WHERE h.dataset_id = p.dataset_id "
            "AND h.post_id = p.post_id AND h.tag = ?)"
        )
        params.append(q.tag)
    return " AND ".join(where), params


# Fixed SQL per kind (chosen by an allow-listed key); filters are bound parameters. Every query keeps the
# self-loops and the posts whose target is unknown (target NULL), so that coded_edges can count them before
# leaving them out; weights count posts.
_EDGE_SQL = {
    # A retweet's references (a quote or reply inside it) belong to its original: it is only a retweet.
    "retweet": """
        SELECT p.author_id AS source, p.ref_author_id AS target, count(*) AS weight
        FROM posts p
        WHERE {where} AND p.kind = 'retweet' AND p.author_id IS NOT NULL
        GROUP BY 1, 2""",
    # Replies and quotes follow the reference, not the primary kind: a quote that is also a reply is in both
    # networks. When the reference is the post's primary one its author is stored with the post; otherwise
    # (a quote's reply reference) it is looked up among the dataset's posts and context posts.
    "reference": """
        WITH r AS (
            SELECT p.author_id AS source, p.platform,
                   coalesce(p.{ref}, CASE WHEN p.kind = ? THEN p.ref_post_id END) AS ref_id,
                   CASE WHEN p.kind = ? THEN p.ref_author_id END AS known
            FROM posts p
            WHERE {where} AND p.kind <> 'retweet' AND p.author_id IS NOT NULL AND (p.{ref} IS NOT NULL OR p.kind = ?)),
        looked AS (
            SELECT post_id, platform, any_value(author_id) AS author_id FROM (
                SELECT post_id, platform, author_id FROM posts WHERE dataset_id = ? AND author_id IS NOT NULL
                UNION ALL
                SELECT post_id, platform, author_id FROM context_posts WHERE dataset_id = ? AND author_id IS NOT NULL)
            WHERE post_id IN (SELECT ref_id FROM r WHERE known IS NULL)
            GROUP BY 1, 2)
        SELECT r.source, coalesce(r.known, l.author_id) AS target, count(*) AS weight
        FROM r LEFT JOIN looked l ON r.known IS NULL AND l.post_id = r.ref_id AND l.platform = r.platform
        GROUP BY 1, 2""",
    # A post that names an account twice weighs 1 (posts, not mentions); a self-mention (by id or by handle)
    # becomes a self-loop, counted and left out like the others.
    "mention": """
        SELECT p.author_id AS source,
               CASE WHEN m.mentioned_id = p.author_id
                         OR lower(m.mentioned_handle) = lower(p.author_handle) THEN p.author_id
                    ELSE coalesce(m.mentioned_id, '@' || lower(m.mentioned_handle)) END AS target,
               count(DISTINCT p.post_id) AS weight
        FROM post_mentions m JOIN posts p ON p.dataset_id = m.dataset_id AND p.post_id = m.post_id
        WHERE {where} AND p.kind <> 'retweet' AND p.author_id IS NOT NULL
              AND coalesce(m.mentioned_id, m.mentioned_handle) IS NOT NULL
        GROUP BY 1, 2""",
    "hashtag": """
        SELECT a.tag AS source, b.tag AS target, count(*) AS weight
        FROM post_hashtags a JOIN post_hashtags b
          ON a.dataset_id = b.dataset_id AND a.post_id = b.post_id AND a.tag < b.tag
        JOIN posts p ON p.dataset_id = a.dataset_id AND p.post_id = a.post_id
        WHERE {where}
        GROUP BY 1, 2""",
}
# The column that holds each reference (fixed names, chosen by the allow-listed kind).
_REFERENCE = {"reply": "reply_to_post_id", "quote": "quote_of_post_id"}


def _edge_sql(q: NetworkQuery) -> tuple[str, list]:
    where, params = _filters(q)
    if q.kind in _REFERENCE:
        sql = _EDGE_SQL["reference"].format(where=where, ref=_REFERENCE[q.kind])
        return sql, [q.kind, q.kind, *params, q.kind, int(q.dataset_id), int(q.dataset_id)]
    return _EDGE_SQL[q.kind].format(where=where), params


@dataclass
class CodedEdges:
    """The filtered edge list as integer codes (cheap to move out of DuckDB) and the node ids and labels."""

    names: np.ndarray  # code → node id
    labels: np.ndarray  # code → label (handle, or the id when unknown)
    source: np.ndarray
    target: np.ndarray
    weight: np.ndarray
    self_loops: int = 0  # posts whose target is their own author: counted, left out of the network
    unresolved: int = 0  # posts whose target account is unknown: counted, left out


def coded_edges(store: Store, q: NetworkQuery) -> CodedEdges:
    q.validate()
    sql, params = _edge_sql(q)
    cur = store.cursor()
    cur.execute(f"CREATE OR REPLACE TEMP TABLE net_all AS {sql}", params)  # noqa: S608 (fixed SQL per kind)
    try:
        self_loops, unresolved = cur.execute(
            """SELECT coalesce(sum(weight) FILTER (WHERE source = target), 0)::BIGINT,
                      coalesce(sum(weight) FILTER (WHERE target IS NULL), 0)::BIGINT FROM net_all"""
        ).fetchone()
        cur.execute(
            """CREATE OR REPLACE TEMP TABLE net_e AS SELECT * FROM net_all
               WHERE target IS NOT NULL AND source <> target AND weight >= ?""",
            [q.min_weight],
        )
    finally:
        cur.execute("DROP TABLE IF EXISTS net_all")
    try:
        cur.execute("""CREATE OR REPLACE TEMP TABLE net_n AS
                       SELECT id, (row_number() OVER (ORDER BY id) - 1)::INTEGER AS code
                       FROM (SELECT source AS id FROM net_e UNION SELECT target FROM net_e)""")
        # ids and their handles (from the accounts table) in one fetch, in code order
        named = query(
            store,
            """SELECT n.id, a.handle FROM net_n n LEFT JOIN (
                                    SELECT account_id, any_value(handle) AS handle FROM accounts
                                    WHERE dataset_id = ? AND handle IS NOT NULL GROUP BY 1) a ON a.account_id = n.id
                                ORDER BY n.code""",
            [int(q.dataset_id)],
        )
        names = named["id"].to_numpy(dtype=object)
        arrays = cur.execute("""SELECT s.code AS s, t.code AS t, e.weight AS w FROM net_e e
                                JOIN net_n s ON s.id = e.source JOIN net_n t ON t.id = e.target""").fetchnumpy()
    finally:
        cur.execute("DROP TABLE IF EXISTS net_e")
        cur.execute("DROP TABLE IF EXISTS net_n")
    return CodedEdges(
        names,
        _node_labels(store, q, names, named["handle"]),
        np.asarray(arrays["s"]),
        np.asarray(arrays["t"]),
        np.asarray(arrays["w"]),
        int(self_loops),
        int(unresolved),
    )


def _node_labels(store: Store, q: NetworkQuery, names: np.ndarray, known: pd.Series) -> np.ndarray:
    """Handles for account ids: ``known`` (from the accounts table), then the posts for the few ids it lacks."""
    if q.kind == "hashtag" or not len(names):
        return names.copy()
    ids = pd.Series(names)
    labels = known.reset_index(drop=True).astype(object)
    missing = ids[labels.isna() & ~ids.str.startswith("@")].tolist()
    if missing:
        found = query(
            store,
            """SELECT id, any_value(h) AS handle FROM (
                                    SELECT author_id AS id, author_handle AS h FROM posts WHERE dataset_id = ?
                                    UNION ALL SELECT ref_author_id, ref_author_handle FROM posts WHERE dataset_id = ?
                                    UNION ALL SELECT mentioned_id, mentioned_handle FROM post_mentions
                                    WHERE dataset_id = ?)
                                WHERE id IN (SELECT unnest(?)) AND h IS NOT NULL GROUP BY id""",
            [int(q.dataset_id)] * 3 + [missing],
        ).set_index("id")["handle"]
        labels = labels.fillna(ids.map(found).astype(object))
    mention_handles = ids.where(ids.str.startswith("@")).str[1:]
    return labels.fillna(mention_handles).fillna(ids).to_numpy(dtype=object)


def edges(store: Store, q: NetworkQuery) -> pd.DataFrame:
    """Weighted edges (source, target, weight, labels) of the whole filtered network."""
    c = coded_edges(store, q)
    return pd.DataFrame(
        {
            "source": c.names[c.source],
            "target": c.names[c.target],
            "weight": c.weight,
            "source_label": c.labels[c.source],
            "target_label": c.labels[c.target],
        }
    )


@dataclass
class Network:
    query: NetworkQuery
    graph: ig.Graph | None  # the whole filtered graph; None until :func:`graph_of` builds it
    nodes: pd.DataFrame  # id, label, pagerank, in_strength, out_strength, community, core, category
    edges: pd.DataFrame  # source, target, weight
    drawn: pd.DataFrame  # the nodes drawn (top N), with x, y
    drawn_edges: pd.DataFrame
    totals: dict = field(default_factory=dict)


def build_graph(c: CodedEdges, directed: bool) -> ig.Graph:
    """An igraph graph from coded edges, with vertex attributes ``name`` and ``label``."""
    g = ig.Graph(n=len(c.names), directed=directed)
    g.add_edges(np.column_stack([c.source, c.target]).astype(np.int64))  # a numpy array: 2× faster than lists
    g.vs["name"] = list(c.names)
    g.vs["label"] = list(c.labels)
    g.es["weight"] = c.weight.astype(float).tolist()
    return g


def compute_metrics(g: ig.Graph, seed: int = SEED) -> pd.DataFrame:
    """PageRank, in/out strength (weighted degrees), Louvain communities (seeded), coreness, for every vertex."""
    if g.vcount() == 0:
        return pd.DataFrame(columns=["id", "pagerank", "in_strength", "out_strength", "community", "core"])
    weights = g.es["weight"]
    random.seed(seed)  # python-igraph draws from Python's random module
    undirected = g.as_undirected(mode="collapse", combine_edges={"weight": "sum"}) if g.is_directed() else g
    communities = undirected.community_multilevel(weights=undirected.es["weight"])
    membership = _stable_community_ids(np.array(communities.membership))
    mode_in, mode_out = ("in", "out") if g.is_directed() else ("all", "all")
    return pd.DataFrame(
        {
            "id": g.vs["name"],
            "pagerank": g.pagerank(weights=weights, directed=g.is_directed()),
            "in_strength": g.strength(mode=mode_in, weights=weights),
            "out_strength": g.strength(mode=mode_out, weights=weights),
            "community": membership,
            "core": g.coreness(mode="all"),
        }
    )


def _stable_community_ids(membership: np.ndarray) -> np.ndarray:
    """Renumber communities by size (largest = 0) so colours stay the same across reloads."""
    ids, counts = np.unique(membership, return_counts=True)
    order = ids[np.lexsort((ids, -counts))]
    rank = {c: i for i, c in enumerate(order)}
    return np.array([rank[c] for c in membership])


def layout(g: ig.Graph, seed: int = SEED) -> np.ndarray:
    """Seeded Fruchterman-Reingold (grid variant above 1,000 vertices: 0.6 s vs 13 s at 6k); scaled to [-1, 1]."""
    if g.vcount() == 0:
        return np.zeros((0, 2))
    rng = np.random.default_rng(seed)
    # Start positions spread like igraph's own (a square of side sqrt(n)): packed in [-1, 1], the grid
    # variant puts every vertex in one cell and the layout took 25 s instead of 0.6 s at 5k vertices.
    half = max(1.0, np.sqrt(g.vcount()) / 2)
    start = rng.uniform(-half, half, size=(g.vcount(), 2)).tolist()
    random.seed(seed)
    weights = np.log1p(np.array(g.es["weight"], dtype=float)) if g.ecount() else None
    coords = np.array(
        g.layout_fruchterman_reingold(
            weights=weights.tolist() if weights is not None else None,
            seed=start,
            niter=300,
            grid="grid" if g.vcount() > 1000 else "nogrid",  # "auto" did not switch to the grid here
        ).coords
    )
    # Robust scaling: a few small components flung far away must not shrink the main one to a dot.
    centre = np.median(coords, axis=0)
    span = np.percentile(np.abs(coords - centre), 97, axis=0).max() or 1.0
    return np.clip((coords - centre) / span, -1.15, 1.15)


def edge_frame(g: ig.Graph) -> pd.DataFrame:
    """The graph's edges as (source, target, weight) names, vectorised."""
    if not g.ecount():
        return pd.DataFrame({"source": [], "target": [], "weight": []})
    names = np.array(g.vs["name"], dtype=object)
    pairs = np.array(g.get_edgelist())
    return pd.DataFrame({"source": names[pairs[:, 0]], "target": names[pairs[:, 1]], "weight": g.es["weight"]})


def build_network(store: Store, q: NetworkQuery, categories: dict[str, str] | None = None) -> Network:
    q.validate()
    c = coded_edges(store, q)
    return relabel(structure(q, len(c.names), c.source, c.target, c.weight), c, categories)


def structure(q: NetworkQuery, n: int, source: np.ndarray, target: np.ndarray, weight: np.ndarray) -> Network:
    """The network over nodes 0..n-1 (their ids and labels are these codes): graph, metrics, the drawn part and its
    layout. Codes follow the ids' order, so ties sort as they would by id. What a worker process computes: its
    input and its result are numbers, cheap to send (the graph itself stays behind; :func:`graph_of` rebuilds it)."""
    codes = np.arange(n, dtype=np.int64)
    g = build_graph(CodedEdges(codes, codes, source, target, weight), directed=q.kind != "hashtag")
    total_nodes, total_edges = g.vcount(), g.ecount()
    if q.k_core and g.vcount():
        core = g.coreness(mode="all")
        g = g.induced_subgraph([i for i, c in enumerate(core) if c >= q.k_core])
    if q.largest_component and g.vcount():
        g = g.connected_components(mode="weak").giant()
    nodes = compute_metrics(g)
    nodes["label"] = g.vs["label"] if g.vcount() else []
    nodes["category"] = ""
    kept = edge_frame(g)
    drawn, drawn_edges = _drawn_part(g, nodes, kept, q)
    totals = {
        "nodes_all": total_nodes,
        "edges_all": total_edges,
        "nodes": g.vcount(),
        "edges": g.ecount(),
        "weight": int(kept["weight"].sum()) if len(kept) else 0,
        "nodes_drawn": len(drawn),
        "edges_drawn": len(drawn_edges),
    }
    return Network(q, None, nodes, kept, drawn, drawn_edges, totals)


def relabel(net: Network, c: CodedEdges, categories: dict[str, str] | None = None) -> Network:
    """A :func:`structure` result with the codes replaced by the ids, labels and actor categories of ``c``."""

    def named(frame: pd.DataFrame, *columns: str) -> pd.DataFrame:
        frame = frame.copy()
        for col in columns:
            frame[col] = c.names[frame[col].to_numpy(dtype=np.int64)] if len(frame) else frame[col].astype(object)
        return frame

    def with_labels(frame: pd.DataFrame) -> pd.DataFrame:
        code = frame["id"].to_numpy(dtype=np.int64)
        frame = named(frame, "id")
        frame["label"] = c.labels[code] if len(frame) else frame["label"].astype(object)
        frame["category"] = _categories(frame, categories)
        return frame

    return Network(
        net.query,
        None,
        with_labels(net.nodes),
        named(net.edges, "source", "target"),
        with_labels(net.drawn),
        named(net.drawn_edges, "source", "target"),
        {
            **net.totals,
            "self_loops": c.self_loops,  # posts left out: an account retweeting / mentioning … itself
            "unresolved": c.unresolved,  # posts left out: the target account is unknown
        },
    )


def _categories(nodes: pd.DataFrame, categories: dict[str, str] | None) -> pd.Series:
    """The actor category of each node, by its id or else by its @handle ("" when unknown)."""
    cats = pd.Series(categories or {}, dtype=object)
    by_id = nodes["id"].map(cats)
    by_handle = ("@" + nodes["label"].astype(str).str.lower()).map(cats)
    return by_id.astype(object).fillna(by_handle.astype(object)).fillna("")


def graph_of(net: Network) -> ig.Graph:
    """The whole filtered graph (vertices in the order of ``net.nodes``), built here once when first asked for."""
    if net.graph is None:
        g = ig.Graph(n=len(net.nodes), directed=net.query.kind != "hashtag")
        index = pd.Index(net.nodes["id"])
        if len(net.edges):
            pairs = np.column_stack([index.get_indexer(net.edges["source"]), index.get_indexer(net.edges["target"])])
            g.add_edges(pairs.astype(np.int64))
            g.es["weight"] = net.edges["weight"].astype(float).tolist()
        g.vs["name"] = net.nodes["id"].tolist()
        g.vs["label"] = net.nodes["label"].tolist()
        net.graph = g
    return net.graph


def _drawn_part(g: ig.Graph, nodes: pd.DataFrame, kept: pd.DataFrame, q: NetworkQuery):
    cap = min(q.top, settings.NETWORK_MAX_NODES_DRAWN)
    top = nodes.sort_values([q.metric, "id"], ascending=[False, True]).head(cap)
    ids = set(top["id"])
    sub_edges = kept[kept["source"].isin(ids) & kept["target"].isin(ids)]
    sub_edges = sub_edges.sort_values(["weight", "source", "target"], ascending=[False, True, True]).head(
        settings.NETWORK_MAX_EDGES_DRAWN
    )
    index = {name: i for i, name in enumerate(g.vs["name"])} if g.vcount() else {}
    sub = g.induced_subgraph([index[i] for i in top["id"]]) if len(top) else ig.Graph()
    if sub.ecount():  # accounts with no edge among those drawn add no structure: leave them out
        sub = sub.induced_subgraph([v.index for v in sub.vs if sub.degree(v) > 0])
        top = top[top["id"].isin(set(sub.vs["name"]))]
    coords = layout(sub)
    pos = dict(zip(sub.vs["name"] if sub.vcount() else [], coords.tolist(), strict=True))
    top = top.assign(x=[pos[i][0] for i in top["id"]], y=[pos[i][1] for i in top["id"]])
    return top.reset_index(drop=True), sub_edges.reset_index(drop=True)


def ego(net: Network, node_id: str, steps: int = 1) -> dict:
    """An account's neighbourhood: who amplified it and whom it amplified, with counts."""
    g = graph_of(net)
    try:
        v = g.vs.find(name=node_id)
    except ValueError as exc:
        raise NetworkError("error.network.not_in_network") from exc
    hood = g.neighborhood(v, order=steps, mode="all")
    e = net.edges
    return {
        "amplified_by": e[e["target"] == node_id].sort_values("weight", ascending=False),
        "amplified": e[e["source"] == node_id].sort_values("weight", ascending=False),
        "neighbourhood": [g.vs[i]["name"] for i in hood],
    }


def search_nodes(nodes: pd.DataFrame, text: str, limit: int = 20) -> pd.DataFrame:
    """Accounts whose handle or id contains ``text`` literally (no wildcards: `%` and `_` are plain)."""
    if not text:
        return nodes.head(0)
    hit = nodes["label"].astype(str).str.contains(text, case=False, regex=False) | nodes["id"].astype(str).str.contains(
        text, case=False, regex=False
    )
    return nodes[hit].sort_values("pagerank", ascending=False).head(limit)
