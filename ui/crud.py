"""Pieces shared by the record editors (events, actors): save with a sentence on error, delete with a
confirmation, import a CSV."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from clameur.errors import ClameurError
from clameur.markdown_safe import md
from ui.editor import can_edit, editor_notice


def export_then_tools(label: str, data: Callable[[], bytes], file_name: str, key: str, lang: str) -> bool:
    """The registry's CSV export, for everyone (built when clicked); then whether the editing tools may follow
    (the editor role: the table and the export stay, the tools that write go, with a notice)."""
    st.download_button(
        label, data=data, file_name=file_name, mime="text/csv", key=key, icon=":material/download:", on_click="ignore"
    )
    if can_edit():
        return True
    editor_notice(lang)
    return False


def clean_row(df: pd.DataFrame, column: str, value) -> dict:
    """The row where ``column == value`` as a dict, with NaN/NA as None (for prefilled forms)."""
    row = df[df[column] == value].iloc[0].to_dict()
    return {k: (None if not isinstance(v, str) and pd.isna(v) else v) for k, v in row.items()}


def save(action: Callable[[], object], errors: type[ClameurError], saved: str, lang: str | None = None) -> None:
    try:
        action()
    except errors as exc:
        st.error(md(exc.message(lang)))  # the messages quote what was typed or imported
    else:
        st.toast(saved)
        st.rerun()


def confirmed_delete(confirm_label: str, button_label: str, key: str, action: Callable[[], object]) -> None:
    sure = st.checkbox(confirm_label, key=f"{key}_sure")
    if st.button(button_label, disabled=not sure, key=f"{key}_delete"):
        action()
        st.rerun()


def csv_import(
    label: str,
    key: str,
    importer: Callable[[bytes], int],
    errors: type[ClameurError],
    done: Callable[[int], str],
    lang: str | None = None,
) -> None:
    upload = st.file_uploader(label, type=["csv"], key=f"{key}_upload")
    if upload is not None and st.button(label, key=f"{key}_import"):
        try:
            n = importer(upload.getvalue())
        except errors as exc:
            st.error(md(exc.message(lang)))
        else:
            st.success(done(n))
