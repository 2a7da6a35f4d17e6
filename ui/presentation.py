"""Presentation mode (`?present=1`): no sidebar, no controls, larger text, for clean 16:9 screenshots."""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from clameur.i18n import t

EXIT_KEY = "present_exit"
# Our own static CSS (no user text in it). Widgets are hidden, not removed, so the page keeps their values.
_CSS = f"""<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandedSidebar"],
header[data-testid="stHeader"], [data-testid="stToolbar"], .modebar-container {{ display: none !important; }}
[data-testid="stSelectbox"], [data-testid="stMultiSelect"], [data-testid="stSlider"],
[data-testid="stNumberInput"], [data-testid="stRadio"], [data-testid="stCheckbox"], [data-testid="stTextInput"],
[data-testid="stDateInput"], [data-testid="stTimeInput"], [data-testid="stDownloadButton"],
[data-testid="stExpander"], [data-testid="stFileUploader"], [data-testid="stCaptionContainer"],
.stElementContainer:not(.st-key-{EXIT_KEY}) [data-testid="stButton"] {{ display: none !important; }}
.block-container {{ max-width: 100% !important; padding: 1.5rem 3rem !important; }}
html, .stMarkdown p, .stMarkdown li {{ font-size: 1.25rem; }}
</style>"""


def presentation_size(fig: go.Figure) -> go.Figure:
    """A copy of the figure with text large enough to read on a projected slide."""
    big = go.Figure(fig)
    big.update_layout(font_size=16, title_font_size=26, title_subtitle_font_size=17, height=720)
    return big


def presenting() -> bool:
    return st.query_params.get("present") == "1"


def presentation_chrome(lang: str) -> None:
    """When presenting: the CSS, and the one button left to leave the mode."""
    if not presenting():
        return
    st.markdown(_CSS, unsafe_allow_html=True)
    if st.button(t("present.exit", lang), key=EXIT_KEY, icon=":material/close_fullscreen:"):
        del st.query_params["present"]
        st.rerun()
