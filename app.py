"""Clameur: navigation (st.navigation) over the pages in views/ and the shared page configuration.

The pages live in views/, not pages/: Streamlit auto-discovers a pages/ folder and, on a deep link
(/timeline) that is the first request of a server, showed its own file-name navigation instead of ours.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from clameur.i18n import t
from ui.context import current_lang

HERE = Path(__file__).parent
# (file, i18n key, icon) in menu order; a page appears once its file exists.
PAGES = (
    ("views/overview.py", "nav.overview", ":material/dashboard:"),
    ("views/timeline.py", "nav.timeline", ":material/timeline:"),
    ("views/network.py", "nav.network", ":material/hub:"),
    ("views/institutions.py", "nav.institutions", ":material/account_balance:"),
    ("views/platforms.py", "nav.platforms", ":material/campaign:"),
    ("views/data.py", "nav.data", ":material/upload_file:"),
)

st.set_page_config(page_title="Clameur", page_icon=str(HERE / "ui" / "icon.png"), layout="wide")  # local: no CDN
lang = current_lang()
pages = [
    st.Page(path, title=t(key, lang), icon=icon, default=(i == 0), url_path=Path(path).stem)
    for i, (path, key, icon) in enumerate(PAGES)
    if (HERE / path).exists()
]
st.navigation(pages, position="sidebar").run()
