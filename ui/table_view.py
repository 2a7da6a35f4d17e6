"""A table on screen with Clameur's own CSV download beside it.

Streamlit's dataframe toolbar exported cells verbatim ("Download as CSV"), so a cell such as ``=HYPERLINK(…)`` from an
imported file ran as a formula in the spreadsheet that opened the export. Cells are shown verbatim on screen, which
that export cannot make safe: it is turned off for every table (``client.disableDataExport`` in
.streamlit/config.toml, and by app.py), and each table a person may want keeps a download that goes through
:func:`clameur.exports.csv_bytes` (formula-safe, UTF-8, ids as text), built only when clicked.
"""

from __future__ import annotations

import re

import pandas as pd
import streamlit as st

from clameur.exports import csv_bytes
from clameur.i18n import t
from clameur.reactions.events import events_table


def show_table(df: pd.DataFrame, name: str, lang: str, key: str, *, column_config: dict | None = None) -> None:
    st.dataframe(df, hide_index=True, width="stretch", column_config=column_config)
    stem = re.sub(r"[^A-Za-z0-9_-]+", "-", name).strip("-") or "table"
    csv_download(df, f"{stem}.csv", lang, f"table_csv_{key}")


def csv_download(df: pd.DataFrame, file_name: str, lang: str, key: str, *, where=st) -> None:
    """Clameur's CSV download of ``df`` (formula-safe, built only when clicked), as a button in ``where`` (a column,
    or the page); ``key`` is the button's whole widget key."""
    where.download_button(
        t("download.csv", lang),
        data=lambda: csv_bytes(df),
        file_name=file_name,
        mime="text/csv",
        key=key,
        icon=":material/download:",
        on_click="ignore",
    )


def show_events(events: pd.DataFrame, columns: list[str], tz: str, lang: str, *, column_config: dict | None = None):
    """An events table on screen (:func:`clameur.reactions.events.events_table`: texts in the reader's language,
    times in the display zone), without a download."""
    st.dataframe(events_table(events, columns, tz, lang), hide_index=True, width="stretch", column_config=column_config)
