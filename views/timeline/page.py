"""Timeline: volumes over time, the events layer, explained peaks, campaigns compared from launch.

A change of bin, stack, mode or measure reruns the page, but only the chart's own work is done again: what the
database says for a view (volumes, peaks and their facts) and the comparison are kept for the session, keyed by
the view and by the datasets' rows (an import changes them), while the names (privacy) and the events are applied
on every run. A partial rerun (st.fragment) is not used: the report bundle's list of figures (ui/report.py, filled
by show_figure, emptied by the full run only) would keep the chart as first drawn beside the new one, and the
store a page run holds (ui/context.py) is let go when the full run ends, before a fragment would query it.
"""

import pandas as pd
import streamlit as st

from clameur.charts.time_axis import axis_to_utc
from clameur.i18n import t
from clameur.markdown_safe import md
from clameur.overview.summary import top_hashtags
from clameur.reactions.events import list_events
from clameur.store import QueryTimeout, list_datasets
from clameur.timeline.builder import (
    TimelineData,
    TimelineView,
    build_comparison,
    draw_timeline,
    peak_table,
    timeline_data,
)
from clameur.timeline.peaks import PeakRule
from clameur.timeline.queries import BINS, MEASURES, MODES, STACKS, TimelineError
from ui import url_state as url
from ui.context import page
from ui.events_editor import events_editor
from ui.figures import show_figure
from ui.table_view import show_events, show_table
from ui.window import get_window, set_window, show_window


@st.cache_data(scope="session", max_entries=24, show_spinner=False)
def _timeline_data(_store, datasets: pd.DataFrame, view: TimelineView) -> TimelineData:
    return timeline_data(_store, view)


@st.cache_data(scope="session", max_entries=8, show_spinner=False)
def _comparison(_store, datasets: pd.DataFrame, ids: list[int], tz: str, lang: str, threshold: int):
    return build_comparison(_store, ids, tz, lang, threshold)


ctx = page("timeline")
lang = ctx.lang

datasets = list_datasets(ctx.store)
ids = dict(zip(datasets["name"], datasets["dataset_id"], strict=True))
bins = ["auto", *BINS]
# Selects whose options are said in the reader's language are keyed by it: a keyed widget keeps the option text
# it was first drawn with, so a language switch would leave "kind" or "counts" on a French page.
controls = [
    url.choices("datasets", "tl_datasets", list(ids), [ctx.dataset["name"]]),
    url.choice("bin", f"tl_bin_{lang}", bins),
    url.choice("stack", f"tl_stack_{lang}", STACKS),
    url.choice("mode", f"tl_mode_{lang}", MODES),
    url.choice("measure", f"tl_measure_{lang}", MEASURES),
    url.number("k", "tl_k", 1.0, 10.0, 4.0, float),
    url.number("baseline", "tl_n", 3, 500, 24),
]
url.restore(controls, lang)
c1, c2 = st.columns(2)
choose = t("common.choose", lang)  # Streamlit's own placeholder is English whatever the language
chosen = c1.multiselect(t("timeline.datasets", lang), list(ids), key="tl_datasets", placeholder=choose)
dataset_ids = [int(ids[n]) for n in chosen] or [ctx.dataset_id]
tag_options = top_hashtags(ctx.store, dataset_ids[0], 40)["tag"].tolist()
tag_control = [url.choices("tags", "tl_tags", tag_options)]
url.restore(tag_control, lang)
tags = c2.multiselect(
    t("timeline.hashtags", lang), tag_options, key="tl_tags", format_func=lambda x: "#" + x, placeholder=choose
)
c3, c4, c5, c6 = st.columns(4)
bin_key = c3.selectbox(t("timeline.bin", lang), bins, key=f"tl_bin_{lang}", format_func=lambda b: t(f"bin.{b}", lang))
stack = c4.selectbox(
    t("timeline.stack", lang), STACKS, key=f"tl_stack_{lang}", format_func=lambda s: t(f"timeline.stack.{s}", lang)
)
mode = c5.selectbox(
    t("timeline.mode", lang), MODES, key=f"tl_mode_{lang}", format_func=lambda m: t(f"timeline.mode.{m}", lang)
)
measure = c6.selectbox(
    t("timeline.measure", lang),
    MEASURES,
    key=f"tl_measure_{lang}",
    format_func=lambda m: t(f"timeline.measure.{m}", lang),
)
p1, p2 = st.columns(2)
k = p1.slider(t("timeline.peaks_k", lang), 1.0, 10.0, step=0.5, key="tl_k")
window_n = p2.number_input(t("timeline.peaks_window", lang), 3, 500, key="tl_n")
url.publish([*controls, *tag_control])

start, end = get_window()
show_window(ctx.tz, lang, key="window_reset")

view = TimelineView(
    dataset_ids,
    ctx.tz,
    lang,
    bin=None if bin_key == "auto" else bin_key,
    stack=stack,
    mode=mode,
    measure=measure,
    tags=tags,
    start=start,
    end=end,
    rule=PeakRule(k=k, window=int(window_n)),
)
names = ctx.names()
try:
    data = _timeline_data(ctx.store, datasets, view)
    result = draw_timeline(data, view, names, list_events(ctx.store, view.dataset_ids[0], lang))
except (TimelineError, QueryTimeout) as exc:
    st.error(t("error.query_failed", lang, reason=md(exc.message(lang))))
    st.stop()
if result.data.empty:
    st.info(t("empty.no_posts", lang))
else:
    event = show_figure(
        result.figure, result.data, f"timeline-{ctx.dataset['name']}", lang, key="timeline", on_select=True
    )
    box = (event or {}).get("selection", {}).get("box") if event else None
    if box:
        xs = sorted(box[0]["x"])
        set_window(axis_to_utc(xs[0]), axis_to_utc(xs[1]))  # the chart is drawn on UTC instants
        st.rerun()

st.subheader(t("timeline.peaks_title", lang))
st.caption(view.rule.sentence(lang))
if result.peaks.empty:
    st.info(t("timeline.no_peaks", lang))
else:
    show_table(peak_table(result.peaks, lang, ctx.tz), "peaks", lang, "peaks")

st.subheader(t("events.section", lang))
if result.events.empty:
    st.info(t("events.none", lang))
else:
    show_events(
        result.events,
        [
            "event_id",
            "starts_at",
            "event_type",
            "title",
            "actor_name",
            "platform",
            "confidence",
            "source_outlet",
            "source_url",
        ],
        ctx.tz,
        lang,
        column_config={t("table.source_url", lang): st.column_config.TextColumn()},
    )
events_editor(ctx.store, result.events, dataset_id=dataset_ids[0], tz=ctx.tz, lang=lang)

st.subheader(t("timeline.compare_title", lang))
st.caption(t("timeline.compare_intro", lang))
compare = st.multiselect(
    t("timeline.datasets", lang),
    list(ids),
    default=[ctx.dataset["name"]],  # the chosen dataset; others are added by hand
    key="tl_compare",
    placeholder=choose,
)
threshold = st.number_input(t("timeline.compare_threshold", lang), 0, 100000, 0, key="tl_threshold")
if compare:
    fig, aligned, table = _comparison(ctx.store, datasets, [int(ids[n]) for n in compare], ctx.tz, lang, int(threshold))
    show_figure(fig, aligned, "campaigns-from-launch", lang, key="compare")
    show_table(table, "campaigns-from-launch", lang, "compare")
