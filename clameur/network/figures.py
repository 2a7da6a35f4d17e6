"""Network figures: edges as one line trace, nodes as markers sized by a metric."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from clameur.charts import HEIGHT, PALETTE, Provenance, esc, finish
from clameur.i18n import fmt_float, fmt_int, t
from clameur.privacy import Pseudonymizer

CATEGORY_COLOURS = {
    "government": "#D55E00",
    "ministry": "#D55E00",
    "parliament": "#CC79A7",
    "regulator": "#CC79A7",
    "public_body": "#CC79A7",
    "politician": "#E69F00",
    "party": "#E69F00",
    "media": "#0072B2",
    "ngo": "#009E73",
    "platform": "#000000",
    "influencer": "#56B4E9",
    "other": "#999999",
    "": "#BBBBBB",
}
OTHER_COMMUNITY = "#BBBBBB"
COLOUR_BY = ("community", "category")  # what the node colour shows
LABELLED = 10


def node_colours(drawn: pd.DataFrame, colour_by: str) -> list[str]:
    if colour_by == "category":
        return [CATEGORY_COLOURS.get(c, "#999999") for c in drawn["category"]]
    return [PALETTE[c] if c < len(PALETTE) else OTHER_COMMUNITY for c in drawn["community"]]


def network_figure(
    drawn: pd.DataFrame,
    drawn_edges: pd.DataFrame,
    *,
    metric: str,
    colour_by: str,
    title: str,
    prov: Provenance,
    lang: str,
    names: Pseudonymizer,
    positions: dict | None = None,
    width: float = 1.0,
) -> go.Figure:
    """``positions`` (id → (x, y)) overrides the layout, to keep nodes in place across time slices; ``width``: the
    share of the page's width the figure is drawn in (its text lines are broken to fit)."""
    pos = positions or {i: (x, y) for i, x, y in zip(drawn["id"], drawn["x"], drawn["y"], strict=True)}
    fig = go.Figure()
    # One line trace for all edges: x0, x1, NaN per edge (NaN breaks the line), built with numpy.
    index = pd.Index(list(pos), dtype=object)
    coords = np.array(list(pos.values()), dtype=float).reshape(-1, 2)
    src = index.get_indexer(drawn_edges["source"])
    dst = index.get_indexer(drawn_edges["target"])
    keep = (src >= 0) & (dst >= 0)
    src, dst = src[keep], dst[keep]
    xs = np.column_stack([coords[src, 0], coords[dst, 0], np.full(len(src), np.nan)]).ravel()
    ys = np.column_stack([coords[src, 1], coords[dst, 1], np.full(len(src), np.nan)]).ravel()
    fig.add_scatter(
        x=xs,
        y=ys,
        mode="lines",
        line=dict(width=0.5, color="rgba(120,120,120,0.35)"),
        hoverinfo="skip",
        showlegend=False,
        name="edges",
    )
    at = index.get_indexer(drawn["id"])
    shown = drawn[at >= 0]
    at = at[at >= 0]
    names_shown = [names.label(i, lbl) for i, lbl in zip(shown["id"], shown["label"], strict=True)]
    values = shown[metric].astype(float).to_numpy()
    sizes = 5 + 25 * np.sqrt(values / values.max()) if len(values) and values.max() > 0 else np.full(len(shown), 6)
    hover = [
        f"<b>{esc(n)}</b><br>{t('network.col.pagerank', lang)}: {fmt_float(pr * 1000, lang, 2)} ‰"
        f"<br>{t('network.col.in', lang)}: {fmt_int(i, lang)}<br>{t('network.col.out', lang)}: {fmt_int(o, lang)}"
        f"<br>{t('network.col.community', lang)}: {c}" + (f"<br>{esc(t('actor.' + cat, lang))}" if cat else "")
        for n, pr, i, o, c, cat in zip(
            names_shown,
            shown["pagerank"],
            shown["in_strength"],
            shown["out_strength"],
            shown["community"],
            shown["category"],
            strict=True,
        )
    ]
    # SVG markers, not WebGL: a WebGL context costs half a second per figure in a browser without a GPU (and in
    # kaleido), more than drawing the 5,000 markers the page allows at most.
    fig.add_trace(
        go.Scatter(
            x=coords[at, 0],
            y=coords[at, 1],
            mode="markers",
            marker=dict(size=sizes, color=node_colours(shown, colour_by), line=dict(width=0.5, color="white")),
            hovertext=hover,
            hoverinfo="text",
            showlegend=False,
            name="nodes",
        )
    )
    top = shown.assign(name=names_shown, size_by=values).nlargest(LABELLED, "size_by")  # float: also when empty
    # The most central accounts sit together in the middle: fan their labels out on short leader lines.
    for rank, row in enumerate(top.itertuples()):
        angle = 2 * np.pi * rank / max(len(top), 1) + np.pi / 2
        fig.add_annotation(
            x=pos[row.id][0],
            y=pos[row.id][1],
            text=esc(row.name),
            showarrow=True,
            arrowhead=0,
            arrowwidth=0.8,
            arrowcolor="#555555",
            ax=int(90 * np.cos(angle)),
            ay=int(-70 * np.sin(angle)),
            font=dict(size=11, color="#222222"),
            bgcolor="rgba(255,255,255,0.85)",
        )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False, scaleanchor="x", scaleratio=1)
    if names.rule(lang):
        prov.extra.append(names.rule(lang))
    finish(fig, title, prov, lang, width=width)
    return fig.update_layout(height=HEIGHT)  # a graph needs the room a time series does not
