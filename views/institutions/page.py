"""Institutions: who reacted and when, the campaign with their posts and events, intervention effects."""

import streamlit as st

from clameur.i18n import t
from clameur.markdown_safe import md
from clameur.reactions.builder import (
    EFFECT_HOURS,
    comparison_choices,
    default_event,
    effect,
    effect_data,
    reactions_chart,
    who_table,
)
from clameur.reactions.effects import EffectError, method_note
from clameur.reactions.events import list_events
from clameur.reactions.kept import not_kept_note
from ui import url_state as url
from ui.context import page
from ui.figures import show_figure
from ui.table_view import show_table
from views.institutions.actors_editor import actors_editor

ctx = page("institutions")
lang = ctx.lang

# The page opens on the campaign with the reactions drawn on it; the table of who reacted follows.
fig, per_bin = reactions_chart(ctx.store, ctx.dataset_id, ctx.tz, lang)
show_figure(fig, per_bin, f"{ctx.dataset['name']}-reactions", lang, key="reactions")
not_kept = not_kept_note(ctx.store, ctx.dataset_id, lang)
if not_kept:  # the actors' posts marked on the chart are read from the posts
    st.caption(not_kept)

st.subheader(t("institutions.who", lang))
show_table(who_table(ctx.store, ctx.dataset_id, ctx.tz, lang), "who-reacted", lang, "who")

st.subheader(t("effects.title", lang))
events = list_events(ctx.store, ctx.dataset_id, lang)
if not events.empty:
    labels = dict(zip(events["event_id"], events["title"], strict=True))
    ids = list(labels)
    compare = comparison_choices(ctx.store, ctx.dataset_id, lang)
    controls = [
        url.choice("event", f"fx_event_{lang}", ids, default_event(events)),  # keyed by language: see timeline
        url.number("before", "fx_before", 3, 24 * 30, EFFECT_HOURS[0]),
        url.number("after", "fx_after", 3, 24 * 30, EFFECT_HOURS[1]),
        url.choice("compare", f"fx_compare_{lang}", list(compare), "auto"),
    ]
    url.restore(controls, lang)
    c1, c2, c3, c4 = st.columns([3, 1, 1, 2])
    pick = c1.selectbox(t("effects.event", lang), ids, format_func=labels.get, key=f"fx_event_{lang}")
    before_h = c2.number_input(t("effects.before_h", lang), 3, 24 * 30, key="fx_before")
    after_h = c3.number_input(t("effects.after_h", lang), 3, 24 * 30, key="fx_after")
    versus = c4.selectbox(
        t("effects.compare", lang),
        list(compare),
        format_func=compare.get,
        key=f"fx_compare_{lang}",
        help=t("effects.compare.help", lang),
    )
    url.publish(controls)
    try:
        fx_fig, fx_sentence, fx_table, fx = effect(
            ctx.store, ctx.dataset_id, pick, int(before_h), int(after_h), ctx.tz, lang, versus
        )
    except EffectError as exc:
        st.warning(md(exc.message(lang)))  # may name a comparison dataset or tag
    else:
        st.write(fx_sentence)  # the event's title and the comparison's name in it are escaped (text=md)
        st.caption(method_note(fx, lang, text=md))
        show_figure(fx_fig, effect_data(fx, ctx.tz), f"{ctx.dataset['name']}-effect", lang, key="effect")
        show_table(fx_table, "effect-before-after", lang, "effect")

st.subheader(t("registry.title", lang))
st.caption(t("registry.intro", lang))
actors_editor(ctx.store, lang)
