"""Show a house-style figure with its downloads (PNG/SVG from kaleido, data as CSV)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from clameur.charts import slide
from clameur.charts.export import FORMATS, figure_image
from clameur.heavy import in_slot
from clameur.i18n import t
from ui.presentation import SLIDE_PNG_KEY, presentation_size, presenting, take_slide_slot
from ui.report import add_figure
from ui.table_view import csv_download


def show_figure(fig: go.Figure, data: pd.DataFrame | None, name: str, lang: str, key: str, on_select: bool = False):
    """Render with ``theme=None`` (the figure carries its own template) and offer downloads.

    With ``on_select``, a box drawn on the chart reruns the page and the selection is returned. The files are
    built when their button is clicked (callables), images in one of the server's heavy slots."""
    add_figure(name, fig, data)  # for the page's report bundle
    shown = presentation_size(fig) if presenting() else fig  # downloads keep the house sizes
    slot = take_slide_slot() if presenting() else None  # the page's first figure opens the slide
    where = slot if slot is not None else st.container()
    event = where.plotly_chart(
        shown,
        theme=None,
        width="stretch",
        key=f"chart_{key}",
        config={"displaylogo": False, "typesetMath": False},
        on_select="rerun" if on_select else "ignore",
        selection_mode=("box",) if on_select else ("points", "box", "lasso"),
    )
    if slot is not None:  # one click saves the slide as shown: 1280×720, the slide's text sizes
        slot.download_button(
            t("present.save_png", lang),
            data=lambda: in_slot(figure_image, slide(fig), "png"),  # in a heavy slot, as the other images
            file_name=f"{name}-slide.png",
            mime="image/png",
            key=SLIDE_PNG_KEY,
            icon=":material/image:",
            on_click="ignore",
        )
    # Buttons as wide as their text, side by side, wrapping in a narrow column (a half-width panel).
    row = st.container(horizontal=True, gap="small")
    for fmt in FORMATS:
        row.download_button(
            t(f"download.{fmt}", lang),
            data=lambda fmt=fmt: in_slot(figure_image, fig, fmt),
            file_name=f"{name}.{fmt}",
            mime="image/png" if fmt == "png" else "image/svg+xml",
            key=f"{fmt}_{key}",
            icon=":material/image:",
            on_click="ignore",
        )
    if data is not None:
        csv_download(data, f"{name}.csv", lang, f"csv_{key}", where=row)
    return event
