"""The time window shared by every page (kept by ui/state.py in the session and the URL, ?from=…&to=…, UTC),
and the line that shows it, in the display zone and naming it, with its reset button."""

from __future__ import annotations

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from clameur.i18n import fmt_datetime, t
from clameur.timezones import to_local
from ui.state import get_window, set_window

__all__ = ["get_window", "set_window", "show_window", "window_text"]


def window_text(tz: str, lang: str) -> str | None:
    """'Time window: 18 June 2020, 10:30 → 20 June 2020, 00:00 (Europe/Paris)', or None for the whole dataset."""
    start, end = get_window()
    if start is None and end is None:
        return None
    start_text, end_text = (fmt_datetime(to_local(x, tz), lang) if x is not None else "…" for x in (start, end))
    return t("state.window", lang, start=start_text, end=end_text, tz=tz)


def show_window(tz: str, lang: str, where: DeltaGenerator | None = None, *, key: str, note: bool = False) -> None:
    """The active window with a reset button (or 'the whole dataset'); ``note`` says which pages it filters."""
    where = st if where is None else where
    text = window_text(tz, lang)
    if text is None:
        where.caption(t("state.window_all", lang))
        return
    where.caption(text)
    if note:
        where.caption(t("state.window_where", lang))
    if where.button(t("state.reset_window", lang), key=key, icon=":material/restart_alt:"):
        set_window(None, None)
        st.rerun()
