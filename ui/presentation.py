"""Presentation mode (`?present=1`): each page becomes a slide. Its first figure opens the page, whole on a 16:9
screen (1280×720 and larger) with its title and provenance, in larger text; no sidebar, no controls, no page title
or intro above it; two small buttons in the corner: save this slide as a PNG, leave the mode."""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from clameur.charts import slide
from clameur.i18n import t

EXIT_KEY = "present_exit"
SLIDE_PNG_KEY = "slide_png"
SLIDE_HEIGHT = 700  # px: the figure and its margins inside a 720-px-high window, whatever its width
_SLOT = "presentation_slot"  # session_state: this run's slide container, until the first figure fills it
# Our own static CSS (no user text in it). Widgets are hidden, not removed, so the page keeps their values; empty
# rows of hidden widgets take no room; the two buttons float one above the other in the bottom-right corner, right
# of the figure's source line (which starts at the left), under the axis, never over the title.
_CSS = f"""<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandedSidebar"],
header[data-testid="stHeader"], [data-testid="stToolbar"], .modebar-container {{ display: none !important; }}
[data-testid="stSelectbox"], [data-testid="stMultiSelect"], [data-testid="stSlider"],
[data-testid="stNumberInput"], [data-testid="stRadio"], [data-testid="stCheckbox"], [data-testid="stTextInput"],
[data-testid="stDateInput"], [data-testid="stTimeInput"],
.stElementContainer:not(.st-key-{SLIDE_PNG_KEY}) [data-testid="stDownloadButton"],
[data-testid="stExpander"], [data-testid="stFileUploader"], [data-testid="stCaptionContainer"],
.stElementContainer:not(.st-key-{EXIT_KEY}) [data-testid="stButton"] {{ display: none !important; }}
.stElementContainer:has(> [data-testid="stSelectbox"], > [data-testid="stMultiSelect"], > [data-testid="stSlider"],
  > [data-testid="stNumberInput"], > [data-testid="stCaptionContainer"], > [data-testid="stCheckbox"],
  > [data-testid="stTextInput"]) {{ display: none !important; }}
.block-container {{ max-width: 100% !important; padding: 0.5rem 1.5rem 2rem !important; }}
.st-key-{EXIT_KEY}, .st-key-{SLIDE_PNG_KEY} {{ position: fixed; bottom: 0.4rem; z-index: 1000; width: auto !important;
}}
.st-key-{EXIT_KEY} button, .st-key-{SLIDE_PNG_KEY} button {{ min-height: 2rem; padding: 0.1rem 0.6rem; }}
.st-key-{EXIT_KEY} p, .st-key-{SLIDE_PNG_KEY} p {{ font-size: 0.8rem !important; }}
.st-key-{EXIT_KEY}, .st-key-{SLIDE_PNG_KEY} {{ right: 1rem; }}
.st-key-{SLIDE_PNG_KEY} {{ bottom: 2.9rem; }}
html, .stMarkdown p, .stMarkdown li {{ font-size: 1.25rem; }}
</style>"""


def presentation_size(fig: go.Figure) -> go.Figure:
    """The figure as the slide shows it: larger text, the height of a 720-px screen."""
    return slide(fig, SLIDE_HEIGHT)


def presenting() -> bool:
    return st.query_params.get("present") == "1"


def presentation_chrome(lang: str) -> None:
    """When presenting: the CSS, the slot the page's first figure will fill (at the top of the page), and the one
    button left to leave the mode."""
    st.session_state.pop(_SLOT, None)
    if not presenting():
        return
    st.html(_CSS)  # style only: Streamlit puts it out of the page's flow, where it takes no room
    st.session_state[_SLOT] = st.container()
    if st.button(t("present.exit", lang), key=EXIT_KEY, icon=":material/close_fullscreen:"):
        del st.query_params["present"]
        st.rerun()


def take_slide_slot():
    """The container of this run's slide, once: the first figure drawn while presenting goes there (then None)."""
    return st.session_state.pop(_SLOT, None)
