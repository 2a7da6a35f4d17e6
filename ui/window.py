"""The time window shared by every page, kept in session state and in the URL (?from=…&to=…, UTC)."""

from __future__ import annotations

from datetime import datetime

import streamlit as st

KEY = "time_window"


def _parse(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value).replace(tzinfo=None)
    except ValueError:
        return None


def get_window() -> tuple[datetime | None, datetime | None]:
    """The shared window as naive UTC datetimes; (None, None) means the whole dataset."""
    if KEY not in st.session_state:
        st.session_state[KEY] = (_parse(st.query_params.get("from")), _parse(st.query_params.get("to")))
    return st.session_state[KEY]


def set_window(start: datetime | None, end: datetime | None) -> None:
    st.session_state[KEY] = (start, end)
    for name, value in (("from", start), ("to", end)):
        if value is None:
            st.query_params.pop(name, None)
        else:
            st.query_params[name] = value.strftime("%Y-%m-%dT%H:%M")
