"""Networks: edges aggregated in DuckDB from the rollups, graphs and metrics in igraph, Gephi exports via networkx.

The edges come from the rollups built at import (clameur.rollups.definitions: ``roll_edges`` for the accounts'
networks, ``roll_tagsets`` for the co-hashtag one, ``accounts`` and ``roll_handles`` for the labels), never from the
posts: a dataset imported without its posts draws the same networks. The rollups are per minute, so a time window is
read on each post's minute (the page's windows are whole minutes: the same posts as their exact times).

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
- Labels: an account's handle in the accounts table (the smallest if several), else the handle its posts show most
  often (the smallest of equals), else a mention's own handle ("@x" → "x"), else the id.
- Metrics (PageRank, strengths, Louvain communities, coreness) are computed on the whole filtered network; only the
  drawn part (the top accounts by the chosen metric, ties by id) is laid out.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field, replace
from datetime import datetime

import igraph as ig
import numpy as np
import pandas as pd
from threadpoolctl import threadpool_limits

from clameur import settings
from clameur.errors import ClameurError
from clameur.store import Store, plausible_time, time_window

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
    """WHERE clause over a rollup ``e`` (fixed text) and its bound values. The rollups are per minute: a window is
    read on the minute of each post (the page's windows are whole minutes)."""
    where, params = ["e.dataset_id = ?"], [int(q.dataset_id)]
    window, window_params = time_window("e.minute", q.start, q.end)
    if window:  # a window reads times: a post dated 1970 is in none
        where += [plausible_time("e.minute"), *window]
        params += window_params
    if q.tag:
        where.append("list_contains(e.tags, ?)")
        params.append(q.tag)
    return " AND ".join(where), params


# Fixed SQL per kind (chosen by an allow-listed key); filters are bound parameters. The edges of accounts come from
# roll_edges (clameur.rollups.definitions applies the rules above when it builds it), which keeps the self-loops and
# the posts whose target is unknown (target NULL), so that coded_edges can count them before leaving them out; the
# co-hashtag edges come from roll_tagsets: every pair of tags a < b of a post's set. Weights count posts.
_EDGE_SQL = {
    "account": """
        SELECT e.source, e.target, sum(e.weight)::BIGINT AS weight
        FROM roll_edges e
        WHERE {where} AND e.network = ?
        GROUP BY e.source, e.target""",
    "hashtag": """
        WITH sets AS (
            SELECT e.tags, sum(e.posts)::BIGINT AS posts FROM roll_tagsets e
            WHERE {where} AND len(e.tags) > 1
            GROUP BY e.tags),
        firsts AS (SELECT tags, posts, unnest(tags) AS source FROM sets)
        SELECT source, target, sum(posts)::BIGINT AS weight FROM (
            SELECT source, unnest(list_filter(tags, lambda x: x > source)) AS target, posts FROM firsts)
        GROUP BY source, target""",
}


def _edge_sql(q: NetworkQuery) -> tuple[str, list]:
    where, params = _filters(q)
    if q.kind == "hashtag":
        return _EDGE_SQL["hashtag"].format(where=where), params
    return _EDGE_SQL["account"].format(where=where), [*params, q.kind]


# A node's label (the rule in the docstring): the accounts table, then roll_handles (so that a dataset whose posts were
# not kept has the same labels), then a mention's own handle ("@handle" ids), then the id.
_LABELS_SQL = """
    WITH acc AS (
        SELECT n.id, n.code, min(a.handle) AS handle
        FROM net_n n LEFT JOIN accounts a ON a.dataset_id = ? AND a.account_id = n.id AND a.handle IS NOT NULL
        GROUP BY n.id, n.code),
    seen AS (  -- only for the ids the accounts table lacks
        SELECT account_id, first(handle ORDER BY posts DESC, handle) AS handle FROM (
            SELECT account_id, handle, sum(posts) AS posts FROM roll_handles
            WHERE dataset_id = ? AND handle IS NOT NULL
                  AND account_id IN (SELECT id FROM acc WHERE handle IS NULL AND NOT starts_with(id, '@'))
            GROUP BY account_id, handle)
        GROUP BY account_id)
    SELECT coalesce(a.handle, CASE WHEN starts_with(a.id, '@') THEN substr(a.id, 2) ELSE s.handle END, a.id) AS label
    FROM acc a LEFT JOIN seen s ON s.account_id = a.id
    ORDER BY a.code"""


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

    def at_least(self, min_weight: int) -> CodedEdges:
        """The edges of weight ≥ ``min_weight`` and the nodes they touch, renumbered in the same (id) order."""
        if min_weight <= 1:
            return self
        keep = self.weight >= min_weight
        source, target = self.source[keep], self.target[keep]
        used = np.zeros(len(self.names), dtype=bool)
        used[source] = used[target] = True
        index = np.cumsum(used) - 1
        return CodedEdges(
            self.names[used],
            self.labels[used],
            index[source],
            index[target],
            self.weight[keep],
            self.self_loops,
            self.unresolved,
        )


def coded_edges(store: Store, q: NetworkQuery) -> CodedEdges:
    """The network's edges aggregated in DuckDB from the rollups; ids become codes in id order (so that ties sort as
    they would by id), and the edges come sorted by (source, target) code, so the same filters give the same graph
    whatever order DuckDB's threads return rows in."""
    return coded_edges_on(store.cursor(), q)


def coded_edges_on(cur, q: NetworkQuery) -> CodedEdges:
    """:func:`coded_edges` on a cursor (the summary's build runs inside the import's transaction)."""
    q.validate()
    sql, params = _edge_sql(q)
    cur.execute(f"CREATE OR REPLACE TEMP TABLE net_all AS {sql}", params)  # noqa: S608 (fixed SQL per kind)
    try:
        self_loops, unresolved = cur.execute(
            """SELECT coalesce(sum(weight) FILTER (WHERE source = target), 0)::BIGINT,
                      coalesce(sum(weight) FILTER (WHERE target IS NULL), 0)::BIGINT FROM net_all"""
        ).fetchone()
        cur.execute(  # the codes: every node of an edge kept, in id order
            """CREATE OR REPLACE TEMP TABLE net_n AS
               SELECT id, (row_number() OVER (ORDER BY id) - 1)::INTEGER AS code FROM (
                   SELECT source AS id FROM net_all WHERE target IS NOT NULL AND source <> target
                   UNION
                   SELECT target FROM net_all WHERE target IS NOT NULL AND source <> target)"""
        )
        names = np.asarray(cur.execute("SELECT id FROM net_n ORDER BY code").fetchnumpy()["id"], dtype=object)
        if q.kind == "hashtag" or not len(names):
            labels = names.copy()
        else:
            labels = np.asarray(cur.execute(_LABELS_SQL, [int(q.dataset_id)] * 2).fetchnumpy()["label"], dtype=object)
        arrays = cur.execute(
            """SELECT s.code AS s, t.code AS t, e.weight AS w FROM net_all e
               JOIN net_n s ON s.id = e.source JOIN net_n t ON t.id = e.target
               WHERE e.source <> e.target ORDER BY s.code, t.code"""
        ).fetchnumpy()
    finally:
        cur.execute("DROP TABLE IF EXISTS net_all")
        cur.execute("DROP TABLE IF EXISTS net_n")
    every = CodedEdges(
        names,
        labels,
        np.asarray(arrays["s"], dtype=np.int64),
        np.asarray(arrays["t"], dtype=np.int64),
        np.asarray(arrays["w"], dtype=np.int64),
        int(self_loops),
        int(unresolved),
    )
    return every.at_least(q.min_weight)


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
    # the whole network's nodes (id, label, pagerank, in_strength, out_strength, community, core, category) and edges
    # (source, target, weight); None when ``whole`` reads them from the summary, only when asked for
    held_nodes: pd.DataFrame | None
    held_edges: pd.DataFrame | None
    drawn: pd.DataFrame  # the nodes drawn (top N), with x, y
    drawn_edges: pd.DataFrame
    totals: dict = field(default_factory=dict)
    # the vertex (row of ``nodes``) at each end of each row of ``edges``: the drawn part and graph_of work on them
    ends: tuple[np.ndarray, np.ndarray] | None = None
    whole: Precomputed | None = None

    @property
    def nodes(self) -> pd.DataFrame:
        return self.held_nodes if self.held_nodes is not None else self.whole.nodes()

    @property
    def edges(self) -> pd.DataFrame:
        return self.held_edges if self.held_edges is not None else self.whole.edges()

    @property
    def empty(self) -> bool:
        """No edge in the whole filtered network (known without reading it)."""
        return not self.totals["edges"]

    def top_nodes(self, metric: str, n: int) -> pd.DataFrame:
        """The ``n`` nodes first by ``metric``, ties by id."""
        if self.held_nodes is None:
            return self.whole.top(metric, n)
        return self.held_nodes.sort_values([metric, "id"], ascending=[False, True]).head(n)

    def among(self, wanted: set) -> tuple[np.ndarray, pd.DataFrame]:
        """The ids of ``wanted`` that are nodes (in the nodes' order) and the edges among them (in the edges' order)."""
        if self.held_nodes is None:
            return self.whole.among(wanted)
        ids = self.nodes["id"][self.nodes["id"].isin(wanted)].to_numpy(dtype=object)
        e = self.edges
        return ids, e[e["source"].isin(wanted) & e["target"].isin(wanted)]


def build_graph(c: CodedEdges, directed: bool) -> ig.Graph:
    """An igraph graph from coded edges, with vertex attributes ``name`` and ``label``."""
    g = _graph(len(c.names), c.source, c.target, c.weight, directed)
    g.vs["name"] = list(c.names)
    g.vs["label"] = list(c.labels)
    return g


def _graph(n: int, source: np.ndarray, target: np.ndarray, weight: np.ndarray, directed: bool) -> ig.Graph:
    """Vertices 0..n-1 and the edges source[i] → target[i] with their weights (no vertex attributes)."""
    g = ig.Graph(n=int(n), directed=directed)
    if len(source):
        g.add_edges(np.column_stack([source, target]).astype(np.int64))  # a numpy array: 2× faster than lists
        g.es["weight"] = np.asarray(weight, dtype=float).tolist()
    return g


def compute_metrics(g: ig.Graph, seed: int = SEED, ids=None) -> pd.DataFrame:
    """PageRank, in/out strength (weighted degrees), Louvain communities (seeded), coreness, for every vertex
    (``ids``: the vertices' ids, else their ``name`` attribute)."""
    if g.vcount() == 0:
        return pd.DataFrame(columns=["id", "pagerank", "in_strength", "out_strength", "community", "core"])
    weights = "weight" if g.ecount() else None
    random.seed(seed)  # python-igraph draws from Python's random module
    undirected = g.as_undirected(mode="collapse", combine_edges={"weight": "sum"}) if g.is_directed() else g
    # igraph's own Louvain without its Python wrapper (which walks the membership in Python: 0.3 s at 180k nodes);
    # the result does not depend on the order of the edges
    membership = _stable_community_ids(np.array(ig.GraphBase.community_multilevel(undirected, weights)))
    mode_in, mode_out = ("in", "out") if g.is_directed() else ("all", "all")
    # igraph's PageRank (PRPACK) sums in OpenMP threads: the last bits, and so the order of near ties, changed from
    # one run to the next (a whole network computed at import must equal the same network computed live)
    with threadpool_limits(limits=1, user_api="openmp"):
        pagerank = g.pagerank(weights=weights, directed=g.is_directed())
    return pd.DataFrame(
        {
            "id": g.vs["name"] if ids is None else ids,
            "pagerank": pagerank,
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
    """Seeded Fruchterman-Reingold, scaled to [-1, 1]. The grid variant above 200 vertices: 0.07 s instead of 0.85 s
    at 1,000 (the page's default), 0.23 s at 5,000 where the exact one takes minutes."""
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
            grid="grid" if g.vcount() > 200 else "nogrid",  # "auto" did not switch to the grid here
        ).coords
    )
    # Robust scaling: a few small components flung far away must not shrink the main one to a dot.
    centre = np.median(coords, axis=0)
    span = np.percentile(np.abs(coords - centre), 97, axis=0).max() or 1.0
    return np.clip((coords - centre) / span, -1.15, 1.15)


def build_network(store: Store, q: NetworkQuery, categories: dict[str, str] | None = None) -> Network:
    q.validate()
    c = coded_edges(store, q)
    return draw(relabel(structure(q, len(c.names), c.source, c.target, c.weight), c, categories), q)


def structure(q: NetworkQuery, n: int, source: np.ndarray, target: np.ndarray, weight: np.ndarray) -> Network:
    """The whole filtered network over nodes 0..n-1 (their ids and labels are these codes): graph and metrics, nothing
    drawn yet (:func:`draw`). Codes follow the ids' order, so ties sort as they would by id. What a worker process
    computes: its input and its result are numbers, cheap to send (the graph itself stays behind; :func:`graph_of`
    rebuilds it). Edges stay numpy arrays of codes: the k-core and largest-component filters are masks over them."""
    directed = q.kind != "hashtag"
    codes = np.arange(n, dtype=np.int64)  # code of each vertex of g
    source, target = np.asarray(source, dtype=np.int64), np.asarray(target, dtype=np.int64)
    weight = np.asarray(weight, dtype=float)
    g = _graph(n, source, target, weight, directed)
    total_nodes, total_edges = g.vcount(), g.ecount()
    if q.k_core and g.vcount():
        keep = np.asarray(g.coreness(mode="all")) >= q.k_core
        g, codes, source, target, weight = _induced(keep, codes, source, target, weight, directed)
    if q.largest_component and g.vcount():
        membership = np.asarray(g.connected_components(mode="weak").membership)
        keep = membership == np.argmax(np.bincount(membership))  # the first largest, as igraph's giant()
        g, codes, source, target, weight = _induced(keep, codes, source, target, weight, directed)
    nodes = compute_metrics(g, ids=codes)
    nodes["label"] = codes
    nodes["category"] = ""
    kept = pd.DataFrame({"source": codes[source], "target": codes[target], "weight": weight})
    totals = {
        "nodes_all": total_nodes,
        "edges_all": total_edges,
        "nodes": g.vcount(),
        "edges": g.ecount(),
        "weight": int(weight.sum()) if len(weight) else 0,
    }
    return Network(q, None, nodes, kept, _no_drawn(nodes), kept.head(0), totals, (source, target))


def _no_drawn(nodes: pd.DataFrame) -> pd.DataFrame:
    return nodes.head(0).assign(x=pd.Series(dtype=float), y=pd.Series(dtype=float))


def _induced(keep: np.ndarray, codes, source, target, weight, directed: bool):
    """The subgraph of the vertices where ``keep`` (in their order, as igraph's induced_subgraph) and the edges
    among them, with the vertices renumbered."""
    index = np.cumsum(keep) - 1
    inside = keep[source] & keep[target]
    source, target, weight = index[source[inside]], index[target[inside]], weight[inside]
    codes = codes[keep]
    return _graph(len(codes), source, target, weight, directed), codes, source, target, weight


def relabel(net: Network, c: CodedEdges, categories: dict[str, str] | None = None) -> Network:
    """A :func:`structure` result with the codes replaced by the ids, labels and actor categories of ``c``."""

    # ids and labels as pandas strings once, then taken by code (not a conversion of every edge's strings)
    ids, labels = pd.array(c.names, dtype="str"), pd.array(c.labels, dtype="str")

    def named(frame: pd.DataFrame, *columns: str) -> pd.DataFrame:
        frame = frame.copy()
        for col in columns:
            frame[col] = ids.take(frame[col].to_numpy(dtype=np.int64)) if len(frame) else frame[col].astype(object)
        return frame

    def with_labels(frame: pd.DataFrame) -> pd.DataFrame:
        code = frame["id"].to_numpy(dtype=np.int64)
        frame = named(frame, "id")
        frame["label"] = labels.take(code) if len(frame) else frame["label"].astype(object)
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
        net.ends,
    )


def draw(net: Network, q: NetworkQuery | None = None, lay=None) -> Network:
    """``net`` with its drawn part: the top accounts by ``q``'s metric (ties by id), the edges among them and their
    layout. ``lay(n, source, target, weight, directed)`` computes the coordinates (:func:`layout_coded`, or the same
    in a worker process). The metrics are the whole network's; only the drawn part is laid out."""
    q = q or net.query
    drawn, drawn_edges = _drawn_part(net, q, lay or layout_coded)
    totals = dict(net.totals)
    extra = {k: totals.pop(k) for k in ("self_loops", "unresolved") if k in totals}
    totals |= {"nodes_drawn": len(drawn), "edges_drawn": len(drawn_edges), **extra}
    return Network(q, net.graph, net.held_nodes, net.held_edges, drawn, drawn_edges, totals, net.ends, net.whole)


def layout_coded(n: int, source: np.ndarray, target: np.ndarray, weight: np.ndarray, directed: bool) -> np.ndarray:
    """:func:`layout` of the graph over vertices 0..n-1 with these edges (numbers only: a worker process can run it)."""
    return layout(_graph(n, source, target, weight, directed))


def _categories(nodes: pd.DataFrame, categories: dict[str, str] | None) -> pd.Series:
    """The actor category of each node, by its id or else by its @handle ("" when unknown)."""
    cats = pd.Series(categories or {}, dtype=object)
    by_id = nodes["id"].map(cats)
    by_handle = ("@" + nodes["label"].astype(str).str.lower()).map(cats)
    return by_id.astype(object).fillna(by_handle.astype(object)).fillna("")


def graph_of(net: Network) -> ig.Graph:
    """The whole filtered graph (vertices in the order of ``net.nodes``), built here once when first asked for."""
    if net.graph is None:
        source, target = _ends(net)
        g = _graph(len(net.nodes), source, target, net.edges["weight"].to_numpy(), net.query.kind != "hashtag")
        g.vs["name"] = net.nodes["id"].tolist()
        g.vs["label"] = net.nodes["label"].tolist()
        net.graph = g
    return net.graph


def _ends(net: Network) -> tuple[np.ndarray, np.ndarray]:
    if net.ends is None:
        index = pd.Index(net.nodes["id"])
        net.ends = (index.get_indexer(net.edges["source"]), index.get_indexer(net.edges["target"]))
    return net.ends


def _drawn_part(net: Network, q: NetworkQuery, lay) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The top accounts by the metric (ties by id: the nodes are in id order) with the edges among them, laid out."""
    nodes, kept = net.nodes, net.edges
    source, target = _ends(net)
    cap = min(q.top, settings.NETWORK_MAX_NODES_DRAWN)
    rank = np.arange(len(nodes))  # the nodes' order is their ids' order
    order = np.lexsort((rank, -nodes[q.metric].to_numpy(dtype=float)))[:cap]
    in_top = np.zeros(len(nodes), dtype=bool)
    in_top[order] = True
    among = np.flatnonzero(in_top[source] & in_top[target]) if len(source) else np.zeros(0, dtype=np.int64)
    weight = kept["weight"].to_numpy(dtype=float)
    src, dst, w = source[among], target[among], weight[among]
    # heaviest first, then by source and target id (the vertices' order)
    shown = among[np.lexsort((dst, src, -w))][: settings.NETWORK_MAX_EDGES_DRAWN]
    # the layout's graph: the top vertices in vertex order, with every edge among them (not only those drawn);
    # accounts with no edge among those drawn add no structure: leave them out
    vertices = np.flatnonzero(in_top)
    if len(src):
        vertices = vertices[np.bincount(np.concatenate([src, dst]), minlength=len(nodes))[vertices] > 0]
        order = order[np.isin(order, vertices)]
    index = np.full(len(nodes), -1, dtype=np.int64)
    index[vertices] = np.arange(len(vertices))
    coords = np.asarray(lay(len(vertices), index[src], index[dst], w, q.kind != "hashtag"), dtype=float)
    coords = coords.reshape(-1, 2)[index[order]]
    top = nodes.iloc[order].assign(x=coords[:, 0], y=coords[:, 1])
    return top.reset_index(drop=True), kept.iloc[shown].reset_index(drop=True)


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


# ------------------------------------------------------------------------------------------ the precomputed view

SUMMARY_TABLE = "net_nodes"  # clameur.network.summary: every node of each kind's whole-period network


def precomputed(q: NetworkQuery) -> bool:
    """Whether ``q`` is a whole-period view with no filter, whose network and metrics the summary holds (what is
    drawn, metric and how many, does not matter)."""
    return (
        q.start is None
        and q.end is None
        and not q.tag
        and q.min_weight == 1
        and q.k_core == 0
        and not q.largest_component
    )


_NODES_SQL = """SELECT code, id, label, pagerank, in_strength, out_strength, community, core
    FROM net_nodes WHERE dataset_id = ? AND network = ?"""
# A part of the whole network: its nodes (``part``: the top N by a metric, or given ids) and every edge among them,
# read from the rollups for these nodes only. Fixed SQL per kind; the metric is an allow-listed column name.
_PART_EDGES_SQL = {
    "account": """
        WITH part AS ({part})
        SELECT s.code AS s, t.code AS t, sum(e.weight)::BIGINT AS w
        FROM roll_edges e JOIN part s ON s.id = e.source JOIN part t ON t.id = e.target
        WHERE e.dataset_id = ? AND e.network = ? AND e.source <> e.target
        GROUP BY s.code, t.code ORDER BY s.code, t.code""",
    "hashtag": """
        WITH part AS ({part}), every AS ({edges})
        SELECT s.code AS s, t.code AS t, e.weight AS w
        FROM every e JOIN part s ON s.id = e.source JOIN part t ON t.id = e.target
        ORDER BY s.code, t.code""",
}
_PART_BY = {
    "top": " ORDER BY {metric} DESC, code LIMIT ?",
    "ids": " AND list_contains(?, id)",
}


class Precomputed:
    """The whole-period network of one kind as its summary holds it: totals and any part read in DuckDB, the whole
    node and edge lists only when asked for (search, ego view, exports). Every figure equals the live path's."""

    def __init__(self, store: Store, q: NetworkQuery, categories: dict[str, str] | None = None):
        self.store, self.q, self.categories = store, replace(q, metric="pagerank"), categories

    def _params(self) -> list:
        return [int(self.q.dataset_id), self.q.kind]

    def totals(self) -> dict:
        cur = self.store.cursor()
        nodes, edges, weight = cur.execute(
            "SELECT count(*), coalesce(sum(edges_out), 0)::BIGINT, coalesce(sum(weight_out), 0)::BIGINT"
            " FROM net_nodes WHERE dataset_id = ? AND network = ?",
            self._params(),
        ).fetchone()
        self_loops = unresolved = 0
        if self.q.kind != "hashtag":  # as coded_edges counts them
            self_loops, unresolved = cur.execute(
                """SELECT coalesce(sum(weight) FILTER (WHERE source = target), 0)::BIGINT,
                          coalesce(sum(weight) FILTER (WHERE target IS NULL), 0)::BIGINT
                   FROM roll_edges WHERE dataset_id = ? AND network = ? AND (target IS NULL OR source = target)""",
                self._params(),
            ).fetchone()
        return {
            "nodes_all": int(nodes),
            "edges_all": int(edges),
            "nodes": int(nodes),
            "edges": int(edges),
            "weight": int(weight),
            "self_loops": int(self_loops),
            "unresolved": int(unresolved),
        }

    def _frame(self, rows: dict) -> pd.DataFrame:
        """Nodes as the live path's (:func:`structure` then :func:`relabel`): same columns, order and types."""
        frame = pd.DataFrame(
            {
                "id": pd.array(np.asarray(rows["id"], dtype=object), dtype="str"),
                "pagerank": np.asarray(rows["pagerank"], dtype=float),
                "in_strength": np.asarray(rows["in_strength"], dtype=float),
                "out_strength": np.asarray(rows["out_strength"], dtype=float),
                "community": np.asarray(rows["community"], dtype=np.int64),
                "core": np.asarray(rows["core"], dtype=np.int64),
                "label": pd.array(np.asarray(rows["label"], dtype=object), dtype="str"),
            }
        )
        frame["category"] = _categories(frame, self.categories)
        return frame

    def part(self, by: str, value, metric: str = "pagerank") -> Network:
        """The nodes of ``by`` ("top": the ``value`` first by ``metric``, ties by id; "ids": those of the list
        ``value``) in the whole network's order, and the edges among them, as a held network."""
        if metric not in METRICS:
            raise NetworkError("error.network.metric", metric=metric, known=", ".join(METRICS))
        part_sql = _NODES_SQL + _PART_BY[by].format(metric=metric)
        part_params = [*self._params(), value if by == "top" else sorted(value)]
        cur = self.store.cursor()
        rows = cur.execute(f"SELECT * FROM ({part_sql}) ORDER BY code", part_params).fetchnumpy()  # noqa: S608
        if self.q.kind == "hashtag":
            edges_sql, edges_params = _edge_sql(self.q)
            sql = _PART_EDGES_SQL["hashtag"].format(part=part_sql, edges=edges_sql)
            params = [*part_params, *edges_params]
        else:
            sql = _PART_EDGES_SQL["account"].format(part=part_sql)
            params = [*part_params, *self._params()]
        arrays = cur.execute(sql, params).fetchnumpy()
        nodes = self._frame(rows)
        index = pd.Index(np.asarray(rows["code"], dtype=np.int64))
        source = index.get_indexer(np.asarray(arrays["s"], dtype=np.int64))
        target = index.get_indexer(np.asarray(arrays["t"], dtype=np.int64))
        edges = pd.DataFrame(
            {
                "source": nodes["id"].take(source).reset_index(drop=True),
                "target": nodes["id"].take(target).reset_index(drop=True),
                "weight": np.asarray(arrays["w"], dtype=float),
            }
        )
        return Network(self.q, None, nodes, edges, _no_drawn(nodes), edges.head(0), {}, (source, target))

    def top(self, metric: str, n: int) -> pd.DataFrame:
        """The ``n`` nodes first by ``metric``, ties by id (DuckDB compares strings byte by byte: in UTF-8, the order
        of Python's and pandas' comparison)."""
        if metric not in METRICS:
            raise NetworkError("error.network.metric", metric=metric, known=", ".join(METRICS))
        rows = (
            self.store.cursor()
            .execute(_NODES_SQL + f" ORDER BY {metric} DESC, id LIMIT ?", [*self._params(), int(n)])  # noqa: S608
            .fetchnumpy()
        )
        return self._frame(rows).set_axis(pd.Index(np.asarray(rows["code"], dtype=np.int64)))  # rows of nodes()

    def among(self, wanted: set) -> tuple[np.ndarray, pd.DataFrame]:
        part = self.part("ids", [str(i) for i in wanted])
        return part.nodes["id"].to_numpy(dtype=object), part.edges

    def nodes(self) -> pd.DataFrame:
        rows = self.store.cursor().execute(_NODES_SQL + " ORDER BY code", self._params()).fetchnumpy()
        return self._frame(rows)

    def edges(self) -> pd.DataFrame:
        c = coded_edges(self.store, self.q)
        ids = pd.array(c.names, dtype="str")
        return pd.DataFrame(
            {"source": ids.take(c.source), "target": ids.take(c.target), "weight": np.asarray(c.weight, dtype=float)}
        )


def summary_network(q: NetworkQuery, whole: Precomputed, lay=None) -> Network:
    """The view ``q`` (:func:`precomputed`) from its summary: the totals, the top accounts and the edges among them
    laid out as :func:`draw` lays out the live network, the rest read when asked for."""
    q.validate()
    totals = whole.totals()
    cap = min(q.top, settings.NETWORK_MAX_NODES_DRAWN)
    drawn, drawn_edges = _drawn_part(whole.part("top", cap, q.metric), q, lay or layout_coded)
    extra = {k: totals.pop(k) for k in ("self_loops", "unresolved")}
    totals |= {"nodes_drawn": len(drawn), "edges_drawn": len(drawn_edges), **extra}
    return Network(q, None, None, None, drawn, drawn_edges, totals, None, whole)
