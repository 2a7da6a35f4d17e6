"""A page's controls kept in the URL, so a copied link reopens the same view (issue #7).

``restore`` runs before the widgets: a value from the URL (or, after a page switch, the one last shown)
becomes the widget's state; a malformed value is reported in the sidebar and the default is used.
``publish`` runs after them and writes the current values back (defaults are left out of the URL).
Values are checked against the widget's own options: nothing from the URL reaches a query unchecked.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import streamlit as st

from clameur.i18n import t
from clameur.markdown_safe import md

_MEMORY = "url_state:"  # session keys that survive page switches (widget state does not)


@dataclass(frozen=True)
class Param:
    name: str  # in the URL
    key: str  # the widget's key
    parse: Callable[[str], object]  # raises ValueError on a malformed value
    show: Callable[[object], str]
    default: object


def choice(name: str, key: str, options: Sequence, default=None) -> Param:
    texts = {str(o): o for o in options}

    def parse(raw: str):
        if raw not in texts:
            raise ValueError(raw)
        return texts[raw]

    return Param(name, key, parse, str, options[0] if default is None else default)


def choices(name: str, key: str, options: Sequence[str], default: Sequence[str] = ()) -> Param:
    def parse(raw: str) -> list[str]:
        items = [x for x in raw.split(",") if x]
        if any(x not in options for x in items):
            raise ValueError(raw)
        return items

    return Param(name, key, parse, lambda v: ",".join(v), list(default))


def number(name: str, key: str, low: float, high: float, default: float, kind: type = int) -> Param:
    def parse(raw: str):
        value = kind(raw)
        if not low <= value <= high:
            raise ValueError(raw)
        return value

    return Param(name, key, parse, lambda v: f"{v:g}" if kind is float else str(v), default)


def flag(name: str, key: str) -> Param:
    def parse(raw: str) -> bool:
        if raw not in ("0", "1"):
            raise ValueError(raw)
        return raw == "1"

    return Param(name, key, parse, lambda v: "1" if v else "0", False)


def restore(params: Sequence[Param], lang: str) -> None:
    """Give each widget its starting value through session state (so widgets are created without one)."""
    for p in params:
        if p.key in st.session_state:
            continue
        raw = st.query_params.get(p.name, st.session_state.get(_MEMORY + p.name))
        value = p.default
        if raw is not None:
            try:
                value = p.parse(raw)
            except ValueError:
                st.sidebar.warning(t("sidebar.bad_param", lang, name=p.name, value=md(raw)))
        st.session_state[p.key] = list(value) if isinstance(value, list) else value


def publish(params: Sequence[Param]) -> None:
    for p in params:
        value = st.session_state.get(p.key, p.default)
        if value is None or value == p.default:
            st.query_params.pop(p.name, None)
            st.session_state.pop(_MEMORY + p.name, None)
        else:
            st.query_params[p.name] = st.session_state[_MEMORY + p.name] = p.show(value)
