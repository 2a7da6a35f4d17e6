"""What the network page shows, cached per (database, dataset, filters, data version)."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import replace
from datetime import datetime

import pandas as pd
import plotly.graph_objects as go

from clameur.charts import Provenance
from clameur.i18n import fmt_date, fmt_int, t
from clameur.network.figures import network_figure
from clameur.network.model import Network, NetworkQuery, build_network, layout, search_nodes
from clameur.privacy import Pseudonymizer
from clameur.reactions.actors import account_categories
from clameur.store import Store, dataset_by_id, scalar

_CACHE: OrderedDict = OrderedDict()
CACHE_SIZE = 16
TOP_DRAWN = 1000  # accounts drawn unless the reader asks for more (the page's default)


def _version(store: Store, dataset_id: int) -> tuple:
    """Changes whenever the dataset's rows or the actor registry change."""
    return (
        scalar(store, "SELECT count(*) FROM posts WHERE dataset_id = ?", [dataset_id]),
        scalar(store, "SELECT rows_loaded FROM datasets WHERE dataset_id = ?", [dataset_id]),
        scalar(store, "SELECT count(*) FROM actor_accounts"),
    )


def cached_network(store: Store, q: NetworkQuery) -> Network:
    """The network for these filters; a revisit with the same filters is instant."""
    key = (str(store.path), q, _version(store, q.dataset_id))
    if key in _CACHE:
        _CACHE.move_to_end(key)
        return _CACHE[key]
    net = build_network(store, q, account_categories(store))
    _CACHE[key] = net
    while len(_CACHE) > CACHE_SIZE:
        _CACHE.popitem(last=False)
    return net


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
    unknown = t("network.left_out_unknown", lang, n=fmt_int(tot["unresolved"], lang)) if tot["unresolved"] else ""
    return t(
        "network.left_out",
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
    )


def top_table(net: Network, lang: str, names: Pseudonymizer, n: int = 25) -> pd.DataFrame:
    top = net.nodes.sort_values([net.query.metric, "id"], ascending=[False, True]).head(n)
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


def time_slices(store: Store, q: NetworkQuery, split: datetime) -> tuple[Network, Network, dict]:
    """The network before and after ``split``, drawn with one layout computed on their union."""
    # each slice stays inside the query's own window: a split outside it leaves one slice empty
    before = cached_network(store, replace(q, end=split if q.end is None else min(split, q.end)))
    after = cached_network(store, replace(q, start=split if q.start is None else max(split, q.start)))
    ids = pd.concat([before.drawn["id"], after.drawn["id"]]).drop_duplicates().tolist()
    union = cached_network(store, q).graph
    index = {name: i for i, name in enumerate(union.vs["name"])}
    sub = union.induced_subgraph([index[i] for i in ids if i in index])
    coords = layout(sub)
    positions = {name: (float(x), float(y)) for name, (x, y) in zip(sub.vs["name"], coords, strict=True)}
    return before, after, positions
