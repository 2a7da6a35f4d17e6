"""Overview: the campaign at a glance, with where every number comes from."""

import streamlit as st

from clameur.i18n import t
from clameur.overview.builder import build_overview
from ui.context import sidebar, synthetic_banner
from ui.figures import show_figure
from ui.report import report_button
from ui.table_view import show_table

ctx = sidebar()
if ctx.dataset is None:
    st.title(t("app.title", ctx.lang))
    st.info(t("sidebar.no_data", ctx.lang))
    st.stop()

names = ctx.names()
ov = build_overview(ctx.store, ctx.dataset, ctx.tz, ctx.lang, names)
report_button("overview", ctx.lang, ov.title, privacy=ctx.privacy)
if not ctx.present:  # a slide opens on its figure (title, provenance and demo mark are on it)
    st.title(ov.title)
    synthetic_banner(ctx)
if ov.empty:
    st.info(t("overview.empty", ctx.lang))
    st.stop()
if not ctx.present:
    st.write(t("overview.intro", ctx.lang))

# A key figure's name carries its date and year ("Heure de pointe · 17 juin 2020"): it wraps rather than being cut.
st.html("<style>[data-testid='stMetricLabel'] * {white-space: normal !important; overflow: visible !important}</style>")
cols = st.columns(len(ov.figures))
for col, fig in zip(cols, ov.figures.values(), strict=True):
    col.metric(fig.name, fig.label, help=fig.help)
st.caption(ov.where_from)

show_figure(ov.chart, ov.chart_data, f"{ctx.dataset['name']}-{ov.bin}", ctx.lang, key="overview")
if not ov.events.empty:
    st.subheader(t("overview.events", ctx.lang))
    show_table(
        ov.events,
        "events",
        ctx.lang,
        "overview_events",
        column_config={"source": st.column_config.LinkColumn(t("overview.col.source", ctx.lang))},
    )

left, right = st.columns(2)
left.subheader(t("overview.top_accounts", ctx.lang))
if ov.top_accounts.empty:  # a dataset without retweets (a TikTok export): say so rather than draw an empty table
    left.info(t("overview.no_retweets", ctx.lang))
else:
    with left:
        show_table(ov.top_accounts, "top-accounts", ctx.lang, "overview_accounts")
right.subheader(t("overview.top_hashtags", ctx.lang))
with right:
    show_table(ov.top_hashtags, "top-hashtags", ctx.lang, "overview_hashtags")
