"""Heavy views on a page: the app's bounds (clameur.heavy), with a notice while the view waits for its turn."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st

from clameur import heavy, settings
from clameur.i18n import t


@contextmanager
def bounded(lang: str, posts: int = 0) -> Iterator[heavy.Bounds]:
    """The app's bounds; while the view waits for a slot or for another reader's identical view, it says so.
    For a dataset of many ``posts``, a worker process starts now, while the view queries the database."""
    notice = st.empty()

    def on_wait(reason: str) -> None:
        notice.info(t(f"heavy.waiting.{reason}", lang), icon=":material/hourglass_top:")

    if posts >= settings.HEAVY_WARM_POSTS:
        heavy.warm()
    try:
        yield heavy.app_bounds(on_wait)
    finally:
        notice.empty()


def download_bounds() -> heavy.Bounds:
    """For files built when a download button is clicked: that runs outside the page's script, so no notice."""
    return heavy.app_bounds()
