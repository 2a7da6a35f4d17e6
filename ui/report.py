"""The report bundle button: the figures shown on this run of the page, zipped when the button is clicked."""

from __future__ import annotations

from urllib.parse import urlencode

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from clameur.heavy import in_slot
from clameur.i18n import t
from clameur.privacy import Pseudonymizer
from clameur.report_bundle import BundledFigure, bundle

_FIGURES = "report_figures"
_META = "report_meta"


def report_button(area: str, lang: str, title: str | None = None, privacy: bool = True) -> None:
    """In the sidebar; starts this run's list of figures (filled by show_figure). Call before the figures.
    ``privacy``: the page's privacy mode, said in the README (the figures themselves were made with it)."""
    figures: list[BundledFigure] = st.session_state.setdefault(_FIGURES, [])
    figures.clear()
    meta: dict = st.session_state.setdefault(_META, {})
    meta.update(area=area, title=title or t(f"{area}.title", lang), params={})
    notice = Pseudonymizer(None, None, enabled=privacy, lang=lang).notice()
    st.sidebar.download_button(
        t("report.button", lang),
        data=lambda: in_slot(bundle, meta["title"], list(figures), lang, _link(meta), notice),
        file_name=f"clameur-{area}.zip",
        mime="application/zip",
        help=t("report.help", lang),
        icon=":material/folder_zip:",
        on_click="ignore",
        key="report_zip",
    )


def add_figure(name: str, fig: go.Figure, data: pd.DataFrame | None) -> None:
    st.session_state.setdefault(_FIGURES, []).append(BundledFigure(name, fig, data))
    st.session_state.setdefault(_META, {})["params"] = st.query_params.to_dict()


def _link(meta: dict) -> str:
    path = "/" if meta["area"] == "overview" else f"/{meta['area']}"
    return path + ("?" + urlencode(meta["params"]) if meta["params"] else "")
