"""The menu: one link per page that carries the shared state (dataset, zone, language, window, privacy).

Streamlit's own menu (st.navigation in the sidebar) links to bare paths and clears the query string on a click,
so every page switch lost the dataset, the zone and the window. app.py hides it and hands its pages to this menu,
drawn at the top of the sidebar once the page has read the state: each entry is an st.page_link whose
``query_params`` are the shared values, both in its address (open in a new tab, copy the link) and on a click.
"""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from clameur.i18n import t
from ui.state import MENU, link_params


def register(pages: Sequence[tuple[str, str, str]]) -> None:
    """app.py, on every run: the pages (route, i18n key, icon) in menu order. A page run alone has no menu."""
    st.session_state[MENU] = tuple(pages)


def draw(slot: DeltaGenerator, lang: str) -> None:
    pages = st.session_state.get(MENU)
    if not pages:
        return
    params = link_params()
    with slot:
        for route, key, icon in pages:
            st.page_link(f"views/{route}/page.py", label=t(key, lang), icon=icon, query_params=params)


def link(route: str, label: str, icon: str) -> None:
    """A link in the page to another page, carrying the shared state (nothing when the page runs alone)."""
    if st.session_state.get(MENU):
        st.page_link(f"views/{route}/page.py", label=label, icon=icon, query_params=link_params())
