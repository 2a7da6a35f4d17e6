"""One state shared by every page: dataset, time zone, language, time window and privacy, in the URL and the session.

Each value is read from the URL first (a link opened, a menu link followed, the browser's back button), then from
this visitor's session (what they last chose), then it takes its default. Whatever is read is checked; a value that
cannot be used is dropped from the URL and the session and reported as a sentence. The menu's links carry the state
(``link_params``), so no page switch resets it; a copied URL carries it too, so it reopens the same figure.

What the URL holds: ``dataset`` and ``lang`` always; ``tz`` when it is not the dataset's own zone (or a link asked
for it); ``from``/``to`` while a window is set, in UTC with a ``Z`` (clameur/window.py); ``privacy=0`` when off.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import streamlit as st

from clameur.settings import WINDOW_YEARS
from clameur.window import BadTime, format_url_time, parse_window, to_minute

SHARED = ("dataset", "tz", "lang", "from", "to", "privacy")
MEMORY = "shared_state"  # session key: {URL name: URL value}, the last good values
WINDOW = "time_window"  # session key: the window as naive UTC datetimes, read once per change
MENU = "menu_pages"  # session key set by app.py on every run: the pages the menu links to

# Page controls that belong to one dataset (its hashtags, its events, the datasets it is compared with): a new
# dataset clears them, with their session memory and their URL values. (widget key, URL name or None)
DATASET_SCOPED = (
    ("tl_datasets", "datasets"),
    ("tl_tags", "tags"),
    ("tl_compare", None),
    ("nw_tag", "tag"),
    ("nw_ego", None),
    ("nw_search", None),
    ("nw_split", None),
    ("fx_event", "event"),
)
_PAGE_MEMORY = "url_state:"  # ui/url_state.py's session memory of page controls


@dataclass(frozen=True)
class Problem:
    """A URL value that cannot be used: the sentence's i18n key and its values (``name`` and ``value`` among them)."""

    key: str
    params: dict


def memory() -> dict[str, str]:
    return st.session_state.setdefault(MEMORY, {})


def wanted(name: str) -> str | None:
    """The raw value asked for: the URL's, else the one this session last kept."""
    raw = st.query_params.get(name)
    return raw if raw is not None else memory().get(name)


def from_url(name: str) -> bool:
    """True when the URL asks for a value this session did not keep (a link opened, not a page switch)."""
    raw = st.query_params.get(name)
    return raw is not None and raw != memory().get(name)


def keep(name: str, value: str | None) -> None:
    """Write one shared value to the URL and the session; None leaves it out of both (its default)."""
    if value is None:
        st.query_params.pop(name, None)
        memory().pop(name, None)
    else:
        st.query_params[name] = memory()[name] = value


def drop(name: str) -> None:
    keep(name, None)


def link_params() -> dict[str, str]:
    """The shared values a link must carry, in a stable order."""
    kept = memory()
    return {name: kept[name] for name in SHARED if name in kept}


# The time window ----------------------------------------------------------------------------------------------


def resolve_window() -> list[Problem]:
    """Read the window (URL, else session); a bad one is dropped from both, with a sentence."""
    try:
        lo, hi = parse_window(wanted("from"), wanted("to"))
    except BadTime as exc:
        drop("from")
        drop("to")
        st.session_state[WINDOW] = (None, None)
        low, high = WINDOW_YEARS
        params = {"name": exc.name, "value": exc.value, "low": low, "high": high}
        return [Problem(f"state.bad_time.{exc.reason}", params)]
    set_window(lo, hi)
    return []


def get_window() -> tuple[datetime | None, datetime | None]:
    """The shared window as naive UTC datetimes; (None, None) means the whole dataset."""
    if WINDOW not in st.session_state:
        resolve_window()
    return st.session_state[WINDOW]


def set_window(start: datetime | None, end: datetime | None) -> None:
    """Keep a window (naive UTC), to the minute, in the session and the URL."""
    start, end = to_minute(start), to_minute(end)
    st.session_state[WINDOW] = (start, end)
    for name, value in (("from", start), ("to", end)):
        keep(name, None if value is None else format_url_time(value))


# A new dataset -------------------------------------------------------------------------------------------------


def select_dataset(name: str, *, follow_its_zone: bool = False) -> None:
    """Make ``name`` the dataset of every page: its window and its page controls start afresh."""
    if memory().get("dataset") == name and st.query_params.get("dataset") == name:
        return
    keep("dataset", name)
    set_window(None, None)  # a window belongs to the dataset it was drawn on
    if follow_its_zone:
        drop("tz")
    clear_dataset_controls()


def clear_dataset_controls(scoped: Sequence[tuple[str, str | None]] = DATASET_SCOPED) -> None:
    for key, url_name in scoped:
        st.session_state.pop(key, None)
        if url_name:
            st.session_state.pop(_PAGE_MEMORY + url_name, None)
            st.query_params.pop(url_name, None)


def arrived_by_link() -> None:
    """The URL brought another dataset than this session's (a link, the back button): the window and the page
    controls are the link's own, not the ones this session kept for the other dataset."""
    memory().pop("from", None)
    memory().pop("to", None)
    st.session_state.pop(WINDOW, None)
    for key, url_name in DATASET_SCOPED:
        st.session_state.pop(key, None)
        if url_name:
            st.session_state.pop(_PAGE_MEMORY + url_name, None)
