"""Clameur: navigation (st.navigation) over views/<route>/page.py and the shared page configuration.

The pages are in views/, not pages/: when a folder named pages/ sits beside the main script, Streamlit 1.67 runs
a server's first session in its old multipage mode, which runs pages/*.py without app.py and, on a deep link as
that first request, opens its English "Page not found" dialog over the right page (tests/test_browser.py).
Streamlit's own menu is hidden: it clears the query string on every click. ui/menu.py draws one whose links carry
the shared state (dataset, time zone, language, time window, privacy).
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from clameur.i18n import t
from ui import menu
from ui.context import current_lang, release_store

HERE = Path(__file__).parent
# (route, i18n key, icon) in menu order: views/<route>/page.py is served at /<route>.
PAGES = (
    ("overview", "nav.overview", ":material/dashboard:"),
    ("timeline", "nav.timeline", ":material/timeline:"),
    ("network", "nav.network", ":material/hub:"),
    ("institutions", "nav.institutions", ":material/account_balance:"),
    ("platforms", "nav.platforms", ":material/campaign:"),
    ("data", "nav.data", ":material/upload_file:"),
)

# Streamlit's own table export is not formula-safe: off even when the app is started without this folder's
# .streamlit/config.toml (ui/table_view.py puts Clameur's formula-safe CSV beside each table)
st.set_option("client.disableDataExport", True)
st.set_page_config(page_title="Clameur", page_icon=str(HERE / "ui" / "icon.png"), layout="wide")  # local: no CDN
lang = current_lang()
pages = [
    st.Page(f"views/{route}/page.py", title=t(key, lang), icon=icon, default=(i == 0), url_path=route)
    for i, (route, key, icon) in enumerate(PAGES)
]
menu.register(PAGES)
try:
    st.navigation(pages, position="hidden").run()
finally:  # also after st.stop() and st.rerun(): the database is let go when no page uses it (issue 21 §3)
    release_store()
