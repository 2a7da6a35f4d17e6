"""Platforms: the response log, the ladder of first responses, the platform's own voice, moderation outcomes."""

import streamlit as st

from clameur.i18n import fmt_int, t
from clameur.markdown_safe import md
from clameur.reactions.builder import ladder_view, voice_tables
from clameur.reactions.kept import not_kept_note
from clameur.reactions.platforms import (
    AvailabilityError,
    import_availability,
    moderation_outcome,
    own_voice,
    response_log,
    withheld_count,
)
from clameur.tables import for_people
from ui.context import page
from ui.editor import can_edit, editor_notice
from ui.events_editor import events_editor
from ui.figures import show_figure
from ui.table_view import show_events, show_table

ctx = page("platforms")
lang = ctx.lang

st.subheader(t("platforms.ladder", lang))
fig, table, steps = ladder_view(ctx.store, ctx.dataset_id, ctx.tz, lang)
if steps.empty:
    st.info(t("platforms.none", lang))
else:
    show_figure(fig, steps, f"{ctx.dataset['name']}-platform-ladder", lang, key="ladder")
    st.subheader(t("platforms.lags", lang))
    show_table(table, "platform-lags", lang, "lags")

st.subheader(t("platforms.log", lang))
log = response_log(ctx.store, ctx.dataset_id, lang=lang)
show_events(
    log,
    ["event_id", "starts_at", "platform", "event_type", "title", "status", "confidence", "source_outlet", "source_url"],
    ctx.tz,
    lang,
)
events_editor(ctx.store, log, dataset_id=ctx.dataset_id, tz=ctx.tz, lang=lang)

st.subheader(t("platforms.voice", lang))
st.caption(t("platforms.voice_intro", lang))
names = ctx.names()
not_kept = not_kept_note(ctx.store, ctx.dataset_id, lang)  # posts named one by one need the posts themselves
if not_kept:
    st.info(not_kept)
else:
    voice, top = own_voice(ctx.store, ctx.dataset_id)
    voice_df, top_df = voice_tables(voice, top, lang, names)
    if voice.empty:
        st.info(t("platforms.no_voice", lang))
    else:
        show_table(voice_df, "platform-voice", lang, "voice")
    show_table(top_df, "platform-top-posts", lang, "voice_top")

st.subheader(t("platforms.outcome", lang))
st.caption(t("platforms.outcome_intro", lang))
withheld = withheld_count(ctx.store, ctx.dataset_id)
if withheld is not None:
    st.caption(t("platforms.withheld", lang, n=fmt_int(withheld, lang)))
else:
    st.caption(not_kept)  # the checks of single posts cannot be matched either
upload = None
if can_edit():  # the editor role: importing outcomes writes to the database
    upload = st.file_uploader(t("platforms.outcome_import", lang), type=["csv"], key="availability_upload")
else:
    editor_notice(lang)
if upload is not None and st.button(t("platforms.outcome_import", lang), key="availability_go"):
    try:
        n = import_availability(ctx.store, ctx.dataset_id, upload.getvalue())
    except AvailabilityError as exc:
        st.error(md(exc.message(lang)))
    else:
        st.success(t("platforms.outcome_imported", lang, n=n))
outcome = moderation_outcome(ctx.store, ctx.dataset_id)
if outcome.empty:
    st.info(t("platforms.no_outcome", lang))
else:
    show_table(for_people(outcome, lang), "moderation-outcome", lang, "outcome")
