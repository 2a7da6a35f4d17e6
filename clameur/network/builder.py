"""What the network page shows, computed once for every visitor per (database, dataset, filters, data version) and
bounded (clameur.heavy): a cap on concurrent computations, a memory budget per view, big work in a worker process.
Exports are built only when asked for.

Three levels are kept, so that a widget redoes only what it changes: the edges read from the rollups (kind, window,
hashtag), the whole network and its metrics (+ minimum weight, k-core, largest component), and the drawn part with its
layout (+ metric, how many accounts are drawn). The colour only changes the figure."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from clameur import heavy, settings
from clameur.charts import Provenance
from clameur.heavy import UNBOUNDED, Bounds
from clameur.i18n import fmt_date, fmt_int, t
from clameur.network import exports
from clameur.network.figures import network_figure
from clameur.network.model import (
    CodedEdges,
    Network,
    NetworkQuery,
    Precomputed,
    coded_edges,
    draw,
    layout_coded,
    precomputed,
    relabel,
    search_nodes,
    structure,
    summary_network,
)
from clameur.privacy import Pseudonymizer
from clameur.reactions.actors import account_categories
from clameur.store import Store, dataset_by_id, scalar

TOP_DRAWN = 1000  # accounts drawn unless the reader asks for more (the page's default)


def _version(store: Store, dataset_id: int) -> tuple:
    """Changes whenever the dataset's rows or the actor registry change (read from the rollups: a dataset whose posts
    were not kept has the same version as before they were let go)."""
    return (
        scalar(store, "SELECT coalesce(sum(posts), 0) FROM roll_volume WHERE dataset_id = ?", [dataset_id]),
        scalar(store, "SELECT rows_loaded FROM datasets WHERE dataset_id = ?", [dataset_id]),
        scalar(store, "SELECT count(*) FROM actor_accounts"),
    )


def _key(store: Store, q: NetworkQuery) -> tuple:
    return (str(store.path), q, _version(store, q.dataset_id))


def _whole_query(q: NetworkQuery) -> NetworkQuery:
    """The query of the whole network behind ``q``: what is drawn (metric, top) left at its default."""
    return replace(q, metric="pagerank", top=settings.NETWORK_MAX_NODES_DRAWN)


def _edges_query(q: NetworkQuery) -> NetworkQuery:
    """The query of the edges behind ``q``: kind, window and hashtag (the rest filters them in memory)."""
    return replace(_whole_query(q), min_weight=1, k_core=0, largest_component=False)


def cached_network(store: Store, q: NetworkQuery, bounds: Bounds = UNBOUNDED) -> Network:
    """The network for these filters, computed once for every visitor; a revisit with the same filters is instant,
    and a change of metric or of the number of accounts drawn only lays out again.

    With the app's ``bounds``: refused past the view's memory budget (:class:`heavy.TooBig`), waits for a slot
    (telling ``bounds.on_wait``), and computed in the worker process when big.

    The whole-period view with no filter is read from its summary (clameur.network.summary): only the accounts
    drawn and the edges among them are read and laid out; the whole node and edge lists are read, within the
    budget, when a search, an ego view or an export asks for them."""
    q = q.validate()
    whole_key = _key(store, _whole_query(q))
    if precomputed(q):
        net = heavy.CACHE.get(
            ("network", *_key(store, q)),
            lambda: _draw_summary(store, q, whole_key, bounds),
            size=network_bytes,
            on_wait=bounds.on_wait,
        )
        # The cache outlives the store of the run that filled it (the app lets the database go when idle): what the
        # summary reads later (top table, search, exports) goes through the store of the run that asks.
        if net.whole is not None:  # None: an empty network, drawn by the live path
            net.whole.store = store
        return net
    known = heavy.CACHE.peek(("size", *whole_key))  # a view refused once is refused again without a query
    if known is not None:
        heavy.check_budget("network", *known, settings.NETWORK_BYTES_PER_ELEMENT, bounds.budget_mb, q.kind)
    return heavy.CACHE.get(
        ("network", *_key(store, q)),
        lambda: _draw(store, q, whole_key, bounds),
        size=network_bytes,
        on_wait=bounds.on_wait,
    )


def _draw(store: Store, q: NetworkQuery, whole_key: tuple, bounds: Bounds) -> Network:
    whole = heavy.CACHE.get(
        ("network-whole", *whole_key),
        lambda: _build(store, _whole_query(q), whole_key, bounds),
        size=network_bytes,
        on_wait=bounds.on_wait,
    )

    def lay(n: int, source, target, weight, directed: bool):
        return heavy.run(layout_coded, n, source, target, weight, directed, isolate=bounds.isolate(n, len(source)))

    with heavy.GATE.slot(bounds.on_wait):
        return draw(whole, q, lay)


class _CachedWhole(Precomputed):
    """The summary's whole network, its node and edge lists kept in the shared cache once read, within the view's
    memory budget (the same check as the live path's)."""

    def __init__(self, store: Store, q: NetworkQuery, key: tuple, budget_mb: int | None):
        super().__init__(store, q, account_categories(store))
        self.key, self.budget_mb = key, budget_mb
        self.counts = super().totals()

    def check(self, edges: bool) -> None:
        nodes = self.counts["nodes"]
        heavy.check_budget(
            "network",
            nodes,
            self.counts["edges"] if edges else 0,
            settings.NETWORK_BYTES_PER_ELEMENT,
            self.budget_mb,
            self.q.kind,
        )

    def totals(self) -> dict:
        return dict(self.counts)

    def nodes(self) -> pd.DataFrame:
        self.check(edges=False)
        return heavy.CACHE.get(("network-nodes", *self.key), super().nodes, size=_frame_bytes)

    def edges(self) -> pd.DataFrame:
        self.check(edges=True)
        return heavy.CACHE.get(("network-all-edges", *self.key), super().edges, size=_frame_bytes)


def whole_refusal(net: Network) -> heavy.TooBig | None:
    """The refusal a search or an ego view would meet reading the whole network of a summary's view (None: it fits,
    or the network is already in memory)."""
    if not isinstance(net.whole, _CachedWhole) or net.held_nodes is not None:
        return None
    try:
        net.whole.check(edges=True)
    except heavy.TooBig as exc:
        return exc
    return None


def _frame_bytes(frame: pd.DataFrame) -> int:
    return int(frame.memory_usage(index=False).sum()) + 120 * len(frame)


def _draw_summary(store: Store, q: NetworkQuery, whole_key: tuple, bounds: Bounds) -> Network:
    def lay(n: int, source, target, weight, directed: bool):
        return heavy.run(layout_coded, n, source, target, weight, directed, isolate=bounds.isolate(n, len(source)))

    whole = _CachedWhole(store, q, whole_key, bounds.budget_mb)
    if not whole.counts["nodes"]:  # an empty network: the live path's frames, at no cost
        return _draw(store, q, whole_key, bounds)
    with heavy.GATE.slot(bounds.on_wait):
        return summary_network(q, whole, lay)


def _build(store: Store, q: NetworkQuery, key: tuple, bounds: Bounds) -> Network:
    with heavy.GATE.slot(bounds.on_wait):
        every = heavy.CACHE.get(
            ("network-edges", *_key(store, _edges_query(q))),
            # DuckDB, in this process: it lets go of the GIL while it works
            lambda: coded_edges(store, _edges_query(q)),
            size=coded_bytes,
        )
        c = every.at_least(q.min_weight)
        nodes, edges = len(c.names), len(c.source)
        heavy.CACHE.put(("size", *key), (nodes, edges))
        heavy.check_budget("network", nodes, edges, settings.NETWORK_BYTES_PER_ELEMENT, bounds.budget_mb, q.kind)
        coded = heavy.run(structure, q, nodes, c.source, c.target, c.weight, isolate=bounds.isolate(nodes, edges))
        return relabel(coded, c, account_categories(store))


def coded_bytes(c: CodedEdges) -> int:
    """What coded edges hold in memory: three numbers per edge, an id and a label per node."""
    return int(c.source.nbytes + c.target.nbytes + c.weight.nbytes) + 160 * len(c.names)


def network_bytes(net: Network) -> int:
    """What a cached network holds in memory (frames, and ids counted once as short strings); the whole lists a
    summary's network reads when asked for are counted in the cache on their own."""
    frames = [f for f in (net.held_nodes, net.held_edges, net.drawn, net.drawn_edges) if f is not None]
    nodes = net.held_nodes if net.held_nodes is not None else net.drawn
    return int(sum(f.memory_usage(index=False).sum() for f in frames)) + 120 * len(nodes)


def rule_sentence(kind: str, lang: str) -> str:
    if kind == "hashtag":
        return t("network.rule.hashtag", lang)
    rule = t("network.rule.account", lang, verb=t(f"network.verb.{kind}", lang))
    return f"{rule} {t('network.rule.reference', lang)}" if kind in ("reply", "quote") else rule


def left_out_sentence(net: Network, lang: str) -> str:
    """How many posts the network leaves out (self-loops, unknown targets), or "" when none."""
    tot, kind = net.totals, net.query.kind
    if kind == "hashtag" or not (tot.get("self_loops") or tot.get("unresolved")):
        return ""
    n_unknown = tot["unresolved"]
    unknown_key = "network.left_out_unknown_one" if n_unknown == 1 else "network.left_out_unknown"  # not "1 posts"
    unknown = t(unknown_key, lang, n=fmt_int(n_unknown, lang)) if n_unknown else ""
    return t(
        "network.left_out_one" if tot["self_loops"] == 1 else "network.left_out",
        lang,
        self_loops=fmt_int(tot["self_loops"], lang),
        verb_self=t(f"network.self.{kind}", lang),
        unresolved=unknown,
    )


def counts_sentence(net: Network, lang: str) -> str:
    """The page's counts caption: the filtered network, what is drawn, and what is left out."""
    tot = net.totals
    counts = t(
        "network.counts",
        lang,
        nodes=fmt_int(tot["nodes"], lang),
        edges=fmt_int(tot["edges"], lang),
        nodes_all=fmt_int(tot["nodes_all"], lang),
        edges_all=fmt_int(tot["edges_all"], lang),
        drawn=fmt_int(tot["nodes_drawn"], lang),
        drawn_edges=fmt_int(tot["edges_drawn"], lang),
    )
    left_out = left_out_sentence(net, lang)
    return f"{counts} {left_out}" if left_out else counts


def provenance(store: Store, net: Network, tz: str, lang: str) -> Provenance:
    q = net.query
    row = dataset_by_id(store, q.dataset_id)
    period = ""
    if q.start or q.end:
        loc = [
            fmt_date(pd.Timestamp(x).tz_localize("UTC").tz_convert(tz), lang) if x else "…" for x in (q.start, q.end)
        ]
        period = f"{loc[0]} – {loc[1]}"
    tot = net.totals
    extra = [
        t(
            "network.prov",
            lang,
            drawn=fmt_int(tot["nodes_drawn"], lang),
            nodes=fmt_int(tot["nodes"], lang),
            drawn_edges=fmt_int(tot["edges_drawn"], lang),
            edges=fmt_int(tot["edges"], lang),
        )
    ]
    if q.kind != "hashtag":  # the self-loop rule, stated on the figure as on the summary
        extra.append(t("network.prov_self", lang, n=fmt_int(tot.get("self_loops", 0), lang)))
    filters = []
    if q.min_weight > 1:
        filters.append(f"{t('network.min_weight', lang)} ≥ {q.min_weight}")
    if q.k_core:
        filters.append(f"k-core ≥ {q.k_core}")
    if q.largest_component:
        filters.append(t("network.lcc", lang))
    if q.tag:
        filters.append("#" + q.tag)
    return Provenance(
        datasets=[row["name"]],
        period=period,
        timezone=tz,
        n=tot["weight"],
        n_label=t(f"network.kind.{q.kind}", lang),
        synthetic=bool(row.get("synthetic")),
        extra=extra + filters,
        source=f"{row['name']} ({row.get('source_format') or '?'})",
    )


def figure(
    store: Store,
    net: Network,
    *,
    colour_by: str,
    tz: str,
    lang: str,
    names: Pseudonymizer,
    title: str | None = None,
    positions: dict | None = None,
    width: float = 1.0,
) -> go.Figure:
    title = title or t("network.chart_title", lang, kind=t(f"network.kind.{net.query.kind}", lang))
    return network_figure(
        net.drawn,
        net.drawn_edges,
        metric=net.query.metric,
        colour_by=colour_by,
        title=title,
        prov=provenance(store, net, tz, lang),
        lang=lang,
        names=names.for_network(net.query.kind),
        positions=positions,
        width=width,
    )


def top_table(net: Network, lang: str, names: Pseudonymizer, n: int = 25) -> pd.DataFrame:
    top = net.top_nodes(net.query.metric, n)
    names = names.for_network(net.query.kind)
    return pd.DataFrame(
        {
            t("network.col.account", lang): [
                names.label(i, lbl) for i, lbl in zip(top["id"], top["label"], strict=True)
            ],
            t("network.col.pagerank", lang): top["pagerank"].round(5),
            t("network.col.in", lang): top["in_strength"].astype(int),
            t("network.col.out", lang): top["out_strength"].astype(int),
            t("network.col.community", lang): top["community"],
            t("network.col.category", lang): [t(f"actor.{c}", lang) if c else "" for c in top["category"]],
        }
    )


def find_nodes(net: Network, text: str, names: Pseudonymizer, limit: int = 20) -> dict[str, str]:
    """{node id: shown name} of the nodes whose shown name or shown id contains ``text``: with privacy on, a
    masked account is found by its pseudonym, never by the handle or id it hides."""
    names = names.for_network(net.query.kind)
    nodes = net.nodes
    shown = nodes.assign(
        label=[names.label(i, lbl) for i, lbl in zip(nodes["id"], nodes["label"], strict=True)],
        id=[names.node_id(i, lbl) for i, lbl in zip(nodes["id"], nodes["label"], strict=True)],
        raw=nodes["id"],
    )
    hits = search_nodes(shown, text, limit)
    return dict(zip(hits["raw"], hits["label"], strict=True))


def time_slices(
    store: Store, q: NetworkQuery, split: datetime, bounds: Bounds = UNBOUNDED
) -> tuple[Network, Network, dict]:
    """The network before and after ``split``, drawn with one layout computed on their union (cached too)."""
    # each slice stays inside the query's own window: a split outside it leaves one slice empty
    before = cached_network(store, replace(q, end=split if q.end is None else min(split, q.end)), bounds)
    after = cached_network(store, replace(q, start=split if q.start is None else max(split, q.start)), bounds)
    whole = cached_network(store, q, bounds)
    positions = heavy.CACHE.get(
        ("slices", *_key(store, q), split),
        lambda: _union_layout(before, after, whole, bounds),
        size=lambda pos: 200 * len(pos),
        on_wait=bounds.on_wait,
    )
    return before, after, positions


def _union_layout(before: Network, after: Network, whole: Network, bounds: Bounds) -> dict:
    """Positions of the accounts drawn before or after, laid out on the edges among them in the whole network."""
    wanted = set(before.drawn["id"]) | set(after.drawn["id"])
    ids, e = whole.among(wanted)  # ids in the graph's vertex order
    index = pd.Index(ids)
    src, dst, weight = index.get_indexer(e["source"]), index.get_indexer(e["target"]), e["weight"].to_numpy()
    with heavy.GATE.slot(bounds.on_wait):
        coords = heavy.run(_layout_codes, len(ids), src, dst, weight, isolate=bounds.isolate(len(ids), len(e)))
    return {name: (float(x), float(y)) for name, (x, y) in zip(ids, coords, strict=True)}


def _layout_codes(n: int, source: np.ndarray, target: np.ndarray, weight: np.ndarray) -> np.ndarray:
    return layout_coded(n, source, target, weight, True)


def export_estimate(net: Network, bounds: Bounds = UNBOUNDED) -> heavy.TooBig | None:
    """The refusal an export of ``net`` would meet under ``bounds`` (None: it fits), known before anyone clicks."""
    try:
        heavy.check_budget(
            "export",
            net.totals["nodes"],
            net.totals["edges"],
            settings.EXPORT_BYTES_PER_ELEMENT,
            bounds.export_budget_mb,
            net.query.kind,
        )
    except heavy.TooBig as exc:
        return exc
    return None


def export_files(
    store: Store, net: Network, fmt: str, names: Pseudonymizer | None = None, bounds: Bounds = UNBOUNDED
) -> dict[str, bytes]:
    """The export files of ``net`` ({suffix: bytes}), built when asked for: within the export budget, in a slot,
    in the worker when big, and kept for the next visitor who asks for the same file."""
    exports.check_format(fmt)  # before the cache and a slot
    private = bool(names and names.enabled)
    key = ("export", *_key(store, net.query), fmt, private, names.lang if private else None)

    def build() -> dict[str, bytes]:
        refusal = export_estimate(net, bounds)
        if refusal is not None:
            raise refusal
        nodes, edges, notice = exports.shown_frames(net, names)
        with heavy.GATE.slot(bounds.on_wait):
            return heavy.run(
                exports.files,
                nodes,
                edges,
                net.query.kind,
                fmt,
                notice,
                isolate=bounds.isolate(net.totals["nodes"], net.totals["edges"]),
            )

    return heavy.CACHE.get(key, build, size=lambda files: sum(len(b) for b in files.values()), on_wait=bounds.on_wait)
