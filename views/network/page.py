"""Network: who carried the campaign — metrics, communities, ego view, time slices, Gephi export."""

import pandas as pd
import streamlit as st

from clameur import settings
from clameur.charts import NARROW
from clameur.heavy import Refused
from clameur.i18n import fmt_int, t
from clameur.i18n.clock import fmt_when
from clameur.markdown_safe import md
from clameur.network.builder import (
    TOP_DRAWN,
    cached_network,
    counts_sentence,
    export_estimate,
    export_files,
    figure,
    find_nodes,
    rule_sentence,
    time_slices,
    top_table,
    whole_refusal,
)
from clameur.network.figures import COLOUR_BY
from clameur.network.model import KINDS, METRICS, NetworkError, NetworkQuery, ego
from clameur.overview.summary import top_hashtags
from clameur.reactions.events import list_events
from clameur.store import QueryTimeout
from ui import url_state as url
from ui.context import page
from ui.figures import show_figure
from ui.heavy import bounded, download_bounds
from ui.table_view import show_table
from ui.window import get_window, show_window

ctx = page("network")
lang = ctx.lang

tags = top_hashtags(ctx.store, ctx.dataset_id, 40)["tag"].tolist()
# Selects whose options are said in the reader's language are keyed by it (see the timeline page).
controls = [
    url.choice("kind", f"nw_kind_{lang}", KINDS),
    url.choice("metric", f"nw_metric_{lang}", METRICS),
    url.choice("colour", f"nw_colour_{lang}", COLOUR_BY),
    url.choice("tag", "nw_tag", ["", *tags]),
    url.number("min_weight", "nw_min_weight", 1, 1000, 1),
    url.number("top", "nw_top", 10, settings.NETWORK_MAX_NODES_DRAWN, TOP_DRAWN),
    url.number("k_core", "nw_kcore", 0, 100, 0),
    url.flag("lcc", "nw_lcc"),
]
url.restore(controls, lang)
c1, c2, c3, c4 = st.columns(4)
kind = c1.selectbox(
    t("network.kind", lang), KINDS, key=f"nw_kind_{lang}", format_func=lambda k: t(f"network.kind.{k}", lang)
)
metric = c2.selectbox(
    t("network.metric", lang), METRICS, key=f"nw_metric_{lang}", format_func=lambda m: t(f"network.metric.{m}", lang)
)
colour_by = c3.selectbox(
    t("network.colour", lang),
    COLOUR_BY,
    key=f"nw_colour_{lang}",
    format_func=lambda c: t(f"network.colour.{c}", lang),
)
tag = c4.selectbox(t("timeline.hashtags", lang), ["", *tags], key="nw_tag", format_func=lambda x: "#" + x if x else "—")
f1, f2, f3, f4 = st.columns(4)
min_weight = f1.number_input(t("network.min_weight", lang), 1, 1000, key="nw_min_weight")
top = f2.number_input(t("network.top", lang), 10, settings.NETWORK_MAX_NODES_DRAWN, step=100, key="nw_top")
k_core = f3.number_input(t("network.k_core", lang), 0, 100, key="nw_kcore")
lcc = f4.checkbox(t("network.lcc", lang), key="nw_lcc")
url.publish(controls)
st.caption(rule_sentence(kind, lang))

start, end = get_window()
show_window(ctx.tz, lang, key="window_reset")
q = NetworkQuery(
    ctx.dataset_id,
    kind=kind,
    start=start,
    end=end,
    tag=tag or None,
    min_weight=int(min_weight),
    k_core=int(k_core),
    largest_component=lcc,
    top=int(top),
    metric=metric,
)
names = ctx.names()
with bounded(lang, int(ctx.dataset.get("rows_loaded") or 0)) as bounds:
    try:
        net = cached_network(ctx.store, q, bounds)
    except Refused as exc:  # past the view's memory budget, or the server stayed busy
        st.error(exc.sentence(lang))
        st.stop()
    except (NetworkError, QueryTimeout) as exc:
        st.error(t("error.query_failed", lang, reason=md(exc.message(lang))))
        st.stop()
st.caption(counts_sentence(net, lang))
if net.empty:
    st.info(t("network.empty", lang))
    st.stop()

fig = figure(ctx.store, net, colour_by=colour_by, tz=ctx.tz, lang=lang, names=names)
show_figure(fig, None, f"network-{kind}", lang, key="network")
st.write(t("network.export", lang))
# The files are built when a button is clicked (a callable), never on a plain run of the page.
too_big = export_estimate(net, download_bounds())
if too_big is not None:
    st.info(too_big.sentence(lang))
e1, e2, e3, e4 = st.columns(4)
name = f"{ctx.dataset['name']}-{kind}"
for col, label, fmt, part, file_name, mime in (
    (e1, "GEXF", "gexf", "gexf", f"{name}.gexf", "application/xml"),
    (e2, "GRAPHML", "graphml", "graphml", f"{name}.graphml", "application/xml"),
    (e3, "nodes.csv", "csv", "nodes.csv", f"{name}-nodes.csv", "text/csv"),
    (e4, "edges.csv", "csv", "edges.csv", f"{name}-edges.csv", "text/csv"),
):
    col.download_button(
        label,
        data=lambda fmt=fmt, part=part: export_files(ctx.store, net, fmt, names, download_bounds())[part],
        file_name=file_name,
        mime=mime,
        key=f"nw_{part.split('.')[0]}",
        icon=":material/download:",
        on_click="ignore",
        disabled=too_big is not None,
    )

st.subheader(t("network.top_table", lang))
show_table(top_table(net, lang, names), f"network-{kind}-top", lang, "nw_top_table")

st.subheader(t("network.ego", lang))
text = st.text_input(t("network.ego", lang), key="nw_search", label_visibility="collapsed")
refusal = whole_refusal(net) if text else None  # a search reads the whole network: within the view's budget
if refusal is not None:
    st.error(refusal.sentence(lang))
elif text:
    options = find_nodes(net, text, names)
    if not options:
        st.info(t("network.ego_none", lang, text=md(text)))
    else:
        g1, g2 = st.columns([3, 1])
        chosen = g1.selectbox(t("network.ego_pick", lang), list(options), format_func=options.get, key="nw_ego")
        steps = g2.radio(t("network.ego_steps", lang), (1, 2), horizontal=True, key="nw_steps")
        view = ego(net, chosen, steps)
        label = dict(zip(net.nodes["id"], net.nodes["label"], strict=True))
        shown = names.for_network(kind)

        def _table(df: pd.DataFrame, col: str) -> pd.DataFrame:
            return pd.DataFrame(
                {
                    t("network.col.account", lang): [shown.label(i, label.get(i)) for i in df[col]],
                    t("network.col.weight", lang): df["weight"].astype(int),
                }
            )

        st.caption(t("network.ego_size", lang, n=fmt_int(len(view["neighbourhood"]) - 1, lang), steps=steps))
        a, b = st.columns(2)
        with a:
            st.write(t("network.ego_by", lang))
            show_table(_table(view["amplified_by"], "source"), "ego-amplified-by", lang, "ego_by")
        with b:
            st.write(t("network.ego_to", lang))
            show_table(_table(view["amplified"], "target"), "ego-amplified", lang, "ego_to")

st.subheader(t("network.slices", lang))
st.caption(t("network.slices_intro", lang))
events = list_events(ctx.store, ctx.dataset_id, lang)
if not events.empty:
    labels = dict(zip(events["event_id"], events["title"], strict=True))
    default = events[events["event_type"] == "institutional_reaction"]["event_id"]
    ids = list(labels)
    pick = st.selectbox(
        t("network.slices_event", lang),
        ids,
        format_func=labels.get,
        key=f"nw_split_{lang}",
        index=ids.index(default.iloc[0]) if len(default) else 0,
    )
    split = pd.Timestamp(events.set_index("event_id").loc[pick, "starts_at"]).to_pydatetime()
    split_when = fmt_when(split, ctx.tz, lang, zone=False)  # short panel titles: the event is named in the select
    with bounded(lang) as bounds:
        try:
            before, after, positions = time_slices(ctx.store, q, split, bounds)
        except Refused as exc:
            st.error(exc.sentence(lang))
            st.stop()
    s1, s2 = st.columns(2)
    for col, part, key in ((s1, before, "network.slice_before"), (s2, after, "network.slice_after")):
        with col:
            fig = figure(
                ctx.store,
                part,
                colour_by=colour_by,
                tz=ctx.tz,
                lang=lang,
                names=names,
                title=t(key, lang, when=split_when),
                positions=positions,
                width=NARROW,
            )
            show_figure(fig, None, f"network-{kind}-{key.rsplit('_', 1)[-1]}", lang, key=f"slice_{key}")
